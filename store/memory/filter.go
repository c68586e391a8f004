package memory

import (
	"slices"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// match evaluates a normalised filter on node i with store.Filter.Match, answering
// relation tests from the adjacency lists.
func (s *snapshot) match(f *store.Filter, i int32) bool {
	if f == nil {
		return true
	}
	return f.Match(&s.nodes[i], s.nameKey[i], s.nameKeys[i], func(r *store.RelFilter) bool { return s.rel(r, i) })
}

func (s *snapshot) rel(r *store.RelFilter, i int32) bool {
	for _, a := range s.adj[i] {
		if s.follows(a, r.Direction, r.Types) && s.existsAsOf(a, r.AsOf) && s.match(r.Other, a.other) {
			return true
		}
	}
	return false
}

// follows reports whether edge a of a node is of one of types (empty: any) and has the
// node at the end dir asks for. A self-loop is recorded as outgoing but has the node at
// both ends, so it counts for In too.
func (s *snapshot) follows(a adj, dir store.Direction, types []kg.RelType) bool {
	if len(types) > 0 && !slices.Contains(types, s.relTypes[a.typ]) {
		return false
	}
	switch dir {
	case store.Out:
		return !a.in
	case store.In:
		return a.in || a.self
	}
	return true
}

// existsAsOf reports whether an adjacency's edge and the node at its other end exist on
// the date asOf ("": always).
func (s *snapshot) existsAsOf(a adj, asOf string) bool {
	// asOf first: without a date, the edge and the node at its other end are not read at
	// all (a cache miss each, for each of the thousands of edges a neighbourhood tests).
	return asOf == "" || store.ExistsAsOf(s.edges[a.edge].Since(), asOf) && store.ExistsAsOf(s.nodes[a.other].Since(), asOf)
}
