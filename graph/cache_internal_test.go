package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestByteCacheBoundedByBytes: the cache holds at most its bytes, whatever the number of
// entries; an entry over maxEntry is not kept; the least recently used goes first.
func TestByteCacheBoundedByBytes(t *testing.T) {
	ctx := context.Background()
	size := func(k, v string) int64 { return int64(len(k) + len(v)) }
	for _, tc := range []struct {
		name        string
		entries     int
		keyBytes    int
		wantEntries int
	}{
		{"1 100 keys of 1 MB", 1100, 1 << 20, 0}, // over maxEntry: none kept
		{"1 100 keys of 100 kB", 1100, 100_000, 41},
		{"10 small keys", 10, 10, 10},
	} {
		c := newByteCache(4<<20, 256<<10, size)
		for i := range tc.entries {
			c.Add(ctx, fmt.Sprint(i, strings.Repeat("#", tc.keyBytes)), "v")
		}
		used, n := c.bytes()
		if used > 4<<20 || n != tc.wantEntries {
			t.Errorf("%s: %d bytes in %d entries, want at most %d bytes, %d entries", tc.name, used, n, 4<<20, tc.wantEntries)
		}
	}
	c := newByteCache(25, 25, size)
	c.Add(ctx, "a", strings.Repeat("x", 9))
	c.Add(ctx, "b", strings.Repeat("x", 9))
	c.Get(ctx, "a")
	c.Add(ctx, "c", strings.Repeat("x", 9)) // 30 bytes > 25: b, the least recently used, goes
	if _, ok := c.Get(ctx, "b"); ok {
		t.Error("b was kept")
	}
	if _, ok := c.Get(ctx, "a"); !ok {
		t.Error("a, used recently, was dropped")
	}
}
