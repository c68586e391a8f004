package neo4j

import (
	"testing"
	"time"
)

// BenchmarkReplace loads a synthetic graph of 20,000 nodes and 40,000 edges (documents
// with text, hubs, lists, evidence on everything) and reports elements (nodes + edges)
// written per second, the old generation's removal included. Needs NEO4J_URI.
func BenchmarkReplace(b *testing.B) {
	s := openTest(b, testConfig(b))
	g := synthGraph(20000, 40000, 1)
	elements := len(g.Nodes) + len(g.Edges)
	if err := s.Replace(ctx, g); err != nil { // warm up: plans, and an old generation to remove
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := s.Replace(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(elements*b.N)/time.Since(start).Seconds(), "elements/s")
}
