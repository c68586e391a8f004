package memory

import (
	"context"
	"slices"
	"sort"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Neighbours implements store.Reader. Adjacency lists are kept in NeighbourKey order, so
// a page is a binary search for the cursor and a scan.
func (s *Store) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	after, err := decodeNeighbourCursor(q.After)
	if err != nil {
		return nil, err
	}
	before, err := decodeNeighbourCursor(q.Before)
	if err != nil {
		return nil, err
	}
	types := q.Types
	if len(types) > 1 {
		types = slices.Compact(slices.Sorted(slices.Values(types)))
	}
	typeIdx := typeIndexes(sn, types)
	anyType := len(types) == 0
	limit, backward := q.First, q.Backward()
	if backward {
		limit = q.Last
	}
	// spansOf are the runs of node i's adjacency that its page is taken from: the types
	// asked for, between the cursors.
	spansOf := func(buf *[4][2]int, i int32) [][2]int {
		list := sn.adj[i]
		start, end := 0, len(list)
		if after != nil {
			start = sort.Search(len(list), func(j int) bool { return sn.key(i, list[j]).Compare(*after) > 0 })
		}
		if before != nil {
			end = sort.Search(len(list), func(j int) bool { return sn.key(i, list[j]).Compare(*before) >= 0 })
		}
		return typeSpans(buf[:0], list, anyType, typeIdx, start, end)
	}
	// The pages of all IDs share one array, made once as large as they can fill: at most
	// their limit, at most the edges of their spans. Grown by append instead, half of it
	// was empty, and copied as it grew. Each node's spans are found again for its page:
	// keeping them from the sizing pass took an array more and was 5 % slower
	// (BenchmarkNeighbours/100-nodes-batched), their binary searches being cheap.
	nodes := make([]int32, len(q.IDs)) // each ID's node number; -1: none
	room := 0
	for n, id := range q.IDs {
		i, ok := sn.byID[id]
		if !ok {
			nodes[n] = -1
			continue
		}
		nodes[n] = i
		var buf [4][2]int
		inSpans := 0
		for _, sp := range spansOf(&buf, i) {
			inSpans += sp[1] - sp[0]
		}
		if limit > 0 {
			inSpans = min(inSpans, limit)
		}
		room += inSpans
	}
	out := make([][]store.Neighbour, len(q.IDs))
	all := make([]store.Neighbour, 0, room)
	for n, i := range nodes {
		if i < 0 {
			continue
		}
		first := len(all)
		list := sn.adj[i]
		var buf [4][2]int
		spans := spansOf(&buf, i)
		for s := range spans {
			if backward {
				s = len(spans) - 1 - s
			}
			lo, hi := spans[s][0], spans[s][1]
			step, j := 1, lo
			if backward {
				step, j = -1, hi-1
			}
			for ; j >= lo && j < hi && (limit == 0 || len(all)-first < limit); j += step {
				a := list[j]
				if !sn.accepts(q, a) {
					continue
				}
				all = append(all, store.Neighbour{
					Edge:     &sn.edges[a.edge],
					Node:     &sn.nodes[a.other],
					OtherKey: sn.nameKey[a.other],
					Incoming: a.in,
				})
			}
		}
		if len(all) > first {
			out[n] = all[first:len(all):len(all)]
		}
		if backward {
			slices.Reverse(out[n])
		}
	}
	return out, nil
}

// typeIndexes are the snapshot's numbers of the given types (sorted, without repeats), in
// order; a type no edge has is left out. Found once a call, not at every node of it.
func typeIndexes(sn *snapshot, types []kg.RelType) []uint16 {
	idx := make([]uint16, 0, len(types))
	for _, t := range types {
		if r, ok := slices.BinarySearch(sn.relTypes, t); ok {
			idx = append(idx, uint16(r))
		}
	}
	return idx
}

// typeSpans appends to spans the spans [lo, hi) of list[start:end], an adjacency list,
// that hold edges of the given types (their numbers, typeIndexes; anyType: every type), in
// list order. A list is in NeighbourKey order, type first, so each type is one span: a
// letter's five RESPONDS_TO edges are found without testing its forty MENTIONS.
func typeSpans(spans [][2]int, list []adj, anyType bool, types []uint16, start, end int) [][2]int {
	if anyType {
		return append(spans, [2]int{start, end})
	}
	for _, typ := range types {
		lo := firstOfType(list, int(typ))
		hi := lo + firstOfType(list[lo:], int(typ)+1)
		if lo, hi = max(lo, start), min(hi, end); lo < hi {
			spans = append(spans, [2]int{lo, hi})
		}
	}
	return spans
}

// firstOfType is the index of the first edge of list, in type order, whose type number is
// t or more (len(list): none).
func firstOfType(list []adj, t int) int {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(list[m].typ) < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// decodeNeighbourCursor reads a cursor; nil for none.
func decodeNeighbourCursor(s string) (*store.NeighbourKey, error) {
	if s == "" {
		return nil, nil
	}
	k, err := store.DecodeNeighbourCursor(s)
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// CountNeighbours implements store.Reader.
func (s *Store) CountNeighbours(ctx context.Context, q store.NeighbourQuery) ([]int, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	out := make([]int, len(q.IDs))
	for n, id := range q.IDs {
		i, ok := sn.byID[id]
		if !ok {
			continue
		}
		for _, a := range sn.adj[i] {
			if sn.accepts(q, a) {
				out[n]++
			}
		}
	}
	return out, nil
}

func (s *snapshot) accepts(q store.NeighbourQuery, a adj) bool {
	if !s.follows(a, q.Direction, q.Types) || !s.existsAsOf(a, q.AsOf) {
		return false
	}
	return len(q.OtherLabels) == 0 || slices.Contains(q.OtherLabels, s.nodes[a.other].Label)
}
