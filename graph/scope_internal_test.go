package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// A scope keeps the scope of a field for the next element only when everything its field
// context holds would be the same: the field, the object it is selected on and the
// selections collected for it.
func TestScopeOfKeepsOnlyTheSameField(t *testing.T) {
	made := 0
	fieldContext := func(object string) func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error) {
		return func(_ context.Context, f graphql.CollectedField) (*graphql.FieldContext, error) {
			made++
			return &graphql.FieldContext{Object: object, Field: f}, nil
		}
	}
	root := &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "root"}}}
	parent := elementScopeOf(graphql.WithFieldContext(context.Background(), root))

	sub := ast.SelectionSet{&ast.Field{Alias: "id"}}
	holders := graphql.CollectedField{Field: &ast.Field{Alias: "holders", SelectionSet: sub}, Selections: sub}
	aliases := graphql.CollectedField{Field: &ast.Field{Alias: "aliases"}}
	mentions := graphql.CollectedField{Field: &ast.Field{Alias: "mentions"}}
	merged := graphql.CollectedField{Field: holders.Field, Selections: ast.SelectionSet{&ast.Field{Alias: "name"}}}

	type call struct {
		field  graphql.CollectedField
		object string
		kept   int // the call that made the scope this one must get; -1: a new one
	}
	calls := []call{
		{holders, "Actielijn", -1},
		{holders, "Actielijn", 0},
		{holders, "Action", -1}, // the same field of an interface, on another type
		{aliases, "Actielijn", -1},
		{mentions, "Actielijn", -1}, // another field with no selections either
		{merged, "Actielijn", -1},   // the field merged with another: other selections
		{aliases, "Actielijn", 3},
		{holders, "Action", 2},
	}
	var scopes []context.Context
	for i, c := range calls {
		before := made
		ctx, fc, err := scopeOf(&parent.scope, c.field, c.object, fieldContext(c.object))
		if err != nil {
			t.Fatal(err)
		}
		scopes = append(scopes, ctx)
		if graphql.GetFieldContext(ctx) != fc || fc.Parent != &parent.fc || fc.Field.Field != c.field.Field || fc.Object != c.object {
			t.Errorf("call %d: the scope's field context is %+v", i, fc)
		}
		if c.kept < 0 && (made != before+1 || ctx == scopes[0] && i > 0) {
			t.Errorf("call %d: got a kept scope, want a new one", i)
		}
		if c.kept >= 0 && (made != before || ctx != scopes[c.kept]) {
			t.Errorf("call %d: got a new scope, want call %d's", i, c.kept)
		}
	}

	// Under a context that is no scope nothing is kept; a failing field context neither.
	plain := graphql.WithFieldContext(context.Background(), root)
	a, _, _ := scopeOf(plain, holders, "Actielijn", fieldContext("Actielijn"))
	b, _, _ := scopeOf(plain, holders, "Actielijn", fieldContext("Actielijn"))
	if a == b {
		t.Error("a context that is no scope kept a scope")
	}
	failing := errors.New("invalid argument")
	for range 2 {
		ctx, _, err := scopeOf(&parent.scope, graphql.CollectedField{Field: &ast.Field{Alias: "bad"}}, "Actielijn",
			func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error) { return nil, failing })
		if err != failing || ctx != &parent.scope {
			t.Errorf("a failing field context: %v, %v", ctx, err)
		}
	}

	// A scope keeps a bounded number; beyond it a field gets a new scope each time.
	for i := range maxScopeChildren + 4 {
		room := len(parent.scope.children) < maxScopeChildren
		f := graphql.CollectedField{Field: &ast.Field{Alias: fmt.Sprint("f", i)}}
		first, _, _ := scopeOf(&parent.scope, f, "Actielijn", fieldContext("Actielijn"))
		second, _, _ := scopeOf(&parent.scope, f, "Actielijn", fieldContext("Actielijn"))
		if len(parent.scope.children) > maxScopeChildren {
			t.Fatalf("%d scopes kept, at most %d", len(parent.scope.children), maxScopeChildren)
		}
		if (first == second) != room {
			t.Errorf("field %d: kept %v, want %v", i, first == second, room)
		}
	}
}

// A list's element scope is kept by the scope the list is marshalled in, and the paths of
// fields below scopes are those graphql.WithFieldContext's layers give.
func TestScopesGiveGqlgensPaths(t *testing.T) {
	field := func(alias string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Alias: alias}}
	}
	fieldContext := func(_ context.Context, f graphql.CollectedField) (*graphql.FieldContext, error) {
		return &graphql.FieldContext{Object: "T", Field: f}, nil
	}
	// documents[2].respondsTo[1].submitters, made with gqlgen's layers and with scopes.
	gq := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Field: field("documents")})
	i, j := 2, 1
	gq = graphql.WithFieldContext(gq, &graphql.FieldContext{Index: &i})
	gq = graphql.WithFieldContext(gq, &graphql.FieldContext{Field: field("respondsTo")})
	gq = graphql.WithFieldContext(gq, &graphql.FieldContext{Index: &j})
	gq = graphql.WithFieldContext(gq, &graphql.FieldContext{Field: field("submitters")})

	root, _, _ := scopeOf(context.Background(), field("documents"), "Query", fieldContext)
	outer := elementScopeOf(root)
	if elementScopeOf(root) != outer {
		t.Error("a scope did not keep its list's element scope")
	}
	outer.index = i
	responds, _, _ := scopeOf(&outer.scope, field("respondsTo"), "Document", fieldContext)
	inner := elementScopeOf(responds)
	inner.index = j
	sc, _, _ := scopeOf(&inner.scope, field("submitters"), "Motion", fieldContext)

	want, got := graphql.GetFieldContext(gq).Path().String(), graphql.GetFieldContext(sc).Path().String()
	if got != want || want != "documents[2].respondsTo[1].submitters" {
		t.Errorf("path %q, want %q", got, want)
	}
	// The other values of the context are its parent's.
	type key struct{}
	under := context.WithValue(context.Background(), key{}, "kept")
	s, _, _ := scopeOf(under, field("f"), "T", fieldContext)
	if s.Value(key{}) != "kept" || elementScopeOf(s).scope.Value(key{}) != "kept" {
		t.Error("a scope lost its parent's values")
	}
}

// TestScopesHoldTheLoaders: scopes and list elements at any depth answer the operation's
// loaders as the context above them would, and none when there are none; other keys go up.
func TestScopesHoldTheLoaders(t *testing.T) {
	type other struct{}
	fieldContext := func(_ context.Context, f graphql.CollectedField) (*graphql.FieldContext, error) {
		return &graphql.FieldContext{Object: "X", Field: f}, nil
	}
	field := graphql.CollectedField{Field: &ast.Field{Alias: "holders"}}
	l := &Loaders{}
	for _, c := range []struct {
		name string
		ctx  context.Context
		want *Loaders
	}{
		{"with loaders", context.WithValue(WithLoaders(context.Background(), l), other{}, 7), l},
		{"without", context.WithValue(context.Background(), other{}, 7), nil},
	} {
		ctx := c.ctx
		for depth := range 6 {
			if depth%2 == 0 {
				ctx, _, _ = scopeOf(ctx, field, "X", fieldContext)
			} else {
				ctx = &elementScopeOf(ctx).scope
			}
			got, ok := ctx.Value(loadersKey{}).(*Loaders)
			if got != c.want || ok != (c.want != nil) {
				t.Errorf("%s, depth %d: loaders %p (%v), want %p", c.name, depth, got, ok, c.want)
			}
			if ctx.Value(other{}) != 7 {
				t.Errorf("%s, depth %d: another key is lost", c.name, depth)
			}
		}
	}
}

// TestResolverSlabs: the lists and wrapped nodes cut from a scope's slabs for one element
// after another are each their own: filling one, and cutting and filling the next ones
// (past a slab's end too), leaves what the earlier ones hold as it was; without a scope,
// each is made anew.
func TestResolverSlabs(t *testing.T) {
	for _, ctx := range []context.Context{&fieldScope{Context: context.Background()}, context.Background()} {
		rs := slabsOf(ctx)
		if _, isScope := ctx.(*fieldScope); isScope != (rs != nil) {
			t.Fatalf("%T: slabs %v", ctx, rs)
		}
		var lists [][]model.Node
		var want [][]string
		for i := range 50 {
			n := i%5 + 1
			if i == 20 {
				n = 3 * resolverSlabsMin // more than a slab holds
			}
			list, w := nodesFor[model.Node](rs, n), rs.wrapperFor(n)
			if len(list) != 0 || cap(list) != n {
				t.Fatalf("element %d: a list of %d with room for %d, want 0 and %d", i, len(list), cap(list), n)
			}
			var ids []string
			for j := range n {
				id := fmt.Sprintf("person:%d-%d", i, j)
				list = append(list, w.Wrap(&kg.Node{ID: id, Label: kg.Person}))
				ids = append(ids, id)
			}
			lists, want = append(lists, list), append(want, ids)
		}
		for i, list := range lists {
			for j, nd := range list {
				if got := nd.KG().ID; got != want[i][j] {
					t.Fatalf("%T: element %d, node %d is %s, want %s", ctx, i, j, got, want[i][j])
				}
			}
		}
	}
}

// A relationship field's connections and their edges, cut from a scope's slabs for one
// element after another, are each their own, past a slab's end too; without a scope, and
// without neighbours, each is made anew, and no neighbours make an empty list, not null.
func TestRelationConnectionSlabs(t *testing.T) {
	for _, ctx := range []context.Context{&fieldScope{Context: context.Background()}, context.Background()} {
		rs := slabsOf(ctx)
		type made struct {
			conn *model.RelationConnection
			ids  []string
		}
		var all []made
		for i := range 40 {
			n := i % 4 // none, too
			if i == 13 {
				n = 2 * resolverSlabsMin
			}
			var nbs []store.Neighbour
			var ids []string
			for j := range n {
				id := fmt.Sprintf("motion:%d-%d", i, j)
				nbs = append(nbs, store.Neighbour{Node: &kg.Node{ID: id, Label: kg.Motion}, Edge: &kg.Edge{Type: "RESPONDS_TO", From: "doc:x", To: id}})
				ids = append(ids, id)
			}
			conn := rs.connection()
			conn.TotalCount = i
			conn.Edges = rs.relationEdges(nbs)
			if conn.Edges == nil || len(conn.Edges) != n {
				t.Fatalf("%T: element %d: %d edges (nil: %v), want %d", ctx, i, len(conn.Edges), conn.Edges == nil, n)
			}
			all = append(all, made{conn, ids})
		}
		for i, m := range all {
			if m.conn.TotalCount != i {
				t.Fatalf("%T: connection %d was written over by %d", ctx, i, m.conn.TotalCount)
			}
			for j, e := range m.conn.Edges {
				if got := e.Node().KG().ID; got != m.ids[j] || e.Direction() != model.DirectionOut {
					t.Fatalf("%T: element %d, edge %d: %s %s, want %s OUT", ctx, i, j, got, e.Direction(), m.ids[j])
				}
			}
		}
	}
}
