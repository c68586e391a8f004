package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Loaders batch the store calls of one GraphQL operation. Resolvers of sibling fields run
// concurrently; each asks its loader for one key, and the keys asked together go to the
// store in one call, neighbour keys grouped by (types, direction, other labels, first,
// after) into one store.Neighbours call per group. So a nested query costs one store round
// trip per nesting level (per kind of field), never one per parent object.
//
// Two mechanisms gather the keys, and neither waits for a timer. When a batch of nodes
// arrives (a top-level page, the nodes a root field found, or the neighbours of a batch of
// parents), the loaders request the keys the query will ask of them at once
// (prefetch.go). Keys that no prefetch foresaw go out when no resolver of the operation is
// running any more (scheduler.go): each resolver has asked for its keys or finished.
//
// A new set is made for every operation (see NewHandler), so nothing is cached between
// requests and every request sees the store as it is.
type Loaders struct {
	st         store.Reader
	op         *graphql.OperationContext // for prefetching; nil disables it
	sched      *scheduler
	memo       *operationMemo // nil when op is
	plansMu    sync.Mutex
	plans      map[*relSpec][]plan
	specs      map[relSpec]*relSpec // the interned specs (intern); under plansMu
	nodes      *loader[string, *kg.Node]
	lookups    *loader[lookupKey, []*kg.Node]
	neighbours *loader[relKey, []store.Neighbour]
	counts     *loader[relKey, int]
}

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
	// Light: the field reads no text or mentions of the other nodes (store Light reads);
	// such nodes are for this field only, never primed for others.
	Light bool
}

// relKey is a loader key: a node and what is asked of its edges, the spec interned for
// the operation (Loaders.intern), so that keys hash and compare by the spec's address.
type relKey struct {
	ID   string
	spec *relSpec
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
	q := store.NeighbourQuery{IDs: ids, Direction: s.Direction, First: s.First, After: s.After, AsOf: s.AsOf, Light: s.Light}
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
// prefetch for.
func NewLoaders(st store.Reader, op *graphql.OperationContext) *Loaders {
	// One allocation for the operation's loaders, their scheduler and memo, their maps
	// made on first use: a lookup uses one loader of four, and the eleven allocations
	// were 4 % of its CPU.
	set := &struct {
		Loaders
		sched      scheduler
		memo       operationMemo
		nodes      loader[string, *kg.Node]
		lookups    loader[lookupKey, []*kg.Node]
		neighbours loader[relKey, []store.Neighbour]
		counts     loader[relKey, int]
	}{}
	l := &set.Loaders
	l.st, l.op, l.sched = st, op, &set.sched
	if op != nil {
		set.memo.doc = documentMemoOf(op.Doc)
		l.memo = &set.memo
	}
	inline := store.IsInProcess(st)
	l.nodes, l.lookups, l.neighbours, l.counts = &set.nodes, &set.lookups, &set.neighbours, &set.counts
	initLoader(l.nodes, l.sched, inline, l, (*Loaders).fetchNodes)
	l.nodes.keyOf = nodeID
	initLoader(l.lookups, l.sched, inline, l, (*Loaders).fetchLookups)
	initLoader(l.neighbours, l.sched, inline, l, (*Loaders).fetchNeighbours)
	initLoader(l.counts, l.sched, inline, l, (*Loaders).fetchCounts)
	return l
}

func nodeID(n *kg.Node) string { return n.ID }

type loadersKey struct{}

// WithLoaders returns a context that carries l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersOf(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	return l
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
	return NewLoaders(r.Store, op)
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
	for _, g := range groupKeys(keys, func(k relKey) *relSpec { return k.spec }) {
		res, err := l.st.Neighbours(ctx, g.key.query(idsOf(keys, g.idx)))
		if err == nil && len(res) != len(g.idx) {
			err = fmt.Errorf("store.Neighbours returned %d results for %d ids", len(res), len(g.idx))
		}
		errs = setResults(out, errs, g.idx, res, err)
		n := 0
		for _, list := range res {
			n += len(list)
		}
		items := make([]item, 0, n)
		nodes := make([]*kg.Node, 0, n)
		for _, list := range res {
			for _, nb := range list {
				if nb.Node != nil {
					items = append(items, item{node: nb.Node, edge: nb.Edge})
					nodes = append(nodes, nb.Node)
				}
			}
		}
		if !g.key.Light {
			l.nodes.PrimeAll(nodes)
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
	for _, g := range groupKeys(keys, func(k relKey) *relSpec { return k.spec }) {
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

// groupKeys groups key positions by a group key, groups in order of first appearance. The
// positions of all groups share one array.
func groupKeys[K any, G comparable](keys []K, by func(K) G) []group[G] {
	if len(keys) == 0 {
		return nil
	}
	// Most calls are of one group (one field's keys): no map, and positions made at once.
	first, one := by(keys[0]), true
	for _, k := range keys[1:] {
		if by(k) != first {
			one = false
			break
		}
	}
	all := make([]int, len(keys))
	if one {
		for i := range all {
			all[i] = i
		}
		return []group[G]{{key: first, idx: all}}
	}
	pos := map[G]int{}
	var gs []group[G]
	var counts []int
	of := make([]int, len(keys)) // each key's group
	for i, k := range keys {
		g := by(k)
		j, ok := pos[g]
		if !ok {
			j = len(gs)
			pos[g] = j
			gs = append(gs, group[G]{key: g})
			counts = append(counts, 0)
		}
		of[i] = j
		counts[j]++
	}
	start := 0
	for j := range gs {
		gs[j].idx = all[start : start : start+counts[j]]
		start += counts[j]
	}
	for i, j := range of {
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

// safeFetch turns a panic in fetch into an error for every key.
func safeFetch[K any, V any](ctx context.Context, owner *Loaders, fetch func(*Loaders, context.Context, []K) ([]V, []error), keys []K) (vals []V, errs []error) {
	defer func() {
		if p := recover(); p != nil {
			vals, errs = nil, keyErrors(len(keys), fmt.Errorf("panic in batch fetch: %v", p))
		}
	}()
	return fetch(owner, ctx, keys)
}

// intern returns the operation's one copy of spec, so that loader keys carry a pointer:
// a key of a hundred bytes and more, hashed at every lookup and copied at every batch,
// becomes a node ID and an address.
func (l *Loaders) intern(spec relSpec) *relSpec {
	l.plansMu.Lock()
	defer l.plansMu.Unlock()
	if p, ok := l.specs[spec]; ok {
		return p
	}
	p := new(relSpec) // not &spec: that moved spec to the heap on every call, found or not
	*p = spec
	if l.specs == nil {
		l.specs = map[relSpec]*relSpec{}
	}
	l.specs[spec] = p
	return p
}
