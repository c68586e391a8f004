package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"beleidsgraaf/graph"
)

// httpResp is what a raw HTTP request to the GraphQL handler answered.
type httpResp struct {
	status      int
	contentType string
	allow       string
	body        string
	errors      []gqlError
	hasData     bool
}

func send(t *testing.T, h http.Handler, method, target, contentType, accept string, body io.Reader) httpResp {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	out := httpResp{status: w.Code, contentType: w.Header().Get("Content-Type"), allow: w.Header().Get("Allow"), body: w.Body.String()}
	var decoded map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &decoded); err != nil {
		t.Fatalf("%s %s: the answer is not a JSON object: %v: %q", method, target, err, w.Body.String())
	}
	_, out.hasData = decoded["data"]
	if e, ok := decoded["errors"]; ok {
		if err := json.Unmarshal(e, &out.errors); err != nil {
			t.Fatalf("errors: %v", err)
		}
	}
	return out
}

func post(t *testing.T, h http.Handler, accept, body string) httpResp {
	t.Helper()
	return send(t, h, http.MethodPost, "/graphql", "application/json", accept, strings.NewReader(body))
}

// TestMalformedRequestsAreNotEchoed: a body that is not a GraphQL request is refused with
// 400 and a fixed message; nothing of the body comes back (gqlgen's own transport would
// answer `json request body could not be decoded: … body:<the body>`).
func TestMalformedRequestsAreNotEchoed(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{})
	const secret = "s3cr3t-t0ken"
	cases := []struct{ body, msg string }{
		{`{"query": `, "the request body is not valid JSON"},
		{`{"query": "{ stats { totalNodes } }", "variables": {"token": "` + secret + `"`, "the request body is not valid JSON"},
		{`not json at all ` + secret, "the request body is not valid JSON"},
		{`["` + secret + `"]`, "the request body must be a JSON object"},
		{`{"query": {"` + secret + `": 1}}`, "query must be a string"},
		{`{"query": 0}`, "query must be a string"},
		{`{"query": "{ stats { totalNodes } }", "variables": "` + secret + `"}`, "variables must be a JSON object"},
		{`{"query": "{ stats { totalNodes } }", "variables": ["` + secret + `"]}`, "variables must be a JSON object"},
		{`{"query": "{ stats { totalNodes } }", "extensions": 7}`, "extensions must be a JSON object"},
		{`{"query": "{ stats { totalNodes } }", "operationName": false}`, "operationName must be a string"},
		{`{"notquery": "` + secret + `"}`, "the query parameter is missing"},
		{`{"query": null}`, "the query parameter is missing"},
		{``, "the request body is empty"},
	}
	for _, accept := range []string{"application/json", "application/graphql-response+json", ""} {
		for _, tc := range cases {
			r := post(t, h, accept, tc.body)
			if r.status != http.StatusBadRequest || len(r.errors) != 1 || r.errors[0].Message != tc.msg ||
				r.errors[0].Extensions["code"] != graph.CodeBadRequest || r.hasData {
				t.Errorf("Accept %q, body %q: %d %s, want 400 %q", accept, tc.body, r.status, r.body, tc.msg)
			}
			if strings.Contains(r.body, secret) || (len(tc.body) > 2 && strings.Contains(r.body, tc.body)) {
				t.Errorf("body %q is echoed: %s", tc.body, r.body)
			}
		}
	}
}

func TestRequestContentTypes(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{})
	q := `{"query": "{ stats { totalNodes } }"}`
	// The request's media type must be JSON in UTF-8.
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"} {
		r := send(t, h, http.MethodPost, "/graphql", ct, "", strings.NewReader(q))
		if r.status != http.StatusUnsupportedMediaType || len(r.errors) != 1 || r.errors[0].Extensions["code"] != graph.CodeBadRequest {
			t.Errorf("Content-Type %q: %d %s", ct, r.status, r.body)
		}
	}
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"} {
		if r := send(t, h, http.MethodPost, "/graphql", ct, "", strings.NewReader(q)); r.status != 200 || len(r.errors) != 0 {
			t.Errorf("Content-Type %q: %d %s", ct, r.status, r.body)
		}
	}
	// The response's media type follows Accept.
	for accept, want := range map[string]string{
		"":                                  "application/json",
		"*/*":                               "application/json",
		"application/*":                     "application/json",
		"application/json":                  "application/json",
		"application/graphql-response+json": "application/graphql-response+json",
		"application/graphql-response+json, application/json;q=0.9": "application/graphql-response+json",
		"application/json;q=0.5, application/graphql-response+json": "application/graphql-response+json",
		"application/graphql-response+json;q=0.1, application/json": "application/json",
		"text/html": "application/json",
	} {
		r := post(t, h, accept, q)
		if r.status != 200 || r.contentType != want+"; charset=utf-8" || !r.hasData {
			t.Errorf("Accept %q: %d %q %s, want %s", accept, r.status, r.contentType, r.body, want)
		}
	}
}

// TestRequestErrorStatus: a document that does not parse, validate or pass a limit is
// answered without data, with 400 for application/graphql-response+json and 200 for
// application/json, as GraphQL over HTTP says.
func TestRequestErrorStatus(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{MaxDepth: 3})
	for _, q := range []string{
		`{`,        // parse
		`{ nope }`, // validation
		`{ organisations { edges { node { holds { totalCount } } } } }`, // depth
		`query($n: Int!) { organisations(first: $n) { totalCount } }`,   // variable missing
	} {
		body, _ := json.Marshal(map[string]string{"query": q})
		for accept, status := range map[string]int{"application/json": 200, "application/graphql-response+json": 400} {
			r := post(t, h, accept, string(body))
			if r.status != status || len(r.errors) == 0 || r.hasData {
				t.Errorf("%s, Accept %s: %d %s, want %d without data", q, accept, r.status, r.body, status)
			}
		}
	}
	// An error while executing is a 200 with data, whatever the Accept.
	body := `{"query": "{ organisations(first: 5000) { totalCount } stats { totalNodes } }"}`
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		if r := post(t, h, accept, body); r.status != 200 || !r.hasData || len(r.errors) != 1 {
			t.Errorf("field error, Accept %s: %d %s", accept, r.status, r.body)
		}
	}
}

func TestGET(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{})
	get := func(params url.Values, accept string) httpResp {
		t.Helper()
		return send(t, h, http.MethodGet, "/graphql?"+params.Encode(), "", accept, nil)
	}
	r := get(url.Values{"query": {`query($id: ID!) { node(id: $id) { id } }`}, "variables": {`{"id": "org:fier"}`}}, "")
	if r.status != 200 || !strings.Contains(r.body, `"id":"org:fier"`) {
		t.Errorf("GET query: %d %s", r.status, r.body)
	}
	// Mutations (and subscriptions) are never run on GET: 405, Allow: POST. This schema has
	// no mutations at all, so the same document by POST fails validation.
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		r = get(url.Values{"query": {`mutation { __typename }`}}, accept)
		if r.status != http.StatusMethodNotAllowed || r.allow != http.MethodPost || len(r.errors) != 1 {
			t.Errorf("GET mutation, Accept %s: %d allow %q %s", accept, r.status, r.allow, r.body)
		}
	}
	r = get(url.Values{"query": {`query A { stats { totalNodes } } mutation B { __typename }`}, "operationName": {"A"}}, "application/graphql-response+json")
	if r.status != 400 || len(r.errors) == 0 {
		t.Errorf("GET with an invalid mutation beside the query: %d %s", r.status, r.body)
	}
	cases := []struct {
		params url.Values
		msg    string
	}{
		{url.Values{}, "the query parameter is missing"},
		{url.Values{"query": {"{ stats { totalNodes } }"}, "variables": {"[1]"}}, "variables must be a JSON object"},
		{url.Values{"query": {"{ stats { totalNodes } }"}, "variables": {`{"a": `}}, "variables must be a JSON object"},
		{url.Values{"query": {"{ stats { totalNodes } }"}, "extensions": {"x"}}, "extensions must be a JSON object"},
	}
	for _, tc := range cases {
		r := get(tc.params, "")
		if r.status != 400 || len(r.errors) != 1 || r.errors[0].Message != tc.msg {
			t.Errorf("GET %v: %d %s, want 400 %q", tc.params, r.status, r.body, tc.msg)
		}
	}
}

// TestBodyOverTheLimit: a body cut short by http.MaxBytesReader (the server's --max-body,
// also for bodies without Content-Length) is a 413, not a JSON error.
func TestBodyOverTheLimit(t *testing.T) {
	gql := graph.NewHandler(newStore(t), graph.Options{})
	const limit = 100
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		gql.ServeHTTP(w, r)
	})
	at := `{"query": "{ stats { totalNodes } }"}`
	at += strings.Repeat(" ", limit-len(at))
	if r := post(t, h, "", at); r.status != 200 || len(r.errors) != 0 {
		t.Errorf("a body of exactly %d bytes: %d %s", limit, r.status, r.body)
	}
	r := httptest.NewRequest(http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(at), strings.NewReader(" ")))
	r.ContentLength = -1 // chunked: only reading finds out
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "request body too large") ||
		!strings.Contains(w.Body.String(), graph.CodeRequestTooLarge) {
		t.Errorf("a body of %d bytes: %d %s", limit+1, w.Code, w.Body)
	}
}

func TestOtherMethods(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{})
	for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
		r := send(t, h, m, "/graphql", "application/json", "", strings.NewReader(`{"query": "{ stats { totalNodes } }"}`))
		if r.status != http.StatusMethodNotAllowed || r.allow != "GET, POST, OPTIONS" || len(r.errors) != 1 {
			t.Errorf("%s: %d allow %q %s", m, r.status, r.allow, r.body)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodOptions, "/graphql", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Allow"), "POST") {
		t.Errorf("OPTIONS: %d %v", w.Code, w.Header())
	}
}

// TestPersistedQueries: with automatic persisted queries on, a request may carry the
// query's hash instead of its text, by POST and by GET.
func TestPersistedQueries(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{PersistedQueries: true})
	const query = "{ stats { totalNodes } }"
	sum := sha256.Sum256([]byte(query))
	ext := `{"persistedQuery": {"version": 1, "sha256Hash": "` + hex.EncodeToString(sum[:]) + `"}}`
	r := post(t, h, "", `{"extensions": `+ext+`}`)
	if len(r.errors) != 1 || r.errors[0].Message != "PersistedQueryNotFound" {
		t.Errorf("unknown hash: %d %s", r.status, r.body)
	}
	if r = post(t, h, "", `{"query": "`+query+`", "extensions": `+ext+`}`); r.status != 200 || len(r.errors) != 0 {
		t.Errorf("registering: %d %s", r.status, r.body)
	}
	if r = post(t, h, "", `{"extensions": `+ext+`}`); r.status != 200 || !strings.Contains(r.body, `"totalNodes":24`) {
		t.Errorf("by hash: %d %s", r.status, r.body)
	}
	g := send(t, h, http.MethodGet, "/graphql?"+url.Values{"extensions": {ext}}.Encode(), "", "", nil)
	if g.status != 200 || !strings.Contains(g.body, `"totalNodes":24`) {
		t.Errorf("by hash, GET: %d %s", g.status, g.body)
	}
}
