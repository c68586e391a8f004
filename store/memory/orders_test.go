package memory

import (
	"context"
	"fmt"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestSubsetCacheBound: lists of more equality values than the subset cache keeps still
// answer right, the cache stays within its bound, and values nobody has are not kept.
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
	list := func(dossier string) store.Page {
		t.Helper()
		page, err := st.List(ctx, store.ListQuery{Label: kg.Document, Order: order, First: 2, WithTotal: true,
			Where: &store.Filter{Field: store.FieldDossier, Op: store.OpEq, Value: dossier}})
		if err != nil {
			t.Fatal(err)
		}
		return page
	}
	for i := range 2 {
		for d := range dossiers {
			if page := list(fmt.Sprint(d)); page.Total != 3 || len(page.Nodes) != 2 || !page.HasNextPage {
				t.Fatalf("pass %d, dossier %d: total %d, %d nodes, next %v; want 3, 2, true", i, d, page.Total, len(page.Nodes), page.HasNextPage)
			}
		}
	}
	if n := len(sn.subsets.m); n != maxCachedSubsets {
		t.Errorf("%d subsets kept, want %d", n, maxCachedSubsets)
	}

	st2 := New()
	if err := st2.Replace(ctx, b.Graph()); err != nil {
		t.Fatal(err)
	}
	sn2, _ := st2.snap(ctx)
	for d := range dossiers {
		rows, ok := sn2.sortedPassing(kg.Document, order, []equalityTest{{string(store.FieldDossier), sn2.column(kg.PropDossier), fmt.Sprintf("x%d", d)}})
		if !ok || len(rows.rows) != 0 || len(rows.first) != 0 {
			t.Fatalf("a dossier nobody has: %d rows, %v; want 0, true", len(rows.rows), ok)
		}
	}
	if n := len(sn2.subsets.m); n != 0 {
		t.Errorf("%d subsets of values nobody has kept, want none", n)
	}
}
