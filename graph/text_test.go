package graph

import (
	"bytes"
	"io"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
)

// TestTextsMarshalAsGqlgen: a text writes what gqlgen's marshaller of its type writes, and
// boxing and writing it allocate nothing.
func TestTextsMarshalAsGqlgen(t *testing.T) {
	for _, s := range []string{"", "Comensha", `aan "de" Kamer`, "a\\b", "regel\nregel\ttab\r", "\x00\x1f\x7f", "Coördinatiecentrum – €", "\xff\xfe ongeldig", "\u2028\u2029"} {
		var want, got bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		text := s
		var m graphql.Marshaler = (*stringText)(&text)
		m.MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("string %q: %s, want %s", s, got.String(), want.String())
		}
	}
	for _, kl := range kg.Labels {
		l := model.Label(kl)
		var want, got bytes.Buffer
		l.MarshalGQL(&want)
		text := string(l)
		(*enumText[model.Label])(&text).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("label %s: %s, want %s", l, got.String(), want.String())
		}
	}
	a := newObjectAnswer(make([]graphql.CollectedField, 2))
	allocs := testing.AllocsPerRun(100, func() {
		p := a.text(0)
		*p = "Comensha"
		a.Values[0] = (*stringText)(p)
		a.Values[0].MarshalGQL(io.Discard)
		q := a.text(1)
		*q = string(kg.Organisation)
		a.Values[1] = (*enumText[model.Label])(q)
		a.Values[1].MarshalGQL(io.Discard)
	})
	if allocs != 0 {
		t.Errorf("%v allocations to box and write two texts", allocs)
	}
}
