package memory

import (
	"slices"
	"sync"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Lists page by keyset: a cursor is found by binary search in the label's nodes sorted in
// the list's order, and a page is read from there. The sorted order is made the first
// time a (label, order) pair is asked for and kept with the snapshot, so a page costs
// O(log n + rows scanned), not a sort. The cache is bounded: orders beyond the bound are
// sorted per call, still correct, only slower.

const maxCachedOrders = 64

type orderCache struct {
	mu sync.Mutex
	m  map[string]*sortedRows
}

type sortedRows struct {
	once sync.Once
	rows []int32
}

// warm sorts the default order of every label ahead of use, so that the first request
// after a Replace does not pay for it.
func (s *snapshot) warm() {
	s.sorted("", store.DefaultOrder)
	for l := range s.byLabel {
		s.sorted(l, store.DefaultOrder)
	}
}

// sorted returns the nodes of label ("" for all) in an effective order.
func (s *snapshot) sorted(label kg.Label, order []store.Order) []int32 {
	key := string(label) + "|" + store.OrderSignature(order)
	s.orders.mu.Lock()
	if s.orders.m == nil {
		s.orders.m = map[string]*sortedRows{}
	}
	r, ok := s.orders.m[key]
	if !ok && len(s.orders.m) < maxCachedOrders {
		r = &sortedRows{}
		s.orders.m[key] = r
	}
	s.orders.mu.Unlock()
	if r == nil {
		return s.sortRows(label, order)
	}
	// Concurrent first callers wait for one sort instead of each doing it.
	r.once.Do(func() { r.rows = s.sortRows(label, order) })
	return r.rows
}

func (s *snapshot) sortRows(label kg.Label, order []store.Order) []int32 {
	rows := slices.Clone(s.rowsOf(label))
	vals := make([][]any, len(s.nodes))
	for _, i := range rows {
		vals[i] = s.sortValues(order, i)
	}
	slices.SortFunc(rows, func(a, b int32) int { return store.CompareSortValues(order, vals[a], vals[b]) })
	return rows
}

func (s *snapshot) sortValues(order []store.Order, i int32) []any {
	return store.SortValues(order, &s.nodes[i], s.nameKey[i], s.degree(i))
}

func (s *snapshot) sortValue(f store.Field, i int32) any {
	return store.SortValue(f, &s.nodes[i], s.nameKey[i], s.degree(i))
}
