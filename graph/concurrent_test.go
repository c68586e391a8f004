package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"beleidsgraaf/graph"
)

// TestConcurrentOperationsOfOneDocument: operations of one document run at once, with
// different variables, share what the document lets them share (its parsed form, its
// collected fields) and answer each as it answers alone. Run with -race (.ci/run does).
func TestConcurrentOperationsOfOneDocument(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{})
	queries := []struct {
		query string
		vars  []map[string]any
	}{
		{`query($n: Int) { organisations(first: $n) { edges { cursor node { id name ...O } } } } fragment O on Organisation { abbreviation holds(first: 2) { totalCount edges { node { id name } } } }`,
			[]map[string]any{{"n": 1}, {"n": 2}, {"n": 5}}},
		{`query($id: ID!) { node(id: $id) { id ... on Organisation { name a: relations(first: 3) { edges { type node { id ... on Actielijn { number } ... on Organisation { name } } } } } ... on Actielijn { number } } }`,
			[]map[string]any{{"id": "org:comensha"}, {"id": "org:jenv"}, {"id": "actielijn:6"}}},
		{`query($x: Boolean!) { organisations(first: 3) { edges { node { id name @include(if: $x) abbreviation @skip(if: $x) } } } }`,
			[]map[string]any{{"x": true}, {"x": false}}},
		// Root fields of one operation run at once, each with lists below it (scope.go).
		{`query($n: Int) { a: organisations(first: $n) { edges { node { id holds(first: 2) { edges { node { id ... on Actielijn { holders { name } } } } } } } } b: motions(first: $n) { edges { node { name citation submitters { name party { name } } } } } c: documents(first: $n) { edges { node { id respondsTo(first: 3) { edges { node { id } } } } } } }`,
			[]map[string]any{{"n": 2}, {"n": 5}, {"n": 9}}},
		{`query($text: String!) { search(text: $text, first: 5) { score node { __typename id label name } } }`,
			[]map[string]any{{"text": "comensha"}, {"text": "mensenhandel"}, {"text": "actielijn 6"}}},
		// Answers of many KB, from pooled buffers and arena chunks given back once written
		// (answerdata.go, eager.go): none may be given to another answer before.
		{`query($id: ID!, $d: Int) { neighbourhood(id: $id, depth: $d, limit: 200) { nodes { id label name } edges { id type from to } } }`,
			[]map[string]any{{"id": "org:comensha", "d": 2}, {"id": "org:jenv", "d": 2}, {"id": "actielijn:6", "d": 1}}},
	}
	ask := func(query string, vars map[string]any) string {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String()
	}
	type request struct {
		query string
		vars  map[string]any
		want  string
	}
	var all []request
	for _, q := range queries {
		for _, v := range q.vars {
			want := ask(q.query, v)
			if !strings.Contains(want, `"data"`) || strings.Contains(want, `"errors"`) {
				t.Fatalf("%s %v: %s", q.query, v, want)
			}
			all = append(all, request{q.query, v, want})
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 40 {
				r := all[(g+i)%len(all)]
				if got := ask(r.query, r.vars); got != r.want {
					t.Errorf("%s %v at once with others: %s, alone: %s", r.query, r.vars, got, r.want)
					return
				}
			}
		})
	}
	wg.Wait()
}
