package graph

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCompressAnswer compresses an answer of the size the issue measured (127 KB: the
// bundled letters' text as a GraphQL answer), with each encoding HTTPCache uses.
func BenchmarkCompressAnswer(b *testing.B) {
	files, _ := filepath.Glob("../corpus/*.txt")
	var texts []string
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	body, _ := json.Marshal(map[string]any{"data": map[string]any{"texts": texts}})
	if len(body) > 127_000 {
		body = body[:127_000]
	}
	for _, enc := range []string{"gzip", "br"} {
		b.Run(enc, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			var out []byte
			for b.Loop() {
				out = compress(body, enc)
			}
			b.ReportMetric(float64(len(out)), "bytes-out")
		})
	}
}
