package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"beleidsgraaf/internal/testlock"
)

// syncBuffer is a bytes.Buffer safe for a process writing and a test reading.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freeAddr is a loopback address with a port nothing listens on (just now).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestSIGTERMDrains runs the real binary: a request in flight when SIGTERM arrives (its
// body still being sent, so the handler is waiting for it) completes with 200; connections
// after the signal are refused; the process then closes the store and exits 0. With
// NEO4J_URI set it runs on Neo4j too (read only), where closing the store closes the driver.
func TestSIGTERMDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "beleidsgraaf")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	stores := []struct{ name, neo4j string }{{"memory", ""}}
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		stores = append(stores, struct{ name, neo4j string }{"neo4j", uri})
	}
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) { testDrain(t, bin, s.neo4j) })
	}
}

func testDrain(t *testing.T, bin, neo4jURI string) {
	if neo4jURI != "" {
		// the store/neo4j and conformance tests replace the graph of the same database
		release, err := testlock.Neo4j(neo4jURI)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
	}
	addr := freeAddr(t)
	args := []string{"serve", "--addr", addr, "--timeout", "20s"}
	if neo4jURI != "" {
		// whatever graph the other Neo4j tests left, possibly none
		args = append(args, "--allow-empty")
	}
	cmd := exec.Command(bin, append(args, "corpus")...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+neo4jURI)
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})

	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not become ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The slow request: headers and half the body now, the rest after SIGTERM.
	body := `{"query":"{ stats { totalNodes } }"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		addr, len(body), body[:10])
	time.Sleep(300 * time.Millisecond) // the server reads the headers and waits for the body

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused once the listener is closed (at once, in Shutdown).
	deadline = time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			// refused once the listener is gone; reset when the dial raced the close and sat
			// in the accept queue of a listener that then closed
			if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
				t.Errorf("a connection after SIGTERM: %v, want it refused", err)
			}
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("connections are still accepted 10 s after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-exited:
		t.Fatalf("the server exited (%v) with a request in flight", err)
	default:
	}

	// The request in flight completes.
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight: %v", err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(got), `"totalNodes":`) {
		t.Errorf("the request in flight: %d %s", resp.StatusCode, got)
	}

	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want status 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server has not exited 30 s after its last request")
	}
	// Drained, then the store closed.
	log := logs.String()
	iShut, iDrained, iClosed := strings.Index(log, "shutting down"), strings.Index(log, "msg=drained"), strings.Index(log, `msg="store closed"`)
	if iShut < 0 || iDrained < iShut || iClosed < iDrained {
		t.Errorf("want shutting down, drained, store closed in this order; log:\n%s", log)
	}
	if !strings.Contains(log, "path=/graphql status=200") {
		t.Errorf("the request in flight is not in the access log:\n%s", log)
	}
}
