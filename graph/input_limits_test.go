package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/graph"
)

// nested is a where filter n levels deep: {NOT: {NOT: … {name: {eq: "x"}} … }} has n+2
// levels of input objects.
func nested(n int) map[string]any {
	w := map[string]any{"name": map[string]any{"eq": "x"}}
	for range n {
		w = map[string]any{"NOT": w}
	}
	return w
}

// ors is a where filter with n OR branches of one name test: 2 + 2n input objects and
// lists.
func ors(n int) map[string]any {
	l := make([]any, n)
	for i := range l {
		l[i] = map[string]any{"name": map[string]any{"contains": fmt.Sprint("x", i)}}
	}
	return map[string]any{"OR": l}
}

// TestInputLimitsAtAndOverTheEdge: top-level fields, input objects, input nesting and
// string length, each right at its limit and just over it, through variables and literals,
// aliases and fragments.
func TestInputLimitsAtAndOverTheEdge(t *testing.T) {
	st := newStore(t)
	const q = `query($w: OrganisationWhere) { organisations(where: $w) { totalCount } }`

	t.Run("top-level fields", func(t *testing.T) {
		c := newClient(st, graph.Options{MaxRootFields: 3})
		mustDo(t, c, `{ a: search(text: "x") { score } b: search(text: "y") { score } stats { totalNodes } __typename }`, nil)
		refused(t, c, `{ a: search(text: "x") { score } b: search(text: "y") { score } c: search(text: "z") { score } stats { totalNodes } }`,
			graph.CodeInputLimit, "the operation selects 4 top-level fields, which exceeds the limit of 3")
		// Fragments and inline fragments count what they spread.
		refused(t, c, `{ ...S ... on Query { c: stats { totalNodes } d: stats { totalEdges } } } fragment S on Query { a: search(text: "x") { score } b: search(text: "y") { score } }`,
			graph.CodeInputLimit, "the operation selects 4 top-level fields")

		// Fields alone are counted without collecting them when they cannot be over the
		// limit; over it, collecting decides: a skipped field and a repeated alias are not
		// counted.
		mustDo(t, c, `{ a: search(text: "x") { score } b: search(text: "y") { score } c: search(text: "z") { score } stats @skip(if: true) { totalNodes } }`, nil)
		mustDo(t, c, `{ a: search(text: "x") { score } b: search(text: "y") { score } c: stats { totalNodes } c: stats { totalNodes } }`, nil)

		// The default: 100 aliases of search or neighbourhood are refused before any runs.
		d := newClient(st, graph.Options{})
		var search, hood strings.Builder
		for i := range 100 {
			fmt.Fprintf(&search, "s%d: search(text: $t) { score } ", i)
			fmt.Fprintf(&hood, "n%d: neighbourhood(id: $t, depth: 3) { ...S } ", i)
		}
		refused(t, d, `query($t: String!) { `+search.String()+`}`, graph.CodeInputLimit,
			"the operation selects 100 top-level fields, which exceeds the limit of 20", client.Var("t", "mensenhandel"))
		refused(t, d, `query($t: ID!) { `+hood.String()+`} fragment S on Subgraph { nodes { id } }`, graph.CodeInputLimit,
			"the operation selects 100 top-level fields", client.Var("t", "org:comensha"))
	})

	t.Run("input objects", func(t *testing.T) {
		c := newClient(st, graph.Options{MaxInputObjects: 42})
		mustDo(t, c, q, nil, client.Var("w", ors(20)))
		refused(t, c, q, graph.CodeInputLimit, "the arguments hold 44 input objects and lists, which exceeds the limit of 42",
			client.Var("w", ors(21)))
		// A variable counts at every use; a list of scalars counts once.
		refused(t, c, `query($w: OrganisationWhere) { a: organisations(where: $w) { totalCount } b: organisations(where: $w) { totalCount } }`,
			graph.CodeInputLimit, "the arguments hold 44 input objects", client.Var("w", ors(10)))
		ids := make([]string, 500)
		for i := range ids {
			ids[i] = fmt.Sprint("org:", i)
		}
		mustDo(t, c, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, nil, client.Var("ids", ids))
		// Literals count as variables do; a fragment counts at every spread.
		lit := `{ organisations(where: {OR: [` + strings.Repeat(`{name: {eq: "x"}} `, 21) + `]}) { totalCount } }`
		refused(t, c, lit, graph.CodeInputLimit, "the arguments hold 44 input objects")
		refused(t, c, `query($w: OrganisationWhere) { ...F ...G } fragment F on Query { a: organisations(where: $w) { totalCount } } fragment G on Query { ...F b: organisations(where: $w) { totalCount } }`,
			graph.CodeInputLimit, "the arguments hold 66 input objects", client.Var("w", ors(10)))
	})

	t.Run("input depth", func(t *testing.T) {
		c := newClient(st, graph.Options{MaxInputDepth: 8})
		mustDo(t, c, q, nil, client.Var("w", nested(6)))
		refused(t, c, q, graph.CodeInputLimit, "an argument nests input objects and lists 9 deep, which exceeds the limit of 8",
			client.Var("w", nested(7)))
		// The default bounds nested relation filters, which become nested subqueries.
		d := newClient(st, graph.Options{})
		rel := map[string]any{}
		for range 6 {
			rel = map[string]any{"related": map[string]any{"other": rel}}
		}
		refused(t, d, q, graph.CodeInputLimit, "nests input objects and lists 13 deep, which exceeds the limit of 12", client.Var("w", rel))
		refused(t, d, q, graph.CodeInputLimit, "exceeds the limit of 12", client.Var("w", nested(2000)))
	})

	t.Run("string length", func(t *testing.T) {
		c := newClient(st, graph.Options{MaxInputString: 100})
		mustDo(t, c, `query($t: String!) { search(text: $t) { score } }`, nil, client.Var("t", strings.Repeat("a", 100)))
		refused(t, c, `query($t: String!) { search(text: $t) { score } }`, graph.CodeInputLimit,
			"an argument holds a string of 101 bytes, which exceeds the limit of 100", client.Var("t", strings.Repeat("a", 101)))
		refused(t, c, `{ search(text: "`+strings.Repeat("a ", 60)+`") { score } }`, graph.CodeInputLimit, "a string of 120 bytes")
		refused(t, c, q, graph.CodeInputLimit, "a string of 101 bytes",
			client.Var("w", map[string]any{"name": map[string]any{"in": []string{"x", strings.Repeat("b", 101)}}}))
		// The default: a megabyte of search words (which would cost seconds to parse) is refused.
		d := newClient(st, graph.Options{})
		refused(t, d, `query($t: String!) { search(text: $t) { score } }`, graph.CodeInputLimit,
			"exceeds the limit of 2000", client.Var("t", strings.Repeat("woord ", 150_000)))
	})
}

// TestListItemsAndIntRange: the values in argument lists are bounded together (an `in`
// filter is tested against every candidate), variables counted at every use; Int arguments
// are 32-bit, literals and variables alike, nested in input objects too.
func TestListItemsAndIntRange(t *testing.T) {
	st := newStore(t)
	c := newClient(st, graph.Options{})
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprint("org:", i)
		}
		return out
	}
	const in = `query($i: [ID!]) { organisations(where: {related: {other: {id: {in: $i}}}}) { totalCount } }`
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code, text  string // "": accepted
	}{
		{"an in list at the limit", in, map[string]any{"i": many(graph.DefaultMaxInputListItems)}, "", ""},
		{"an in list over the limit", in, map[string]any{"i": many(graph.DefaultMaxInputListItems + 1)}, graph.CodeInputLimit, "lists hold 1001 values, which exceeds the limit of 1000"},
		{"60 000 IDs", in, map[string]any{"i": many(60_000)}, graph.CodeInputLimit, "lists hold 60000 values"},
		{"a variable counted at every use", `query($i: [ID!]!) { a: nodes(ids: $i) { id } b: nodes(ids: $i) { id } c: nodes(ids: $i) { id } }`,
			map[string]any{"i": many(500)}, graph.CodeInputLimit, "lists hold 1500 values"},
		{"an Int literal of 2^31 - 1", `{ motion(dossier: "28 638", number: 2147483647) { id } }`, nil, "", ""},
		{"an Int literal of 2^31", `{ motion(dossier: "28 638", number: 2147483648) { id } }`, nil, graph.CodeBadUserInput, "non 32-bit signed integer value: 2147483648"},
		{"an Int variable of 2^31", `query($n: Int!) { motion(dossier: "28 638", number: $n) { id } }`, map[string]any{"n": int64(1) << 31}, graph.CodeBadUserInput, "non 32-bit"},
		{"an Int in a filter", `query($w: MotionWhere) { motions(where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"number": map[string]any{"eq": 3_000_000_000}}}, graph.CodeBadUserInput, "non 32-bit"},
		{"a negative Int literal", `{ motions(where: {number: {gte: -2147483649}}) { totalCount } }`, nil, graph.CodeBadUserInput, "non 32-bit"},
	} {
		var opts []client.Option
		for k, v := range tc.vars {
			opts = append(opts, client.Var(k, v))
		}
		if tc.code == "" {
			mustDo(t, c, tc.query, nil, opts...)
			continue
		}
		refused(t, c, tc.query, tc.code, tc.text, opts...)
	}
}
