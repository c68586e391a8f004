package neo4j

import (
	"testing"

	"beleidsgraaf/store"
)

// TestCutKey: a list is cut on its first sort key only when every matching row has one.
func TestCutKey(t *testing.T) {
	date := &store.Filter{Field: store.FieldDate, Op: store.OpGte, Value: "2020-01-01"}
	kind := &store.Filter{Field: store.FieldKind, Op: store.OpEq, Value: "LETTER"}
	byDate := []store.Order{{Field: store.FieldDate, Desc: true}, {Field: store.FieldName}, {Field: store.FieldID}}
	byName := []store.Order{{Field: store.FieldName}, {Field: store.FieldID}}
	for _, tc := range []struct {
		name  string
		where *store.Filter
		order []store.Order
		want  bool
	}{
		{"name is always present", nil, byName, true},
		{"date compared at the top", date, byDate, true},
		{"date compared in an AND", &store.Filter{And: []*store.Filter{kind, date}}, byDate, true},
		{"date not compared", kind, byDate, false},
		{"date in an OR", &store.Filter{Or: []*store.Filter{kind, date}}, byDate, false},
		{"date under NOT", &store.Filter{Not: date}, byDate, false},
		{"status as of a date reads the steps", &store.Filter{Field: store.FieldStatus, Op: store.OpEq, Value: "ADOPTED", AsOf: "2024-01-01"},
			[]store.Order{{Field: store.FieldStatus}, {Field: store.FieldName}, {Field: store.FieldID}}, false},
		{"no order", nil, nil, false},
	} {
		if _, got := cutKey(store.PreparedList{Where: tc.where, Order: tc.order}); got != tc.want {
			t.Errorf("%s: cutKey = %v, want %v", tc.name, got, tc.want)
		}
	}
}
