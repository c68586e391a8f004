package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Resolver is the root resolver. Resolvers are thin: they check and translate arguments
// and ask the store through the operation's Loaders (or, for top-level lists and graph
// queries, directly: those are one call each anyway).
type Resolver struct {
	Store store.Reader
}

// Page sizes.
const (
	defaultListFirst     = 50
	maxListFirst         = 1000
	defaultRelationFirst = 50
	maxRelationFirst     = 500
	maxNodesIDs          = 500
	defaultSearchFirst   = 20
	maxSearchFirst       = 200
	defaultSubgraphLimit = 200
	maxSubgraphLimit     = 1000
	maxSubgraphDepth     = 3
	defaultPathLength    = 6
	maxPathLength        = 10
)

// pageSize checks a `first` argument.
func pageSize(first *int, def, max int) (int, error) { return sizeArg("first", first, def, max) }

// sizeArg checks a page size argument (first, last).
func sizeArg(name string, v *int, def, max int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < 0 || *v > max {
		return 0, inputErrorf("%s must be between 0 and %d", name, max)
	}
	return *v, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// related resolves a relation field, or the connection twin of a role field, of node
// parent, as its @relation declares it (relation_directive.go).
func (r *Resolver) related(ctx context.Context, parent model.Node) (*model.RelationConnection, error) {
	return r.relatedBy(ctx, parent, relationField)
}

// relations resolves the generic `relations` field of every node type: what it follows
// is in its arguments.
func (r *Resolver) relations(ctx context.Context, parent model.Node) (*model.RelationConnection, error) {
	return r.relatedBy(ctx, parent, func(fc *graphql.FieldContext) (relDef, error) { return relationsDefOf(fc.Args), nil })
}

// relatedBy resolves a page of the edges of parent that the field's declaration (def)
// follows. Only what the query selects is loaded: edges and pageInfo through the
// neighbours loader, totalCount through the counts loader; both in flight at once.
func (r *Resolver) relatedBy(ctx context.Context, parent model.Node, def func(*graphql.FieldContext) (relDef, error)) (*model.RelationConnection, error) {
	id := parent.KG().ID
	ld := r.loadersFor(ctx)
	load, err := ld.resolverLoad(ctx, id, def)
	if err != nil {
		return nil, err
	}
	// Both asked for before either is waited for, so that they go in one round.
	var edges *result[[]store.Neighbour]
	var count *result[int]
	if load.wantPage {
		edges = ld.neighbours.requestOne(ctx, load.page)
	}
	if load.wantCount {
		count = ld.counts.requestOne(ctx, load.count)
	}
	w := load.w
	slabs := slabsOf(ctx)
	conn := slabs.connection()
	conn.Edges = []*model.RelationEdge{}
	conn.HasNextPage, conn.HasPreviousPage = w.beyond(false)
	if edges != nil {
		nbs, err := ld.neighbours.waitOrNot(ctx, edges)
		if err != nil {
			return nil, err
		}
		nbs, more := trim(w, nbs)
		conn.Edges = slabs.relationEdges(nbs)
		conn.HasNextPage, conn.HasPreviousPage = w.beyond(more)
	}
	if count != nil {
		if conn.TotalCount, err = ld.counts.waitOrNot(ctx, count); err != nil {
			return nil, err
		}
	}
	return conn, nil
}

// resolverLoad returns the loader keys of the relationship field being resolved, for node
// id; def gives the field's declaration. The field's scope keeps them for the same field
// of the next element (scope.go): its keys are those of the same field on the same type, a
// node's ID apart.
func (l *Loaders) resolverLoad(ctx context.Context, id string, def func(*graphql.FieldContext) (relDef, error)) (relationLoad, error) {
	s, _ := ctx.(*fieldScope)
	if s != nil && s.hasLoad {
		load := s.load
		load.page.ID, load.count.ID = id, id
		return load, nil
	}
	fc := graphql.GetFieldContext(ctx)
	load, err := l.loadOf(fieldLoad{field: fc.Field.Field, object: fc.Object}, id, func() (relDef, map[string]any, error) {
		d, err := def(fc)
		return d, fc.Args, err
	})
	if err == nil && s != nil {
		s.load, s.hasLoad = load, true
	}
	return load, err
}

// relationPage fetches, for the role field being resolved, the neighbours of parent its
// arguments ask for: the page size they resolved to and the neighbours (one more than
// that, when there are more). The field's declaration is looked up only when its scope
// does not hold its keys yet (resolverLoad).
func (r *Resolver) relationPage(ctx context.Context, parent model.Node) (int, []store.Neighbour, error) {
	ld := r.loadersFor(ctx)
	load, err := ld.resolverLoad(ctx, parent.KG().ID, relationField)
	if err != nil {
		return 0, nil, err
	}
	nbs, err := ld.neighbours.Load(ctx, load.page) // a role field always loads a page
	return load.w.n, nbs, err
}

// relatedNodes resolves a role field that lists the nodes at the other end: the first
// `first` of them, in relation order.
func relatedNodes[T model.Node](ctx context.Context, r *Resolver, parent model.Node) ([]T, error) {
	n, nbs, err := r.relationPage(ctx, parent)
	if err != nil {
		return nil, err
	}
	nbs = nbs[:min(n, len(nbs))]
	rs := slabsOf(ctx)
	out, w := nodesFor[T](rs, len(nbs)), rs.wrapperFor(len(nbs))
	for _, nb := range nbs {
		if t, ok := w.Wrap(nb.Node).(T); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// relatedNode resolves a role field with at most one node at the other end: the first in
// relation order; nil when there is none.
func relatedNode[T model.Node](ctx context.Context, r *Resolver, parent model.Node) (T, error) {
	var zero T
	nodes, err := relatedNodes[T](ctx, r, parent)
	if err != nil || len(nodes) == 0 {
		return zero, err
	}
	return nodes[0], nil
}

// involvements resolves `involved`: one entry per organisation and role, ordered by
// organisation name, then ID, then role in the order the field's @relation names the
// relation types.
func (r *Resolver) involvements(ctx context.Context, parent model.Node) ([]*model.Involvement, error) {
	n, nbs, err := r.relationPage(ctx, parent)
	if err != nil {
		return nil, err
	}
	d, err := relationField(graphql.GetFieldContext(ctx))
	if err != nil {
		return nil, err
	}
	nbs = slices.Clone(nbs) // the loader's answer is shared: sort a copy
	slices.SortFunc(nbs, func(a, b store.Neighbour) int { return compareInvolvements(d.types, a, b) })
	out := make([]*model.Involvement, 0, min(n, len(nbs)))
	for _, nb := range nbs {
		if len(out) == n {
			break
		}
		if inv := model.NewInvolvement(nb.Edge, nb.Node); inv != nil {
			out = append(out, inv)
		}
	}
	return out, nil
}

// compareInvolvements orders two involvements by organisation name, ID, then role in the
// order of roles.
func compareInvolvements(roles []kg.RelType, a, b store.Neighbour) int {
	if c := strings.Compare(store.NameKey(a.Node), store.NameKey(b.Node)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Node.ID, b.Node.ID); c != 0 {
		return c
	}
	return slices.Index(roles, a.Edge.Type) - slices.Index(roles, b.Edge.Type)
}

// list resolves a top-level list of a label. totalCount is only counted when selected.
func (r *Resolver) list(ctx context.Context, label kg.Label, where *store.Filter, orderBy []*model.NodeOrder, pa pageArgs) (*model.Connection, error) {
	w, err := pa.window(defaultListFirst, maxListFirst)
	if err != nil {
		return nil, err
	}
	n := w.n
	ld := r.loadersFor(ctx)
	fc := graphql.GetFieldContext(ctx)
	field := fc.Field.Field
	wantPage, wantCount := ld.wants(field)
	where = asOfFilter(fc.Args, where)
	q := store.ListQuery{
		Label:     label,
		Where:     where,
		Order:     order(label, orderBy),
		WithTotal: wantCount,
		Light:     !ld.readsBulk(field, "edges", "node"),
		NoCursors: !ld.readsCursors(field),
	}
	if n == 0 || !wantPage {
		n = 1 // the store's 0 means "no limit"; one row tells whether any exist
	}
	if w.backward {
		q.Last, q.Before = n, w.cursor
	} else {
		q.First, q.After = n, w.cursor
	}
	page, err := r.Store.List(ctx, q)
	if err != nil {
		return nil, err
	}
	conn := &model.Connection{Edges: []*model.Edge{}, TotalCount: page.Total}
	if w.n == 0 {
		conn.PageInfo = w.pageInfo(nil, len(page.Nodes) > 0)
		return conn, nil
	}
	cursors := page.Cursors
	if q.NoCursors {
		cursors = nil
	}
	conn.Edges = model.NewEdges(page.Nodes, cursors)
	items := make([]item, len(page.Nodes))
	for i, node := range page.Nodes {
		items[i] = item{node: node}
	}
	if !q.Light { // a light node is for this list only
		ld.nodes.PrimeAll(page.Nodes)
	}
	var ks keySink
	ld.prefetch(&ks, field, items)
	ks.flush(ctx, ld)
	conn.PageInfo = w.pageInfo(page.Cursors, page.HasNextPage || page.HasPreviousPage)
	return conn, nil
}

// node loads one node of any label; nil when there is none.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	ld := r.loadersFor(ctx)
	n, err := ld.nodes.Load(ctx, id)
	if err != nil || n == nil {
		return nil, err
	}
	ld.prefetchFound(ctx, []*kg.Node{n})
	return model.Wrap(n), nil
}

// nodeOf loads one node and returns it when it has the wanted Go type (label); nil otherwise.
func nodeOf[T model.Node](ctx context.Context, r *Resolver, id string) (T, error) {
	var zero T
	n, err := r.node(ctx, id)
	if err != nil || n == nil {
		return zero, err
	}
	t, _ := n.(T)
	return t, nil
}

// lookup finds the nodes of a label a name (or alias, abbreviation) stands for.
func (r *Resolver) lookup(ctx context.Context, label kg.Label, name string) ([]*kg.Node, error) {
	if kg.Fold(name) == "" {
		return nil, nil
	}
	ld := r.loadersFor(ctx)
	ns, err := ld.lookups.Load(ctx, lookupKey{label, name})
	if err == nil {
		ld.prefetchFound(ctx, ns)
	}
	return ns, err
}

// lookupOne returns the first node (by ID) a name stands for, as its Go type; nil when none.
func lookupOne[T model.Node](ctx context.Context, r *Resolver, label kg.Label, name string) (T, error) {
	var zero T
	ns, err := r.lookup(ctx, label, name)
	if err != nil || len(ns) == 0 {
		return zero, err
	}
	t, _ := model.Wrap(ns[0]).(T)
	return t, nil
}
