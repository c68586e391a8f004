package memory

import (
	"context"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/storetest"
)

// TestEqualitiesAgreeWithMatch: the column test of a filter answers as store.Filter.Match
// for every node of the conformance fixture, and filters it cannot answer are left to Match.
func TestEqualitiesAgreeWithMatch(t *testing.T) {
	st := New()
	ctx := context.Background()
	if err := st.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	sn, _ := st.snap(ctx)
	eq := func(field store.Field, v any) *store.Filter {
		return &store.Filter{Field: field, Op: store.OpEq, Value: v}
	}
	kind := store.Field(kg.PropKind)
	tests := []struct {
		name    string
		f       *store.Filter
		columns bool // answered by columns, not left to Match
	}{
		{"kind", eq(kind, "NGO"), true},
		{"kind of another label", eq(kind, kg.PersonMP), true},
		{"kind nobody has", eq(kind, "NONE"), true},
		{"empty string", eq(kind, ""), true},
		{"a property nobody has", eq("nothing", "x"), true},
		{"two equalities", &store.Filter{And: []*store.Filter{eq(kind, "MP"), eq(store.Field(kg.PropParty), "ChristenUnie")}}, true},
		{"abbreviation", eq(store.Field(kg.PropAbbreviation), "CKM"), true},
		{"a number property", eq(store.FieldNumber, int64(6)), false},
		{"the name", eq(store.FieldName, "comensha"), false},
		{"the id", eq(store.FieldID, "org:comensha"), false},
		{"the label", eq(store.FieldLabel, string(kg.Organisation)), false},
		{"a status as of a date", &store.Filter{Field: store.FieldStatus, Op: store.OpEq, Value: "ADOPTED", AsOf: "2023-01-01"}, false},
		{"not equal", &store.Filter{Not: eq(kind, "NGO")}, false},
		{"or", &store.Filter{Or: []*store.Filter{eq(kind, "NGO"), eq(kind, "POLICE")}}, false},
		{"contains", &store.Filter{Field: kind, Op: store.OpContains, Value: "G"}, false},
		{"an equality and a relation", &store.Filter{And: []*store.Filter{eq(kind, "NGO"), {Rel: &store.RelFilter{}}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test := sn.equalities(tc.f)
			if (test != nil) != tc.columns {
				t.Fatalf("answered by columns: %v, want %v", test != nil, tc.columns)
			}
			if test == nil {
				return
			}
			matched := 0
			for i := range sn.nodes {
				want := sn.match(tc.f, int32(i))
				if got := test(int32(i)); got != want {
					t.Errorf("%s: columns say %v, Match %v", sn.nodes[i].ID, got, want)
				}
				if want {
					matched++
				}
			}
			t.Logf("%d of %d nodes match", matched, len(sn.nodes))
		})
	}
}
