package memory

import (
	"math/rand/v2"
	"testing"
)

// TestTypeSpansAsAScan: the spans of an adjacency list found by binary search on the type
// numbers are the runs a scan of the list finds, for every set of types and bounds.
func TestTypeSpansAsAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		list := make([]adj, rng.IntN(12))
		typ := 0
		for i := range list {
			typ += rng.IntN(3) // sorted by type, with repeats and gaps
			list[i].typ = uint16(typ)
		}
		var types []uint16
		for ty := range typ + 3 {
			if rng.IntN(3) == 0 {
				types = append(types, uint16(ty))
			}
		}
		start := rng.IntN(len(list) + 1)
		end := start + rng.IntN(len(list)-start+1)
		for i := range len(list) + 2 {
			want := 0
			for want < len(list) && int(list[want].typ) < i {
				want++
			}
			if got := firstOfType(list, i); got != want {
				t.Fatalf("firstOfType(%v, %d) = %d, want %d", list, i, got, want)
			}
		}
		var want [][2]int
		for _, ty := range types {
			lo := -1
			for j := start; j < end; j++ {
				if list[j].typ == ty {
					if lo < 0 {
						lo = j
					}
					if j+1 == end || list[j+1].typ != ty {
						want = append(want, [2]int{lo, j + 1})
					}
				}
			}
		}
		got := typeSpans(nil, list, false, types, start, end)
		if len(got) != len(want) {
			t.Fatalf("typeSpans(%v, %v, %d, %d) = %v, want %v", list, types, start, end, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("typeSpans(%v, %v, %d, %d) = %v, want %v", list, types, start, end, got, want)
			}
		}
		if all := typeSpans(nil, list, true, nil, start, end); len(all) != 1 || all[0] != [2]int{start, end} {
			t.Fatalf("every type: %v", all)
		}
	}
}
