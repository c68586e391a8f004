package memory

import (
	"context"
	"slices"
	"sort"

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
	out := make([][]store.Neighbour, len(q.IDs))
	for n, id := range q.IDs {
		i, ok := sn.byID[id]
		if !ok {
			continue
		}
		list := sn.adj[i]
		start, end := 0, len(list)
		if after != nil {
			start = sort.Search(len(list), func(j int) bool { return sn.key(i, list[j]).Compare(*after) > 0 })
		}
		if before != nil {
			end = sort.Search(len(list), func(j int) bool { return sn.key(i, list[j]).Compare(*before) >= 0 })
		}
		// Forward: the first First from start; backward: the last Last before end.
		limit, step, j := q.First, 1, start
		if q.Backward() {
			limit, step, j = q.Last, -1, end-1
		}
		for ; j >= start && j < end; j += step {
			a := list[j]
			if !sn.accepts(q, a) {
				continue
			}
			out[n] = append(out[n], store.Neighbour{
				Edge:   &sn.edges[a.edge],
				Node:   &sn.nodes[a.other],
				Cursor: store.EncodeNeighbourCursor(sn.key(i, a)),
			})
			if limit > 0 && len(out[n]) == limit {
				break
			}
		}
		if step < 0 {
			slices.Reverse(out[n])
		}
	}
	return out, nil
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
