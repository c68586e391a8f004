package loader

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"beleidsgraaf/gen"
)

// BenchmarkLoadGenerated measures the loader on synthetic corpora of growing size (package
// gen), in MB/s and documents/s, to show how its cost grows with the corpus. The sizes are
// set by BENCH_LOADER_DOCS (comma-separated; default "100,1000"); bench/run.sh runs the full
// scale series (up to 10 000 documents) with peak memory in its own processes.
func BenchmarkLoadGenerated(b *testing.B) {
	sizes := []int{100, 1000}
	if s := os.Getenv("BENCH_LOADER_DOCS"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n <= 0 {
				b.Fatalf("BENCH_LOADER_DOCS: bad size %q", f)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var files []File
			size := 0
			for _, f := range gen.Corpus(1, n) {
				files = append(files, File{Name: f.Name, Data: f.Data})
				size += len(f.Data)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, errs := Load(files); len(errs) > 0 {
					b.Fatal(errs[0])
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
