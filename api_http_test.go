package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"beleidsgraaf/graph"
)

// Tests of the GraphQL API as the server wires it (flags → handler): CORS, body size,
// masked request errors and the introspection switch.

func postGraphQL(h http.Handler, body string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestCORSAllowList: only configured origins get Access-Control-Allow-Origin, on simple
// requests and preflights alike; by default no origin does.
func TestCORSAllowList(t *testing.T) {
	const q = `{"query": "{ stats { totalNodes } }"}`
	allowOrigin := func(h http.Handler, origin string) (string, int) {
		w := postGraphQL(h, q, "Origin", origin)
		return w.Header().Get("Access-Control-Allow-Origin"), w.Code
	}
	def, err := parseFlags("serve", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(def.CORSOrigins) != 0 {
		t.Skipf("CORS_ORIGINS is set in the environment: %v", def.CORSOrigins)
	}
	def.MaxBodyBytes = 1 << 16
	h := newWebHandler(testStore(t), def)
	if got, code := allowOrigin(h, "https://explorer.example"); got != "" || code != 200 {
		t.Errorf("default: Access-Control-Allow-Origin %q (status %d), want none", got, code)
	}

	cfg, err := parseFlags("serve", []string{"--cors-origins", "https://explorer.example, https://b.example"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxBodyBytes = 1 << 16
	h = newWebHandler(testStore(t), cfg)
	for _, origin := range []string{"https://explorer.example", "https://b.example"} {
		if got, code := allowOrigin(h, origin); got != origin || code != 200 {
			t.Errorf("allowed origin %s: Access-Control-Allow-Origin %q (status %d)", origin, got, code)
		}
	}
	for _, origin := range []string{"https://evil.example", "https://explorer.example.evil.example", "null"} {
		if got, _ := allowOrigin(h, origin); got != "" {
			t.Errorf("other origin %s: Access-Control-Allow-Origin %q", origin, got)
		}
	}
	// Preflight: the allowed origin may POST JSON; another gets nothing.
	preflight := func(origin string) http.Header {
		r := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", http.MethodPost)
		r.Header.Set("Access-Control-Request-Headers", "content-type")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Header()
	}
	if hd := preflight("https://explorer.example"); hd.Get("Access-Control-Allow-Origin") != "https://explorer.example" ||
		!strings.Contains(hd.Get("Access-Control-Allow-Methods"), http.MethodPost) {
		t.Errorf("preflight of the allowed origin: %v", hd)
	}
	if hd := preflight("https://evil.example"); hd.Get("Access-Control-Allow-Origin") != "" || hd.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("preflight of another origin: %v", hd)
	}
}

// TestBodyLimitAtTheEdge: a body of exactly --max-body bytes is served, one byte more is a
// 413, with or without Content-Length.
func TestBodyLimitAtTheEdge(t *testing.T) {
	cfg := testConfig()
	cfg.MaxBodyBytes = 200
	h := newWebHandler(testStore(t), cfg)
	at := `{"query": "{ stats { totalNodes } }"}`
	at += strings.Repeat(" ", int(cfg.MaxBodyBytes)-len(at))
	if w := postGraphQL(h, at); w.Code != 200 || !strings.Contains(w.Body.String(), `"totalNodes":3`) {
		t.Errorf("%d bytes: %d %s", len(at), w.Code, w.Body)
	}
	// Over the limit, announced by Content-Length or chunked: one answer, whatever the
	// Accept header asks for.
	for _, accept := range []string{"", "application/graphql-response+json"} {
		var answers []string
		for _, chunked := range []bool{false, true} {
			r := httptest.NewRequest(http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(at), strings.NewReader(" ")))
			if chunked {
				r.ContentLength = -1
			}
			r.Header.Set("Content-Type", "application/json")
			if accept != "" {
				r.Header.Set("Accept", accept)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), `"code":"REQUEST_TOO_LARGE"`) {
				t.Errorf("%d bytes, chunked %v: %d %s", len(at)+1, chunked, w.Code, w.Body)
			}
			answers = append(answers, w.Header().Get("Content-Type")+" "+w.Body.String())
		}
		if answers[0] != answers[1] {
			t.Errorf("Accept %q: with Content-Length %q, chunked %q", accept, answers[0], answers[1])
		}
	}
}

// TestHeadGraphQL: HEAD /graphql is refused with 405 and says what is allowed.
func TestHeadGraphQL(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	r := httptest.NewRequest(http.MethodHead, "/graphql", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") == "" {
		t.Errorf("HEAD: %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
}

// TestMalformedBodyNotEchoed: the server never repeats a body it cannot decode.
func TestMalformedBodyNotEchoed(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	for _, body := range []string{`{"query": `, `{"query": "{ stats { totalNodes } }", "variables": {"password": "hunter2"`} {
		w := postGraphQL(h, body)
		if w.Code != http.StatusBadRequest || strings.Contains(w.Body.String(), `{"query"`) || strings.Contains(w.Body.String(), "hunter2") ||
			!strings.Contains(w.Body.String(), "the request body is not valid JSON") {
			t.Errorf("%q: %d %s", body, w.Code, w.Body)
		}
	}
}

// TestIntrospectionSwitch: --introspection=false turns off introspection, the SDL download
// and "Did you mean" suggestions; on by default.
func TestIntrospectionSwitch(t *testing.T) {
	const typo = `{"query": "{ organisation(name: \"CoMensha\") { nmae } }"}`
	const schema = `{"query": "{ __schema { queryType { name } } }"}`
	for _, tc := range []struct {
		args []string
		on   bool
	}{{nil, true}, {[]string{"--introspection=false"}, false}} {
		cfg, err := parseFlags("serve", tc.args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if tc.args == nil && !cfg.Introspection {
			t.Skip("GRAPHQL_INTROSPECTION turns introspection off in this environment")
		}
		cfg.MaxBodyBytes = 1 << 16
		h := newWebHandler(testStore(t), cfg)
		suggests := strings.Contains(postGraphQL(h, typo).Body.String(), "Did you mean")
		introspects := strings.Contains(postGraphQL(h, schema).Body.String(), `"queryType":{"name":"Query"}`)
		sdl := get(t, h, "/graphql/schema.graphql").Code == 200
		if suggests != tc.on || introspects != tc.on || sdl != tc.on {
			t.Errorf("%v: suggestions %v, introspection %v, SDL %v; want all %v", tc.args, suggests, introspects, sdl, tc.on)
		}
	}
}

// TestSlowBodyTimesOut: a body that trickles in is not waited for past the time limit: the
// client gets TIMEOUT at the deadline, on a real connection.
func TestSlowBodyTimesOut(t *testing.T) {
	cfg := testConfig()
	cfg.Timeout = 300 * time.Millisecond
	srv := httptest.NewServer(newWebHandler(testStore(t), cfg))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\": ")
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer after %v: %v", time.Since(start), err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if took := time.Since(start); resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), `"code":"TIMEOUT"`) || took > cfg.Timeout+2*time.Second {
		t.Errorf("after %v: %d %s", took, resp.StatusCode, body)
	}
}

// TestAbuseLimitFlags: the limits of issue #16 are on by default and can be set.
func TestAbuseLimitFlags(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		resp     int64
		inFlight int
		timeout  time.Duration
	}{
		{nil, graph.DefaultMaxResponseBytes, graph.DefaultMaxInFlight, 15 * time.Second},
		{[]string{"--max-response", "1000", "--max-in-flight", "2", "--timeout", "200ms"}, 1000, 2, 200 * time.Millisecond},
	} {
		cfg, err := parseFlags("serve", tc.args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.MaxResponseBytes != tc.resp || cfg.MaxInFlight != tc.inFlight || cfg.Timeout != tc.timeout {
			t.Errorf("%v: max-response %d, max-in-flight %d, timeout %v", tc.args, cfg.MaxResponseBytes, cfg.MaxInFlight, cfg.Timeout)
		}
	}
	// Through the server as wired: the answer size limit holds.
	cfg := testConfig()
	cfg.MaxResponseBytes = 100
	w := postGraphQL(newWebHandler(testStore(t), cfg), `{"query": "{ organisations(first: 100) { edges { node { id name aliases } } } }"}`)
	if !strings.Contains(w.Body.String(), `"code":"RESPONSE_TOO_LARGE"`) || strings.Contains(w.Body.String(), `"data"`) {
		t.Errorf("--max-response 100: %d %s", w.Code, w.Body)
	}
}
