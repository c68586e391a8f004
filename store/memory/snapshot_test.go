package memory

import (
	"reflect"
	"testing"
	"unsafe"

	"beleidsgraaf/kg"
)

// TestSharedProps: equal maps of strings share one copy; maps that differ, even only in how
// their keys and values split one string, or that hold anything but strings, do not.
func TestSharedProps(t *testing.T) {
	same := func(a, b map[string]any) bool { return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() }
	tests := []struct {
		name   string
		a, b   map[string]any
		shared bool
	}{
		{"equal", map[string]any{"since": "2024-01-01"}, map[string]any{"since": "2024-01-01"}, true},
		{"equal, two keys", map[string]any{"since": "2024-01-01", "x": "y"}, map[string]any{"x": "y", "since": "2024-01-01"}, true},
		{"another value", map[string]any{"since": "2024-01-01"}, map[string]any{"since": "2024-01-02"}, false},
		{"another key", map[string]any{"since": "2024-01-01"}, map[string]any{"until": "2024-01-01"}, false},
		{"split elsewhere", map[string]any{"ab": "c"}, map[string]any{"a": "bc"}, false},
		{"a key more", map[string]any{"a": "b"}, map[string]any{"a": "b", "c": "d"}, false},
		{"not only strings", map[string]any{"a": "b", "n": int64(1)}, map[string]any{"a": "b", "n": int64(1)}, false},
		{"a list", map[string]any{"a": []string{"b"}}, map[string]any{"a": []string{"b"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := sharedProps{}
			a, b := sp.of(tt.a, sharedValues{}), sp.of(tt.b, sharedValues{})
			if same(a, tt.a) || same(b, tt.b) {
				t.Fatal("a map is kept, not copied")
			}
			if !reflect.DeepEqual(a, tt.a) || !reflect.DeepEqual(b, tt.b) {
				t.Fatalf("copies differ: %v, %v", a, b)
			}
			if same(a, b) != tt.shared {
				t.Errorf("shared = %v, want %v", same(a, b), tt.shared)
			}
		})
	}
	if (sharedProps{}).of(nil, sharedValues{}) != nil || (sharedProps{}).of(map[string]any{}, sharedValues{}) != nil {
		t.Error("an empty map is not nil")
	}
}

// TestBuildPacksEvidence: the snapshot's evidence is its own, one edge's cannot grow into the
// next one's, an edge's ends are its nodes' IDs, edges of one date share their map, and
// nodes of one kind its value.
func TestBuildPacksEvidence(t *testing.T) {
	ev := func(doc string, start int) kg.Evidence {
		return kg.Evidence{Document: doc, Quote: "q", Start: start, End: start + 1}
	}
	since := map[string]any{kg.PropSince: "2024-01-01"}
	g := &kg.Graph{
		Nodes: []kg.Node{
			{ID: "doc:a", Label: kg.Document, Name: "a", Mentions: []kg.Evidence{ev("doc:a", 0)}},
			{ID: "org:b", Label: kg.Organisation, Name: "b", Mentions: []kg.Evidence{ev("doc:a", 1), ev("doc:a", 2)},
				Props: map[string]any{kg.PropKind: string([]byte("NGO"))}},
			{ID: "org:c", Label: kg.Organisation, Name: "c", Props: map[string]any{kg.PropKind: string([]byte("NGO"))}},
		},
		Edges: []kg.Edge{
			{Type: kg.Mentions, From: string([]byte("doc:a")), To: string([]byte("org:b")), Props: since, Evidence: []kg.Evidence{ev("doc:a", 1)}},
			{Type: kg.Mentions, From: string([]byte("doc:a")), To: string([]byte("org:c")), Props: map[string]any{kg.PropSince: "2024-01-01"}, Evidence: []kg.Evidence{ev("doc:a", 3), ev("doc:a", 4)}},
		},
	}
	s := build(g)
	e0, e1 := &s.edges[0], &s.edges[1]
	_ = append(e0.Evidence, ev("doc:x", 9))
	if e1.Evidence[0] != ev("doc:a", 3) {
		t.Errorf("an append to one edge's evidence wrote into the next's: %v", e1.Evidence)
	}
	g.Edges[0].Evidence[0].Quote, g.Nodes[1].Mentions[0].Quote = "changed", "changed"
	if e0.Evidence[0].Quote != "q" || s.nodes[s.byID["org:b"]].Mentions[0].Quote != "q" {
		t.Error("the snapshot's evidence is the caller's")
	}
	if s.nodes[2].Mentions != nil || len(s.nodes[1].Mentions) != 2 {
		t.Errorf("mentions: %v, %v", s.nodes[1].Mentions, s.nodes[2].Mentions)
	}
	if unsafe.StringData(e0.From) != unsafe.StringData(s.nodes[s.byID["doc:a"]].ID) ||
		unsafe.StringData(e1.To) != unsafe.StringData(s.nodes[s.byID["org:c"]].ID) {
		t.Error("an edge's ends are not its nodes' IDs")
	}
	if reflect.ValueOf(e0.Props).Pointer() != reflect.ValueOf(e1.Props).Pointer() {
		t.Error("edges of one date do not share their properties")
	}
	since[kg.PropSince] = "2020-01-01"
	if e1.Props[kg.PropSince] != "2024-01-01" {
		t.Error("the snapshot's properties are the caller's")
	}
	b, c := s.nodes[s.byID["org:b"]].Props[kg.PropKind], s.nodes[s.byID["org:c"]].Props[kg.PropKind]
	if b != "NGO" || c != "NGO" || boxOf(b) != boxOf(c) {
		t.Errorf("nodes of one kind do not share its value: %v at %p, %v at %p", b, boxOf(b), c, boxOf(c))
	}
	g.Nodes[1].Props[kg.PropKind] = "changed"
	if s.nodes[s.byID["org:b"]].Props[kg.PropKind] != "NGO" {
		t.Error("the snapshot's properties are the caller's")
	}
}

// boxOf is where an interface's value is boxed.
func boxOf(v any) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] }
