package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// The scheduler decides when the keys the resolvers of one operation asked for go to the
// store: the moment no resolver of the operation is running, that is when every resolver
// that started has either asked for its keys and waits, or finished. No timer decides it:
// a level's store call goes out as soon as its last resolver has asked.
//
// It counts running resolvers through gqlgen's field middleware (enter/exit) and the loaders
// (a resolver that waits for a key is not running; it runs again when its batch arrives,
// counted by the batch's delivery so that there is no instant where it looks idle).
// The fields of the root run concurrently and start one after another, so the operation
// starts with every root field counted as running (startRoots): their keys, and the keys
// the root fields prefetch for the nodes they found, go out in one call per loader.
//
// Counting is what batches keys that no prefetch foresaw; the keys of nested levels are
// requested by the prefetcher all at once (prefetch.go), so they do not depend on it. A
// mistake in the counting can cost a store call (a batch sent before its last key) but
// never a hang: every decrement to zero sends what is pending, and a loader used without
// the middleware (running is always zero) sends every key at once.
type scheduler struct {
	mu      sync.Mutex
	running int
	dirty   []flusher // loaders with pending keys
}

// flusher is a loader whose pending keys can be sent: on a goroutine of their own, or
// (here) on the caller's, which waits for them anyway.
type flusher interface{ flush(here bool) }

type rootTokenKey struct{}

// rootToken is the running count a root field holds from the operation's start until its
// resolver finishes or waits; released once.
type rootToken struct{ released bool }

// startRoots counts the n root fields of the operation as running.
func (s *scheduler) startRoots(n int) {
	s.mu.Lock()
	s.running += n
	s.mu.Unlock()
}

// enter counts a resolver as running.
func (s *scheduler) enter() {
	s.mu.Lock()
	s.running++
	s.mu.Unlock()
}

// wake counts n resolvers whose keys arrived as running again.
func (s *scheduler) wake(n int) {
	if n > 0 {
		s.mu.Lock()
		s.running += n
		s.mu.Unlock()
	}
}

// leave counts a resolver as no longer running (finished or waiting) and, if it was the
// last, sends every pending key.
func (s *scheduler) leave() { s.leaving(false) }

// leaveToWait is leave for a resolver about to wait for its keys: the goroutine would
// block anyway, so it makes the last store call itself, sparing a goroutine and a wake-up
// per level of a nested answer. Other loaders' calls go out on goroutines of their own,
// in parallel with it (on Neo4j each is a round trip).
func (s *scheduler) leaveToWait() { s.leaving(true) }

func (s *scheduler) leaving(toWait bool) {
	s.mu.Lock()
	s.running--
	if s.running > 0 || len(s.dirty) == 0 {
		s.mu.Unlock()
		return
	}
	dirty := s.dirty
	s.dirty = nil
	s.mu.Unlock()
	for i, f := range dirty {
		f.flush(toWait && i == len(dirty)-1)
	}
}

// pending notes that f has keys to send, and sends them at once if no resolver is running.
func (s *scheduler) pending(f flusher) {
	s.mu.Lock()
	if s.running > 0 {
		s.dirty = append(s.dirty, f)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	f.flush(false)
}

// countedResolver wraps a field's resolver: a resolver (a field that may ask the loaders)
// counts as running while it runs; a root field spends the count it was given at the start.
func countedResolver(s *scheduler, next graphql.Resolver) graphql.Resolver {
	return func(ctx context.Context) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || !fc.IsResolver {
			return next(ctx)
		}
		if tok, ok := ctx.Value(rootTokenKey{}).(*rootToken); ok && fc.Object == "Query" {
			defer s.releaseRoot(tok)
		} else {
			s.enter()
			defer s.leave()
		}
		return next(ctx)
	}
}

// rootField is the root field middleware: it gives the field its token, and takes the
// count back if the field never reached its resolver (an argument error).
func (s *scheduler) rootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	tok := &rootToken{}
	defer s.releaseRoot(tok)
	return next(context.WithValue(ctx, rootTokenKey{}, tok))
}

func (s *scheduler) releaseRoot(tok *rootToken) {
	if !tok.released { // a root field runs on one goroutine until its resolver returns
		tok.released = true
		s.leave()
	}
}

// counted reports whether ctx is a resolver the scheduler counts as running: under
// NewHandler (the operation's loaders in ctx) every resolver is counted while it runs
// (countedResolver, resolveCounted), and its field context is the innermost one. A field
// below it has a field context of its own, and is not a resolver or is counted itself.
// (This took a context layer per resolver, a hundred in a nested answer.)
func counted(ctx context.Context) bool {
	if loadersOf(ctx) == nil {
		return false
	}
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.IsResolver
}

// rootFields is the number of root fields the operation will resolve through the root
// field middleware: every field gqlgen collects at the root but __typename.
func rootFields(op *graphql.OperationContext) int {
	if op == nil || op.Operation == nil {
		return 0
	}
	n := 0
	for _, f := range graphql.CollectFields(op, op.Operation.SelectionSet, []string{"Query"}) {
		if f.Name != "__typename" {
			n++
		}
	}
	return n
}

// loader batches the keys of one kind of store call for one operation, and caches what it
// loaded: a key asked twice is loaded once.
type loader[K comparable, V any] struct {
	s *scheduler
	// fetch makes the store call, a method of owner's: a method expression, where a
	// method value bound to the operation's loaders was an allocation for each loader.
	fetch  func(owner *Loaders, ctx context.Context, keys []K) ([]V, []error)
	owner  *Loaders
	inline bool // every fetch on the goroutine that sends it: the store computes in process

	mu      sync.Mutex
	results map[K]*result[V]
	room    int         // the keys results was made for
	slab    []result[V] // where the next results are made (newResult)
	slabs   int         // the size of the last slab
	queued  []K
	queuedR []*result[V]    // the queued keys' results: a flush and its call find them without hashing the keys again
	next    *batch          // what the queued keys will be answered by
	ctx     context.Context // the first asker's since the last flush; one operation's contexts share its deadline
	// later are values primed (PrimeAll) but not yet kept under their keys (keyOf): that
	// is done when a key is missed, and most operations never miss one.
	later [][]V
	keyOf func(V) K
}

type result[V any] struct {
	batch   *batch
	val     V
	err     error
	sent    bool // in a store call
	settled bool
	waiting int // counted resolvers waiting for it
}

// batch is one store call of a loader: done is closed once every key's result in it is
// settled. The keys of a call share it, rather than each having a channel of its own (a
// hundred motions' submitters, one call).
type batch struct{ done chan struct{} }

func newBatch() *batch { return &batch{done: make(chan struct{})} }

// primed is the batch of results known without a store call (PrimeAll).
var primed = func() *batch { b := newBatch(); close(b.done); return b }()

// initLoader readies a loader made in place (NewLoaders).
func initLoader[K comparable, V any](l *loader[K, V], s *scheduler, inline bool, owner *Loaders, fetch func(*Loaders, context.Context, []K) ([]V, []error)) {
	l.s, l.inline, l.owner, l.fetch = s, inline, owner, fetch
}

// request asks for keys without waiting: those not loaded nor queued yet are queued, and the
// scheduler told. It returns the results to wait for, in key order.
func (l *loader[K, V]) request(ctx context.Context, keys []K) []*result[V] {
	rs := make([]*result[V], len(keys))
	l.requestInto(ctx, keys, rs)
	return rs
}

// requestInto is request, the results put into rs (nil: not kept, as a prefetch asks).
func (l *loader[K, V]) requestInto(ctx context.Context, keys []K, rs []*result[V]) {
	queued := false
	l.mu.Lock()
	if need := len(l.results) + len(keys); need > l.room && len(keys) > 8 {
		// A level's prefetch, mostly: the map made to size at once rather than grown and
		// rehashed by doubling (a nested answer's second level, sixty motions' submitters
		// after ten letters' motions, took three growths).
		m := make(map[K]*result[V], need)
		maps.Copy(m, l.results)
		l.results, l.room = m, need
	}
	// The queue made to size as well: grown key by key from empty after every flush, a
	// level of a hundred keys took eight allocations for each of the two.
	l.queued, l.queuedR = slices.Grow(l.queued, len(keys)), slices.Grow(l.queuedR, len(keys))
	for i, k := range keys {
		r, q := l.lookup(ctx, k)
		if rs != nil {
			rs[i] = r
		}
		queued = queued || q
	}
	l.mu.Unlock()
	if queued {
		l.s.pending(l)
	}
}

// requestOne is request of one key.
func (l *loader[K, V]) requestOne(ctx context.Context, key K) *result[V] {
	l.mu.Lock()
	r, queued := l.lookup(ctx, key)
	l.mu.Unlock()
	if queued {
		l.s.pending(l)
	}
	return r
}

// lookup returns key's result, queueing the key when it is new (and reporting so); l.mu
// is held.
func (l *loader[K, V]) lookup(ctx context.Context, key K) (*result[V], bool) {
	if r, ok := l.results[key]; ok {
		return r, false
	}
	if len(l.later) > 0 {
		l.primeLater()
		if r, ok := l.results[key]; ok {
			return r, false
		}
	}
	if len(l.queued) == 0 {
		l.ctx, l.next = ctx, newBatch()
	}
	r := l.newResult()
	r.batch = l.next
	if l.results == nil {
		l.results = map[K]*result[V]{}
	}
	l.results[key] = r
	l.queued = append(l.queued, key)
	l.queuedR = append(l.queuedR, r)
	return r, true
}

// newResult makes a result from the loader's slab, the slabs doubling from one result to
// maxSlab: a level of a hundred motions' submitters makes seven allocations, not a
// hundred, and a lookup's one key one. l.mu is held.
func (l *loader[K, V]) newResult() *result[V] {
	if len(l.slab) == 0 {
		l.slabs = min(max(2*l.slabs, 1), maxSlab)
		l.slab = make([]result[V], l.slabs)
	}
	r := &l.slab[0]
	l.slab = l.slab[1:]
	return r
}

// maxSlab is the most results a loader makes at once.
const maxSlab = 64

// flush sends the queued keys to the store in one fetch: here, on the caller's goroutine,
// when it is about to wait for them or the store computes in process (nothing to
// overlap); otherwise on a goroutine of its own, as the resolver or prefetcher that
// triggered it may go on with other work while the store answers (a level's prefetch for
// the next level, a round trip to Neo4j, runs while the level is marshalled).
func (l *loader[K, V]) flush(here bool) {
	l.mu.Lock()
	keys, rs, ctx, b := l.queued, l.queuedR, l.ctx, l.next
	l.queued, l.queuedR, l.ctx, l.next = nil, nil, nil, nil
	for _, r := range rs {
		r.sent = true
	}
	l.mu.Unlock()
	switch {
	case len(keys) == 0:
	case here || l.inline:
		l.run(ctx, keys, rs, b)
	default:
		go l.run(ctx, keys, rs, b)
	}
}

// run makes the store call of keys, whose results are rs, and settles them.
func (l *loader[K, V]) run(ctx context.Context, keys []K, rs []*result[V], b *batch) {
	var vals []V
	var errs []error
	if ctx.Err() != nil { // the operation is over: no store call for it
		errs = keyErrors(len(keys), context.Cause(ctx))
	} else {
		vals, errs = safeFetch(ctx, l.owner, l.fetch, keys)
	}
	woken := 0
	l.mu.Lock()
	for i, r := range rs {
		switch {
		case len(errs) == len(keys) && errs[i] != nil:
			r.err = errs[i]
		case len(errs) > 0 && len(errs) != len(keys):
			r.err = errs[0]
		case len(vals) != len(keys):
			r.err = fmt.Errorf("batch fetch returned %d results for %d keys", len(vals), len(keys))
		default:
			r.val = vals[i]
		}
		r.settled = true
		woken += r.waiting
	}
	l.mu.Unlock()
	l.s.wake(woken) // before they wake: they run from now on
	close(b.done)
}

// wait returns r's value once loaded. A counted resolver stops counting as running while
// it waits (which may send the pending keys, its own among them).
func (l *loader[K, V]) wait(ctx context.Context, r *result[V]) (V, error) {
	l.mu.Lock()
	if r.settled {
		l.mu.Unlock()
		return r.val, r.err
	}
	isCounted := counted(ctx)
	if isCounted {
		r.waiting++
	}
	l.mu.Unlock()
	if isCounted {
		l.s.leaveToWait()
	}
	select {
	case <-r.batch.done:
	case <-ctx.Done():
		// A key in a store call waits for its answer (the call ends soon, its context
		// being done; the operation holds its slot until then); a key not sent yet never
		// will be.
		l.mu.Lock()
		unsent := !r.sent
		if unsent && isCounted {
			r.waiting--
		}
		l.mu.Unlock()
		if unsent {
			if isCounted {
				l.s.enter() // running again, not woken by a batch
			}
			var zero V
			return zero, context.Cause(ctx)
		}
		<-r.batch.done
	}
	return r.val, r.err
}

// Load loads one key.
func (l *loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	if s, ok := ctx.(*fieldScope); ok && s.noWait {
		return l.loadNow(ctx, key)
	}
	return l.wait(ctx, l.requestOne(ctx, key))
}

// loadNow is Load for a resolver that must not wait (resolveNow): the key's result if it
// is settled, else notLoaded; asked for, and looked at, under one lock. A key no prefetch
// asked for is sent at once when nothing else runs, and on a store in process answered
// before loadNow returns.
func (l *loader[K, V]) loadNow(ctx context.Context, key K) (V, error) {
	l.mu.Lock()
	r, queued := l.lookup(ctx, key)
	val, err, settled := r.val, r.err, r.settled
	l.mu.Unlock()
	if settled {
		return val, err
	}
	if queued {
		l.s.pending(l)
	}
	return l.waitOrNot(ctx, r)
}

// waitOrNot is wait, unless ctx is the scope of a resolver that must not wait (resolveNow):
// then a result not settled yet is a notLoaded error, which says how to wait for it.
func (l *loader[K, V]) waitOrNot(ctx context.Context, r *result[V]) (V, error) {
	if s, ok := ctx.(*fieldScope); !ok || !s.noWait {
		return l.wait(ctx, r)
	}
	l.mu.Lock()
	settled := r.settled
	l.mu.Unlock()
	if settled {
		return r.val, r.err
	}
	var zero V
	return zero, &notLoaded{wait: func() error {
		// Waited for as a resolver waits (resolveCounted): counted as running, so that the
		// scheduler sends the key when nothing else runs.
		l.s.enter()
		defer l.s.leave()
		_, err := l.wait(ctx, r)
		return err
	}}
}

// notLoaded is what a loader answers a resolver that must not wait (resolveNow) for a key
// whose result is not settled yet; wait waits for it.
type notLoaded struct{ wait func() error }

func (*notLoaded) Error() string { return "graph: a key is not loaded yet" }

// LoadAll loads many keys in one batch; the error is the first key's error.
func (l *loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	rs := l.request(ctx, keys)
	out := make([]V, len(keys))
	for i, r := range rs {
		v, err := l.waitOrNot(ctx, r)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// LoadAllThunk asks for keys now, without waiting for them (the prefetcher's way).
func (l *loader[K, V]) LoadAllThunk(ctx context.Context, keys []K) {
	l.requestInto(ctx, keys, nil)
}

// PrimeAll primes every value of vals under its key (keyOf), which the loader must have;
// the values are kept under their keys only when some key is missed, so vals must not
// change. Most operations never ask for the nodes of their lists by ID: a nested answer's
// hundred nodes, each hashed into the map as it was primed, grew it by 2 KB and 6
// allocations a request, and cost 0.7 % of its instructions.
func (l *loader[K, V]) PrimeAll(vals []V) {
	if len(vals) == 0 {
		return
	}
	l.mu.Lock()
	l.later = append(l.later, vals)
	l.mu.Unlock()
}

// primeLater keeps the values PrimeAll put off under their keys; l.mu is held.
func (l *loader[K, V]) primeLater() {
	for _, vals := range l.later {
		for _, v := range vals {
			l.prime(l.keyOf(v), v)
		}
	}
	clear(l.later)
	l.later = l.later[:0]
}

// prime keeps v under key unless the key is loaded or asked for; l.mu is held.
func (l *loader[K, V]) prime(key K, v V) {
	if _, ok := l.results[key]; ok {
		return
	}
	r := l.newResult()
	*r = result[V]{batch: primed, val: v, sent: true, settled: true}
	if l.results == nil {
		l.results = map[K]*result[V]{}
	}
	l.results[key] = r
}
