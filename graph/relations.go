package graph

import (
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Relationship fields come in two kinds (README, "API conventions"):
//
//   - relation fields name the relation as this node's verb (holds, executes, memberOf,
//     cites, citedBy, respondsTo, mentionedIn, ...) and are Relay connections whose edges
//     carry the evidence;
//   - role fields name the nodes at the other end by their role (holders, submitters,
//     respondedToBy, submitted, ...) and return those nodes: a plain list, or one node where
//     there is at most one. Each role field has a twin, the same field name plus
//     "Connection" (holdersConnection), that is a relation field over the same edges, so
//     that no evidence is out of reach.
//
// The schema declares each of them with @relation; relation_directive.go reads the
// declarations into relationFields, relation_args.go reads their arguments, and loadOf
// below turns both into loader keys, for the resolvers and the prefetcher alike.

// shape is what a relationship field returns.
type shape int

const (
	connectionShape  shape = iota // a Relay connection of edges with evidence
	listShape                     // a plain list of the nodes at the other end, [T!]!
	singleShape                   // the one node at the other end, or null
	involvementShape              // [Involvement!]!: organisation, role, evidence
)

// String is the shape's name in the schema (enum RelationShape).
func (s shape) String() string {
	return [...]string{"CONNECTION", "LIST", "SINGLE", "INVOLVEMENTS"}[s]
}

// twinSuffix names the connection twin of a role field.
const twinSuffix = "Connection"

// relDef says which edges a relationship field follows and what it returns: a field's
// @relation declaration, or the arguments of the generic `relations`.
type relDef struct {
	types  []kg.RelType
	dir    store.Direction
	labels []kg.Label
	shape  shape
}

// window checks a relationship field's paging arguments; a single node needs one edge.
func (d relDef) window(page pageArgs) (window, error) {
	if d.shape == singleShape {
		return window{n: 1}, nil
	}
	return page.window(defaultRelationFirst, maxRelationFirst)
}

// pageSpec is what the neighbours loader is asked for the page w of a node's edges. It
// asks for one more than w.n, which tells whether more lie beyond the page (so first: 0
// still asks for one); involvements ask for all, since they are sorted here rather than by
// the store. The resolvers and the prefetcher both make their keys here.
func (d relDef) pageSpec(w window) relSpec {
	size := w.n + 1
	if d.shape == involvementShape {
		size = 0
	}
	return newRelSpec(d.types, d.dir, d.labels, size, w.cursor, w.backward)
}

// light reports whether relationship field f (of this shape) reads no text or mentions of
// the nodes at the other end, so that its page may be a light read. Involvements are read
// whole (rare, and their nodes are sorted here).
func (d relDef) light(l *Loaders, f *ast.Field) bool {
	switch d.shape {
	case connectionShape:
		return !l.readsBulk(f, "edges", "node")
	case listShape, singleShape:
		return !l.readsBulk(f)
	}
	return false
}

// countSpec is what the counts loader is asked for a node: all its edges that d follows.
func (d relDef) countSpec() relSpec {
	return newRelSpec(d.types, d.dir, d.labels, 0, "", false)
}

// relationField returns the declaration of the relationship field of fc.
func relationField(fc *graphql.FieldContext) (relDef, error) {
	d, ok := lookupRelation(fc.Object, fc.Field.Name)
	if !ok {
		return relDef{}, fmt.Errorf("graph: %s.%s has no @%s declaration", fc.Object, fc.Field.Name, relationDirective)
	}
	return d, nil
}

// lookupRelation returns the declaration of field of typeName (relation_directive.go):
// its @relation, or, for the connection twin of a role field, the role field's.
func lookupRelation(typeName, field string) (relDef, bool) {
	d, ok := relationFields[fieldRef{typeName, field}]
	return d, ok
}

// relationLoad is what one relationship field of one node asks the loaders for: a page of
// its edges (when the field selects any) and their count (when selected).
type relationLoad struct {
	w         window
	page      relKey
	count     relKey
	wantPage  bool
	wantCount bool
}

// fieldLoad is a relationship field of the document on one object type, as a resolver
// resolves it or as the prefetcher sees it on a node of that label.
type fieldLoad struct {
	field    *ast.Field
	object   string
	prefetch bool // the prefetcher reads the arguments in their other form (relation_args.go)
}

// loadOf returns the loader keys of the relationship field f for node id. What the keys
// ask besides the ID depends on the field and the operation only (the declaration and
// arguments def gives, the window, whether the page is light), so it is made once per
// operation and field: a hundred motions' submitters make it once. An error is made, and
// reported, for each node.
func (l *Loaders) loadOf(f fieldLoad, id string, def func() (relDef, map[string]any, error)) (relationLoad, error) {
	load, ok := l.memo.relationLoad(f)
	if !ok {
		d, args, err := def()
		if err != nil {
			return relationLoad{}, err
		}
		if load, err = l.makeLoad(d, f.field, args); err != nil {
			return relationLoad{}, err
		}
		l.memo.keepRelationLoad(f, load)
	}
	load.page.ID, load.count.ID = id, id
	return load, nil
}

// makeLoad makes the loader keys of relationship field f, declared as d, without a node's
// ID, from the field's arguments args (relationArgsOf reads them). The resolvers and the
// prefetcher both make their keys here, so that a prefetched key is the key the resolver
// asks for; it also notes the field's plan, so that the batch that answers the page
// prefetches the next level.
func (l *Loaders) makeLoad(d relDef, f *ast.Field, args map[string]any) (relationLoad, error) {
	a := relationArgsOf(args)
	w, err := d.window(a.page)
	if err != nil {
		return relationLoad{}, err
	}
	load := relationLoad{w: w, wantPage: true} // role fields load their nodes, never a count
	if d.shape == connectionShape {
		load.wantPage, load.wantCount = l.wants(f)
	}
	if load.wantPage {
		spec := d.pageSpec(w)
		spec.AsOf = a.asOf
		spec.Light = d.light(l, f)
		load.page.spec = l.intern(spec)
		l.notePlan(load.page.spec, f, d.shape)
	}
	if load.wantCount {
		spec := d.countSpec()
		spec.AsOf = a.asOf
		load.count.spec = l.intern(spec)
	}
	return load, nil
}
