package graph

import (
	"context"
	"slices"
	"strconv"
	"testing"
)

// A loader makes its results from slabs that double up to maxSlab: each key its own
// result, every result answered with its own key's value, a few allocations per level.
func TestLoaderResultsComeFromDoublingSlabs(t *testing.T) {
	const keys = 300
	calls := 0
	l := newLoader(&scheduler{}, true, func(_ context.Context, ks []string) ([]string, []error) {
		calls++
		out := make([]string, len(ks))
		for i, k := range ks {
			out[i] = "value of " + k
		}
		return out, nil
	})
	ks := make([]string, keys)
	for i := range ks {
		ks[i] = strconv.Itoa(i)
	}
	ctx := context.Background()
	rs := l.request(ctx, ks)
	seen := map[*result[string]]bool{}
	for i, r := range rs {
		if seen[r] {
			t.Fatalf("key %d shares a result", i)
		}
		seen[r] = true
		v, err := l.wait(ctx, r)
		if err != nil || v != "value of "+ks[i] {
			t.Fatalf("key %d: %q, %v", i, v, err)
		}
	}
	if calls != 1 {
		t.Errorf("%d store calls for one request of keys", calls)
	}
	if l.slabs != maxSlab {
		t.Errorf("last slab of %d results, want %d", l.slabs, maxSlab)
	}
	// 1+2+…+64 = 127 results in seven slabs, the other 173 in three more; the loader, its
	// map and its fetch three allocations of their own.
	if allocs := testing.AllocsPerRun(1, func() {
		l := newLoader(&scheduler{}, true, func(context.Context, []string) ([]string, []error) { return nil, nil })
		l.mu.Lock()
		for range keys {
			l.newResult()
		}
		l.mu.Unlock()
	}); allocs > 13 {
		t.Errorf("%v allocations for %d results", allocs, keys)
	}
}

// Values primed in bulk are found without a store call, once a key is missed and not
// before: the first value of a key kept, a key loaded before not overwritten; keys no value
// was primed for are loaded.
func TestPrimeAll(t *testing.T) {
	type val struct{ key, from string }
	var fetched []string
	newL := func() *loader[string, val] {
		l := newLoader(&scheduler{}, true, func(_ context.Context, ks []string) ([]val, []error) {
			fetched = append(fetched, ks...)
			out := make([]val, len(ks))
			for i, k := range ks {
				out[i] = val{k, "store"}
			}
			return out, nil
		})
		l.keyOf = func(v val) string { return v.key }
		return l
	}
	ctx := context.Background()
	load := func(l *loader[string, val], k string) string {
		v, err := l.Load(ctx, k)
		if err != nil || v.key != k {
			t.Fatalf("Load(%q) = %v, %v", k, v, err)
		}
		return v.from
	}
	l := newL()
	if load(l, "loaded") != "store" {
		t.Fatal("not from the store")
	}
	l.PrimeAll([]val{{"a", "first"}, {"b", "first"}, {"loaded", "primed"}})
	l.PrimeAll([]val{{"a", "second"}, {"c", "second"}})
	l.PrimeAll(nil)
	if len(l.results) != 1 || len(l.later) != 2 {
		t.Fatalf("%d results and %d lists put off before any miss, want 1 and 2", len(l.results), len(l.later))
	}
	fetched = nil
	for k, want := range map[string]string{"a": "first", "b": "first", "c": "second", "loaded": "store", "e": "store"} {
		if got := load(l, k); got != want {
			t.Errorf("%s from %s, want %s", k, got, want)
		}
	}
	if len(fetched) != 1 || fetched[0] != "e" {
		t.Errorf("store asked for %v, want only e", fetched)
	}
	if len(l.later) != 0 {
		t.Errorf("%d lists still put off after a miss", len(l.later))
	}
	// Primed after a miss: put off again, found at the next.
	l.PrimeAll([]val{{"f", "third"}, {"a", "third"}})
	if load(l, "f") != "third" || load(l, "a") != "first" || len(fetched) != 1 {
		t.Errorf("primed after a miss: f, a from the store or overwritten (store asked for %v)", fetched)
	}
}

// newLoader makes a loader whose store call is fetch, of no operation's loaders.
func newLoader[K comparable, V any](s *scheduler, inline bool, fetch func(context.Context, []K) ([]V, []error)) *loader[K, V] {
	l := &loader[K, V]{}
	initLoader(l, s, inline, nil, func(_ *Loaders, ctx context.Context, keys []K) ([]V, []error) { return fetch(ctx, keys) })
	return l
}

// TestGroupKeys: positions grouped by key in order of first appearance, each group's
// positions ascending, whether the keys are of one group or of several.
func TestGroupKeys(t *testing.T) {
	tests := []struct {
		keys string // a key's group is its letter
		want map[byte][]int
		// order of the groups
		order string
	}{
		{"", map[byte][]int{}, ""},
		{"a", map[byte][]int{'a': {0}}, "a"},
		{"aaaa", map[byte][]int{'a': {0, 1, 2, 3}}, "a"},
		{"abab", map[byte][]int{'a': {0, 2}, 'b': {1, 3}}, "ab"},
		{"baaac", map[byte][]int{'b': {0}, 'a': {1, 2, 3}, 'c': {4}}, "bac"},
		{"aaab", map[byte][]int{'a': {0, 1, 2}, 'b': {3}}, "ab"},
	}
	for _, tc := range tests {
		gs := groupKeys([]byte(tc.keys), func(b byte) byte { return b })
		var order []byte
		for _, g := range gs {
			order = append(order, g.key)
			if !slices.Equal(g.idx, tc.want[g.key]) {
				t.Errorf("%q: group %c is %v, want %v", tc.keys, g.key, g.idx, tc.want[g.key])
			}
			if len(g.idx) != cap(g.idx) && len(gs) > 1 {
				// a group appended to must not run into the next one's positions
				t.Errorf("%q: group %c has room %d for %d positions", tc.keys, g.key, cap(g.idx), len(g.idx))
			}
		}
		if string(order) != tc.order {
			t.Errorf("%q: groups in order %q, want %q", tc.keys, order, tc.order)
		}
	}
}
