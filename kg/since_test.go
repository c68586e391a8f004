package kg

import "testing"

// TestStampSince: a document from its own date, another node from its earliest dated
// mention, an edge from its earliest dated evidence; undated evidence gives no date.
func TestStampSince(t *testing.T) {
	ev := func(doc string) Evidence { return Evidence{Document: doc, Quote: "q"} }
	g := &Graph{
		Nodes: []Node{
			{ID: "doc:a", Label: Document, Props: map[string]any{PropDate: "2024-02-02"}, Mentions: []Evidence{ev("doc:b")}},
			{ID: "doc:b", Label: Document, Props: map[string]any{PropDate: "2023-12-18"}},
			{ID: "doc:c", Label: Document, Props: map[string]any{}},
			{ID: "org:x", Label: Organisation, Props: map[string]any{}, Mentions: []Evidence{ev("doc:a"), ev("doc:b"), ev("doc:c")}},
			{ID: "org:y", Label: Organisation, Props: map[string]any{}, Mentions: []Evidence{ev("doc:c")}},
		},
		Edges: []Edge{
			{Type: Mentions, From: "doc:a", To: "org:x", Evidence: []Evidence{ev("doc:a")}},
			{Type: Mentions, From: "doc:c", To: "org:y", Evidence: []Evidence{ev("doc:c")}},
		},
	}
	StampSince(g)
	for _, c := range []struct{ id, want string }{{"doc:a", "2024-02-02"}, {"doc:b", "2023-12-18"}, {"doc:c", ""}, {"org:x", "2023-12-18"}, {"org:y", ""}} {
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
