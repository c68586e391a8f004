package graph_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/graph"
)

// TestEveryIDNamesOneObject is what normalising client caches (Relay, Apollo, urql
// Graphcache) rely on: they store every object that has an `id` under that id, so two
// objects with one id must be the same object — the same __typename and the same value in
// every field both selected. The query sees one relation from both of its ends, through
// the generic and the typed connections and through a subgraph.
func TestEveryIDNamesOneObject(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	const rel = `relation { __typename id type from to evidence { quote } }`
	var data map[string]any
	mustDo(t, c, `{
		organisation(name: "CoMensha") { __typename id
			holds { edges { __typename direction type from to `+rel+` node { __typename id name } } }
			relations { edges { __typename direction type from to `+rel+` node { __typename id name } } } }
		actielijn(number: 6) { __typename id
			holdersConnection { edges { __typename direction type from to `+rel+` node { __typename id name } } }
			relations(direction: IN) { edges { __typename direction type from to `+rel+` node { __typename id name } } } }
		neighbourhood(id: "actielijn:6") { nodes { __typename id name } edges { __typename id type from to evidence { quote } } }
	}`, &data)
	seen := map[string]map[string]any{}
	relations := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case map[string]any:
			if x["__typename"] == "Relation" {
				relations++
			}
			if id, ok := x["id"].(string); ok {
				if prev, ok := seen[id]; ok {
					for k, pv := range prev {
						if cv, ok := x[k]; ok && !reflect.DeepEqual(pv, cv) {
							t.Errorf("%s: id %q has %s = %v here and %v elsewhere", path, id, k, cv, pv)
						}
					}
				} else {
					seen[id] = x
				}
			}
			for k, e := range x {
				walk(path+"."+k, e)
			}
		}
	}
	walk("data", data)
	if _, ok := seen["org:comensha|HOLDS|actielijn:6"]; !ok || relations < 5 {
		t.Fatalf("the relation from both ends was not in the answer (%d relations): %v", relations, data)
	}
}

// TestRelationEdgeHasNoID: an edge is a view of its relation from one end (its direction
// and node depend on the end), so it must not carry an id that the other end shares.
func TestRelationEdgeHasNoID(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	errs := do(t, c, `{ organisation(name: "CoMensha") { holds { edges { id } } } }`, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("selecting RelationEdge.id: %+v, want one GRAPHQL_VALIDATION_FAILED error", errs)
	}
	var schema struct {
		Schema struct {
			Types []struct {
				Name   string
				Fields []struct{ Name string }
			}
		} `json:"__schema"`
	}
	mustDo(t, newClient(newStore(t), graph.Options{Introspection: true}), `{ __schema { types { name fields { name } } } }`, &schema)
	edges := 0
	for _, ty := range schema.Schema.Types {
		if !strings.HasSuffix(ty.Name, "RelationEdge") {
			continue
		}
		edges++
		hasRelation := false
		for _, f := range ty.Fields {
			if f.Name == "id" {
				t.Errorf("%s has an id field", ty.Name)
			}
			hasRelation = hasRelation || f.Name == "relation"
		}
		if !hasRelation {
			t.Errorf("%s has no relation field", ty.Name)
		}
	}
	if edges < 10 {
		t.Fatalf("found %d relation edge types", edges)
	}
}
