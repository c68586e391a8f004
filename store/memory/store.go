// Package memory is the embedded store: the whole graph in this process, as an immutable
// snapshot with indexes, swapped atomically on Replace. It is the default when no Neo4j is
// configured and the reference the conformance suite (store/storetest) is first run on.
//
// Nodes and edges it returns point into the snapshot and are shared by all callers; they
// must not be modified (see package store).
package memory

import (
	"context"
	"errors"
	"sync/atomic"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Store is safe for concurrent use. Readers load the current snapshot once per call and
// work on it alone, so a Replace during a call never shows them half a graph.
type Store struct {
	cur    atomic.Pointer[snapshot]
	closed atomic.Bool
}

var _ store.Store = (*Store)(nil)

// InProcess implements store.InProcess: a call is a computation on the caller's goroutine.
func (s *Store) InProcess() {}

// New returns an empty store.
func New() *Store {
	s := &Store{}
	s.cur.Store(build(&kg.Graph{}))
	return s
}

// Replace validates g, builds a new snapshot from a deep copy of it and swaps it in. On
// error the old snapshot stays.
func (s *Store) Replace(ctx context.Context, g *kg.Graph) error {
	if err := s.usable(ctx); err != nil {
		return err
	}
	if g == nil {
		return errors.New("memory: Replace with a nil graph")
	}
	if err := g.Validate(); err != nil {
		return err
	}
	s.cur.Store(build(g))
	return nil
}

// Ping fails only after Close.
func (s *Store) Ping(ctx context.Context) error { return s.usable(ctx) }

// Close drops the graph; later calls fail with store.ErrUnavailable.
func (s *Store) Close(ctx context.Context) error {
	s.closed.Store(true)
	s.cur.Store(build(&kg.Graph{}))
	return nil
}

func (s *Store) usable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed.Load() {
		return store.ErrUnavailable
	}
	return nil
}

// snap returns the snapshot a read works on.
func (s *Store) snap(ctx context.Context) (*snapshot, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	return s.cur.Load(), nil
}
