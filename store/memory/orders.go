package memory

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
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
	// firsts are the first sort values of the kept orders, one array per label, first
	// field and direction: orders that begin alike list the same values in the same
	// sequence, whatever breaks their ties, so sixty-four orders cost an array of sort
	// values per way of beginning (a handful), not one each.
	firsts map[firstsKey][]any
}

type firstsKey struct {
	label kg.Label
	first store.Order
}

type sortedRows struct {
	once sync.Once
	ordered
}

// ordered is nodes in a list's order, with the first sort value of each: a range of the
// first sort key (ranges.go) is found by binary search in first, one array, rather than
// in the nodes' property maps, a cache miss at every step.
type ordered struct {
	rows  []int32
	first []any // first[j] is the first of SortValues of rows[j]
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
func (s *snapshot) sorted(label kg.Label, order []store.Order) ordered {
	var buf [64]byte
	key := store.AppendOrderSignature(append(append(buf[:0], label...), '|'), order)
	s.orders.mu.Lock()
	if s.orders.m == nil {
		s.orders.m = map[string]*sortedRows{}
	}
	r, ok := s.orders.m[string(key)]
	if !ok && len(s.orders.m) < maxCachedOrders {
		r = &sortedRows{}
		s.orders.m[string(key)] = r
	}
	s.orders.mu.Unlock()
	if r == nil {
		return s.sortRows(label, order)
	}
	// Concurrent first callers wait for one sort instead of each doing it.
	r.once.Do(func() {
		r.ordered = s.sortRows(label, order)
		r.first = s.sharedFirsts(label, order[0], r.first)
	})
	return r.ordered
}

// sharedFirsts returns the kept first sort values of orders of label beginning with first,
// or keeps these.
func (s *snapshot) sharedFirsts(label kg.Label, first store.Order, vals []any) []any {
	s.orders.mu.Lock()
	defer s.orders.mu.Unlock()
	k := firstsKey{label, first}
	if kept, ok := s.orders.firsts[k]; ok && len(kept) == len(vals) {
		return kept
	}
	if s.orders.firsts == nil {
		s.orders.firsts = map[firstsKey][]any{}
	}
	s.orders.firsts[k] = vals
	return vals
}

func (s *snapshot) sortRows(label kg.Label, order []store.Order) ordered {
	rows := slices.Clone(s.rowsOf(label))
	vals := make([][]any, len(s.nodes))
	for _, i := range rows {
		vals[i] = s.sortValues(order, i)
	}
	slices.SortFunc(rows, func(a, b int32) int { return store.CompareSortValues(order, vals[a], vals[b]) })
	first := make([]any, len(rows))
	for j, i := range rows {
		first[j] = vals[i][0]
	}
	return ordered{rows, first}
}

func (s *snapshot) sortValues(order []store.Order, i int32) []any {
	return store.SortValues(order, &s.nodes[i], s.nameKey[i], s.degree(i))
}

// A page of letters from a date on finds its run of rows by binary search (ranges.go), but
// its totalCount still tested the rest of the filter on every row of the run: the kind of
// every document since the date, 36 % of the CPU of such a page at 10 000 letters, and
// more as the corpus grows. When the filter tests string properties other than the sort
// key for equality (columns.go), the list reads instead the rows of its order that pass
// those tests, made once per snapshot, order and values, and kept: the run is then found
// by binary search in those rows, paged without a test and counted by subtraction. Rows
// that no node passes are not kept, so values nobody has take no room; past the bound a
// new set takes the place of one chosen at random, so that a burst of rare lists cannot
// keep the common ones out for the life of the snapshot, and a list costs at most the one
// pass that makes its rows.

const maxCachedSubsets = 64

type subsetCache struct {
	mu sync.Mutex
	m  map[string]ordered
}

// sortedPassing returns the nodes of sorted(label, order) that pass every test.
func (s *snapshot) sortedPassing(label kg.Label, order []store.Order, tests []equalityTest) ordered {
	key := subsetKey(label, order, tests)
	s.subsets.mu.Lock()
	kept, ok := s.subsets.m[string(key)]
	s.subsets.mu.Unlock()
	if ok {
		return kept
	}
	// Concurrent first callers each filter the nodes, one pass without sorting, rather
	// than wait for one of them.
	all := s.sorted(label, order)
	var passing ordered
	for j, i := range all.rows {
		if passes(tests, i) {
			passing.rows = append(passing.rows, i)
			passing.first = append(passing.first, all.first[j])
		}
	}
	if len(passing.rows) == 0 {
		return ordered{}
	}
	passing.rows, passing.first = slices.Clip(passing.rows), slices.Clip(passing.first)
	s.subsets.mu.Lock()
	defer s.subsets.mu.Unlock()
	if kept, ok := s.subsets.m[string(key)]; ok {
		return kept
	}
	if s.subsets.m == nil {
		s.subsets.m = map[string]ordered{}
	}
	if len(s.subsets.m) >= maxCachedSubsets {
		for k := range s.subsets.m { // a map's order of iteration is random
			delete(s.subsets.m, k)
			break
		}
	}
	s.subsets.m[string(key)] = passing
	return passing
}

// subsetKey names a label, an order and a set of tests, whatever the order of the tests.
func subsetKey(label kg.Label, order []store.Order, tests []equalityTest) []byte {
	if len(tests) > 1 {
		tests = slices.Clone(tests)
		slices.SortFunc(tests, func(a, b equalityTest) int {
			return cmp.Or(strings.Compare(a.field, b.field), strings.Compare(a.want, b.want))
		})
	}
	key := make([]byte, 0, 64)
	key = strconv.AppendQuote(key, string(label))
	key = append(key, '|')
	key = store.AppendOrderSignature(key, order)
	for _, t := range tests {
		key = append(key, '|')
		key = strconv.AppendQuote(key, t.field)
		key = append(key, '=')
		key = strconv.AppendQuote(key, t.want)
	}
	return key
}
