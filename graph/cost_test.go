package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/introspection"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store/memory"
)

// ids is n copies of id.
func ids(id string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = id
	}
	return out
}

// aliases is n aliased copies of field.
func aliases(field string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

// TestCostCountsEveryList: lists are counted by what they can return — the IDs given, the
// mentions of a node, a document's text by its size class, introspection on the schema —
// so the attacks of issue #16 and their relatives are refused before they run, while the
// queries clients send pass.
func TestCostCountsEveryList(t *testing.T) {
	st := newStore(t)
	const mentionsText = `query($i: [ID!]!) { nodes(ids: $i) { ... on Organisation { mentions { document { text } } } } }`
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		limit       int    // 0: the default
		code        string // "": accepted
	}{
		{"500 × one ID → mentions → document text", mentionsText, map[string]any{"i": ids("org:comensha", 500)}, 0, graph.CodeComplexityLimit},
		{"100 × one ID → mentions → document text", mentionsText, map[string]any{"i": ids("org:comensha", 100)}, 0, graph.CodeComplexityLimit},
		{"… even at --complexity-limit 4", mentionsText, map[string]any{"i": ids("org:comensha", 1)}, 4, graph.CodeComplexityLimit},
		{"one ID → mentions → document text", mentionsText, map[string]any{"i": ids("org:comensha", 1)}, 0, ""},
		{"20 aliases × 500 IDs → text", "query($i: [ID!]!) { " + aliases(`nodes(ids: $i) { ... on Document { text } }`, 20) + "}",
			map[string]any{"i": ids("doc:28638-257", 500)}, 0, graph.CodeComplexityLimit},
		{"4 × 500 IDs → text through fragments", `query($i: [ID!]!) { ...Q } fragment Q on Query { a: nodes(ids: $i) { ...T } b: nodes(ids: $i) { ...T } c: nodes(ids: $i) { ...T } d: nodes(ids: $i) { ...T } } fragment T on Document { text }`,
			map[string]any{"i": ids("doc:28638-257", 500)}, 0, graph.CodeComplexityLimit},
		{"2 × 500 IDs → text", `query($i: [ID!]!) { a: nodes(ids: $i) { ... on Document { text } } b: nodes(ids: $i) { ... on Document { text } } }`,
			map[string]any{"i": ids("doc:28638-257", 500)}, 0, ""},
		{"a few documents with text", `{ documents(first: 50) { edges { node { title text } } } }`, nil, 0, ""},
		{"the explorer's start graph (web/src/api.ts planGraph)", explorerPlan, map[string]any{"id": "plan:x", "types": []string{"HOLDS"}}, 0, ""},
		{"… at 794,425", explorerPlan, map[string]any{"id": "plan:x", "types": []string{"HOLDS"}}, 794_425, graph.CodeComplexityLimit},
		// The full introspection query counts 15,697 values on this schema.
		{"the full introspection query (GraphiQL)", introspection.Query, nil, 0, ""},
		{"the full introspection query at 15,696", introspection.Query, nil, 15_696, graph.CodeComplexityLimit},
		{"20 aliases of __type, full, at 2,000", "{ " + aliases(`__type(name: "Organisation") { ...FullType }`, 20) + "}" + fullTypeFragments(), nil, 2_000, graph.CodeComplexityLimit},
		{"__type, one type", `{ __type(name: "Organisation") { fields { name type { name } } } }`, nil, 0, ""},
		{"__type at a low limit", `{ __type(name: "Organisation") { fields { name type { name } } } }`, nil, 20, graph.CodeComplexityLimit},
	} {
		// The list items limit (1,000 by default) would refuse some of these first.
		c := newClient(st, graph.Options{ComplexityLimit: tc.limit, Introspection: true, MaxInputListItems: 1 << 20})
		var opts []client.Option
		for k, v := range tc.vars {
			opts = append(opts, client.Var(k, v))
		}
		if tc.code == "" {
			if errs := do(t, c, tc.query, nil, opts...); len(errs) > 0 {
				t.Errorf("%s: %+v", tc.name, errs)
			}
			continue
		}
		refused(t, c, tc.query, tc.code, "operation has complexity", opts...)
	}
	// Introspection nested through field types is refused by validation (gqlparser's
	// MaxIntrospectionDepth), before the cost model.
	refused(t, newClient(st, graph.Options{Introspection: true}), `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`,
		"GRAPHQL_VALIDATION_FAILED", "Maximum introspection depth exceeded")
}

// explorerPlan is the explorer's largest query, planGraph in web/src/api.ts.
var explorerPlan = strings.NewReplacer("NODE_REF", "id label name ... on Document { date }",
	"EDGE", "relation { id type from to evidence { documentId quote start end document { id name title citation kenmerk date kind } } }").Replace(`
	query Plan($id: ID!, $types: [RelationType!]) {
	  node(id: $id) { NODE_REF
	    relations(types: [PART_OF], direction: IN, first: 20) { edges { EDGE node { NODE_REF
	      relations(types: $types, direction: IN, first: 60) { edges { EDGE node { NODE_REF
	        relations(types: $types, direction: IN, labels: [Organisation], first: 10) { edges { EDGE node { NODE_REF } } }
	      } } }
	    } } }
	  } }`)

// fullTypeFragments are the fragments of the full introspection query.
func fullTypeFragments() string {
	q := introspection.Query
	return q[strings.Index(q, "fragment FullType"):]
}

// TestIntrospectionCountsAsRootFields: __schema and __type are top-level fields like any
// other, so aliases of them are bounded by MaxRootFields, and __schema may be selected once.
func TestIntrospectionCountsAsRootFields(t *testing.T) {
	c := newClient(newStore(t), graph.Options{Introspection: true})
	refused(t, c, "{ ...S } fragment S on Query { "+aliases(`__type(name: "Query") { name }`, 21)+"}", graph.CodeInputLimit, "21 top-level fields")
	mustDo(t, c, "{ __typename "+aliases(`__type(name: "Query") { name }`, 20)+"}", nil)
	refused(t, c, "{ ...S } fragment S on Query { "+aliases(`__schema { queryType { name } }`, 2)+"}", graph.CodeInputLimit, "selects __schema 2 times")
	refused(t, c, "{ a: __schema { queryType { name } } ...S } fragment S on Query { __schema { queryType { name } } }", graph.CodeInputLimit, "selects __schema 2 times")
	refused(t, c, "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }", graph.CodeInputLimit, "selects __schema 2 times")
	mustDo(t, c, "{ __schema { queryType { name } } }", nil)
}

// TestCostCountedWhileRunning: a list longer than the cost model's estimate (here a node
// with 400 mentions, estimated at 50) cannot take an operation past the limit: the guard
// counts the answer as it grows and stops it with COMPLEXITY_LIMIT_EXCEEDED.
func TestCostCountedWhileRunning(t *testing.T) {
	b := kg.NewBuilder()
	b.Node(kg.Node{ID: "doc:1", Label: kg.Document, Name: "d", Props: map[string]any{kg.PropText: strings.Repeat("woord ", 50)}})
	var mentions []kg.Evidence
	for i := range 400 {
		mentions = append(mentions, kg.Evidence{Document: "doc:1", Quote: "woord", Start: i, End: i + 5})
	}
	b.Node(kg.Node{ID: "org:x", Label: kg.Organisation, Name: "X", Mentions: mentions})
	st := memory.New()
	if err := st.Replace(context.Background(), b.Graph()); err != nil {
		t.Fatal(err)
	}
	// Counted before: 1 + 1 × (1 + 50 × (1 + 1)) = 103 (node, inline fragment, mentions, quote, start).
	q := `{ nodes(ids: ["org:x"]) { ... on Organisation { mentions { quote start } } } }`
	c := newClient(st, graph.Options{ComplexityLimit: 400})
	refused(t, c, q, graph.CodeComplexityLimit, "once run, which exceeds the limit of 400")
	mustDo(t, newClient(st, graph.Options{ComplexityLimit: 2000}), q, nil)
}
