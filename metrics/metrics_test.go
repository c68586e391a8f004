package metrics

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

func testStore(t *testing.T) store.Reader {
	t.Helper()
	b := kg.NewBuilder()
	ev := kg.Evidence{Document: "doc:1", Quote: "CoMensha is actiehouder.", Start: 0, End: 24}
	b.Node(kg.Node{ID: "doc:1", Label: kg.Document, Name: "Brief"})
	b.Node(kg.Node{ID: "org:comensha", Label: kg.Organisation, Name: "CoMensha"})
	b.Node(kg.Node{ID: "actielijn:6", Label: kg.Actielijn, Name: "Minderjarigen", Props: map[string]any{kg.PropNumber: int64(6)}})
	b.Edge(kg.Edge{Type: kg.Holds, From: "org:comensha", To: "actielijn:6", Evidence: []kg.Evidence{ev}})
	st := memory.New()
	if err := st.Replace(context.Background(), b.Graph()); err != nil {
		t.Fatal(err)
	}
	return st
}

// server is the wiring of web.go in small: a mux with /graphql and /metrics, wrapped by HTTP.
func server(st store.Reader) http.Handler {
	st = Instrument(st)
	gql := graph.NewHandler(st, graph.Options{})
	gql.Use(GraphQL{})
	mux := http.NewServeMux()
	mux.Handle("/graphql", gql)
	mux.Handle("GET /metrics", Handler(st))
	return HTTP(mux)
}

// captureLog sends the default logger to a buffer for the test.
func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

func serve(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Accept", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestAccessLog: one line per request with method, path, status, duration and the
// operation's name and type; never the query string, body or variables.
func TestAccessLog(t *testing.T) {
	log := captureLog(t)
	h := server(testStore(t))

	w := serve(h, http.MethodPost, "/graphql",
		`{"query":"query Holders($n: String!) { organisation(name: $n) { name } search(text: \"SECRET-LITERAL\") { score } }","operationName":"Holders","variables":{"n":"SECRET-VARIABLE"}}`)
	if w.Code != 200 {
		t.Fatalf("POST: %d %s", w.Code, w.Body)
	}
	serve(h, http.MethodGet, "/graphql?query="+url.QueryEscape(`{ search(text: "SECRET-QUERY-STRING") { score } }`), "")
	serve(h, http.MethodPost, "/graphql", `{"query":"{ nope }"}`)
	serve(h, http.MethodGet, "/nowhere?SECRET-PATH-QUERY", "")

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 access log lines, got %d:\n%s", len(lines), log)
	}
	for i, want := range [][]string{
		{"msg=request", "method=POST", "path=/graphql", "status=200", "duration_ms=", "bytes=", "operation=Holders", "operation_type=query"},
		{"method=GET", "path=/graphql", "status=200", "operation_type=query"},
		{"method=POST", "status=200", "graphql_errors=1", "error_codes=GRAPHQL_VALIDATION_FAILED"},
		{"method=GET", "path=/nowhere", "status=404"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d lacks %q: %s", i+1, w, lines[i])
			}
		}
	}
	if strings.Contains(log.String(), "SECRET") {
		t.Errorf("the access log repeats the request:\n%s", log)
	}
}

// The access log line is what slog.LogAttrs writes (time, level, message, attributes, in any
// handler), and a logger set above INFO writes none.
func TestAccessLogGoesThroughTheDefaultHandler(t *testing.T) {
	h := server(testStore(t))
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) })
	var buf bytes.Buffer
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{AddSource: true})))
	serve(h, http.MethodGet, "/nowhere", "")
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	for _, k := range []string{"time", "level", "msg", "method", "path", "status", "duration_ms", "bytes"} {
		if _, ok := line[k]; !ok {
			t.Errorf("no %s: %s", k, buf.Bytes())
		}
	}
	if line["level"] != "INFO" || line["msg"] != "request" || line["path"] != "/nowhere" || line["status"] != float64(404) {
		t.Errorf("line %s", buf.Bytes())
	}
	buf.Reset()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})))
	serve(h, http.MethodGet, "/nowhere", "")
	if buf.Len() != 0 {
		t.Errorf("a logger at WARN logged: %s", buf.Bytes())
	}
}

// TestRequestAndErrorMetrics: requests by route, method, status and operation type;
// GraphQL errors by code; the latency histogram.
func TestRequestAndErrorMetrics(t *testing.T) {
	captureLog(t)
	h := server(testStore(t))
	ok := httpRequests.WithLabelValues("/graphql", "POST", "200", "query")
	bad := graphqlErrors.WithLabelValues("GRAPHQL_VALIDATION_FAILED")
	limit := graphqlErrors.WithLabelValues(graph.CodeInputLimit)
	notJSON := httpRequests.WithLabelValues("/graphql", "POST", "400", "none")
	ok0, bad0, limit0, notJSON0 := testutil.ToFloat64(ok), testutil.ToFloat64(bad), testutil.ToFloat64(limit), testutil.ToFloat64(notJSON)
	hist0 := testutil.CollectAndCount(httpDuration)

	serve(h, http.MethodPost, "/graphql", `{"query":"{ stats { totalNodes } }"}`)
	serve(h, http.MethodPost, "/graphql", `{"query":"{ stats { totalNodes } }"}`)
	serve(h, http.MethodPost, "/graphql", `{"query":"{ nope }"}`)
	serve(h, http.MethodPost, "/graphql", `{"query":"{ search(text: \"`+strings.Repeat("x", 3000)+`\") { score } }"}`)
	serve(h, http.MethodPost, "/graphql", `{"query":`)

	// The refused search is a query too (it parsed); the invalid document has no type.
	if d := testutil.ToFloat64(ok) - ok0; d != 3 {
		t.Errorf("http_requests_total{/graphql,POST,200,query} grew by %v, want 3", d)
	}
	if d := testutil.ToFloat64(notJSON) - notJSON0; d != 1 {
		t.Errorf("http_requests_total{/graphql,POST,400,none} grew by %v, want 1", d)
	}
	if d := testutil.ToFloat64(bad) - bad0; d != 1 {
		t.Errorf("graphql_errors_total{GRAPHQL_VALIDATION_FAILED} grew by %v, want 1", d)
	}
	if d := testutil.ToFloat64(limit) - limit0; d != 1 {
		t.Errorf("graphql_errors_total{%s} grew by %v, want 1", graph.CodeInputLimit, d)
	}
	if testutil.CollectAndCount(httpDuration) < max(hist0, 1) {
		t.Error("no latency histogram")
	}
}

// down is a store that cannot be reached.
type down struct{ store.Reader }

func (down) Stats(context.Context) (store.Stats, error) { return store.Stats{}, store.ErrUnavailable }
func (down) Ping(context.Context) error                 { return store.ErrUnavailable }

// TestInstrumentedStaysInProcess: an instrumented memory store is still one whose calls the
// loaders make on the goroutine that sends them (store.IsInProcess), as serve's is; a
// reader that does not say it is in process does not become one by being instrumented.
func TestInstrumentedStaysInProcess(t *testing.T) {
	mem := memory.New()
	for name, st := range map[string]store.Reader{
		"instrumented":          Instrument(mem),
		"instrumented twice":    Instrument(Instrument(mem)),
		"instrumented observer": Instrument(store.Observe(mem, func(string) func(error) { return nil })),
	} {
		if !store.IsInProcess(st) {
			t.Errorf("%s memory store: not in process", name)
		}
	}
	if store.IsInProcess(Instrument(down{mem})) {
		t.Error("an instrumented reader that does not say it is in process is taken for one")
	}
}

// TestStoreMetrics: calls counted by method and outcome, store_up following what calls
// find, and /metrics pinging a store it has not heard of for a while.
func TestStoreMetrics(t *testing.T) {
	captureLog(t)
	st := testStore(t)
	okCalls := storeCalls.WithLabelValues("Stats", "ok")
	downCalls := storeCalls.WithLabelValues("Stats", "unavailable")
	ok0, down0 := testutil.ToFloat64(okCalls), testutil.ToFloat64(downCalls)

	if _, err := Instrument(st).Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	if testutil.ToFloat64(storeUp) != 1 || testutil.ToFloat64(okCalls)-ok0 != 1 {
		t.Errorf("after a good call: store_up %v, ok calls +%v", testutil.ToFloat64(storeUp), testutil.ToFloat64(okCalls)-ok0)
	}
	if _, err := Instrument(down{st}).Stats(context.Background()); !errors.Is(err, store.ErrUnavailable) {
		t.Fatal(err)
	}
	if testutil.ToFloat64(storeUp) != 0 || testutil.ToFloat64(downCalls)-down0 != 1 {
		t.Errorf("after a failed call: store_up %v, unavailable calls +%v", testutil.ToFloat64(storeUp), testutil.ToFloat64(downCalls)-down0)
	}
	// A bad query says nothing about the store.
	_, _ = Instrument(st).List(context.Background(), store.ListQuery{Label: "Nope"})
	if testutil.ToFloat64(storeUp) != 0 {
		t.Error("an invalid query changed store_up")
	}
	if n := testutil.ToFloat64(storeCalls.WithLabelValues("List", "invalid")); n < 1 {
		t.Error("invalid List not counted")
	}

	// A scrape after a quiet spell pings first.
	upAt.Store(time.Now().Add(-time.Minute).UnixNano())
	w := serve(server(st), http.MethodGet, "/metrics", "")
	if !strings.Contains(w.Body.String(), "beleidsgraaf_store_up 1") {
		t.Errorf("/metrics after a quiet spell on a good store:\n%s", grep(w.Body.String(), "store_up"))
	}
	upAt.Store(time.Now().Add(-time.Minute).UnixNano())
	w = serve(server(down{st}), http.MethodGet, "/metrics", "")
	if !strings.Contains(w.Body.String(), "beleidsgraaf_store_up 0") {
		t.Errorf("/metrics after a quiet spell on a store that is down:\n%s", grep(w.Body.String(), "store_up"))
	}
}

// TestMetricsPage: the exposition holds every family this package promises, the graph
// size and the load runs included, and the process's memory.
func TestMetricsPage(t *testing.T) {
	captureLog(t)
	st := testStore(t)
	if err := RefreshGraphSize(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ObserveLoad(1500*time.Millisecond, 5, 1, nil)
	h := server(st)
	serve(h, http.MethodPost, "/graphql", `{"query":"{ stats { totalNodes } }"}`)
	w := serve(h, http.MethodGet, "/metrics", "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, want := range []string{
		`beleidsgraaf_http_requests_total{code="200",method="POST",operation="query",route="/graphql"}`,
		`beleidsgraaf_http_request_duration_seconds_bucket{operation="query",route="/graphql",le="0.005"}`,
		`beleidsgraaf_http_requests_in_flight 1`,
		`beleidsgraaf_store_calls_total{method="Stats",outcome="ok"}`,
		`beleidsgraaf_store_call_duration_seconds_count{method="Stats"}`,
		`beleidsgraaf_store_up 1`,
		`beleidsgraaf_graph_nodes{label="Organisation"} 1`,
		`beleidsgraaf_graph_nodes{label="Motion"} 0`,
		`beleidsgraaf_graph_edges{type="HOLDS"} 1`,
		`beleidsgraaf_load_runs_total{outcome="partial"}`,
		`beleidsgraaf_load_duration_seconds_count`,
		`beleidsgraaf_load_documents_total`,
		`beleidsgraaf_load_document_failures_total`,
		`beleidsgraaf_load_last_timestamp_seconds`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestStoppedOperationCountsOneError: an operation stopped while it runs (here by the answer
// size limit) counts as the one error its client gets, not one per field it stopped.
func TestStoppedOperationCountsOneError(t *testing.T) {
	captureLog(t)
	gql := graph.NewHandler(testStore(t), graph.Options{MaxResponseBytes: 100})
	gql.Use(GraphQL{})
	h := HTTP(gql)
	tooLarge := graphqlErrors.WithLabelValues(graph.CodeResponseTooLarge)
	before := testutil.ToFloat64(tooLarge)
	w := serve(h, http.MethodPost, "/graphql", `{"query":"{ organisations(first: 100) { edges { node { id name aliases } } } }"}`)
	if !strings.Contains(w.Body.String(), graph.CodeResponseTooLarge) {
		t.Fatalf("answer: %s", w.Body)
	}
	// The client is answered as soon as the operation is stopped; the stopped execution
	// finishes, and passes the response interceptors that count its error, a moment later.
	grown := func() float64 { return testutil.ToFloat64(tooLarge) - before }
	for end := time.Now().Add(10 * time.Second); grown() < 1 && time.Now().Before(end); {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // a second count, were there one, would come as late
	if d := grown(); d != 1 {
		t.Errorf("graphql_errors_total{%s} grew by %v, want 1", graph.CodeResponseTooLarge, d)
	}
}
