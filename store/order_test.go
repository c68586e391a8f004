package store

import (
	"errors"
	"reflect"
	"testing"

	"beleidsgraaf/kg"
)

func TestEffectiveOrder(t *testing.T) {
	tests := []struct {
		in   []Order
		want string
	}{
		{nil, "name,id"},
		{[]Order{{Field: FieldName, Desc: true}}, "name:desc,id"},
		{[]Order{{Field: FieldDate, Desc: true}}, "date:desc,name,id"},
		{[]Order{{Field: FieldDegree}, {Field: FieldName}}, "degree,name,id"},
		{[]Order{{Field: FieldID, Desc: true}, {Field: FieldName}}, "id:desc"},
		{[]Order{{Field: FieldNumber}, {Field: FieldID}}, "number,id"},
	}
	for _, tc := range tests {
		got, err := EffectiveOrder(tc.in)
		if err != nil || OrderSignature(got) != tc.want {
			t.Errorf("EffectiveOrder(%v) = %q, %v; want %q", tc.in, OrderSignature(got), err, tc.want)
		}
	}
	for _, bad := range [][]Order{{{Field: FieldLabel}}, {{Field: "x"}}, {{Field: FieldDate}, {Field: FieldDate, Desc: true}}} {
		if _, err := EffectiveOrder(bad); !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("EffectiveOrder(%v): error %v, want ErrInvalidQuery", bad, err)
		}
	}
}

func TestCompareSortValuesMissingLast(t *testing.T) {
	for _, desc := range []bool{false, true} {
		order := []Order{{Field: FieldDate, Desc: desc}, {Field: FieldID}}
		dated := []any{"2024-01-01", "a"}
		undated := []any{nil, "a"}
		if CompareSortValues(order, dated, undated) >= 0 || CompareSortValues(order, undated, dated) <= 0 {
			t.Errorf("desc=%v: a missing date must sort last", desc)
		}
		if CompareSortValues(order, undated, []any{nil, "b"}) >= 0 {
			t.Errorf("desc=%v: missing values tie, then ID decides", desc)
		}
	}
}

func TestSortValues(t *testing.T) {
	n := &kg.Node{ID: "doc:1", Name: "Brief", Props: map[string]any{kg.PropDate: "2024-02-02", kg.PropNumber: "12", kg.PropKind: int64(7)}}
	order := []Order{{Field: FieldDate}, {Field: FieldNumber}, {Field: FieldDegree}, {Field: FieldKind}, {Field: FieldName}, {Field: FieldID}}
	got := SortValues(order, n, "brief", 3)
	// A number stored as a string, and a string field holding a number, are of the wrong
	// kind: missing.
	want := []any{"2024-02-02", nil, int64(3), nil, "brief", "doc:1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestNameKeysAndDegrees(t *testing.T) {
	n := &kg.Node{Name: "Coördinatiecentrum tegen Mensenhandel", Aliases: []string{"Stichting CoMensha", "coordinatiecentrum  tegen mensenhandel"},
		Props: map[string]any{kg.PropAbbreviation: "CoMensha"}}
	want := []string{"coordinatiecentrum tegen mensenhandel", "stichting comensha", "comensha"}
	if got := NameKeys(n); !reflect.DeepEqual(got, want) {
		t.Errorf("NameKeys = %q, want %q", got, want)
	}
	g := &kg.Graph{Edges: []kg.Edge{{From: "a", To: "b"}, {From: "a", To: "a"}, {From: "b", To: "a"}}}
	if got := Degrees(g); !reflect.DeepEqual(got, map[string]int{"a": 3, "b": 2}) {
		t.Errorf("Degrees = %v", got)
	}
}
