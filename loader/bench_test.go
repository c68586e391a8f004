package loader

import "testing"

// BenchmarkLoadCorpus measures the loader on the bundled corpus (MB/s via SetBytes).
func BenchmarkLoadCorpus(b *testing.B) {
	files, errs := ReadDirs("../corpus")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Load(files); len(Failures(errs)) > 0 {
			b.Fatal(errs)
		}
	}
}
