package memory

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNodeSet(t *testing.T) {
	tests := []struct {
		name             string
		size             int
		members, removed []int32
	}{
		{"empty", 10, nil, nil},
		{"across words", 200, []int32{130, 3, 64, 63, 0, 199}, []int32{64, 0}},
		{"remove what is not there", 64, []int32{5, 9, 40}, []int32{6, 63}},
		{"remove all", 64, []int32{5, 9}, []int32{9, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newNodeSet(tc.size)
			for _, m := range tc.members {
				s.add(m)
			}
			for _, m := range tc.removed {
				s.remove(m)
			}
			for i := range int32(tc.size) {
				want := slices.Contains(tc.members, i) && !slices.Contains(tc.removed, i)
				if s.has(i) != want {
					t.Errorf("has(%d) = %v, want %v", i, s.has(i), want)
				}
			}
		})
	}
}

// TestSmallest: the heap keeps the max smallest of distinct numbers given in any order, and
// hands back each one it lets go.
func TestSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		n, max := r.IntN(60), 1+r.IntN(20)
		given := r.Perm(200)[:n]
		h := smallest{max: max}
		kept := map[int32]bool{}
		for _, g := range given {
			i := int32(g)
			if h.full() && i >= h.top() {
				continue // as expand does
			}
			out, left := h.add(i)
			kept[i] = true
			if left != (len(kept) > max) {
				t.Fatalf("round %d: left = %v with %d given to a heap of %d", round, left, len(kept), max)
			}
			if left {
				if !kept[out] {
					t.Fatalf("round %d: %d left, but was never kept", round, out)
				}
				delete(kept, out)
			}
		}
		want := make([]int32, 0, n)
		for _, g := range given {
			want = append(want, int32(g))
		}
		slices.Sort(want)
		want = want[:min(max, len(want))]
		got := slices.Clone(h.heap)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: kept %v, want %v", round, got, want)
		}
		if len(kept) != len(got) {
			t.Fatalf("round %d: %d handed in and not back, %d kept", round, len(kept), len(got))
		}
	}
}

// TestSeek: galloping finds what a scan finds, from any start before it.
func TestSeek(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		list := make([]adj, r.IntN(40))
		for i := range list {
			list[i].other = int32(r.IntN(30))
		}
		slices.SortFunc(list, func(a, b adj) int { return int(a.other - b.other) })
		j := int32(r.IntN(32))
		want := 0
		for want < len(list) && list[want].other < j {
			want++
		}
		from := r.IntN(want + 1)
		if got := seek(list, from, j); got != want {
			t.Fatalf("seek(%v, %d, %d) = %d, want %d", list, from, j, got, want)
		}
	}
}
