package graph

import (
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestResolveCountedIsFieldMiddleware: a resolved field's resolver is counted and guarded
// as fieldMiddleware counts and guards gqlgen's resolvers.
func TestResolveCountedIsFieldMiddleware(t *testing.T) {
	ld := NewLoaders(nil, nil)
	s := ld.sched
	g := &guard{maxBytes: 1 << 20}
	// A resolver's context under NewHandler: the operation's loaders, the field's context.
	resolverCtx := graphql.WithFieldContext(WithLoaders(context.Background(), ld), &graphql.FieldContext{Object: "Motion", IsResolver: true})
	var running int
	var wasCounted bool
	rctx, v, err := resolveCounted(resolverCtx, s, g, func(ctx context.Context) (int, error) {
		running, wasCounted = s.running, counted(ctx)
		return 7, nil
	})
	if err != nil || v != 7 || running != 1 || !wasCounted || s.running != 0 {
		t.Errorf("got %d, %v; running %d and counted %v while resolving, %d after; want 7, counted while it ran only", v, err, running, wasCounted, s.running)
	}
	// A field below it is not the resolver: a plain field, a list's elements.
	for _, below := range []*graphql.FieldContext{{Object: "Person"}, {Index: new(int)}} {
		if counted(graphql.WithFieldContext(rctx, below)) {
			t.Errorf("a field below the resolver (%+v) counts as the resolver", below)
		}
	}
	// The resolver's error is its own; the count is given back.
	boom := errors.New("boom")
	if _, _, err := resolveCounted(context.Background(), s, g, func(context.Context) (int, error) { return 0, boom }); !errors.Is(err, boom) || s.running != 0 {
		t.Errorf("error %v, running %d after; want boom, 0", err, s.running)
	}
	// A stopped operation runs no resolver, where there is a guard to stop it.
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errTooLarge)
	ran := false
	if _, _, err := resolveCounted(ctx, s, g, func(context.Context) (int, error) { ran = true; return 1, nil }); !errors.Is(err, errTooLarge) || ran {
		t.Errorf("stopped operation: error %v, resolver ran %v; want the cause and no run", err, ran)
	}
	// Outside NewHandler: no scheduler, no guard, the resolver as it is.
	outside := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Object: "Motion", IsResolver: true})
	if rctx, v, err := resolveCounted(outside, nil, nil, func(context.Context) (int, error) { return 3, nil }); err != nil || v != 3 || counted(rctx) {
		t.Errorf("without scheduler and guard: %d, %v, counted %v", v, err, counted(rctx))
	}
	// The value is counted as the middleware counts it: "alias": and the value's size.
	before := g.bytes.Load()
	if err := passResolved(g, "sub", 14); err != nil || g.bytes.Load()-before != 8+3+14 {
		t.Errorf("counted %d bytes (%v), want %d", g.bytes.Load()-before, err, 8+3+14)
	}
	if err := passResolved(nil, "sub", 14); err != nil {
		t.Errorf("without a guard: %v", err)
	}
}
