package memory

import (
	"slices"
	"testing"
)

func TestNodeSet(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		members []int32
		max     int
		want    []int32
	}{
		{"empty", 10, nil, 5, nil},
		{"in order, across words", 200, []int32{130, 3, 64, 63, 0, 199}, 10, []int32{0, 3, 63, 64, 130, 199}},
		{"cut at max, smallest first", 200, []int32{150, 2, 70, 65, 1}, 3, []int32{1, 2, 65}},
		{"cut within a word", 64, []int32{5, 9, 40}, 2, []int32{5, 9}},
		{"max 0", 64, []int32{5}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newNodeSet(tc.size)
			for _, m := range tc.members {
				s.add(m)
			}
			for _, m := range tc.members {
				if !s.has(m) {
					t.Errorf("has(%d) = false after add", m)
				}
			}
			if got := s.appendTo([]int32{-1}, tc.max); !slices.Equal(got[1:], tc.want) || got[0] != -1 {
				t.Errorf("appendTo = %v, want [-1] + %v", got, tc.want)
			}
			s.clear()
			if got := s.appendTo(nil, tc.size); len(got) != 0 {
				t.Errorf("after clear: %v", got)
			}
		})
	}
}
