package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

func TestNormalize(t *testing.T) {
	in := &Filter{And: []*Filter{
		{Field: FieldName, Op: OpIn, Value: []string{"Coördinatie", "CKM"}},
		{Field: FieldNumber, Op: OpIn, Value: []int{6, 4, 6}},
		{Field: FieldNumber, Op: OpGte, Value: 4},
		{Rel: &RelFilter{Types: []kg.RelType{kg.Holds}, Other: &Filter{Field: FieldLabel, Op: OpEq, Value: kg.Action}}},
		{Not: &Filter{}},
	}}
	want := &Filter{And: []*Filter{
		{Field: FieldName, Op: OpIn, Value: []string{"ckm", "coordinatie"}}, // sorted, without repeats
		{Field: FieldNumber, Op: OpIn, Value: []int64{4, 6}},
		{Field: FieldNumber, Op: OpGte, Value: int64(4)},
		{Rel: &RelFilter{Types: []kg.RelType{kg.Holds}, Direction: Both, Other: &Filter{Field: FieldLabel, Op: OpEq, Value: "Action"}}},
		{Not: &Filter{}},
	}}
	got, err := in.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	if in.And[0].Value.([]string)[0] != "Coördinatie" {
		t.Error("Normalize changed its input")
	}
}

func TestNormalizeRejects(t *testing.T) {
	for name, f := range map[string]*Filter{
		"degree":              {Field: FieldDegree, Op: OpEq, Value: int64(1)},
		"op":                  {Field: FieldKind, Op: "LIKE", Value: "x"},
		"value kind":          {Field: FieldDate, Op: OpEq, Value: 2024},
		"label":               {Field: FieldLabel, Op: OpIn, Value: []string{"Action", "Nope"}},
		"two set":             {And: []*Filter{{}}, Or: []*Filter{{}}},
		"op and value":        {Op: OpEq, Rel: &RelFilter{}},
		"rel type":            {Rel: &RelFilter{Types: []kg.RelType{"X"}}},
		"deep":                {Not: &Filter{Or: []*Filter{{Rel: &RelFilter{Other: &Filter{Field: "x"}}}}}},
		"as of, not a status": {Field: FieldDate, Op: OpEq, Value: "2024-01-01", AsOf: "2024-01-01"},
		"as of, no date":      {Field: FieldStatus, Op: OpEq, Value: "ADOPTED", AsOf: "2024-13-01"},
		"as of, no field":     {Not: &Filter{Field: FieldStatus, Op: OpEq, Value: "ADOPTED"}, AsOf: "2024-01-01"},
		"rel as of, no date":  {Rel: &RelFilter{AsOf: "gisteren"}},
	} {
		if _, err := f.Normalize(); !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("%s: error %v, want ErrInvalidQuery", name, err)
		}
	}
}

func TestMatch(t *testing.T) {
	n := &kg.Node{ID: "doc:1", Label: kg.Document, Name: "Brief", Props: map[string]any{kg.PropDate: "2024-02-02", kg.PropNumber: int64(7)}}
	noRel := func(*RelFilter) bool { return false }
	tests := []struct {
		f    *Filter
		want bool
	}{
		{nil, true},
		{&Filter{}, true},
		{&Filter{Field: FieldDossier, Op: OpEq, Value: "x"}, false},
		{&Filter{Not: &Filter{Field: FieldDossier, Op: OpEq, Value: "x"}}, true}, // missing: false, so Not is true
		{&Filter{Field: FieldName, Op: OpContains, Value: "brie"}, true},
		{&Filter{Field: FieldNumber, Op: OpLte, Value: 7}, true},
		{&Filter{Field: FieldDate, Op: OpLte, Value: "2024-01-31"}, false},
		{&Filter{Or: []*Filter{{Field: FieldID, Op: OpEq, Value: "x"}, {Rel: &RelFilter{}}}}, false},
	}
	for i, tc := range tests {
		f, err := tc.f.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Match(n, "brief", []string{"brief"}, noRel); got != tc.want {
			t.Errorf("%d: Match = %v, want %v", i, got, tc.want)
		}
	}
}

// A value of the wrong kind is refused with what the field needs.
func TestNormalizeNamesTheValueKind(t *testing.T) {
	for _, c := range []struct {
		f    *Filter
		want string
	}{
		{&Filter{Field: FieldDate, Op: OpEq, Value: 2024}, `field "date" EQ needs a string`},
		{&Filter{Field: FieldLabel, Op: OpIn, Value: "Action"}, `field "label" IN needs a list of strings`},
	} {
		_, err := c.f.Normalize()
		if !errors.Is(err, ErrInvalidQuery) || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one ending %q", c.f, err, c.want)
		}
	}
}
