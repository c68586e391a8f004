package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// serveProfiles serves Go's runtime profiles (net/http/pprof: CPU, heap, goroutines,
// execution traces) on addr, on a listener and server of their own, and returns what stops
// them. It is how an operator, or a benchmark, sees where a served request's CPU goes: the
// in-process benchmarks miss the connection's share, more than half of a served lookup's CPU.
// Off unless serve is given --pprof; a profile shows the server's internals, so an address
// that is not loopback is warned of.
func serveProfiles(addr string) (stop func(), err error) {
	ln, err := listen(addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // and the named profiles below it: heap, goroutine, …
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	// A CPU profile or trace takes its ?seconds= to write; nothing else is slow.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	bound := ln.Addr().String()
	if host, _, _ := net.SplitHostPort(bound); !isLoopback(host) {
		slog.Warn("profiles served on an address other than loopback: whoever reaches it sees the server's internals", "addr", bound)
	}
	slog.Info("profiles served", "addr", bound, "url", "http://"+bound+"/debug/pprof/")
	go func() { _ = srv.Serve(ln) }()
	return func() { _ = srv.Close() }, nil
}

// isLoopback reports whether host, an IP address, is a loopback address.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
