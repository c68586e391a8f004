package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// With --pprof, serve answers Go's profiles on that address and nowhere else: the API's
// address has no /debug/pprof/. A taken profile address stops start-up with its own
// message, and without the flag there is no profile address.
func TestProfilesOnTheirOwnAddress(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Setenv("PPROF_ADDR", "")
	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	addr, profiles := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", addr, "--pprof", profiles}, io.Discard, &stderr) }()
	waitReady(t, addr, done, &stderr)
	if code, body := get("http://" + profiles + "/debug/pprof/"); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Errorf("profiles: %d %.200s", code, body)
	}
	if code, body := get("http://" + profiles + "/debug/pprof/heap?debug=1"); code != http.StatusOK || !strings.Contains(body, "heap profile") {
		t.Errorf("heap profile: %d %.200s", code, body)
	}
	if code, _ := get("http://" + addr + "/debug/pprof/"); code != http.StatusNotFound {
		t.Errorf("the API's address answers /debug/pprof/ with %d", code)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if log := stderr.String(); !strings.Contains(log, "msg=\"profiles served\" addr="+profiles) || strings.Contains(log, "other than loopback") {
		t.Errorf("log:\n%s", log)
	}
	if c, err := net.Dial("tcp", profiles); err == nil {
		c.Close()
		t.Error("profiles still served after the server stopped")
	}

	// A profile address that is taken, by another process or by the API's own --addr, stops
	// start-up with the flag's name, before any document is loaded.
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	same := freeAddr(t)
	for _, c := range []struct{ addr, pprof string }{{freeAddr(t), busy.Addr().String()}, {same, same}} {
		var log syncBuffer
		code := run(context.Background(), []string{"serve", "--addr", c.addr, "--pprof", c.pprof}, io.Discard, &log)
		if code != 1 || !strings.Contains(log.String(), "--pprof: cannot listen on "+c.pprof) || strings.Contains(log.String(), "graph loaded") {
			t.Errorf("--addr %s --pprof %s: exit %d:\n%s", c.addr, c.pprof, code, log.String())
		}
	}

	cfg, err := parseFlags("serve", nil, io.Discard)
	if err != nil || cfg.PprofAddr != "" {
		t.Errorf("profiles by default: %q, %v", cfg.PprofAddr, err)
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1": true, "::1": true, "127.0.0.2": true, "0.0.0.0": false, "::": false, "10.0.0.1": false, "localhost": false, "": false} {
		if got := isLoopback(host); got != want {
			t.Errorf("%q: %v, want %v", host, got, want)
		}
	}
}
