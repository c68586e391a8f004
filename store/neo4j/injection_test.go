package neo4j

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/storetest"
)

// hostile are strings that would change a Cypher statement if they were pasted into it
// rather than passed as parameters.
var hostile = []string{
	`") RETURN n //`,
	`'}) DETACH DELETE n //`,
	`"}) MATCH (x) DETACH DELETE x //`,
	"x`) DETACH DELETE n //",
	`' OR 1=1 //`,
	`*/ MATCH (x) DETACH DELETE x /*`,
	`$ids`,
	`\'; CALL db.clearQueryCaches(); //`,
	"org:comensha\" }) WITH 1 AS x MATCH (m) SET m.pwned = true //",
	"\x00\n\r\t\u2028",
}

// TestInjectionLeavesTheGraphAlone sends hostile strings through every Reader method, as
// search text, names, IDs, filter values, cursors, labels, relation types and fields: each
// call either answers (nothing found) or refuses the input as ErrInvalidQuery or
// ErrBadCursor, never fails as a statement error, and the database holds exactly the
// graph it held before.
func TestInjectionLeavesTheGraphAlone(t *testing.T) {
	s := openTest(t, testConfig(t))
	g := storetest.Fixture()
	if err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	n0, r0, gen0 := rawCounts(t, s)
	mem := memory.New() // hostile text must find what it finds in the memory store: it is data
	if err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	hitIDs := func(hits []store.Hit) []string {
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Node.ID)
		}
		return ids
	}

	check := func(what string, err error) {
		t.Helper()
		if err != nil && !errors.Is(err, store.ErrInvalidQuery) && !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("%s: %v", what, err)
		}
	}
	for _, h := range hostile {
		hits, err := s.Search(ctx, store.SearchQuery{Text: h})
		check("Search "+h, err)
		want, _ := mem.Search(ctx, store.SearchQuery{Text: h})
		if !reflect.DeepEqual(hitIDs(hits), hitIDs(want)) {
			t.Errorf("Search %q found %v, the memory store %v", h, hitIDs(hits), hitIDs(want))
		}
		_, err = s.Lookup(ctx, "", []string{h, "comensha"})
		check("Lookup "+h, err)
		_, err = s.Lookup(ctx, kg.Label(h), []string{"comensha"})
		check("Lookup label "+h, err)
		nodes, err := s.Nodes(ctx, []string{h})
		check("Nodes "+h, err)
		if len(nodes) != 1 || nodes[0] != nil {
			t.Errorf("Nodes %q: %v", h, nodes)
		}
		for _, f := range []*store.Filter{
			{Field: store.FieldName, Op: store.OpEq, Value: h},
			{Field: store.FieldName, Op: store.OpContains, Value: h},
			{Field: store.FieldName, Op: store.OpStartsWith, Value: h},
			{Field: store.FieldName, Op: store.OpIn, Value: []string{h, "x"}},
			{Field: store.FieldID, Op: store.OpEq, Value: h},
			{Field: store.FieldDossier, Op: store.OpGte, Value: h},
			{Field: store.FieldKind, Op: store.OpContains, Value: h},
			{Field: store.FieldStatus, Op: store.OpIn, Value: []string{h}},
			{Field: store.FieldDate, Op: store.OpLte, Value: h},
			{Field: store.Field(h), Op: store.OpEq, Value: "x"},
			{Field: store.FieldName, Op: store.Op(h), Value: "x"},
			{Field: store.FieldLabel, Op: store.OpEq, Value: h},
			{Rel: &store.RelFilter{Types: []kg.RelType{kg.RelType(h)}}},
			{Rel: &store.RelFilter{Direction: store.Direction(h)}},
			{Rel: &store.RelFilter{Other: &store.Filter{Field: store.FieldName, Op: store.OpContains, Value: h}}},
			{Not: &store.Filter{Field: store.FieldID, Op: store.OpEq, Value: h}},
		} {
			_, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, Where: f, WithTotal: true})
			check("List where "+h, err)
		}
		_, err = s.List(ctx, store.ListQuery{Label: kg.Label(h)})
		check("List label "+h, err)
		_, err = s.List(ctx, store.ListQuery{Order: []store.Order{{Field: store.Field(h)}}})
		check("List order "+h, err)
		_, err = s.List(ctx, store.ListQuery{After: h})
		check("List after "+h, err)
		_, err = s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{h, "org:comensha"}})
		check("Neighbours "+h, err)
		_, err = s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{"org:comensha"}, After: h})
		check("Neighbours after "+h, err)
		_, err = s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{"org:comensha"}, Types: []kg.RelType{kg.RelType(h)}, OtherLabels: []kg.Label{kg.Label(h)}})
		check("Neighbours types "+h, err)
		_, err = s.CountNeighbours(ctx, store.NeighbourQuery{IDs: []string{h}, Direction: store.Direction(h)})
		check("CountNeighbours "+h, err)
		_, err = s.Subgraph(ctx, store.SubgraphQuery{ID: h, Depth: 2})
		check("Subgraph "+h, err)
		_, err = s.Subgraph(ctx, store.SubgraphQuery{ID: "org:comensha", Depth: 1, Types: []kg.RelType{kg.RelType(h)}})
		check("Subgraph types "+h, err)
		_, err = s.ShortestPath(ctx, h, "org:comensha", 4, nil)
		check("ShortestPath "+h, err)
	}

	// The same through the GraphQL API, as variables and as literals.
	api := graph.NewHandler(s, graph.Options{})
	queries := []string{
		`query($h: String!) { search(text: $h) { node { id } } }`,
		`query($h: String!) { organisation(name: $h) { id } person(name: $h) { id } }`,
		`query($h: String!) { organisations(where: {name: {contains: $h}}) { totalCount } }`,
		`query($h: String!) { organisations(where: {OR: [{name: {eq: $h}}, {kind: {eq: $h}}], NOT: {name: {startsWith: $h}}}) { totalCount } }`,
		`query($h: String!) { documents(where: {dossier: {in: [$h]}}) { totalCount } }`,
		`query($h: ID!) { node(id: $h) { id } nodes(ids: [$h]) { id } neighbourhood(id: $h, depth: 2) { nodes { id } } }`,
		`query($h: ID!) { shortestPath(from: $h, to: "org:comensha") { nodes { id } } }`,
		`query($h: String) { organisations(after: $h) { totalCount } }`,
	}
	for _, h := range hostile {
		lit, _ := json.Marshal(h)
		for _, q := range queries {
			for _, body := range []map[string]any{
				{"query": q, "variables": map[string]any{"h": h}},
				{"query": strings.NewReplacer("query($h: String!) ", "", "query($h: ID!) ", "", "query($h: String) ", "", "$h", string(lit)).Replace(q)},
			} {
				b, _ := json.Marshal(body)
				r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				api.ServeHTTP(w, r)
				var resp struct {
					Errors []struct {
						Message    string
						Extensions map[string]any
					}
				}
				_ = json.Unmarshal(w.Body.Bytes(), &resp)
				for _, e := range resp.Errors {
					if c := e.Extensions["code"]; c != graph.CodeBadUserInput && c != graph.CodeBadCursor {
						t.Errorf("%s with %q: %d %s", q, h, w.Code, w.Body)
					}
				}
			}
		}
	}

	n1, r1, gen1 := rawCounts(t, s)
	if n1 != n0 || r1 != r0 || gen1 != gen0 {
		t.Errorf("the database changed: %d nodes, %d relationships, %d generations before; %d, %d, %d after",
			n0, r0, gen0, n1, r1, gen1)
	}
	if got := allNodes(t, s, g); !reflect.DeepEqual(got, g.Nodes) {
		t.Error("the nodes changed")
	}
	if got := allEdges(t, s, g); !reflect.DeepEqual(got, g.Edges) {
		t.Error("the edges changed")
	}
	recs, err := s.readRaw(ctx, "MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n)", nil)
	if err != nil || recs[0].Values[0].(int64) != 0 {
		t.Errorf("a node was marked: %v %v", recs, err)
	}
}
