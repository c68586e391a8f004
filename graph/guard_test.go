package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// deafStore is a store whose Nodes calls ignore their context and wait until released: a
// store call that runs past the deadline (a long scan, a slow database).
type deafStore struct {
	store.Reader
	release chan struct{}
	mu      sync.Mutex
	calls   []string
}

func (d *deafStore) record(m string) {
	d.mu.Lock()
	d.calls = append(d.calls, m)
	d.mu.Unlock()
}

func (d *deafStore) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	d.record("Nodes")
	<-d.release
	return d.Reader.Nodes(context.Background(), ids)
}

func (d *deafStore) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	d.record("Neighbours")
	return d.Reader.Neighbours(ctx, q)
}

// postQuery sends a GraphQL request to h and decodes the answer.
func postQuery(t *testing.T, h http.Handler, query, accept string) (int, map[string]json.RawMessage, []gqlError) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var resp struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []gqlError                 `json:"errors"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("answer %.200q: %v", w.Body, err)
	}
	return w.Code, resp.Data, resp.Errors
}

// oneError checks that an answer is exactly one error with code and no data.
func oneError(t *testing.T, name string, data map[string]json.RawMessage, errs []gqlError, code string) {
	t.Helper()
	if data != nil || len(errs) != 1 || errs[0].Extensions["code"] != code {
		t.Errorf("%s: data %v errors %+v, want one %s error and no data", name, data, errs, code)
	}
}

// TestTimeoutHolds: a request whose store call runs past the deadline is answered with
// TIMEOUT at the deadline (well within a generous margin), without data, and the fields
// after the slow one never run.
func TestTimeoutHolds(t *testing.T) {
	for _, tc := range []struct {
		accept string
		status int
	}{{"", http.StatusOK}, {"application/graphql-response+json", http.StatusGatewayTimeout}} {
		st := &deafStore{Reader: newStore(t), release: make(chan struct{})}
		const limit = 200 * time.Millisecond
		h := graph.NewHandler(st, graph.Options{Timeout: limit})
		var once sync.Once
		free := func() { once.Do(func() { close(st.release) }) }
		stop := time.AfterFunc(5*time.Second, free) // a failing guard would wait for ever
		start := time.Now()
		status, data, errs := postQuery(t, h, `{ nodes(ids: ["org:comensha"]) { ... on Organisation { holds { edges { node { id } } } } } }`, tc.accept)
		took := time.Since(start)
		oneError(t, "deaf store", data, errs, graph.CodeTimeout)
		if status != tc.status {
			t.Errorf("Accept %q: status %d, want %d", tc.accept, status, tc.status)
		}
		if took > limit+2*time.Second {
			t.Errorf("answered after %v, limit %v", took, limit)
		}
		stop.Stop()
		free()
		time.Sleep(50 * time.Millisecond) // let the abandoned execution finish
		st.mu.Lock()
		if strings.Join(st.calls, ",") != "Nodes" {
			t.Errorf("store calls %v: execution went on after the deadline", st.calls)
		}
		st.mu.Unlock()
	}
}

const relationsQuery = `{ motions(first: 100) { edges { node { a: submitters { ...P } b: submittersConnection { edges { node { ...P } } } } } } } fragment P on Person { name party { name } }`

// TestResponseByteLimit: an answer over MaxResponseBytes is one RESPONSE_TOO_LARGE error,
// never a cut-off answer; one under it is answered in full.
func TestResponseByteLimit(t *testing.T) {
	st := newStore(t)
	full, _ := json.Marshal(map[string]any{"a": text257, "b": text260})
	for _, tc := range []struct {
		name, query string
		max         int64
		ok          bool
	}{
		{"text over the limit", `{ documents { edges { node { text } } } }`, int64(len(full)), false},
		{"text under the limit", `{ documents { edges { node { text } } } }`, int64(len(full)) + 1000, true},
		{"aliases over the limit", `{ a: documents { edges { node { text } } } b: documents { edges { node { text } } } }`, int64(len(full)) + 1000, false},
		{"many small fields", `{ organisations(first: 100) { edges { node { id name aliases kind } } } }`, 200, false},
		// Relationship fields (resolved by graph/codegen's functions, not the middleware),
		// under aliases and a fragment: counted as the middleware counts them.
		{"relationship fields under aliases and fragments, over", relationsQuery, 300, false},
		{"relationship fields under aliases and fragments, under", relationsQuery, 1 << 20, true},
	} {
		h := graph.NewHandler(st, graph.Options{MaxResponseBytes: tc.max})
		for _, accept := range []string{"", "application/graphql-response+json"} {
			status, data, errs := postQuery(t, h, tc.query, accept)
			if tc.ok {
				if len(errs) > 0 || data == nil || status != 200 {
					t.Errorf("%s: %d %+v", tc.name, status, errs)
				}
				continue
			}
			oneError(t, tc.name, data, errs, graph.CodeResponseTooLarge)
			if want := map[string]int{"": 200}[accept]; want == 0 && status != http.StatusBadRequest || want != 0 && status != want {
				t.Errorf("%s, Accept %q: status %d", tc.name, accept, status)
			}
			if len(errs) == 1 && !strings.Contains(errs[0].Message, "exceed the limit of") {
				t.Errorf("%s: message %q", tc.name, errs[0].Message)
			}
		}
	}
}

// TestInFlightBound: past MaxInFlight operations a request waits for a slot within its
// time limit, then gets 503 with Retry-After and SERVER_BUSY; a slot is held until its execution has ended,
// even when the client was answered TIMEOUT before.
func TestInFlightBound(t *testing.T) {
	st := &deafStore{Reader: newStore(t), release: make(chan struct{})}
	var once sync.Once
	free := func() { once.Do(func() { close(st.release) }) }
	defer free()
	h := graph.NewHandler(st, graph.Options{MaxInFlight: 1, Timeout: 100 * time.Millisecond})
	// The first request times out, but its store call goes on and keeps the slot.
	_, data, errs := postQuery(t, h, `{ nodes(ids: ["org:fier"]) { id } }`, "")
	oneError(t, "the slow request", data, errs, graph.CodeTimeout)

	b, _ := json.Marshal(map[string]any{"query": `{ stats { totalNodes } }`})
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var resp struct{ Errors []gqlError }
	_ = json.Unmarshal(w.Body.Bytes(), &resp)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
		len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != graph.CodeServerBusy {
		t.Errorf("while busy: %d Retry-After %q %s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}

	free() // the slow execution ends and frees its slot
	var errs2 []gqlError
	for range 50 { // a loaded machine may take a moment to run it to its end
		var data map[string]json.RawMessage
		if _, data, errs2 = postQuery(t, h, `{ stats { totalNodes } }`, ""); len(errs2) == 0 && data != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("after the slot is free: %+v", errs2)
}

// TestInFlightWaitsWithinTimeLimit: a request that finds every slot taken waits for one as
// long as its own time limit allows, also past the second that was once the fixed bound,
// and is then served.
func TestInFlightWaitsWithinTimeLimit(t *testing.T) {
	st := &deafStore{Reader: newStore(t), release: make(chan struct{})}
	h := graph.NewHandler(st, graph.Options{MaxInFlight: 1, Timeout: time.Minute})
	first := make(chan []gqlError, 1)
	go func() {
		_, _, errs := postQuery(t, h, `{ nodes(ids: ["org:fier"]) { id } }`, "")
		first <- errs
	}()
	for { // the first request holds the slot once its store call has begun
		st.mu.Lock()
		n := len(st.calls)
		st.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	second := make(chan []gqlError, 1)
	go func() {
		_, _, errs := postQuery(t, h, `{ stats { totalNodes } }`, "")
		second <- errs
	}()
	time.Sleep(1500 * time.Millisecond) // longer than the old fixed wait
	close(st.release)
	if errs := <-first; len(errs) != 0 {
		t.Errorf("the first request: %+v", errs)
	}
	if errs := <-second; len(errs) != 0 {
		t.Errorf("the waiting request: %+v", errs)
	}
}

// TestErrorsDoNotRepeatLongNames: a validation error names what it refuses, cut short: a
// 900 kB unknown field name is not sent back.
func TestErrorsDoNotRepeatLongNames(t *testing.T) {
	h := graph.NewHandler(newStore(t), graph.Options{Introspection: true})
	for _, q := range []string{"{ " + strings.Repeat("a", 900_000) + " }", `{ organisation(name: "x") { ` + strings.Repeat("b", 1000) + ` } }`} {
		_, data, errs := postQuery(t, h, q, "")
		oneError(t, "a long unknown name", data, errs, "GRAPHQL_VALIDATION_FAILED")
		if len(errs) == 1 && (len(errs[0].Message) > 300 || !strings.Contains(errs[0].Message, `…"`)) {
			t.Errorf("message of %d bytes: %.300s", len(errs[0].Message), errs[0].Message)
		}
	}
}

// postRaw sends a JSON body to h and decodes the answer.
func postRaw(t *testing.T, h http.Handler, body map[string]any) (map[string]json.RawMessage, []gqlError) {
	t.Helper()
	b, _ := json.Marshal(body)
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var resp struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []gqlError                 `json:"errors"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("answer %.200q: %v", w.Body, err)
	}
	return resp.Data, resp.Errors
}

// TestPersistedQueryErrors: every persisted-query error has its code, and only queries
// that parse and validate are kept.
func TestPersistedQueryErrors(t *testing.T) {
	st := newStore(t)
	on := graph.NewHandler(st, graph.Options{PersistedQueries: true, MaxDepth: 3})
	off := graph.NewHandler(st, graph.Options{})
	hashOf := func(q string) string { s := sha256.Sum256([]byte(q)); return hex.EncodeToString(s[:]) }
	apq := func(hash string) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
	}
	const good, bad = `{ stats { totalNodes } }`, `{ stats { nope } }`
	const deep = `{ organisations { edges { node { id } } } }` // depth 4
	for _, tc := range []struct {
		name string
		h    http.Handler
		body map[string]any
		code string // "": data
	}{
		{"an unknown hash", on, map[string]any{"extensions": apq(hashOf(good))}, graph.CodePersistedQueryNotFound},
		{"a hash that is not the query's", on, map[string]any{"query": good, "extensions": apq("00")}, graph.CodeBadRequest},
		{"a malformed extension", on, map[string]any{"query": good, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 2}}}, graph.CodeBadRequest},
		{"an invalid query with its hash", on, map[string]any{"query": bad, "extensions": apq(hashOf(bad))}, "GRAPHQL_VALIDATION_FAILED"},
		{"… is not kept", on, map[string]any{"extensions": apq(hashOf(bad))}, graph.CodePersistedQueryNotFound},
		{"a query over a limit with its hash", on, map[string]any{"query": deep, "extensions": apq(hashOf(deep))}, graph.CodeDepthLimit},
		{"… is not kept", on, map[string]any{"extensions": apq(hashOf(deep))}, graph.CodePersistedQueryNotFound},
		{"a valid query with its hash", on, map[string]any{"query": good, "extensions": apq(hashOf(good))}, ""},
		{"… is kept", on, map[string]any{"extensions": apq(hashOf(good))}, ""},
		{"persisted queries off", off, map[string]any{"extensions": apq(hashOf(good))}, graph.CodePersistedQueryNotSupported},
		{"persisted queries off, the query with its hash", off, map[string]any{"query": good, "extensions": apq(hashOf(good))}, graph.CodePersistedQueryNotSupported},
		{"persisted queries off, a malformed extension", off, map[string]any{"query": good, "extensions": map[string]any{"persistedQuery": "x"}}, graph.CodePersistedQueryNotSupported},
	} {
		data, errs := postRaw(t, tc.h, tc.body)
		if tc.code == "" {
			if len(errs) > 0 || data == nil {
				t.Errorf("%s: %+v", tc.name, errs)
			}
			continue
		}
		oneError(t, tc.name, data, errs, tc.code)
		// Clients match these two by message as well as by code (urql only by message):
		// the messages are Apollo Server's.
		wantMessage := map[string]string{graph.CodePersistedQueryNotFound: "PersistedQueryNotFound", graph.CodePersistedQueryNotSupported: "PersistedQueryNotSupported"}[tc.code]
		if wantMessage != "" && len(errs) == 1 && errs[0].Message != wantMessage {
			t.Errorf("%s: message %q, want %q", tc.name, errs[0].Message, wantMessage)
		}
	}
}
