package memory

import (
	"context"
	"sort"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// List implements store.Reader: find the cursor's position in the sorted rows, then scan
// forward, filtering, until First+1 rows are found (the extra row only says there is a
// next page).
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
	start := 0
	if p.After != nil {
		start = sort.Search(len(rows), func(j int) bool {
			return store.CompareSortValues(p.Order, sn.sortValues(p.Order, rows[j]), p.After) > 0
		})
	}
	var page store.Page
	for _, i := range rows[start:] {
		if !sn.match(p.Where, i) {
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
		page.Total = sn.count(p.Label, p.Where)
	}
	return page, nil
}

func (s *snapshot) count(label kg.Label, f *store.Filter) int {
	rows := s.rowsOf(label)
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
