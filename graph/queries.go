package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Helpers of the resolvers that are more than one line.

// document finds a document by ID or by Kamerstuk dossier and number.
func (r *Resolver) document(ctx context.Context, id, dossier *string, number *int) (*model.Document, error) {
	switch {
	case id != nil && dossier == nil && number == nil:
		return nodeOf[*model.Document](ctx, r, *id)
	case id == nil && dossier != nil && number != nil:
		return nodeOf[*model.Document](ctx, r, kg.KamerstukID(*dossier, *number))
	}
	return nil, inputErrorf("document needs either id or both dossier and number")
}

// nodes loads many nodes in one store call, nil where there is none.
func (r *Resolver) nodes(ctx context.Context, ids []string) ([]model.Node, error) {
	if len(ids) > maxNodesIDs {
		return nil, inputErrorf("nodes takes at most %d ids", maxNodesIDs)
	}
	ld := r.loadersFor(ctx)
	ns, err := ld.nodes.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	ld.prefetchFound(ctx, ns)
	return model.WrapAll(ns), nil
}

// lookupAll returns every node of a label that a name stands for.
func (r *Resolver) lookupAll(ctx context.Context, label kg.Label, name string) ([]model.Node, error) {
	ns, err := r.lookup(ctx, label, name)
	if err != nil {
		return nil, err
	}
	out := make([]model.Node, 0, len(ns))
	for _, n := range ns {
		if w := model.Wrap(n); w != nil {
			out = append(out, w)
		}
	}
	return out, nil
}

// evidenceDocument loads the document of a piece of evidence. Evidence always points at a
// loaded document; should the document be missing all the same, a bare Document with just
// the ID stands in, so that one dangling reference does not fail the whole list.
func (r *Resolver) evidenceDocument(ctx context.Context, ev *kg.Evidence) (*model.Document, error) {
	d, err := nodeOf[*model.Document](ctx, r, ev.Document)
	if err != nil || d != nil {
		return d, err
	}
	return model.Wrap(&kg.Node{ID: ev.Document, Label: kg.Document, Name: ev.Document}).(*model.Document), nil
}

// motionOf is the motion a Kamerstuk document is (same dossier and number).
func (r *Resolver) motionOf(ctx context.Context, d *model.Document) (*model.Motion, error) {
	dossier, number := d.Dossier(), d.Number()
	if dossier == nil || number == nil {
		return nil, nil
	}
	return nodeOf[*model.Motion](ctx, r, kg.MotionID(*dossier, *number))
}

// kamerstukOf is the Kamerstuk document of a motion.
func (r *Resolver) kamerstukOf(ctx context.Context, m *model.Motion) (*model.Document, error) {
	dossier, number := m.Dossier(), m.Number()
	if dossier == nil || number == nil {
		return nil, nil
	}
	return nodeOf[*model.Document](ctx, r, kg.KamerstukID(*dossier, *number))
}

func (r *Resolver) search(ctx context.Context, text string, ls []model.Label, first *int) ([]*model.SearchHit, error) {
	n, err := pageSize(first, defaultSearchFirst, maxSearchFirst)
	if err != nil {
		return nil, err
	}
	if kg.Fold(text) == "" || n == 0 {
		return []*model.SearchHit{}, nil
	}
	ld := r.loadersFor(ctx)
	field := graphql.GetFieldContext(ctx).Field.Field
	light := !ld.readsBulk(field, "node")
	hits, err := r.Store.Search(ctx, store.SearchQuery{Text: text, Labels: labels(ls), First: n,
		NoSnippets: !ld.selectsHere(ctx, "snippet"), Light: light})
	if err != nil {
		return nil, err
	}
	out := make([]*model.SearchHit, 0, len(hits))
	found := make([]*kg.Node, 0, len(hits))
	for _, h := range hits {
		w := model.Wrap(h.Node)
		if w == nil {
			continue
		}
		hit := &model.SearchHit{Node: w, Score: h.Score}
		if h.Snippet != "" {
			s := h.Snippet
			hit.Snippet = &s
		}
		out = append(out, hit)
		found = append(found, h.Node)
	}
	if !light { // a light hit is for this search only
		ld.nodes.PrimeAll(found)
	}
	ld.prefetchFound(ctx, found, "node")
	return out, nil
}

func (r *Resolver) neighbourhood(ctx context.Context, id string, depth *int, types []model.RelationType, limit *int) (*model.Subgraph, error) {
	d := 1
	if depth != nil {
		d = *depth
	}
	if d < 1 || d > maxSubgraphDepth {
		return nil, inputErrorf("depth must be between 1 and %d", maxSubgraphDepth)
	}
	l := defaultSubgraphLimit
	if limit != nil {
		l = *limit
	}
	if l < 1 || l > maxSubgraphLimit {
		return nil, inputErrorf("limit must be between 1 and %d", maxSubgraphLimit)
	}
	field := graphql.GetFieldContext(ctx).Field.Field
	light := !r.loadersFor(ctx).readsBulk(field, "nodes")
	namesOnly, endsOnly := r.loadersFor(ctx).subgraphSelects(field)
	g, err := r.Store.Subgraph(ctx, store.SubgraphQuery{ID: id, Depth: d, Types: relTypes(types), Limit: l,
		AsOf: asOfArg(graphql.GetFieldContext(ctx).Args), Light: light, NamesOnly: namesOnly, EndsOnly: endsOnly})
	if err != nil {
		return nil, err
	}
	return r.subgraph(ctx, g, light), nil
}

func (r *Resolver) shortestPath(ctx context.Context, from, to string, maxLength *int, types []model.RelationType) (*model.Subgraph, error) {
	m := defaultPathLength
	if maxLength != nil {
		m = *maxLength
	}
	if m < 1 || m > maxPathLength {
		return nil, inputErrorf("maxLength must be between 1 and %d", maxPathLength)
	}
	g, err := r.Store.ShortestPath(ctx, from, to, m, relTypes(types))
	if asOf := asOfArg(graphql.GetFieldContext(ctx).Args); err == nil && asOf != "" && !existedAsOf(g, asOf) {
		g, err = r.pathAsOf(ctx, from, to, m, relTypes(types), asOf)
	}
	if err != nil {
		return nil, err
	}
	return r.subgraph(ctx, g, false), nil
}

// subgraph wraps a graph and primes the node loader with its nodes, unless they were read
// light (then they serve this subgraph only).
func (r *Resolver) subgraph(ctx context.Context, g *kg.Graph, light bool) *model.Subgraph {
	if g != nil {
		ld := r.loadersFor(ctx)
		found := make([]*kg.Node, len(g.Nodes))
		for i := range g.Nodes {
			found[i] = &g.Nodes[i]
		}
		if !light {
			ld.nodes.PrimeAll(found)
		}
		ld.prefetchFound(ctx, found, "nodes")
	}
	return model.NewSubgraph(g)
}

func (r *Resolver) stats(ctx context.Context) (*model.Stats, error) {
	st, err := r.Store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	out := &model.Stats{}
	for _, l := range kg.Labels {
		out.Nodes = append(out.Nodes, &model.LabelCount{Label: model.Label(l), Count: st.Nodes[l]})
		out.TotalNodes += st.Nodes[l]
	}
	for _, t := range kg.RelTypes {
		out.Edges = append(out.Edges, &model.RelationTypeCount{Type: model.RelationType(t), Count: st.Edges[t]})
		out.TotalEdges += st.Edges[t]
	}
	return out, nil
}
