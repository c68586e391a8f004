package graph

import (
	"encoding/json"
	"fmt"
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
	// 127 KB: a page of letters with their text; 7.6 KB: a list page as bench/run.sh asks it.
	for _, size := range []int{127_000, 7_600} {
		for _, enc := range []string{"gzip", "br"} {
			b.Run(fmt.Sprintf("%s/%dKB", enc, size/1000), func(b *testing.B) {
				in := body[:min(size, len(body))]
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				var out []byte
				for b.Loop() {
					out = compress(in, enc)
				}
				b.ReportMetric(float64(len(out)), "bytes-out")
			})
		}
	}
}
