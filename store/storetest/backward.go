package storetest

import (
	"fmt"
	"slices"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Paging both ways: for every label, every order and every page size, walking a list
// forward (First/After) and backward (Last/Before, from the end) must each yield the
// whole list exactly once, in list order: no gap, no duplicate. The same for the
// neighbours of every node in every direction.

// walkForward pages through q with First: size and returns the IDs in order.
func walkForward(t *testing.T, s store.Store, q store.ListQuery, size int) []string {
	t.Helper()
	q.First, q.After = size, ""
	var ids []string
	for range 100 {
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		ids = append(ids, nodeIDs(p.Nodes)...)
		if p.HasPreviousPage {
			t.Errorf("forward page says HasPreviousPage (the store only says it paging backward)")
		}
		if !p.HasNextPage {
			return ids
		}
		q.After = p.EndCursor
	}
	t.Fatal("more than 100 pages")
	return nil
}

// walkBackward pages through q from the end with Last: size, each page before the first
// cursor of the page after it, and returns the IDs in list order.
func walkBackward(t *testing.T, s store.Store, q store.ListQuery, size int) []string {
	t.Helper()
	q.Last, q.Before = size, ""
	var pages [][]string
	for range 100 {
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		if len(p.Nodes) > size || len(p.Cursors) != len(p.Nodes) {
			t.Fatalf("backward page of %d nodes and %d cursors for Last %d", len(p.Nodes), len(p.Cursors), size)
		}
		if p.HasNextPage {
			t.Errorf("backward page says HasNextPage (the store only says it paging forward)")
		}
		if len(p.Cursors) > 0 && p.EndCursor != p.Cursors[len(p.Cursors)-1] {
			t.Errorf("EndCursor %q, want the last cursor", p.EndCursor)
		}
		pages = append(pages, nodeIDs(p.Nodes))
		if !p.HasPreviousPage {
			break
		}
		if len(p.Cursors) != size {
			t.Fatalf("a page of %d before more rows, want %d", len(p.Cursors), size)
		}
		q.Before = p.Cursors[0]
	}
	var ids []string
	for i := len(pages) - 1; i >= 0; i-- {
		ids = append(ids, pages[i]...)
	}
	return ids
}

func testListBothWays(t *testing.T, s store.Store) {
	orders := [][]store.Order{nil}
	for _, f := range []store.Field{store.FieldID, store.FieldName, store.FieldDate, store.FieldNumber, store.FieldDegree} {
		for _, desc := range []bool{false, true} {
			orders = append(orders, []store.Order{{Field: f, Desc: desc}})
		}
	}
	orders = append(orders,
		[]store.Order{{Field: store.FieldDate, Desc: true}, {Field: store.FieldNumber}},
		[]store.Order{{Field: store.FieldNumber, Desc: true}, {Field: store.FieldName, Desc: true}})
	filters := []*store.Filter{nil, {Field: store.FieldName, Op: store.OpContains, Value: "e"}}
	// Every label at once; documents (dates and numbers, some missing); organisations
	// (degrees); actielijnen (numbers); an empty label. Every label would take a minute
	// over Neo4j and add no other kind of value.
	labels := []kg.Label{"", kg.Document, kg.Organisation, kg.Actielijn, kg.Party}
	for _, label := range labels {
		for _, order := range orders {
			for fi, where := range filters {
				q := store.ListQuery{Label: label, Order: order, Where: where}
				all := list(t, s, q)
				for _, size := range pageSizes(len(all)) {
					name := fmt.Sprintf("%s/%s/filter %d/size %d", label, fmt.Sprint(order), fi, size)
					if got := walkForward(t, s, q, size); !slices.Equal(got, all) {
						t.Errorf("%s: forward %v, want %v", name, got, all)
					}
					if got := walkBackward(t, s, q, size); !slices.Equal(got, all) {
						t.Errorf("%s: backward %v, want %v", name, got, all)
					}
				}
			}
		}
	}

	t.Run("before an item cursor: the items before it", func(t *testing.T) {
		q := store.ListQuery{Label: kg.Organisation}
		all := list(t, s, q)
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		back, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, Last: 2, Before: p.Cursors[3], WithTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "ids", nodeIDs(back.Nodes), all[1:3])
		equal(t, "has previous page", back.HasPreviousPage, true)
		equal(t, "total", back.Total, len(all))
		first, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, Before: p.Cursors[0]})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "before the first", nodeIDs(first.Nodes), strs())
		equal(t, "before the first: has previous page", first.HasPreviousPage, false)
	})
	t.Run("forward and backward together are refused", func(t *testing.T) {
		_, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, First: 1, Last: 1})
		wantErr(t, "first and last", err, store.ErrInvalidQuery)
		_, err = s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, First: 1, Last: 1})
		wantErr(t, "neighbours first and last", err, store.ErrInvalidQuery)
		_, err = s.List(ctx, store.ListQuery{Label: kg.Organisation, Last: -1})
		wantErr(t, "negative last", err, store.ErrInvalidQuery)
	})
	t.Run("a bad before cursor", func(t *testing.T) {
		_, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, Before: "nonsense"})
		wantErr(t, "list", err, store.ErrBadCursor)
		_, err = s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, Before: "nonsense"})
		wantErr(t, "neighbours", err, store.ErrBadCursor)
	})
}

func testNeighboursBothWays(t *testing.T, s store.Store) {
	var ids []string
	for _, n := range Fixture().Nodes {
		ids = append(ids, n.ID)
	}
	for _, dir := range []store.Direction{store.Out, store.In, store.Both} {
		all, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: ids, Direction: dir})
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			want := neighbourLines(id, all[i])
			for size := 1; size <= len(want)+1; size++ {
				var fwd []string
				q := store.NeighbourQuery{IDs: []string{id}, Direction: dir, First: size}
				for range 100 {
					p := mustNeighbours(t, s, q)
					fwd = append(fwd, neighbourLines(id, p)...)
					if len(p) < size {
						break
					}
					q.After = p[len(p)-1].Cursor()
				}
				var pages [][]string
				q = store.NeighbourQuery{IDs: []string{id}, Direction: dir, Last: size}
				for range 100 {
					p := mustNeighbours(t, s, q)
					pages = append(pages, neighbourLines(id, p))
					if len(p) < size {
						break
					}
					q.Before = p[0].Cursor()
				}
				var back []string
				for j := len(pages) - 1; j >= 0; j-- {
					back = append(back, pages[j]...)
				}
				name := fmt.Sprintf("%s %s size %d", id, dir, size)
				if !slices.Equal(fwd, want) {
					t.Errorf("%s: forward %v, want %v", name, fwd, want)
				}
				if !slices.Equal(back, want) {
					t.Errorf("%s: backward %v, want %v", name, back, want)
				}
			}
		}
	}
}

// pageSizes are the page sizes to walk a list of n items with: every size from 1 to n+1;
// for the long lists (every label at once) the sizes that divide n unevenly and the edge
// cases, which keeps the walks over a real Neo4j to a few seconds.
func pageSizes(n int) []int {
	if n <= 12 {
		sizes := make([]int, n+1)
		for i := range sizes {
			sizes[i] = i + 1
		}
		return sizes
	}
	return []int{4, 5, 7, n / 2, n - 1, n, n + 1}
}

func mustNeighbours(t *testing.T, s store.Store, q store.NeighbourQuery) []store.Neighbour {
	t.Helper()
	got, err := s.Neighbours(ctx, q)
	if err != nil {
		t.Fatalf("Neighbours(%+v): %v", q, err)
	}
	return got[0]
}
