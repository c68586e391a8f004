package memory

import (
	"context"
	"fmt"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestSubsetCacheBound: lists of more equality values than the subset cache keeps still
// answer right, the cache stays within its bound and keeps the newest set, values nobody
// has are not kept, and tests on the sort key are left to the binary search.
func TestSubsetCacheBound(t *testing.T) {
	const dossiers = 2 * maxCachedSubsets
	b := kg.NewBuilder()
	for i := range 3 * dossiers {
		b.Node(kg.Node{ID: fmt.Sprintf("doc:%04d", i), Label: kg.Document, Name: fmt.Sprintf("Brief %d", i),
			Props: map[string]any{kg.PropDossier: fmt.Sprintf("%d", i%dossiers), kg.PropDate: fmt.Sprintf("2024-01-%02d", 1+i%28)}})
	}
	st := New()
	ctx := context.Background()
	if err := st.Replace(ctx, b.Graph()); err != nil {
		t.Fatal(err)
	}
	sn, _ := st.snap(ctx)
	order := []store.Order{{Field: store.FieldDate, Desc: true}}
	list := func(f *store.Filter) store.Page {
		t.Helper()
		page, err := st.List(ctx, store.ListQuery{Label: kg.Document, Order: order, First: 2, WithTotal: true, Where: f})
		if err != nil {
			t.Fatal(err)
		}
		return page
	}
	dossier := func(d string) *store.Filter {
		return &store.Filter{Field: store.FieldDossier, Op: store.OpEq, Value: d}
	}
	if page := list(&store.Filter{Field: store.FieldDate, Op: store.OpEq, Value: "2024-01-03"}); page.Total == 0 || len(sn.subsets.m) != 0 {
		t.Fatalf("a date on a list by date: total %d, %d subsets kept; want some, none", page.Total, len(sn.subsets.m))
	}
	for i := range 2 {
		for d := range dossiers {
			if page := list(dossier(fmt.Sprint(d))); page.Total != 3 || len(page.Nodes) != 2 || !page.HasNextPage {
				t.Fatalf("pass %d, dossier %d: total %d, %d nodes, next %v; want 3, 2, true", i, d, page.Total, len(page.Nodes), page.HasNextPage)
			}
			if n := len(sn.subsets.m); n > maxCachedSubsets {
				t.Fatalf("%d subsets kept, at most %d wanted", n, maxCachedSubsets)
			}
		}
	}
	if n := len(sn.subsets.m); n != maxCachedSubsets {
		t.Errorf("%d subsets kept, want %d", n, maxCachedSubsets)
	}
	last := subsetKey(kg.Document, mustOrder(t, order), []equalityTest{{field: string(store.FieldDossier), want: fmt.Sprint(dossiers - 1)}})
	if _, ok := sn.subsets.m[string(last)]; !ok {
		t.Errorf("the newest set is not kept")
	}

	for d := range dossiers {
		if page := list(dossier(fmt.Sprintf("x%d", d))); page.Total != 0 || len(page.Nodes) != 0 {
			t.Fatalf("a dossier nobody has: total %d, %d nodes", page.Total, len(page.Nodes))
		}
	}
	st2 := New()
	if err := st2.Replace(ctx, b.Graph()); err != nil {
		t.Fatal(err)
	}
	sn2, _ := st2.snap(ctx)
	for d := range dossiers {
		if rows := sn2.sortedPassing(kg.Document, order, []equalityTest{{string(store.FieldDossier), sn2.column(kg.PropDossier), fmt.Sprintf("x%d", d)}}); len(rows.rows) != 0 || len(rows.first) != 0 {
			t.Fatalf("a dossier nobody has: %d rows", len(rows.rows))
		}
	}
	if n := len(sn2.subsets.m); n != 0 {
		t.Errorf("%d subsets of values nobody has kept, want none", n)
	}
}

func mustOrder(t *testing.T, order []store.Order) []store.Order {
	t.Helper()
	o, err := store.EffectiveOrder(order)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestFirstsShared: orders that begin with the same field and direction share one array of
// first sort values, equal to what each order's own rows hold; others do not.
func TestFirstsShared(t *testing.T) {
	b := kg.NewBuilder()
	for i := range 50 {
		b.Node(kg.Node{ID: fmt.Sprintf("doc:%02d", i), Label: kg.Document, Name: fmt.Sprintf("Brief %d", i%7),
			Props: map[string]any{kg.PropDate: fmt.Sprintf("2024-01-%02d", 1+i%5)}})
	}
	st := New()
	if err := st.Replace(context.Background(), b.Graph()); err != nil {
		t.Fatal(err)
	}
	sn, _ := st.snap(context.Background())
	byDate := mustOrder(t, []store.Order{{Field: store.FieldDate, Desc: true}})
	byDateID := mustOrder(t, []store.Order{{Field: store.FieldDate, Desc: true}, {Field: store.FieldID, Desc: true}})
	byDateUp := mustOrder(t, []store.Order{{Field: store.FieldDate}})
	a, c, up := sn.sorted(kg.Document, byDate), sn.sorted(kg.Document, byDateID), sn.sorted(kg.Document, byDateUp)
	if &a.first[0] != &c.first[0] {
		t.Errorf("two orders by date, newest first, keep two arrays of dates")
	}
	if &a.first[0] == &up.first[0] {
		t.Errorf("orders by date in both directions share their dates")
	}
	for _, o := range []ordered{a, c, up} {
		for j, i := range o.rows {
			if o.first[j] != sn.nodes[i].Props[kg.PropDate] {
				t.Fatalf("row %d (%s): first value %v, its date %v", j, sn.nodes[i].ID, o.first[j], sn.nodes[i].Props[kg.PropDate])
			}
		}
	}
}
