package memory

import (
	"context"
	"slices"
	"sort"

	"beleidsgraaf/store"
)

// List implements store.Reader: narrow the sorted rows to those that pass the filter's
// equalities on string properties (orders.go), then to the run its tests on the sort key
// select (ranges.go); find the cursor's position in it, then scan forward (or, paging
// backward, back from the Before cursor), filtering with the rest of the filter, until
// First+1 (Last+1) rows are found: the extra row only says there is a next (previous) page.
func (s *Store) List(ctx context.Context, q store.ListQuery) (store.Page, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return store.Page{}, err
	}
	p, err := q.Prepare()
	if err != nil {
		return store.Page{}, err
	}
	// Tests on the sort key are left to sortKeyRange, which needs no rows of their own.
	var sorted ordered
	tests, where := sn.equalityPart(p.Where, p.Order[0].Field)
	if len(tests) > 0 {
		sorted = sn.sortedPassing(p.Label, p.Order, tests)
	} else {
		sorted = sn.sorted(p.Label, p.Order)
	}
	lo, hi, where := sortKeyRange(sorted, p.Order, where)
	rows := sorted.rows[lo:hi]
	position := func(cursor []any, inclusive bool) int {
		return sort.Search(len(rows), func(j int) bool {
			c := store.CompareSortValues(p.Order, sn.sortValues(p.Order, rows[j]), cursor)
			return c > 0 || inclusive && c == 0
		})
	}
	start, end := 0, len(rows)
	if p.After != nil {
		start = position(p.After, false)
	}
	if p.Before != nil {
		end = position(p.Before, true)
	}
	limit, step, j := p.First, 1, start
	if p.Backward {
		limit, step, j = p.Last, -1, end-1
	}
	matches := sn.equalities(where)
	switch {
	case where == nil:
		matches = func(int32) bool { return true }
	case matches == nil:
		matches = func(i int32) bool { return sn.match(where, i) }
	}
	var page store.Page
	cursors := store.NewListCursors(p.Order)
	for ; j >= start && j < end; j += step {
		i := rows[j]
		if !matches(i) {
			continue
		}
		if limit > 0 && len(page.Nodes) == limit {
			page.HasNextPage, page.HasPreviousPage = !p.Backward, p.Backward
			break
		}
		page.Nodes = append(page.Nodes, &sn.nodes[i])
		if !p.NoCursors {
			page.Cursors = append(page.Cursors, cursors.Encode(sn.sortValues(p.Order, i)))
		}
	}
	if p.Backward {
		slices.Reverse(page.Nodes)
		slices.Reverse(page.Cursors)
	}
	if n := len(page.Cursors); n > 0 {
		page.EndCursor = page.Cursors[n-1]
	}
	if p.WithTotal {
		page.Total = count(rows, where, matches)
	}
	return page, nil
}

// count counts the rows that match f, tested with matches.
func count(rows []int32, f *store.Filter, matches func(int32) bool) int {
	if f == nil {
		return len(rows)
	}
	n := 0
	for _, i := range rows {
		if matches(i) {
			n++
		}
	}
	return n
}
