package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"beleidsgraaf/graph"
	"beleidsgraaf/store"
)

// The database going away, hanging and coming back, between the store and the test database:
// a TCP proxy in the test stands in for the network, so the shared database keeps running.

// proxy forwards TCP connections to target. stop drops them all and refuses new ones; hang
// keeps accepting and holding connections but forwards nothing (a database that does not
// answer).
type proxy struct {
	target string
	addr   string
	ln     net.Listener
	mu     sync.Mutex
	conns  []net.Conn
	hung   bool
}

// startProxy listens on addr ("127.0.0.1:0" for any port) and forwards to target.
func startProxy(t *testing.T, addr, target string) *proxy {
	t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port of a stopped proxy may take a moment to be free again
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: target, addr: ln.Addr().String(), ln: ln}
	go p.serve()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns = append(p.conns, c)
		hung := p.hung
		p.mu.Unlock()
		if hung {
			continue // hold the connection, say nothing
		}
		go func() {
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				return
			}
			p.mu.Lock()
			p.conns = append(p.conns, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			_, _ = io.Copy(c, up)
			c.Close()
		}()
	}
}

// stop closes the listener and every connection: the database is gone.
func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// hang drops the open connections and holds new ones without answering.
func (p *proxy) hang() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hung = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// proxied opens a store through a proxy to the test database; it skips unless NEO4J_URI is
// a direct bolt:// URI (a neo4j:// routing table would send the driver around the proxy).
func proxied(t *testing.T) (*Store, *proxy) {
	t.Helper()
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil || u.Scheme != "bolt" {
		t.Skipf("the outage tests need a bolt:// NEO4J_URI, not %q", cfg.URI)
	}
	p := startProxy(t, "127.0.0.1:0", u.Host)
	u.Host = p.addr
	cfg.URI = u.String()
	return openTest(t, cfg), p
}

// TestOutageIsUnavailableAndRecovers: with the database gone, reads and pings fail with
// store.ErrUnavailable (the API's "store unavailable") well before an API request's 15 s
// limit runs out, not with the request's deadline; once it is back, the same Store answers
// again without being reopened.
func TestOutageIsUnavailableAndRecovers(t *testing.T) {
	s, p := proxied(t)
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping before the outage: %v", err)
	}
	if _, err := s.Nodes(ctx, []string{"org:comensha"}); err != nil {
		t.Fatalf("Nodes before the outage: %v", err)
	}

	p.stop()
	// The API's request limit: the store must give up before it, with ErrUnavailable (a
	// context error here would mean the call ran into the deadline).
	reqCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.Ping(reqCtx); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping during the outage: %v, want ErrUnavailable", err)
	}
	pingTook := time.Since(start)
	start = time.Now()
	_, err := s.Nodes(reqCtx, []string{"org:comensha"})
	if !errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Nodes during the outage: %v, want ErrUnavailable", err)
	}
	t.Logf("outage noticed: Ping after %v, Nodes after %v (managed retries)", pingTook.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	// Through the API: a clean "store unavailable", code STORE_UNAVAILABLE, nothing more.
	api := graph.NewHandler(s, graph.Options{})
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ organisation(name: \"comensha\") { id } stats { totalNodes } }"}`))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	api.ServeHTTP(w, r.WithContext(reqCtx))
	var resp struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(w.Body.Bytes(), &resp)
	if w.Code != 200 || len(resp.Errors) == 0 {
		t.Errorf("GraphQL during the outage: %d %s", w.Code, w.Body)
	}
	for _, e := range resp.Errors {
		if e.Message != "store unavailable" || e.Extensions["code"] != graph.CodeStoreUnavailable || strings.Contains(w.Body.String(), "neo4j") {
			t.Errorf("GraphQL during the outage: %s", w.Body)
			break
		}
	}

	// Back on the same address: the pool's dead connections are replaced.
	startProxy(t, p.addr, p.target)
	start = time.Now()
	for {
		c, cancel := context.WithTimeout(ctx, 15*time.Second)
		_, err := s.Nodes(c, []string{"org:comensha"})
		cancel()
		if err == nil {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("no recovery after the database came back: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping after the recovery: %v", err)
	}
	t.Logf("recovered %v after the database came back", time.Since(start).Round(time.Millisecond))
}

// TestHungDatabaseHonoursTheDeadline: a database that accepts connections but never answers
// holds a read no longer than the caller's context; the error is the context's.
func TestHungDatabaseHonoursTheDeadline(t *testing.T) {
	s, p := proxied(t)
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	p.hang()
	for _, call := range []struct {
		name string
		f    func(context.Context) error
	}{
		{"Ping", s.Ping},
		{"Nodes", func(c context.Context) error { _, err := s.Nodes(c, []string{"org:comensha"}); return err }},
		{"Search", func(c context.Context) error {
			_, err := s.Search(c, store.SearchQuery{Text: "mensenhandel"})
			return err
		}},
	} {
		c, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		done := make(chan error, 1)
		go func() { done <- call.f(c) }()
		select {
		case err := <-done:
			// Either the deadline, or the driver's own bounded wait for a connection.
			if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, store.ErrUnavailable) {
				t.Errorf("%s on a hung database: %v, want the deadline or ErrUnavailable", call.name, err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("%s on a hung database still running 20 s after its 0.5 s deadline", call.name)
		}
		cancel()
	}
}

// TestCancelledIsNotUnavailable: a caller that gives up gets its context's error, which the
// API reports as such, not as the store being down.
func TestCancelledIsNotUnavailable(t *testing.T) {
	s := openTest(t, testConfig(t))
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Nodes(c, []string{"org:comensha"}); !errors.Is(err, context.Canceled) || errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Nodes with a cancelled context: %v", err)
	}
	if err := s.Ping(c); !errors.Is(err, context.Canceled) {
		t.Errorf("Ping with a cancelled context: %v", err)
	}
	c, cancel = context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-c.Done()
	if _, err := s.Search(c, store.SearchQuery{Text: "x"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Search with an expired context: %v", err)
	}
}
