package kg

import "testing"

// TestStampSince: a document from its own date, another node from its earliest dated
// mention, an edge from its earliest dated evidence; undated evidence gives no date.
func TestStampSince(t *testing.T) {
	ev := func(doc string) Evidence { return Evidence{Document: doc, Quote: "q"} }
	g := &Graph{
		Nodes: []Node{
			// only undated mentions, a dated step: in the graph from that step
			{ID: "commitment:1", Label: Commitment, Mentions: []Evidence{ev("doc:c")}, Props: map[string]any{PropStatusHistory: []string{
				`{"status":"MADE","date":"2022-05-01","evidence":{"document":"doc:c"}}`}}},
			{ID: "doc:a", Label: Document, Props: map[string]any{PropDate: "2024-02-02"}, Mentions: []Evidence{ev("doc:b")}},
			{ID: "doc:b", Label: Document, Props: map[string]any{PropDate: "2023-12-18"}},
			{ID: "doc:c", Label: Document, Props: map[string]any{}},
			// submitted before the letter that first mentions it; its later step changes nothing
			{ID: "motion:1", Label: Motion, Mentions: []Evidence{ev("doc:b")}, Props: map[string]any{PropStatusHistory: []string{
				`{"status":"ADOPTED","date":"2024-01-09","evidence":{"document":"doc:a"}}`,
				`{"status":"SUBMITTED","date":"2023-09-27","evidence":{"document":"doc:b"}}`,
				`{"status":"HELD","evidence":{"document":"doc:b"}}`}}},
			// a step after its first mention: the mention stands
			{ID: "motion:2", Label: Motion, Mentions: []Evidence{ev("doc:b")}, Props: map[string]any{PropStatusHistory: []string{
				`{"status":"ADOPTED","date":"2024-01-09","evidence":{"document":"doc:a"}}`}}},
			{ID: "org:x", Label: Organisation, Props: map[string]any{}, Mentions: []Evidence{ev("doc:a"), ev("doc:b"), ev("doc:c")}},
			{ID: "org:y", Label: Organisation, Props: map[string]any{}, Mentions: []Evidence{ev("doc:c")}},
		},
		Edges: []Edge{
			{Type: Mentions, From: "doc:a", To: "org:x", Evidence: []Evidence{ev("doc:a")}},
			{Type: Mentions, From: "doc:c", To: "org:y", Evidence: []Evidence{ev("doc:c")}},
		},
	}
	StampSince(g)
	for _, c := range []struct{ id, want string }{{"doc:a", "2024-02-02"}, {"doc:b", "2023-12-18"}, {"doc:c", ""}, {"org:x", "2023-12-18"}, {"org:y", ""},
		{"motion:1", "2023-09-27"}, {"motion:2", "2023-12-18"}, {"commitment:1", "2022-05-01"}} {
		if got := g.Node(c.id).Str(PropSince); got != c.want {
			t.Errorf("%s since %q, want %q", c.id, got, c.want)
		}
	}
	if got, _ := g.Edges[0].Props[PropSince].(string); got != "2024-02-02" {
		t.Errorf("edge since %q", got)
	}
	if _, set := g.Edges[1].Props[PropSince]; set {
		t.Error("an edge with undated evidence has a since")
	}
}
