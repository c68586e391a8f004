package store

import (
	"context"

	"beleidsgraaf/kg"
)

// Observer is told of every call made through an observed reader: the method's name when
// the call starts; the function it returns, if any, gets the call's error when it ends.
// Metrics time calls with it; tests and benchmarks count round trips with it.
type Observer func(method string) (done func(err error))

// Observe wraps r so that obs sees every call.
func Observe(r Reader, obs Observer) Reader { return observed{r: r, obs: obs} }

type observed struct {
	r   Reader
	obs Observer
}

// InProcess is implemented by a Reader whose calls compute on the caller's goroutine and
// never wait for I/O, as the memory store's: a caller gains nothing by overlapping them
// with other work.
type InProcess interface{ InProcess() }

// Wrapper is implemented by a Reader that answers from another (an observer, a counter),
// so that what is true of the reader it wraps can be asked through it.
type Wrapper interface{ Unwrap() Reader }

// maxWrappers is how many wrappers IsInProcess looks through: more is a wrapper that
// wraps itself, which would otherwise hang every operation.
const maxWrappers = 16

// IsInProcess reports whether r, or the reader it wraps (up to maxWrappers deep), is
// InProcess.
func IsInProcess(r Reader) bool {
	for range maxWrappers + 1 {
		if _, ok := r.(InProcess); ok {
			return true
		}
		w, ok := r.(Wrapper)
		if !ok {
			return false
		}
		r = w.Unwrap()
	}
	return false
}

// Unwrap implements Wrapper.
func (o observed) Unwrap() Reader { return o.r }

func (o observed) end(method string) func(error) {
	if done := o.obs(method); done != nil {
		return done
	}
	return func(error) {}
}

func (o observed) Nodes(ctx context.Context, ids []string) (out []*kg.Node, err error) {
	defer func(done func(error)) { done(err) }(o.end("Nodes"))
	return o.r.Nodes(ctx, ids)
}

func (o observed) Lookup(ctx context.Context, label kg.Label, names []string) (out [][]*kg.Node, err error) {
	defer func(done func(error)) { done(err) }(o.end("Lookup"))
	return o.r.Lookup(ctx, label, names)
}

func (o observed) Neighbours(ctx context.Context, q NeighbourQuery) (out [][]Neighbour, err error) {
	defer func(done func(error)) { done(err) }(o.end("Neighbours"))
	return o.r.Neighbours(ctx, q)
}

func (o observed) CountNeighbours(ctx context.Context, q NeighbourQuery) (out []int, err error) {
	defer func(done func(error)) { done(err) }(o.end("CountNeighbours"))
	return o.r.CountNeighbours(ctx, q)
}

func (o observed) List(ctx context.Context, q ListQuery) (out Page, err error) {
	defer func(done func(error)) { done(err) }(o.end("List"))
	return o.r.List(ctx, q)
}

func (o observed) Search(ctx context.Context, q SearchQuery) (out []Hit, err error) {
	defer func(done func(error)) { done(err) }(o.end("Search"))
	return o.r.Search(ctx, q)
}

func (o observed) Subgraph(ctx context.Context, q SubgraphQuery) (out *kg.Graph, err error) {
	defer func(done func(error)) { done(err) }(o.end("Subgraph"))
	return o.r.Subgraph(ctx, q)
}

func (o observed) ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (out *kg.Graph, err error) {
	defer func(done func(error)) { done(err) }(o.end("ShortestPath"))
	return o.r.ShortestPath(ctx, from, to, maxLength, types)
}

func (o observed) Stats(ctx context.Context) (out Stats, err error) {
	defer func(done func(error)) { done(err) }(o.end("Stats"))
	return o.r.Stats(ctx)
}

func (o observed) Ping(ctx context.Context) (err error) {
	defer func(done func(error)) { done(err) }(o.end("Ping"))
	return o.r.Ping(ctx)
}
