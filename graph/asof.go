package graph

import (
	"context"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// asOfFilter narrows a root list to the nodes in the graph on the field's asOf date (its
// argument, when the field has one and it is set): those whose since is on or before it.
// Its status tests (`status`, a commitment's `open`) test the status the node had then, its
// relation tests the relations of then.
func asOfFilter(args map[string]any, where *store.Filter) *store.Filter {
	d := asOfArg(args)
	if d == "" {
		return where
	}
	return all(filterAsOf(where, d), cmp(store.FieldSince, store.OpLte, d))
}

// filterAsOf is a copy of f that tests the graph as of date d: its status comparisons,
// nested in and/or/not or on the other end of a relation test, compare the status then
// (store.Filter.AsOf), and its relation tests follow only the edges to nodes that existed
// then (store.RelFilter.AsOf).
func filterAsOf(f *store.Filter, d string) *store.Filter {
	if f == nil {
		return nil
	}
	c := *f
	switch {
	case f.Field == store.FieldStatus:
		c.AsOf = d
	case f.Rel != nil:
		r := *f.Rel
		r.Other, r.AsOf = filterAsOf(r.Other, d), d
		c.Rel = &r
	case f.Not != nil:
		c.Not = filterAsOf(f.Not, d)
	default:
		c.And, c.Or = filtersAsOf(f.And, d), filtersAsOf(f.Or, d)
	}
	return &c
}

func filtersAsOf(fs []*store.Filter, d string) []*store.Filter {
	if fs == nil {
		return nil
	}
	out := make([]*store.Filter, len(fs))
	for i, g := range fs {
		out[i] = filterAsOf(g, d)
	}
	return out
}

// asOfArg is a field's asOf argument, "" when it has none or it is not set (or is no
// date). args are a resolver's (the argument as a *model.Date) or the prefetcher's, read
// from the operation (the argument as written: a string), so that both make one key.
func asOfArg(args map[string]any) string {
	switch v := args["asOf"].(type) {
	case *model.Date:
		if v != nil {
			return string(*v)
		}
	case string:
		var d model.Date
		if d.UnmarshalGQL(v) == nil {
			return string(d)
		}
	}
	return ""
}

// existedAsOf reports whether every node and edge of g existed on the date. The graph as
// of a date is a part of the whole graph, so a path of the whole graph that existed then is
// also the shortest path then, and the contract's pick among equals (store.Reader
// ShortestPath) picks it then too; an empty graph (no path at all) stays empty.
func existedAsOf(g *kg.Graph, asOf string) bool {
	for _, n := range g.Nodes {
		if !store.ExistsAsOf(n.Since(), asOf) {
			return false
		}
	}
	for _, e := range g.Edges {
		if !store.ExistsAsOf(e.Since(), asOf) {
			return false
		}
	}
	return true
}

// pathAsOf finds the shortest path of the graph as of a date when the whole graph's path
// did not exist then: a breadth-first search from `to` over the edges that existed (one
// store call per level) gives each node its distance; the walk from `from` then takes, as
// store.Reader's contract does, the smallest ID one step closer and, between two nodes,
// the edge of the smallest type, pointing along the path before against it.
func (r *Resolver) pathAsOf(ctx context.Context, from, to string, maxLength int, types []kg.RelType, asOf string) (*kg.Graph, error) {
	empty := &kg.Graph{Nodes: []kg.Node{}, Edges: []kg.Edge{}}
	ends, err := r.Store.Nodes(ctx, []string{from, to})
	if err != nil {
		return nil, err
	}
	if ends[0] == nil || ends[1] == nil || !store.ExistsAsOf(ends[0].Since(), asOf) || !store.ExistsAsOf(ends[1].Since(), asOf) {
		return empty, nil
	}
	if from == to {
		return &kg.Graph{Nodes: []kg.Node{*ends[0]}, Edges: []kg.Edge{}}, nil
	}
	neighbours := func(ids []string) ([][]store.Neighbour, error) {
		return r.Store.Neighbours(ctx, store.NeighbourQuery{IDs: ids, Types: types, AsOf: asOf})
	}
	other := func(e *kg.Edge, id string) string {
		if e.From == id {
			return e.To
		}
		return e.From
	}
	dist := map[string]int{to: 0}
	level := []string{to}
	for d := 1; d <= maxLength && len(level) > 0; d++ {
		nbs, err := neighbours(level)
		if err != nil {
			return nil, err
		}
		var next []string
		for i, id := range level {
			for _, nb := range nbs[i] {
				if o := other(nb.Edge, id); o != id {
					if _, seen := dist[o]; !seen {
						dist[o] = d
						next = append(next, o)
					}
				}
			}
		}
		if _, found := dist[from]; found {
			break
		}
		level = next
	}
	if _, found := dist[from]; !found {
		return empty, nil
	}
	g := &kg.Graph{Nodes: []kg.Node{*ends[0]}}
	for cur := from; cur != to; {
		nbs, err := neighbours([]string{cur})
		if err != nil {
			return nil, err
		}
		var best *store.Neighbour
		for i := range nbs[0] {
			nb := &nbs[0][i]
			o := other(nb.Edge, cur)
			if d, ok := dist[o]; !ok || d != dist[cur]-1 {
				continue
			}
			if best == nil || o < other(best.Edge, cur) ||
				o == other(best.Edge, cur) && (nb.Edge.Type < best.Edge.Type || nb.Edge.Type == best.Edge.Type && nb.Edge.From == cur) {
				best = nb
			}
		}
		if best == nil {
			return empty, nil // cannot happen: dist came from these very edges
		}
		g.Nodes = append(g.Nodes, *best.Node)
		g.Edges = append(g.Edges, *best.Edge)
		cur = other(best.Edge, cur)
	}
	return g, nil
}

// openFilter tests whether a commitment is still open (its current status is not
// FULFILLED) or, for false, fulfilled; as of a date (asOfFilter), with its status then, as
// Commitment.open(asOf:) answers.
func openFilter(open *bool) *store.Filter {
	if open == nil {
		return nil
	}
	if *open {
		return cmp(store.FieldStatus, store.OpIn, []string{kg.CommitmentMade, kg.CommitmentReported})
	}
	return cmp(store.FieldStatus, store.OpEq, kg.CommitmentFulfilled)
}
