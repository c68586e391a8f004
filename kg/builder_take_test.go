package kg

import (
	"encoding/json"
	"testing"
)

// TestTakeGraphEqualsGraph: moving the graph out of a builder gives what copying gives.
func TestTakeGraphEqualsGraph(t *testing.T) {
	build := func() *Builder {
		b := NewBuilder()
		ev := func(doc string, s int) Evidence { return Evidence{Document: doc, Quote: "q", Start: s, End: s + 1} }
		b.Node(Node{ID: "org:b", Label: Organisation, Name: "B", Aliases: []string{"Bee", "Bé"}, Mentions: []Evidence{ev("d2", 5), ev("d1", 3), ev("d1", 3)}})
		b.Node(Node{ID: "org:a", Label: Organisation, Name: "A", Props: map[string]any{PropKind: "NGO"}})
		b.Node(Node{ID: "org:a", Label: Organisation, Name: "Aa", Mentions: []Evidence{ev("d1", 1)}})
		b.Edge(Edge{Type: MemberOf, From: "org:b", To: "org:a", Evidence: []Evidence{ev("d2", 9), ev("d1", 2)}})
		b.Edge(Edge{Type: MemberOf, From: "org:b", To: "org:a", Evidence: []Evidence{ev("d1", 2)}})
		b.Edge(Edge{Type: PartOf, From: "org:b", To: "org:missing", Evidence: []Evidence{ev("d1", 2)}})
		return b
	}
	copied, _ := json.Marshal(build().Graph())
	taken, _ := json.Marshal(build().TakeGraph())
	if string(copied) != string(taken) {
		t.Errorf("TakeGraph\n%s\nGraph\n%s", taken, copied)
	}
}
