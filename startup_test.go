package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

// The start-up cases a newcomer runs into: each says what is wrong and exits non-zero,
// before anything listens (issue #18).
func TestStartupErrors(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Setenv("PORT", "")
	t.Setenv("LISTEN_HOST", "")

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()

	empty := t.TempDir()
	unreadable := t.TempDir()
	if err := os.WriteFile(filepath.Join(unreadable, "broken.pdf"), []byte("%PDF-1.4 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir() // a directory without ./corpus, as when started outside the repository

	for _, c := range []struct {
		name string
		dir  string // working directory; "" is the package directory (with ./corpus)
		args []string
		code int
		want []string
	}{
		{name: "unknown command", args: []string{"pull", "--help"}, code: 2,
			want: []string{`unknown command "pull"`, "Usage:"}},
		{name: "unknown command alone", args: []string{"servr"}, code: 2,
			want: []string{`unknown command "servr"`}},
		{name: "missing path", args: []string{"serve", "--addr", "127.0.0.1:0", "no/such/dir"}, code: 1,
			want: []string{"no/such/dir: no such file or directory"}},
		{name: "missing path among others", args: []string{"serve", "--addr", "127.0.0.1:0", "corpus", "corpsu"}, code: 1,
			want: []string{"corpsu: no such file or directory"}},
		{name: "missing path, export", args: []string{"export", "no/such/dir"}, code: 1,
			want: []string{"no/such/dir: no such file or directory"}},
		{name: "no ./corpus", dir: outside, args: []string{"--addr", "127.0.0.1:0"}, code: 1,
			want: []string{"no documents: the default corpus ./corpus does not exist in", "--allow-empty"}},
		{name: "no ./corpus, export", dir: outside, args: []string{"export"}, code: 1,
			want: []string{"no documents: the default corpus ./corpus does not exist in", "(beleidsgraaf export DIR|FILE...)\n"}},
		{name: "no documents in the directory", args: []string{"serve", "--addr", "127.0.0.1:0", empty}, code: 1,
			want: []string{"no documents loaded from " + empty, "--allow-empty"}},
		{name: "no readable documents", args: []string{"serve", "--addr", "127.0.0.1:0", unreadable}, code: 1,
			want: []string{"no documents loaded from " + unreadable + " (1 could not be read", "--allow-empty"}},
		{name: "load of no documents", args: []string{"load", "--neo4j", "bolt://127.0.0.1:1", empty}, code: 1,
			want: []string{"no documents loaded", "the stored graph is unchanged"}},
		{name: "busy port", args: []string{"serve", "--addr", busy.Addr().String(), empty}, code: 1,
			want: []string{"cannot listen on " + busy.Addr().String() + ": the address is already in use"}},
		{name: "bad flag", args: []string{"serve", "--no-such-flag"}, code: 2,
			want: []string{"flag provided but not defined: -no-such-flag"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.dir != "" {
				t.Chdir(c.dir)
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), c.args, &stdout, &stderr)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr.String())
			}
			for _, w := range c.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if strings.Contains(stderr.String(), "msg=serving") {
				t.Errorf("logged serving:\n%s", stderr.String())
			}
		})
	}
}

// With --allow-empty an empty graph is served, and says so; the server listens on the
// address it logs.
func TestStartupAllowEmpty(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	for _, c := range []struct {
		name string
		dir  string
		args []string
	}{
		{"no ./corpus", t.TempDir(), []string{"--allow-empty", "--addr", "ADDR"}},
		{"empty directory", "", []string{"serve", "--allow-empty", "--addr", "ADDR", t.TempDir()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.dir != "" {
				t.Chdir(c.dir)
			}
			addr := freeAddr(t)
			ctx, cancel := context.WithCancel(context.Background())
			var stderr syncBuffer
			done := make(chan int, 1)
			args := slices.Clone(c.args)
			args[slices.Index(args, "ADDR")] = addr
			go func() { done <- run(ctx, args, io.Discard, &stderr) }()
			waitReady(t, addr, done, &stderr)
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("exit %d after the context ended; stderr:\n%s", code, stderr.String())
			}
			log := stderr.String()
			if !strings.Contains(log, "serving an empty graph") || !strings.Contains(log, "msg=serving addr="+addr) {
				t.Errorf("log:\n%s", log)
			}
		})
	}
}

// The listen address: 127.0.0.1:8080 by default; PORT, LISTEN_HOST, --host and --addr.
func TestListenAddress(t *testing.T) {
	for _, c := range []struct {
		port, host string
		args       []string
		want       string
	}{
		{"", "", nil, "127.0.0.1:8080"},
		{"9000", "", nil, "127.0.0.1:9000"},
		{"9000", "0.0.0.0", nil, "0.0.0.0:9000"},
		{"", "", []string{"--host", "0.0.0.0"}, "0.0.0.0:8080"},
		{"", "", []string{"--host", "::1"}, "[::1]:8080"},
		{"9000", "0.0.0.0", []string{"--addr", "localhost:7000"}, "localhost:7000"},
	} {
		t.Setenv("PORT", c.port)
		t.Setenv("LISTEN_HOST", c.host)
		cfg, err := parseFlags("serve", c.args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Addr != c.want {
			t.Errorf("PORT=%q LISTEN_HOST=%q %v: addr %q, want %q", c.port, c.host, c.args, cfg.Addr, c.want)
		}
	}
}

// waitReady waits until the server at addr answers /readyz 200, or fails if run returned.
func waitReady(t *testing.T, addr string, done <-chan int, log *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case code := <-done:
			t.Fatalf("run returned %d before serving:\n%s", code, log.String())
		default:
		}
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready at %s: %v\n%s", addr, err, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serve --neo4j refuses a graph without documents (nothing loaded yet) unless --allow-empty.
// The check only reads through store.Reader, so the memory store stands in for Neo4j here;
// against a real Neo4j it is exercised by TestSIGTERMDrains/neo4j (with --allow-empty).
func TestStartupEmptyNeo4jGraph(t *testing.T) {
	cfg := config{Neo4j: neo4jConfig{URI: "bolt://db:7687"}}
	for _, c := range []struct {
		name       string
		st         store.Reader
		allowEmpty bool
		wantErr    string
	}{
		{"empty", memory.New(), false, "the graph in Neo4j at bolt://db:7687 has no documents: load it first (beleidsgraaf load --neo4j bolt://db:7687 corpus), or pass --allow-empty"},
		{"empty, --allow-empty", memory.New(), true, ""},
		{"loaded", testStore(t), false, ""},
		{"unreadable: left to /readyz", pingFails{failingList{testStore(t)}}, false, ""},
	} {
		cfg.AllowEmpty = c.allowEmpty
		err := checkNeo4jGraph(context.Background(), c.st, cfg)
		if got := fmt.Sprint(err); (c.wantErr == "" && err != nil) || (c.wantErr != "" && !strings.Contains(got, c.wantErr)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.wantErr)
		}
	}
}

// failingList is a store whose List fails.
type failingList struct{ store.Reader }

func (failingList) List(context.Context, store.ListQuery) (store.Page, error) {
	return store.Page{}, store.ErrUnavailable
}
