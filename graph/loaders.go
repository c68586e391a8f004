package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Loaders batch the store calls of one GraphQL operation. Resolvers of sibling fields run
// concurrently; each asks its loader for one key, and the keys that arrive together go to
// the store in one call, neighbour keys grouped by (types, direction, other labels, first,
// after) into one store.Neighbours call per group. So a nested query costs one store round
// trip per nesting level (per kind of field), never one per parent object.
//
// Two mechanisms gather the keys. When a batch of nodes arrives, the loaders request the
// keys the query will ask of them at once (prefetch.go); that makes the batching of
// relationship fields, evidence documents and mentions independent of timing. Everything
// else relies on a time window: dataloadgen collects keys for a short fixed wait
// (loaderWait), then a coalescer merges batches that follow each other within the quiet
// period (BatchWait) into one store call, up to maxBatchDelay; a lone key waits only a few
// milliseconds.
//
// A new set is made for every operation (see NewHandler), so nothing is cached between
// requests and every request sees the store as it is.
type Loaders struct {
	st         store.Reader
	op         *graphql.OperationContext // for prefetching; nil disables it
	plansMu    sync.Mutex
	plans      map[relSpec][]plan
	nodes      *dataloadgen.Loader[string, *kg.Node]
	lookups    *dataloadgen.Loader[lookupKey, []*kg.Node]
	neighbours *dataloadgen.Loader[relKey, []store.Neighbour]
	counts     *dataloadgen.Loader[relKey, int]
}

// DefaultBatchWait is the quiet period after which collected keys go to the store: keys
// keep being collected as long as new ones arrive within it, up to maxBatchDelay.
const DefaultBatchWait = 3 * time.Millisecond

const (
	loaderWait    = time.Millisecond       // dataloadgen's own collection window
	maxBatchDelay = 100 * time.Millisecond // the longest a key waits for its batch
)

type lookupKey struct {
	Label kg.Label
	Name  string
}

// relSpec is everything of a store.NeighbourQuery but the IDs, in a comparable, canonical
// form: keys with equal specs share one store call.
type relSpec struct {
	Types     string // sorted, comma-separated
	Direction store.Direction
	Labels    string // sorted, comma-separated
	First     int    // backward: Last
	After     string // backward: Before
	Backward  bool
	AsOf      string // yyyy-mm-dd: only edges that exist on that date; "": all
}

type relKey struct {
	ID string
	relSpec
}

func newRelSpec(types []kg.RelType, dir store.Direction, others []kg.Label, first int, after string, backward bool) relSpec {
	ts := make([]string, len(types))
	for i, t := range types {
		ts[i] = string(t)
	}
	ls := make([]string, len(others))
	for i, l := range others {
		ls[i] = string(l)
	}
	slices.Sort(ts)
	slices.Sort(ls)
	if dir == "" {
		dir = store.Both
	}
	return relSpec{Types: strings.Join(slices.Compact(ts), ","), Direction: dir,
		Labels: strings.Join(slices.Compact(ls), ","), First: first, After: after, Backward: backward}
}

func (s relSpec) query(ids []string) store.NeighbourQuery {
	q := store.NeighbourQuery{IDs: ids, Direction: s.Direction, First: s.First, After: s.After, AsOf: s.AsOf}
	if s.Backward {
		q.First, q.After, q.Last, q.Before = 0, "", s.First, s.After
	}
	if s.Types != "" {
		for _, t := range strings.Split(s.Types, ",") {
			q.Types = append(q.Types, kg.RelType(t))
		}
	}
	if s.Labels != "" {
		for _, l := range strings.Split(s.Labels, ",") {
			q.OtherLabels = append(q.OtherLabels, kg.Label(l))
		}
	}
	return q
}

// NewLoaders makes the loaders of one operation. op (may be nil) is the operation they
// prefetch for; wait <= 0 means DefaultBatchWait.
func NewLoaders(st store.Reader, op *graphql.OperationContext, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultBatchWait
	}
	l := &Loaders{st: st, op: op, plans: map[relSpec][]plan{}}
	opt := dataloadgen.WithWait(loaderWait)
	l.nodes = dataloadgen.NewLoader(coalesce(l.fetchNodes, wait), opt)
	l.lookups = dataloadgen.NewLoader(coalesce(l.fetchLookups, wait), opt)
	l.neighbours = dataloadgen.NewLoader(coalesce(l.fetchNeighbours, wait), opt)
	l.counts = dataloadgen.NewLoader(coalesce(l.fetchCounts, wait), opt)
	return l
}

type loadersKey struct{}

// WithLoaders returns a context that carries l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersFor returns the operation's loaders, or (outside NewHandler, e.g. when the
// executable schema is used directly) a fresh set that batches only within this call.
func (r *Resolver) loadersFor(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	var op *graphql.OperationContext
	if graphql.HasOperationContext(ctx) {
		op = graphql.GetOperationContext(ctx)
	}
	return NewLoaders(r.Store, op, r.BatchWait)
}

// keyErrors gives every key the same error.
func keyErrors(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

func (l *Loaders) fetchNodes(ctx context.Context, ids []string) ([]*kg.Node, []error) {
	ns, err := l.st.Nodes(ctx, ids)
	if err != nil {
		return nil, keyErrors(len(ids), err)
	}
	if len(ns) != len(ids) {
		return nil, keyErrors(len(ids), fmt.Errorf("store.Nodes returned %d results for %d ids", len(ns), len(ids)))
	}
	return ns, nil
}

func (l *Loaders) fetchLookups(ctx context.Context, keys []lookupKey) ([][]*kg.Node, []error) {
	out := make([][]*kg.Node, len(keys))
	var errs []error
	for _, g := range groupKeys(keys, func(k lookupKey) kg.Label { return k.Label }) {
		names := make([]string, len(g.idx))
		for i, j := range g.idx {
			names[i] = keys[j].Name
		}
		res, err := l.st.Lookup(ctx, g.key, names)
		if err == nil && len(res) != len(names) {
			err = fmt.Errorf("store.Lookup returned %d results for %d names", len(res), len(names))
		}
		errs = setResults(out, errs, g.idx, res, err)
	}
	return out, errs
}

func (l *Loaders) fetchNeighbours(ctx context.Context, keys []relKey) ([][]store.Neighbour, []error) {
	out := make([][]store.Neighbour, len(keys))
	var errs []error
	for _, g := range groupKeys(keys, func(k relKey) relSpec { return k.relSpec }) {
		res, err := l.st.Neighbours(ctx, g.key.query(idsOf(keys, g.idx)))
		if err == nil && len(res) != len(g.idx) {
			err = fmt.Errorf("store.Neighbours returned %d results for %d ids", len(res), len(g.idx))
		}
		errs = setResults(out, errs, g.idx, res, err)
		var items []item
		for _, list := range res {
			for _, nb := range list {
				if nb.Node != nil {
					l.nodes.Prime(nb.Node.ID, nb.Node)
					items = append(items, item{node: nb.Node, edge: nb.Edge})
				}
			}
		}
		var ks keySink
		for _, p := range l.plansFor(g.key) {
			l.prefetchPlan(&ks, p, items)
		}
		ks.flush(ctx, l)
	}
	return out, errs
}

func (l *Loaders) fetchCounts(ctx context.Context, keys []relKey) ([]int, []error) {
	out := make([]int, len(keys))
	var errs []error
	for _, g := range groupKeys(keys, func(k relKey) relSpec { return k.relSpec }) {
		res, err := l.st.CountNeighbours(ctx, g.key.query(idsOf(keys, g.idx)))
		if err == nil && len(res) != len(g.idx) {
			err = fmt.Errorf("store.CountNeighbours returned %d results for %d ids", len(res), len(g.idx))
		}
		errs = setResults(out, errs, g.idx, res, err)
	}
	return out, errs
}

type group[G comparable] struct {
	key G
	idx []int
}

// groupKeys groups key positions by a group key, groups in order of first appearance.
func groupKeys[K any, G comparable](keys []K, by func(K) G) []group[G] {
	pos := map[G]int{}
	var gs []group[G]
	for i, k := range keys {
		g := by(k)
		j, ok := pos[g]
		if !ok {
			j = len(gs)
			pos[g] = j
			gs = append(gs, group[G]{key: g})
		}
		gs[j].idx = append(gs[j].idx, i)
	}
	return gs
}

func idsOf(keys []relKey, idx []int) []string {
	ids := make([]string, len(idx))
	for i, j := range idx {
		ids[i] = keys[j].ID
	}
	return ids
}

// setResults stores a group's results at their key positions, or its error.
func setResults[V any](out []V, errs []error, idx []int, res []V, err error) []error {
	if err != nil {
		if errs == nil {
			errs = make([]error, len(out))
		}
		for _, j := range idx {
			errs[j] = err
		}
		return errs
	}
	for i, j := range idx {
		out[j] = res[i]
	}
	return errs
}

// coalesce wraps a batch fetch so that calls arriving within quiet of each other are
// merged into one call of fetch, made when no call has arrived for quiet or when the first
// has waited maxBatchDelay. Each caller gets the results of its own keys.
func coalesce[K comparable, V any](fetch func(context.Context, []K) ([]V, []error), quiet time.Duration) func(context.Context, []K) ([]V, []error) {
	c := &coalescer[K, V]{fetch: fetch, quiet: quiet}
	return c.do
}

type coalescer[K comparable, V any] struct {
	fetch func(context.Context, []K) ([]V, []error)
	quiet time.Duration

	mu      sync.Mutex
	ctx     context.Context // the first caller's; the loaders of one operation share it
	keys    []K
	waiters []waiter[V]
	timer   *time.Timer
	first   time.Time
}

type waiter[V any] struct {
	from, to int
	done     chan batchResult[V]
}

type batchResult[V any] struct {
	vals []V
	errs []error
}

func (c *coalescer[K, V]) do(ctx context.Context, keys []K) ([]V, []error) {
	w := waiter[V]{done: make(chan batchResult[V], 1)}
	c.mu.Lock()
	if c.timer == nil {
		c.ctx, c.first = ctx, time.Now()
		c.timer = time.AfterFunc(c.quiet, c.flush)
	} else if time.Since(c.first) < maxBatchDelay {
		c.timer.Reset(c.quiet)
	}
	w.from = len(c.keys)
	c.keys = append(c.keys, keys...)
	w.to = len(c.keys)
	c.waiters = append(c.waiters, w)
	c.mu.Unlock()
	r := <-w.done
	return r.vals, r.errs
}

func (c *coalescer[K, V]) flush() {
	c.mu.Lock()
	ctx, keys, waiters := c.ctx, c.keys, c.waiters
	c.ctx, c.keys, c.waiters, c.timer = nil, nil, nil, nil
	c.mu.Unlock()
	if len(waiters) == 0 {
		return // a timer re-armed just before an earlier flush took the keys
	}
	vals, errs := safeFetch(ctx, c.fetch, keys)
	for _, w := range waiters {
		r := batchResult[V]{}
		if len(vals) == len(keys) {
			r.vals = vals[w.from:w.to]
		}
		switch {
		case len(errs) == len(keys):
			r.errs = errs[w.from:w.to]
		case len(errs) > 0:
			r.errs = keyErrors(w.to-w.from, errs[0])
		}
		w.done <- r
	}
}

// safeFetch turns a panic in fetch into an error for every key.
func safeFetch[K any, V any](ctx context.Context, fetch func(context.Context, []K) ([]V, []error), keys []K) (vals []V, errs []error) {
	defer func() {
		if p := recover(); p != nil {
			vals, errs = nil, keyErrors(len(keys), fmt.Errorf("panic in batch fetch: %v", p))
		}
	}()
	return fetch(ctx, keys)
}
