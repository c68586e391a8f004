package memory

import (
	"sort"

	"beleidsgraaf/store"
)

// A list's rows are sorted by its order, so the rows whose first sort value passes a test
// EQ, GTE or LTE on that field are one run of them: found by binary search instead of by
// testing every row, and counted by subtraction. ("documents since a date, newest first"
// reads its page and its totalCount without looking at older documents.) A missing value
// sorts last in either direction and passes no test, so it is never inside the run.

// sortKeyRange returns the run [lo, hi) of rows that the filter's tests on the first
// order field select (the filter itself or its top-level AND), and the rest of the filter,
// still to be tested on each row of the run (nil: every row of the run matches).
func sortKeyRange(rows ordered, order []store.Order, f *store.Filter) (lo, hi int, rest *store.Filter) {
	lo, hi = 0, len(rows.rows)
	if f == nil || len(order) == 0 {
		return lo, hi, f
	}
	conj := f.And
	if f.Field != "" {
		conj = []*store.Filter{f}
	}
	if len(conj) == 0 {
		return lo, hi, f
	}
	key := order[:1]
	value := func(j int) any { return rows.first[j] }
	// cmp(j), below, compares row j's value with a bound in the list's direction:
	// nondecreasing in j, a missing value greater than any bound.
	first := func(pred func(j int) bool) int { return sort.Search(len(rows.rows), pred) }
	var left []*store.Filter
	for _, c := range conj {
		// a status as of a date is not the status the rows are sorted by
		if c.Field != key[0].Field || c.AsOf != "" || (c.Op != store.OpEq && c.Op != store.OpGte && c.Op != store.OpLte) {
			left = append(left, c)
			continue
		}
		cmp := func(j int) int { return store.CompareSortValues(key, []any{value(j)}, []any{c.Value}) }
		// In the list's direction, GTE keeps the rows at or after the bound when ascending,
		// at or before it when descending; LTE the other way round.
		after := (c.Op == store.OpGte) != key[0].Desc
		from, to := 0, 0
		switch {
		case c.Op == store.OpEq:
			from, to = first(func(j int) bool { return cmp(j) >= 0 }), first(func(j int) bool { return cmp(j) > 0 })
		case after:
			from, to = first(func(j int) bool { return cmp(j) >= 0 }), first(func(j int) bool { return value(j) == nil })
		default:
			to = first(func(j int) bool { return cmp(j) > 0 })
		}
		lo, hi = max(lo, from), min(hi, to)
	}
	hi = max(lo, hi)
	switch len(left) {
	case 0:
	case 1:
		rest = left[0]
	default:
		rest = &store.Filter{And: left}
	}
	return lo, hi, rest
}
