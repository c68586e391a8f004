package memory

import (
	"context"
	"sort"

	"beleidsgraaf/store"
)

// List implements store.Reader: narrow the sorted rows to the run the filter's tests on the
// sort key select (ranges.go), find the cursor's position in it, then scan forward,
// filtering with the rest of the filter, until First+1 rows are found (the extra row only
// says there is a next page).
func (s *Store) List(ctx context.Context, q store.ListQuery) (store.Page, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return store.Page{}, err
	}
	p, err := q.Prepare()
	if err != nil {
		return store.Page{}, err
	}
	rows := sn.sorted(p.Label, p.Order)
	lo, hi, where := sn.sortKeyRange(rows, p.Order, p.Where)
	rows = rows[lo:hi]
	start := 0
	if p.After != nil {
		start = sort.Search(len(rows), func(j int) bool {
			return store.CompareSortValues(p.Order, sn.sortValues(p.Order, rows[j]), p.After) > 0
		})
	}
	var page store.Page
	for _, i := range rows[start:] {
		if !sn.match(where, i) {
			continue
		}
		if p.First > 0 && len(page.Nodes) == p.First {
			page.HasNextPage = true
			break
		}
		page.Nodes = append(page.Nodes, &sn.nodes[i])
		page.Cursors = append(page.Cursors, store.EncodeListCursor(p.Order, sn.sortValues(p.Order, i)))
	}
	if n := len(page.Cursors); n > 0 {
		page.EndCursor = page.Cursors[n-1]
	}
	if p.WithTotal {
		page.Total = sn.count(rows, where)
	}
	return page, nil
}

// count counts the rows that match f.
func (s *snapshot) count(rows []int32, f *store.Filter) int {
	if f == nil {
		return len(rows)
	}
	n := 0
	for _, i := range rows {
		if s.match(f, i) {
			n++
		}
	}
	return n
}
