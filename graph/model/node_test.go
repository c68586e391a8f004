package model

import (
	"fmt"
	"testing"

	"beleidsgraaf/kg"
)

// A citation is the one the loader stored, else built from the dossier and number, else
// none; documents and motions answer alike.
func TestCitation(t *testing.T) {
	for _, c := range []struct {
		name  string
		props map[string]any
		want  string // "": none
	}{
		{"stored", map[string]any{kg.PropCitation: "Kamerstuk 28 638, nr. 224", kg.PropDossier: "28 638", kg.PropNumber: int64(224)}, "Kamerstuk 28 638, nr. 224"},
		{"stored, as the source spelled it", map[string]any{kg.PropCitation: "Kamerstuk 28638-224", kg.PropDossier: "28 638", kg.PropNumber: int64(224)}, "Kamerstuk 28638-224"},
		{"built", map[string]any{kg.PropDossier: "28638", kg.PropNumber: int64(224)}, "Kamerstuk 28 638, nr. 224"},
		{"built, a dossier with a letter", map[string]any{kg.PropDossier: "36 200 VI", kg.PropNumber: int64(7)}, "Kamerstuk 36 200 VI, nr. 7"},
		{"no number", map[string]any{kg.PropDossier: "28 638"}, ""},
		{"no dossier", map[string]any{kg.PropNumber: int64(224)}, ""},
		{"nothing", nil, ""},
	} {
		for _, label := range []kg.Label{kg.Document, kg.Motion} {
			n := &kg.Node{ID: "x", Label: label, Props: c.props}
			var got *string
			var appended []byte
			var ok bool
			prefix := []byte("> ")
			switch w := Wrap(n).(type) {
			case *Document:
				got = w.Citation()
				appended, ok = w.AppendCitation(prefix)
			case *Motion:
				got = w.Citation()
				appended, ok = w.AppendCitation(prefix)
			}
			if (got == nil) != (c.want == "") || got != nil && *got != c.want {
				t.Errorf("%s, %s: %v, want %q", c.name, label, deref(got), c.want)
			}
			if ok != (c.want != "") || string(appended) != "> "+c.want {
				t.Errorf("%s, %s: appended %q, %v, want %q", c.name, label, appended, ok, "> "+c.want)
			}
		}
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// A batch's wrappers are each node's own, of its label's type, whatever the labels' order;
// nils stay nil, and an unknown label wraps to nil as Wrap's does.
func TestWrapperWrapsEachNodeAsWrap(t *testing.T) {
	labels := []kg.Label{kg.Motion, kg.Person, kg.Motion, kg.Document, kg.Event, kg.Motion, "Unknown", kg.Person}
	labels = append(labels, kg.Labels...)
	for _, l := range kg.Labels {
		if Wrap(&kg.Node{Label: l}) == nil {
			t.Errorf("label %s wraps to nil", l)
		}
	}
	var nodes []*kg.Node
	for i, l := range labels {
		nodes = append(nodes, &kg.Node{ID: fmt.Sprint(i), Label: l}, nil)
	}
	for _, size := range []int{0, 1, 3, len(nodes), 2 * len(nodes)} { // a batch's size is a hint
		w := NewWrapper(size)
		seen := map[Node]bool{}
		for i, n := range nodes {
			got, want := w.Wrap(n), Wrap(n)
			if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
				t.Fatalf("size %d, node %d: %T, Wrap gives %T", size, i, got, want)
			}
			if got == nil {
				continue
			}
			if got.KG() != n {
				t.Fatalf("size %d, node %d: wraps %v", size, i, got.KG())
			}
			if seen[got] {
				t.Fatalf("size %d, node %d: a wrapper given twice", size, i)
			}
			seen[got] = true
		}
	}
}

// A batch of one label costs one allocation, of two labels two.
func TestWrapperAllocatesASlabPerLabel(t *testing.T) {
	one, two := make([]*kg.Node, 100), make([]*kg.Node, 100)
	for i := range one {
		one[i] = &kg.Node{ID: fmt.Sprint(i), Label: kg.Motion}
		two[i] = &kg.Node{ID: fmt.Sprint(i), Label: []kg.Label{kg.Motion, kg.Person}[i%2]}
	}
	for _, c := range []struct {
		nodes []*kg.Node
		want  float64
	}{{one, 1}, {two, 2}} {
		got := testing.AllocsPerRun(10, func() {
			w := NewWrapper(len(c.nodes))
			for _, n := range c.nodes {
				sink = w.Wrap(n)
			}
		})
		if got != c.want {
			t.Errorf("%d labels: %v allocations, want %v", int(c.want), got, c.want)
		}
	}
}

var sink Node
