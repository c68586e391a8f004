package dossiersync

import (
	"context"
	"testing"

	"beleidsgraaf/source/sourcetest"
)

// BenchmarkSync: a 260-Kamerstuk dossier (the size of 28 638) from the local stand-in, into
// an empty directory (first) and again (unchanged: listings only, nothing downloaded).
func BenchmarkSync(b *testing.B) {
	srv := sourcetest.New(sourcetest.Generate(260))
	defer srv.Close()
	var w waits
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			if _, err := Run(context.Background(), options(srv, dir, &w)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(260*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("unchanged", func(b *testing.B) {
		dir := b.TempDir()
		if _, err := Run(context.Background(), options(srv, dir, &w)); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := Run(context.Background(), options(srv, dir, &w))
			if err != nil || res.Fetched != 0 {
				b.Fatal(err, res)
			}
		}
	})
}
