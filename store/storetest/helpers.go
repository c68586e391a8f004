package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

var ctx = context.Background()

// fixtureEdges maps edge IDs to the fixture's edges.
func fixtureEdges() map[string]kg.Edge {
	m := map[string]kg.Edge{}
	for _, e := range Fixture().Edges {
		m[e.ID()] = e
	}
	return m
}

func nodeIDs(nodes []*kg.Node) []string {
	out := []string{}
	for _, n := range nodes {
		if n == nil {
			out = append(out, "<nil>")
		} else {
			out = append(out, n.ID)
		}
	}
	return out
}

func graphNodeIDs(g *kg.Graph) []string {
	out := []string{}
	for _, n := range g.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func graphEdgeIDs(g *kg.Graph) []string {
	out := []string{}
	for _, e := range g.Edges {
		out = append(out, e.ID())
	}
	return out
}

// neighbourLine shows a neighbour as "TYPE > other" when the queried node is the edge's
// From (a self-loop included) and "TYPE < other" when it is the To.
func neighbourLine(id string, n store.Neighbour) string {
	arrow := "<"
	if n.Edge.From == id {
		arrow = ">"
	}
	return fmt.Sprintf("%s %s %s", n.Edge.Type, arrow, n.Node.ID)
}

func neighbourLines(id string, ns []store.Neighbour) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, neighbourLine(id, n))
	}
	return out
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

func strs(s ...string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want %v", what, err, target)
	}
}

// list runs a List and returns the IDs of the page.
func list(t *testing.T, s store.Store, q store.ListQuery) []string {
	t.Helper()
	p, err := s.List(ctx, q)
	if err != nil {
		t.Fatalf("List(%+v): %v", q, err)
	}
	return nodeIDs(p.Nodes)
}

// checkNodes fails unless every node deep-equals the fixture's node of that ID.
func checkNodes(t *testing.T, nodes ...*kg.Node) {
	t.Helper()
	g := Fixture()
	for _, n := range nodes {
		if n == nil {
			continue
		}
		want := g.Node(n.ID)
		if want == nil || !reflect.DeepEqual(n.Unsealed(), *want) {
			t.Errorf("node %s does not round-trip:\n got  %#v\n want %#v", n.ID, *n, want)
		}
	}
}

// checkEdges fails unless every edge deep-equals the fixture's edge of that ID.
func checkEdges(t *testing.T, edges ...kg.Edge) {
	t.Helper()
	m := fixtureEdges()
	for _, e := range edges {
		want, ok := m[e.ID()]
		if !ok || !reflect.DeepEqual(e, want) {
			t.Errorf("edge %s does not round-trip:\n got  %#v\n want %#v", e.ID(), e, want)
		}
	}
}

// fingerprint summarises everything a store answers about the graph, to compare a store
// with itself before and after a write. The answers themselves are checked elsewhere.
func fingerprint(t *testing.T, s store.Store) string {
	t.Helper()
	page, err := s.List(ctx, store.ListQuery{Order: []store.Order{{Field: store.FieldDegree, Desc: true}}, WithTotal: true})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	ids := slices.Clone(nodeIDs(page.Nodes))
	nb, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: ids, Direction: store.Both})
	if err != nil {
		t.Fatalf("Neighbours: %v", err)
	}
	lines := []string{}
	for i, id := range ids {
		lines = append(lines, id+": "+fmt.Sprint(neighbourLines(id, nb[i])))
	}
	hits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel"})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	var hl []string
	for _, h := range hits {
		hl = append(hl, fmt.Sprintf("%s %.1f %s", h.Node.ID, h.Score, h.Snippet))
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return fmt.Sprintf("total %d\n%v\n%v\n%v\n%v", page.Total, lines, hl, st.Nodes, st.Edges)
}
