package metrics

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Instrument wraps a store so that every call is counted and timed (store_calls_total,
// store_call_duration_seconds) and tells store_up whether the store answered.
func Instrument(st store.Reader) store.Reader {
	if _, ok := st.(instrumented); ok {
		return st
	}
	return instrumented{st}
}

type instrumented struct{ r store.Reader }

// upAt is when a store call last told whether the store is up (Unix nanoseconds).
var upAt atomic.Int64

func lastUp() time.Time { return time.Unix(0, upAt.Load()) }

func observe(method string, start time.Time, err error) {
	storeDuration.WithLabelValues(method).Observe(time.Since(start).Seconds())
	storeCalls.WithLabelValues(method, outcome(err)).Inc()
	switch {
	case err == nil:
		storeUp.Set(1)
	case errors.Is(err, store.ErrUnavailable), method == "Ping":
		storeUp.Set(0) // a ping that does not answer within its deadline counts as down
	default: // a bad query or a caller's deadline says nothing about the store
		return
	}
	upAt.Store(time.Now().UnixNano())
}

func (s instrumented) Nodes(ctx context.Context, ids []string) (out []*kg.Node, err error) {
	defer func(t time.Time) { observe("Nodes", t, err) }(time.Now())
	return s.r.Nodes(ctx, ids)
}

func (s instrumented) Lookup(ctx context.Context, label kg.Label, names []string) (out [][]*kg.Node, err error) {
	defer func(t time.Time) { observe("Lookup", t, err) }(time.Now())
	return s.r.Lookup(ctx, label, names)
}

func (s instrumented) Neighbours(ctx context.Context, q store.NeighbourQuery) (out [][]store.Neighbour, err error) {
	defer func(t time.Time) { observe("Neighbours", t, err) }(time.Now())
	return s.r.Neighbours(ctx, q)
}

func (s instrumented) CountNeighbours(ctx context.Context, q store.NeighbourQuery) (out []int, err error) {
	defer func(t time.Time) { observe("CountNeighbours", t, err) }(time.Now())
	return s.r.CountNeighbours(ctx, q)
}

func (s instrumented) List(ctx context.Context, q store.ListQuery) (out store.Page, err error) {
	defer func(t time.Time) { observe("List", t, err) }(time.Now())
	return s.r.List(ctx, q)
}

func (s instrumented) Search(ctx context.Context, q store.SearchQuery) (out []store.Hit, err error) {
	defer func(t time.Time) { observe("Search", t, err) }(time.Now())
	return s.r.Search(ctx, q)
}

func (s instrumented) Subgraph(ctx context.Context, q store.SubgraphQuery) (out *kg.Graph, err error) {
	defer func(t time.Time) { observe("Subgraph", t, err) }(time.Now())
	return s.r.Subgraph(ctx, q)
}

func (s instrumented) ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (out *kg.Graph, err error) {
	defer func(t time.Time) { observe("ShortestPath", t, err) }(time.Now())
	return s.r.ShortestPath(ctx, from, to, maxLength, types)
}

func (s instrumented) Stats(ctx context.Context) (out store.Stats, err error) {
	defer func(t time.Time) { observe("Stats", t, err) }(time.Now())
	return s.r.Stats(ctx)
}

func (s instrumented) Ping(ctx context.Context) (err error) {
	defer func(t time.Time) { observe("Ping", t, err) }(time.Now())
	return s.r.Ping(ctx)
}
