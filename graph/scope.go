package graph

import (
	"context"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/store"
)

// A fieldScope is the context a field's selections run in below the root: the context
// layer holding the field's field context, in place of graphql.WithFieldContext's. It also
// keeps the scopes of its own fields and of its list's elements, so that the next element
// of the list that holds it finds them made: the elements of a list run one after another
// (lists.go), and a field below the same field of the next element has the same field
// context (the same field, object, arguments and parent). A nested answer made a field
// context and two context layers for every motion's submitters, every edge's node and every
// element of every list (a quarter of its allocations); it now makes them once per field of
// the query.
//
// Nothing keeps a scope past its element's marshalling that could tell the elements apart:
// an error takes its path when it is made (graphql.ErrorOnPath), a resolver runs and waits
// within its element, and the field contexts of a list's elements already share one index
// that moves on (marshalList).
type fieldScope struct {
	context.Context
	fc       *graphql.FieldContext
	element  *listElement  // the scope of this field's list elements, kept for the next list
	children []*fieldScope // the scopes of this scope's fields, kept for the next element
	load     relationLoad  // a relationship field's loader keys, its node's ID apart (resolverLoad)
	hasLoad  bool
	// noWait: the field's resolver runs within an eager object's writing (resolveNow), which
	// must not wait for a key: the loaders answer notLoaded instead.
	noWait    bool
	collected collected // the fields an object under this scope collected last (memo.go)
	// The operation's loaders (nil: none above), which every resolver asks for: found in
	// the scope, not by a walk up every context above it, a dozen at the third level.
	loaders *Loaders
	slabs   *resolverSlabs // what the field's resolver makes, for every element above it
}

// resolverSlabs holds what a relationship field's resolver makes for one node (relatedNodes,
// relatedBy) in slabs kept by the field's scope, shared by the same field of every element
// of the list above: a hundred motions' submitters were two hundred small allocations, a
// list and a wrapped node a motion. A slab is only ever cut, never written again, so what
// an answer holds of it stays as it was.
type resolverSlabs struct {
	wrapper model.Wrapper
	nodes   any // *[]T: the lists of the field's node type T
	// A connection's own (relatedBy): itself and the list of its edges (the edges, the
	// largest, are made for each: a slab of them left a third empty, on average).
	connections []model.RelationConnection
	edgeList    []*model.RelationEdge
}

// resolverSlabsMin is the fewest elements a slab is made for.
const resolverSlabsMin = 32

// slabsOf returns the slabs of the scope ctx is, nil if it is none.
func slabsOf(ctx context.Context) *resolverSlabs {
	s, ok := ctx.(*fieldScope)
	if !ok {
		return nil
	}
	if s.slabs == nil {
		s.slabs = &resolverSlabs{}
	}
	return s.slabs
}

// wrapperFor returns the slabs' wrapper, expecting n nodes (a new one if rs is nil).
func (rs *resolverSlabs) wrapperFor(n int) *model.Wrapper {
	if rs == nil {
		w := model.NewWrapper(n)
		return &w
	}
	rs.wrapper.Expect(max(n, resolverSlabsMin))
	return &rs.wrapper
}

// nodesFor returns an empty list with room for n nodes of type T, cut from rs's slab of
// them (made anew if rs is nil).
func nodesFor[T any](rs *resolverSlabs, n int) []T {
	if rs == nil {
		return make([]T, 0, n)
	}
	slab, _ := rs.nodes.(*[]T)
	if slab == nil {
		slab = new([]T)
		rs.nodes = slab
	}
	return cut(slab, n)[:0]
}

// cut returns the next n elements of slab, made anew when fewer are left.
func cut[T any](slab *[]T, n int) []T {
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(n, resolverSlabsMin))
	}
	start := len(*slab)
	*slab = (*slab)[:start+n]
	return (*slab)[start : start+n : start+n]
}

// connection returns a new relation connection, cut from rs's slab (made anew if rs is nil).
func (rs *resolverSlabs) connection() *model.RelationConnection {
	if rs == nil {
		return &model.RelationConnection{}
	}
	return &cut(&rs.connections, 1)[0]
}

// relationEdges returns the edges of neighbours nbs of a node, their list cut from rs's
// slab (made anew if rs is nil).
func (rs *resolverSlabs) relationEdges(nbs []store.Neighbour) []*model.RelationEdge {
	if rs == nil || len(nbs) == 0 {
		return model.NewRelationEdges(nbs)
	}
	return model.NewRelationEdgesIn(rs.wrapperFor(len(nbs)), nbs, make([]model.RelationEdge, len(nbs)), cut(&rs.edgeList, len(nbs)))
}

// maxScopeChildren bounds the scopes a scope keeps: a query selects a few fields with
// selections or resolvers on an object, and a field beyond the bound gets a scope each time.
const maxScopeChildren = 16

// fieldContextKey is the key under which gqlgen keeps a field context in a context, which
// graphql.GetFieldContext reads: a fieldScope answers it with its own.
var fieldContextKey = func() any {
	var p keyProbe
	graphql.GetFieldContext(&p)
	return p.key
}()

// keyProbe is a context that records the key it is asked for.
type keyProbe struct {
	context.Context
	key any
}

func (p *keyProbe) Value(key any) any {
	p.key = key
	return nil
}

func init() {
	// A gqlgen that keeps field contexts otherwise fails every test here, instead of
	// answering with the wrong paths.
	fc := &graphql.FieldContext{}
	s := &fieldScope{Context: context.Background(), fc: fc}
	child := &graphql.FieldContext{}
	if graphql.GetFieldContext(s) != fc || graphql.GetFieldContext(graphql.WithFieldContext(s, child)) != child || child.Parent != fc {
		panic("graph: gqlgen's field contexts are not kept as fieldScope expects (scope.go)")
	}
}

func (s *fieldScope) Value(key any) any {
	switch key {
	case fieldContextKey:
		return s.fc
	case loadersKey{}:
		if s.loaders != nil {
			return s.loaders
		}
	}
	return s.Context.Value(key)
}

// loadersAbove returns the loaders of the operation ctx is in: the scope's, when ctx is one.
func loadersAbove(ctx context.Context) *Loaders {
	if parent, ok := ctx.(*fieldScope); ok {
		return parent.loaders
	}
	return loadersOf(ctx)
}

// scopeOf returns ctx under the field context of field on object, made by fieldContext
// (gqlgen's fieldContext_<object>_<field>), and that field context: the scope ctx keeps for
// it if it is a fieldScope that has one, else a new one, which ctx then keeps. An error is
// fieldContext's (invalid arguments, which it has reported), and nothing is kept.
func scopeOf(ctx context.Context, field graphql.CollectedField, object string, fieldContext func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error)) (context.Context, *graphql.FieldContext, error) {
	parent, _ := ctx.(*fieldScope)
	if parent != nil {
		for _, c := range parent.children {
			if c.fc.Field.Field == field.Field && c.fc.Object == object && sameSelections(c.fc.Field.Selections, field.Selections) {
				return c, c.fc, nil
			}
		}
	}
	fc, err := fieldContext(ctx, field)
	if err != nil {
		return ctx, fc, err
	}
	fc.Parent = graphql.GetFieldContext(ctx)
	s := &fieldScope{Context: ctx, fc: fc, loaders: loadersAbove(ctx)}
	if parent != nil && len(parent.children) < maxScopeChildren {
		parent.children = append(parent.children, s)
	}
	return s, fc, nil
}

// sameSelections reports whether a and b are the same slice: a field collected twice from
// one selection set on one type (graph/memo.go) has the same selections.
func sameSelections(a, b ast.SelectionSet) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// A listElement is the scope of a list's elements, with the field context and the index
// it points to, in one allocation. The elements run one after another, so one serves each
// in turn, its index moved on.
type listElement struct {
	scope fieldScope
	fc    graphql.FieldContext
	index int
}

// elementScopeOf returns the scope of the elements of a list marshalled under ctx: the one
// ctx keeps if it is a fieldScope that has one, else a new one, which ctx then keeps.
func elementScopeOf(ctx context.Context) *listElement {
	parent, _ := ctx.(*fieldScope)
	if parent != nil && parent.element != nil {
		return parent.element
	}
	el := &listElement{}
	el.fc.Index = &el.index
	el.fc.Parent = graphql.GetFieldContext(ctx)
	el.scope = fieldScope{Context: ctx, fc: &el.fc, loaders: loadersAbove(ctx)}
	if parent != nil {
		parent.element = el
	}
	return el
}
