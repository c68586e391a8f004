package graph

import "context"

// resolveCounted runs the resolver of a resolved field (graph/codegen/resolved.go) below the
// root as fieldMiddleware would: it refuses to once the operation is stopped, and counts
// the resolver as running for the scheduler s while it runs (nil: not counted). It returns
// the context the field's selections run in, the resolver's, as graphql.ResolveField does.
// The guard's count of the value is passResolved's, once the caller has the value's size.
func resolveCounted[T any](ctx context.Context, s *scheduler, g *guard, resolve func(context.Context) (T, error)) (context.Context, T, error) {
	if g != nil {
		if err := g.stopped(ctx); err != nil {
			var zero T
			return ctx, zero, err
		}
	}
	if s == nil {
		v, err := resolve(ctx)
		return ctx, v, err
	}
	s.enter()
	defer s.leave()
	v, err := resolve(ctx)
	return ctx, v, err
}

// passResolved counts a resolved field's value, of the given size (resultSize), in the
// operation's guard g (nil: none).
func passResolved(g *guard, alias string, size int64) error {
	if g == nil {
		return nil
	}
	return g.count(alias, size)
}

// schedulerOf returns the scheduler of the operation ctx executes; nil outside NewHandler.
func schedulerOf(ctx context.Context) *scheduler {
	if l := loadersOf(ctx); l != nil {
		return l.sched
	}
	return nil
}
