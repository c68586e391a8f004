package graph

import (
	"strings"
	"testing"

	"beleidsgraaf/graph/model"
)

// The functions of plain fields (graph/codegen/plain.go sizeOf) count a field's bytes
// without boxing its value: len+2 for a string, 2+3n for a slice of n objects and a
// constant 8 for the other types plain fields have. Those must be
// what resultSize gives for the boxed value, as the middleware counts every other field,
// or the byte and cost limits would fall at another place for leaves.
func TestPlainSizesAreResultSizes(t *testing.T) {
	date := model.Date("2024-01-31")
	label := model.Label("Organisation")
	text := "Fier"
	for _, c := range []struct {
		name string
		v    any
		want int64
	}{
		{"string", "Comensha", int64(len("Comensha")) + 2},
		{"*string", &text, int64(len(text)) + 2},
		{"nil *string", (*string)(nil), 4},
		{"enum", label, 8},
		{"*enum", &label, 8},
		{"nil *enum", (*model.Label)(nil), 8},
		{"*Date", &date, 8},
		{"nil *Date", (*model.Date)(nil), 8},
		{"int", 7, 8},
		{"*int", new(int), 8},
		{"bool", true, 8},
		{"float64", 0.5, 8},
		{"[]*Edge", make([]*model.Edge, 5), 2 + 3*5},
		{"nil []*Edge", []*model.Edge(nil), 2},
		{"*Document", &model.Document{}, 8},
		{"nil *Document", (*model.Document)(nil), 8},
	} {
		if got := resultSize(c.v); got != c.want {
			t.Errorf("%s: resultSize %d, the plain field counts %d", c.name, got, c.want)
		}
	}
	// Texts are counted by functions of their own, which must count as resultSize does.
	for _, v := range []*string{nil, &text, new(string)} {
		if textSize(v) != resultSize(v) {
			t.Errorf("textSize(%v) = %d, resultSize %d", v, textSize(v), resultSize(v))
		}
	}
	for _, v := range [][]string{nil, {}, {"a"}, {"Fier", "", "Comensha"}} {
		if textsSize(v) != int64(2+3*len(v))+int64(len(strings.Join(v, ""))) {
			t.Errorf("textsSize(%q) = %d", v, textsSize(v))
		}
	}
}
