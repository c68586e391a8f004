package store

import (
	"errors"
	"slices"
	"testing"

	"beleidsgraaf/kg"
)

func TestPropertyFields(t *testing.T) {
	want := []Field{FieldDate, FieldDateAdopted, FieldDateSubmitted, FieldDossier, FieldKind, FieldNumber, FieldSince, FieldStatus}
	if got := PropertyFields(); !slices.Equal(got, want) {
		t.Errorf("PropertyFields() = %v, want %v", got, want)
	}
	if !FieldNumber.IsInteger() || !FieldDegree.IsInteger() || FieldDateSubmitted.IsInteger() {
		t.Errorf("IsInteger: number %v, degree %v, dateSubmitted %v",
			FieldNumber.IsInteger(), FieldDegree.IsInteger(), FieldDateSubmitted.IsInteger())
	}
}

// The motion dates behave as date does: string operators, lexical (ISO) comparison, a
// missing value false in a comparison and last in either direction.
func TestMotionDateFields(t *testing.T) {
	motion := func(id, submitted string) *kg.Node {
		n := &kg.Node{ID: id, Label: kg.Motion, Name: id, Props: map[string]any{}}
		if submitted != "" {
			n.Props[kg.PropDateSubmitted] = submitted
		}
		return n
	}
	early, late, undated := motion("motion:1", "2023-09-27"), motion("motion:2", "2024-03-05"), motion("motion:3", "")
	for _, f := range []Field{FieldDateSubmitted, FieldDateAdopted} {
		for _, op := range []Op{OpEq, OpIn, OpGte, OpLte, OpContains, OpStartsWith} {
			v := any("2024-01-01")
			if op == OpIn {
				v = []string{"2024-01-01"}
			}
			if _, err := (&Filter{Field: f, Op: op, Value: v}).Normalize(); err != nil {
				t.Errorf("%s %s: %v", f, op, err)
			}
		}
		if _, err := (&Filter{Field: f, Op: OpGte, Value: int64(2024)}).Normalize(); !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("%s with an integer: %v, want ErrInvalidQuery", f, err)
		}
	}

	since, err := (&Filter{Field: FieldDateSubmitted, Op: OpGte, Value: "2023-10-01"}).Normalize()
	if err != nil {
		t.Fatal(err)
	}
	match := func(n *kg.Node, f *Filter) bool { return f.Match(n, NameKey(n), NameKeys(n), nil) }
	if match(early, since) || !match(late, since) || match(undated, since) || !match(undated, &Filter{Not: since}) {
		t.Errorf("dateSubmitted >= 2023-10-01 matched the wrong motions")
	}

	for _, desc := range []bool{false, true} {
		order, err := EffectiveOrder([]Order{{Field: FieldDateSubmitted, Desc: desc}})
		if err != nil {
			t.Fatal(err)
		}
		rows := []*kg.Node{undated, late, early}
		slices.SortFunc(rows, func(a, b *kg.Node) int {
			return CompareSortValues(order, SortValues(order, a, NameKey(a), 0), SortValues(order, b, NameKey(b), 0))
		})
		want := []*kg.Node{early, late, undated}
		if desc {
			want = []*kg.Node{late, early, undated}
		}
		if !slices.Equal(rows, want) {
			t.Errorf("order by dateSubmitted desc=%v: %s %s %s", desc, rows[0].ID, rows[1].ID, rows[2].ID)
		}
		// A cursor in this order round-trips, a missing value included.
		vals := SortValues(order, undated, NameKey(undated), 0)
		got, err := DecodeListCursor(EncodeListCursor(order, vals), order)
		if err != nil || got[0] != nil {
			t.Errorf("cursor of an undated motion: %v %v", got, err)
		}
	}
}
