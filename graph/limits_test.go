package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/graph"
)

// refused runs a query that a limit must refuse: one error, with code and text, no data.
func refused(t *testing.T, c *client.Client, q, code, text string, opts ...client.Option) {
	t.Helper()
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatalf("%.80s: %v", q, err)
	}
	var errs []gqlError
	_ = json.Unmarshal(resp.Errors, &errs)
	// Resolver errors (bad arguments) leave the rest of the answer; the others refuse the
	// operation as a whole.
	dataOK := resp.Data == nil || code == graph.CodeBadUserInput
	if len(errs) != 1 || !strings.Contains(errs[0].Message, text) || (code != "" && errs[0].Extensions["code"] != code) || !dataOK {
		t.Errorf("%.120s:\n  data %v, errors %+v\n  want one %s error containing %q", q, resp.Data, errs, code, text)
	}
}

// repeat joins n copies of s with spaces.
func repeat(s string, n int) string { return strings.TrimSpace(strings.Repeat(s+" ", n)) }

// TestEveryLimitAtAndOverTheEdge: for each limit, a query right at it passes and one just
// over it is refused with a clear error.
func TestEveryLimitAtAndOverTheEdge(t *testing.T) {
	st := newStore(t)

	t.Run("depth", func(t *testing.T) {
		c := newClient(st, graph.Options{MaxDepth: 5})
		// organisations › edges › node › holds › totalCount is 5; edges › type instead of
		// totalCount is 6.
		mustDo(t, c, `{ organisations { edges { node { holds { totalCount } } } } }`, nil)
		refused(t, c, `{ organisations { edges { node { holds { edges { type } } } } } }`,
			graph.CodeDepthLimit, "operation has depth 6, which exceeds the limit of 5")
		// Fragment spreads and inline fragments add no level, but their fields count where
		// they are spread.
		mustDo(t, c, `{ organisations { ...E } } fragment E on OrganisationConnection { edges { node { ... on Organisation { holds { ...H } } } } } fragment H on RelationConnection { totalCount }`, nil)
		refused(t, c, `{ organisations { ...E } } fragment E on OrganisationConnection { edges { node { ... on Organisation { holds { ...H } } } } } fragment H on RelationConnection { edges { type } }`,
			graph.CodeDepthLimit, "operation has depth 6, which exceeds the limit of 5")
		// Inline fragments on the Node interface, nested.
		mustDo(t, c, `{ node(id: "org:fier") { ... on Organisation { holds { edges { node { ... on Actielijn { number } } } } } } }`, nil)
		refused(t, c, `{ node(id: "org:fier") { ... on Organisation { holds { edges { node { ... on Actielijn { holders { name } } } } } } } }`,
			graph.CodeDepthLimit, "operation has depth 6, which exceeds the limit of 5")
		// The same fragment spread at several depths counts at the deepest.
		mustDo(t, c, `{ organisations { edges { node { ...N holds { ...C } } } } } fragment N on Node { id } fragment C on RelationConnection { totalCount }`, nil)
		refused(t, c, `{ organisations { edges { node { ...N holds { edges { node { ...N } } } } } } } fragment N on Node { id }`,
			graph.CodeDepthLimit, "operation has depth 7, which exceeds the limit of 5")
		// Introspection fields do not count.
		mustDo(t, c, `{ organisations { edges { node { holds { edges { __typename } } } } } }`, nil)
		// Fragment cycles are refused by validation (and the walk would not loop on them).
		refused(t, c, `{ organisations { ...A } } fragment A on OrganisationConnection { ...B } fragment B on OrganisationConnection { ...A }`,
			"GRAPHQL_VALIDATION_FAILED", "Cannot spread fragment")
	})

	t.Run("complexity", func(t *testing.T) {
		// organisations(first: 100) costs 1 + 100 × (edges 1 + node 1 + name 1) = 301;
		// __typename adds 1.
		c := newClient(st, graph.Options{ComplexityLimit: 301})
		mustDo(t, c, `{ organisations(first: 100) { edges { node { name } } } }`, nil)
		refused(t, c, `{ __typename organisations(first: 100) { edges { node { name } } } }`,
			graph.CodeComplexityLimit, "operation has complexity 302, which exceeds the limit of 301")
		// Variables count: first comes from them.
		refused(t, c, `query($n: Int) { organisations(first: $n) { edges { node { name } } } }`,
			graph.CodeComplexityLimit, "operation has complexity 304", client.Var("n", 101))
		// …also when the variable comes as a JSON string, which gqlgen takes for an Int: the
		// walker read only numbers and costed it at the default page size, while the
		// resolver served 101 (and a nested query thousands of times the limit).
		refused(t, c, `query($n: Int) { organisations(first: $n) { edges { node { name } } } }`,
			graph.CodeComplexityLimit, "operation has complexity 304", client.Var("n", "101"))
		refused(t, c, `query($n: Int) { organisations(last: $n) { edges { node { name } } } }`,
			graph.CodeComplexityLimit, "operation has complexity 304", client.Var("n", "101"))
	})

	t.Run("fragments expanded", func(t *testing.T) {
		// Eight fields per fragment, each spreading the next: 8^10 fields once expanded, in
		// a document of 3 kB. Refused before anything walks the expansion.
		var b strings.Builder
		b.WriteString("{ organisations(first: 1) { edges { node { ...F0 } } } }\n")
		const levels = 10
		for i := range levels {
			fmt.Fprintf(&b, "fragment F%d on Organisation { ", i)
			for j := range 8 {
				if i == levels-1 {
					fmt.Fprintf(&b, "a%d: name ", j)
				} else {
					fmt.Fprintf(&b, "a%d: members(first: 1) { ...F%d } ", j, i+1)
				}
			}
			b.WriteString("}\n")
		}
		c := newClient(st, graph.Options{})
		refused(t, c, b.String(), graph.CodeComplexityLimit, "fields (fragments expanded), which exceeds the complexity limit of 1000000")
	})

	t.Run("parser tokens", func(t *testing.T) {
		// "{", 48 × __typename, "}" is 50 tokens.
		c := newClient(st, graph.Options{MaxTokens: 50})
		mustDo(t, c, "{ "+repeat("__typename", 48)+" }", nil)
		refused(t, c, "{ "+repeat("__typename", 49)+" }", "GRAPHQL_PARSE_FAILED", "exceeded token limit of 50")
		// The default is DefaultMaxTokens: "{", 666 × "aN: __typename", "}" is 2,000.
		d := newClient(st, graph.Options{})
		var aliased strings.Builder
		for i := range (graph.DefaultMaxTokens - 2) / 3 {
			fmt.Fprintf(&aliased, "a%d: __typename ", i)
		}
		if graph.DefaultMaxTokens%3 != 2 {
			t.Fatalf("adjust the query to DefaultMaxTokens %d", graph.DefaultMaxTokens)
		}
		mustDo(t, d, "{ "+aliased.String()+"}", nil)
		refused(t, d, "{ "+aliased.String()+"__typename }", "GRAPHQL_PARSE_FAILED",
			fmt.Sprintf("exceeded token limit of %d", graph.DefaultMaxTokens))
	})

	t.Run("page sizes and arguments", func(t *testing.T) {
		c := newClient(st, graph.Options{})
		ids := make([]string, 501)
		for i := range ids {
			ids[i] = fmt.Sprintf("%q", fmt.Sprintf("org:%d", i))
		}
		cases := []struct{ ok, over, text string }{
			{`{ organisations(first: 1000) { edges { node { id } } } }`, `{ organisations(first: 1001) { edges { node { id } } } }`, "first must be between 0 and 1000"},
			{`{ documents(first: 1000) { totalCount } }`, `{ documents(first: 1001) { totalCount } }`, "first must be between 0 and 1000"},
			{`{ organisations(first: 0) { totalCount } }`, `{ organisations(first: -1) { totalCount } }`, "first must be between 0 and 1000"},
			{`{ actielijn(number: 6) { holdersConnection(first: 500) { totalCount } } }`, `{ actielijn(number: 6) { holdersConnection(first: 501) { totalCount } } }`, "first must be between 0 and 500"},
			{`{ actielijn(number: 6) { holders(first: 500) { id } } }`, `{ actielijn(number: 6) { holders(first: 501) { id } } }`, "first must be between 0 and 500"},
			{`{ node(id: "org:fier") { relations(first: 500) { totalCount } } }`, `{ node(id: "org:fier") { relations(first: 501) { totalCount } } }`, "first must be between 0 and 500"},
			{`{ nodes(ids: [` + strings.Join(ids[:500], ",") + `]) { id } }`, `{ nodes(ids: [` + strings.Join(ids, ",") + `]) { id } }`, "nodes takes at most 500 ids"},
			{`{ search(text: "mensenhandel", first: 200) { score } }`, `{ search(text: "mensenhandel", first: 201) { score } }`, "first must be between 0 and 200"},
			{`{ neighbourhood(id: "org:fier", depth: 3) { nodes { id } } }`, `{ neighbourhood(id: "org:fier", depth: 4) { nodes { id } } }`, "depth must be between 1 and 3"},
			{`{ neighbourhood(id: "org:fier", depth: 1) { nodes { id } } }`, `{ neighbourhood(id: "org:fier", depth: 0) { nodes { id } } }`, "depth must be between 1 and 3"},
			{`{ neighbourhood(id: "org:fier", limit: 1000) { nodes { id } } }`, `{ neighbourhood(id: "org:fier", limit: 1001) { nodes { id } } }`, "limit must be between 1 and 1000"},
			{`{ shortestPath(from: "org:fier", to: "org:ckm", maxLength: 10) { nodes { id } } }`, `{ shortestPath(from: "org:fier", to: "org:ckm", maxLength: 11) { nodes { id } } }`, "maxLength must be between 1 and 10"},
		}
		for _, tc := range cases {
			mustDo(t, c, tc.ok, nil)
			refused(t, c, tc.over, graph.CodeBadUserInput, tc.text)
		}
	})
}

// TestSuggestionsFollowIntrospection: "Did you mean …?" hints name schema fields, so they
// are given exactly when introspection is on.
func TestSuggestionsFollowIntrospection(t *testing.T) {
	st := newStore(t)
	on := newClient(st, graph.Options{Introspection: true})
	off := newClient(st, graph.Options{})
	for _, q := range []string{
		`{ organisation(name: "Fier") { nmae } }`,                              // unknown field
		`{ organisation(nam: "Fier") { name } }`,                               // unknown argument
		`{ organisations(where: {nmae: {eq: "Fier"}}) { totalCount } }`,        // unknown input field
		`{ relations: organisations(orderBy: {field: NAMES}) { totalCount } }`, // unknown enum value
	} {
		withHints := do(t, on, q, nil)
		without := do(t, off, q, nil)
		if len(withHints) == 0 || len(without) != len(withHints) {
			t.Fatalf("%s: errors %+v / %+v", q, withHints, without)
		}
		if !strings.Contains(withHints[0].Message, "Did you mean") {
			t.Errorf("%s with introspection: no suggestion in %q", q, withHints[0].Message)
		}
		if strings.Contains(without[0].Message, "Did you mean") || without[0].Message == "" {
			t.Errorf("%s without introspection: %q", q, without[0].Message)
		}
	}
	refused(t, off, `{ __schema { types { name } } }`, graph.CodeIntrospectionDisabled, "introspection is disabled")
	refused(t, off, `{ stats { totalNodes } ...T } fragment T on Query { __type(name: "Organisation") { name } }`,
		graph.CodeIntrospectionDisabled, "introspection is disabled")
	mustDo(t, off, `{ __typename stats { totalNodes } }`, nil)
	mustDo(t, on, `{ __schema { types { name } } }`, nil)
}

// TestInternalErrorsAreLoggedNotShown: the client sees "internal error"; the log has the
// operation's name, the path and the cause, and neither the query nor its variables.
func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)

	c := newClient(failingStore{Reader: newStore(t), err: fmt.Errorf("neo4j: syntax error near 'MATCH (n:Secret)'")}, graph.Options{})
	errs := do(t, c, `query WhoHolds($name: String!) { organisation(name: $name) { id } }`, nil,
		client.Var("name", "variable-value-7f3a"), client.Operation("WhoHolds"))
	if len(errs) != 1 || errs[0].Message != "internal error" || errs[0].Extensions["code"] != graph.CodeInternal {
		t.Fatalf("errors: %+v", errs)
	}
	if b, _ := json.Marshal(errs); bytes.Contains(b, []byte("Secret")) {
		t.Errorf("the cause leaked to the client: %s", b)
	}
	log := logs.String()
	for _, want := range []string{"operation=WhoHolds", "path=organisation", "MATCH (n:Secret)"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q: %s", want, log)
		}
	}
	for _, never := range []string{"variable-value-7f3a", "organisation(name:"} {
		if strings.Contains(log, never) {
			t.Errorf("log contains %q (request text or variables): %s", never, log)
		}
	}

	// Panics: the same, with the stack in the log only.
	logs.Reset()
	c = newClient(panickingStore{newStore(t)}, graph.Options{})
	errs = do(t, c, `query Counts { stats { totalNodes } }`, nil, client.Operation("Counts"))
	if len(errs) != 1 || errs[0].Message != "internal error" || errs[0].Extensions["code"] != graph.CodeInternal {
		t.Errorf("panic: %+v", errs)
	}
	if log := logs.String(); !strings.Contains(log, "operation=Counts") || !strings.Contains(log, "path=stats") || !strings.Contains(log, "secret panic detail") {
		t.Errorf("panic log: %s", log)
	}
}
