package memory

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestSortKeyRangeAgreesWithScan: lists whose filter tests the sort key (alone, in an
// AND, twice, beside other tests) or string properties for equality (alone, two, beside
// ranges and other tests, values nobody has), in both directions, paged forward and
// backward with cursors and totals, answer what testing every row answers.
func TestSortKeyRangeAgreesWithScan(t *testing.T) {
	b := kg.NewBuilder()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		props := map[string]any{}
		if r.IntN(5) > 0 {
			props[kg.PropDate] = fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(3), 1+r.IntN(5))
		}
		if r.IntN(5) > 0 {
			props[kg.PropNumber] = int64(r.IntN(40))
		}
		if r.IntN(2) == 0 {
			props[kg.PropKind] = kg.DocLetter
		}
		if k := r.IntN(4); k > 0 {
			props[kg.PropStatus] = []string{"", "ADOPTED", "REJECTED", "ADOPTED "}[k]
		}
		b.Node(kg.Node{ID: fmt.Sprintf("doc:%03d", i), Label: kg.Document, Name: fmt.Sprintf("Brief %02d", r.IntN(50)), Props: props})
	}
	st := New()
	ctx := context.Background()
	if err := st.Replace(ctx, b.Graph()); err != nil {
		t.Fatal(err)
	}
	sn, _ := st.snap(ctx)
	kind := func(v string) *store.Filter { return &store.Filter{Field: store.FieldKind, Op: store.OpEq, Value: v} }
	status := func(v string) *store.Filter { return &store.Filter{Field: store.FieldStatus, Op: store.OpEq, Value: v} }
	tests := []func(int) *store.Filter{
		func(int) *store.Filter {
			return &store.Filter{Field: store.FieldDate, Op: store.OpGte, Value: "2024-02-03"}
		},
		func(int) *store.Filter {
			return &store.Filter{Field: store.FieldDate, Op: store.OpLte, Value: "2024-02-03"}
		},
		func(int) *store.Filter {
			return &store.Filter{Field: store.FieldDate, Op: store.OpEq, Value: "2024-02-03"}
		},
		func(int) *store.Filter {
			return &store.Filter{And: []*store.Filter{{Field: store.FieldDate, Op: store.OpGte, Value: "2024-01-04"},
				{Field: store.FieldDate, Op: store.OpLte, Value: "2024-03-02"}, {Field: store.FieldKind, Op: store.OpEq, Value: kg.DocLetter}}}
		},
		func(n int) *store.Filter {
			return &store.Filter{Field: store.FieldNumber, Op: store.OpGte, Value: int64(n)}
		},
		func(n int) *store.Filter {
			return &store.Filter{Field: store.FieldNumber, Op: store.OpLte, Value: int64(n)}
		},
		func(n int) *store.Filter {
			return &store.Filter{Field: store.FieldNumber, Op: store.OpEq, Value: int64(n)}
		},
		func(n int) *store.Filter {
			return &store.Filter{And: []*store.Filter{{Field: store.FieldNumber, Op: store.OpGte, Value: int64(n)},
				{Field: store.FieldNumber, Op: store.OpLte, Value: int64(n / 2)}}} // empty when n > 0
		},
		func(int) *store.Filter {
			return &store.Filter{Field: store.FieldName, Op: store.OpEq, Value: "brief 07"}
		},
		func(int) *store.Filter { return &store.Filter{Field: store.FieldID, Op: store.OpGte, Value: "doc:150"} },
		func(int) *store.Filter { return kind(kg.DocLetter) },
		func(int) *store.Filter { return kind("NONE") },
		func(int) *store.Filter {
			return &store.Filter{And: []*store.Filter{status("ADOPTED"), kind(kg.DocLetter)}}
		},
		func(int) *store.Filter {
			return &store.Filter{And: []*store.Filter{status("ADOPTED"), status("REJECTED")}}
		},
		func(n int) *store.Filter {
			return &store.Filter{And: []*store.Filter{kind(kg.DocLetter), {Field: store.FieldNumber, Op: store.OpLte, Value: int64(n)},
				{Field: store.FieldDate, Op: store.OpGte, Value: "2024-02-01"}, status("ADOPTED")}}
		},
		func(int) *store.Filter {
			return &store.Filter{And: []*store.Filter{kind(kg.DocLetter), {Field: store.FieldName, Op: store.OpContains, Value: "1"}}}
		},
		func(int) *store.Filter {
			return &store.Filter{And: []*store.Filter{kind(kg.DocLetter), {Not: status("ADOPTED")}}}
		},
		func(int) *store.Filter {
			return &store.Filter{Or: []*store.Filter{kind(kg.DocLetter), status("ADOPTED")}}
		},
	}
	fields := []store.Field{store.FieldDate, store.FieldNumber, store.FieldName, store.FieldID}
	for ti, mk := range tests {
		for _, field := range fields {
			for _, desc := range []bool{false, true} {
				q := store.ListQuery{Label: kg.Document, Where: mk(r.IntN(40)), Order: []store.Order{{Field: field, Desc: desc}},
					First: 1 + r.IntN(30), WithTotal: true}
				name := fmt.Sprintf("filter %d by %s desc %v", ti, field, desc)
				want := scanAll(t, sn, q)
				back := store.ListQuery{Label: q.Label, Where: q.Where, Order: q.Order, Last: q.First, WithTotal: true}
				for _, q := range []store.ListQuery{q, back} {
					name := fmt.Sprintf("%s, backward %v", name, q.Backward())
					if got := pageThrough(t, st, q, len(want), name); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
						t.Errorf("%s:\ngot  %v\nwant %v", name, got, want)
					}
				}
			}
		}
	}
}

// pageThrough reads every page of q, forward or backward, checking each page's total, and
// returns the IDs in the list's order.
func pageThrough(t *testing.T, st *Store, q store.ListQuery, total int, name string) []string {
	t.Helper()
	var got []string
	for {
		page, err := st.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != total {
			t.Errorf("%s: total %d, want %d", name, page.Total, total)
		}
		ids := make([]string, len(page.Nodes))
		for i, n := range page.Nodes {
			ids[i] = n.ID
		}
		if q.Backward() {
			got = append(ids, got...)
			if !page.HasPreviousPage {
				return got
			}
			q.Before = page.Cursors[0]
		} else {
			got = append(got, ids...)
			if !page.HasNextPage {
				return got
			}
			q.After = page.EndCursor
		}
	}
}

// scanAll is the list without ranges: every row of the label tested, then sorted.
func scanAll(t *testing.T, sn *snapshot, q store.ListQuery) []string {
	p, err := q.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	var rows []int32
	for _, i := range sn.rowsOf(p.Label) {
		if sn.match(p.Where, i) {
			rows = append(rows, i)
		}
	}
	slices.SortFunc(rows, func(a, b int32) int {
		return store.CompareSortValues(p.Order, sn.sortValues(p.Order, a), sn.sortValues(p.Order, b))
	})
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = sn.nodes[row].ID
	}
	return ids
}
