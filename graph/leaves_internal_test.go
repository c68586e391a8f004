package graph

import (
	"testing"

	"beleidsgraaf/graph/model"
)

// The leaf functions (graph/codegen/leaves.go sizeOf) count a leaf's bytes without boxing
// it: len+2 for a string and a constant 8 for the other types leaves have. Those must be
// what resultSize gives for the boxed value, as the middleware counts every other field,
// or the byte and cost limits would fall at another place for leaves.
func TestLeafSizesAreResultSizes(t *testing.T) {
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
	} {
		if got := resultSize(c.v); got != c.want {
			t.Errorf("%s: resultSize %d, the leaf counts %d", c.name, got, c.want)
		}
	}
}
