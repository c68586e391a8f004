package graph

import (
	"context"
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
