package graph

import (
	"context"
	"slices"
	"strings"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

const (
	defaultChangesFirst = 200
	maxChangesFirst     = 1000
)

// changes answers Query.changes: the nodes, relations and status steps that appeared
// between from and to, in the whole graph or around one node.
func (r *Resolver) changes(ctx context.Context, from, to model.Date, around *string, first *int) (*model.Changes, error) {
	if from > to {
		return nil, inputErrorf("from (%s) must not be after to (%s)", from, to)
	}
	n, err := pageSize(first, defaultChangesFirst, maxChangesFirst)
	if err != nil {
		return nil, err
	}
	lo, hi := string(from), string(to)
	in := func(since string) bool { return since != "" && since >= lo && since <= hi }
	var candidates []*kg.Node // whose steps count
	var nodes []*kg.Node
	var ids []string // whose relations count
	if around != nil {
		centre, err := r.Store.Nodes(ctx, []string{*around})
		if err != nil {
			return nil, err
		}
		if centre[0] == nil {
			return &model.Changes{Nodes: []model.Node{}, Relations: []*model.Relation{}, MotionSteps: []*model.MotionStepChange{}, CommitmentSteps: []*model.CommitmentStepChange{}}, nil
		}
		candidates, ids = centre, []string{*around}
	} else {
		page, err := r.Store.List(ctx, store.ListQuery{
			Where: all(cmp(store.FieldSince, store.OpGte, lo), cmp(store.FieldSince, store.OpLte, hi)),
			Order: []store.Order{{Field: store.FieldSince}, {Field: store.FieldID}}, First: n})
		if err != nil {
			return nil, err
		}
		nodes = page.Nodes
		for _, x := range nodes {
			ids = append(ids, x.ID)
		}
		for _, l := range []kg.Label{kg.Motion, kg.Commitment} {
			page, err := r.Store.List(ctx, store.ListQuery{Label: l})
			if err != nil {
				return nil, err
			}
			candidates = append(candidates, page.Nodes...)
		}
	}
	var rels []*kg.Edge
	if len(ids) > 0 {
		// around a node: its neighbours through relations that existed by the end date
		q := store.NeighbourQuery{IDs: ids}
		if around != nil {
			q.AsOf = hi
		}
		nbs, err := r.Store.Neighbours(ctx, q)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, list := range nbs {
			for _, nb := range list {
				if around != nil {
					candidates = append(candidates, nb.Node)
				}
				if in(nb.Edge.Since()) && !seen[nb.Edge.ID()] {
					seen[nb.Edge.ID()] = true
					rels = append(rels, nb.Edge)
				}
			}
		}
	}
	if around != nil {
		seen := map[string]bool{}
		for _, c := range candidates {
			if !seen[c.ID] && in(c.Since()) {
				seen[c.ID] = true
				nodes = append(nodes, c)
			}
		}
	}
	return assembleChanges(nodes, rels, candidates, lo, hi, n), nil
}

// assembleChanges orders and caps what changes found.
func assembleChanges(nodes []*kg.Node, rels []*kg.Edge, candidates []*kg.Node, lo, hi string, n int) *model.Changes {
	slices.SortFunc(nodes, func(a, b *kg.Node) int { return bySinceThenID(a.Since(), b.Since(), a.ID, b.ID) })
	slices.SortFunc(rels, func(a, b *kg.Edge) int { return bySinceThenID(a.Since(), b.Since(), a.ID(), b.ID()) })
	out := &model.Changes{Nodes: []model.Node{}, Relations: []*model.Relation{}}
	for _, x := range nodes[:min(n, len(nodes))] {
		out.Nodes = append(out.Nodes, model.Wrap(x))
	}
	for _, e := range rels[:min(n, len(rels))] {
		out.Relations = append(out.Relations, model.NewRelation(e))
	}
	seen := map[string]bool{}
	for _, c := range candidates {
		if !seen[c.ID] {
			seen[c.ID] = true
			out.AddSteps(c, lo, hi)
		}
	}
	slices.SortStableFunc(out.MotionSteps, func(a, b *model.MotionStepChange) int {
		return strings.Compare(string(*a.Step.Date()), string(*b.Step.Date()))
	})
	slices.SortStableFunc(out.CommitmentSteps, func(a, b *model.CommitmentStepChange) int {
		return strings.Compare(string(*a.Step.Date()), string(*b.Step.Date()))
	})
	out.MotionSteps = out.MotionSteps[:min(n, len(out.MotionSteps))]
	out.CommitmentSteps = out.CommitmentSteps[:min(n, len(out.CommitmentSteps))]
	if out.MotionSteps == nil {
		out.MotionSteps = []*model.MotionStepChange{}
	}
	if out.CommitmentSteps == nil {
		out.CommitmentSteps = []*model.CommitmentStepChange{}
	}
	return out
}

func bySinceThenID(sa, sb, ida, idb string) int {
	if c := strings.Compare(sa, sb); c != 0 {
		return c
	}
	return strings.Compare(ida, idb)
}
