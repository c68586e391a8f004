package model

import (
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
			switch w := Wrap(n).(type) {
			case *Document:
				got = w.Citation()
			case *Motion:
				got = w.Citation()
			}
			if (got == nil) != (c.want == "") || got != nil && *got != c.want {
				t.Errorf("%s, %s: %v, want %q", c.name, label, deref(got), c.want)
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
