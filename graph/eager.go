package graph

import (
	"context"
	"errors"
	"io"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
)

// The JSON of eager objects (graph/codegen/eager.go): objects whose every selected field
// is bare or holds objects that are eager too, written whole, with those objects inline,
// when they are resolved. Each is written into the operation's
// arena: chunks of bytes shared by many objects, and an object's answer (eagerObject) in a
// slab shared too, so that a neighbourhood's 550 edges and nodes are a few allocations,
// not 550 objects of values and texts for the collector to find and scan.

// maxEagerFields is the most fields an eager object selects (its aliases are checked
// against each other); more are made field by field.
const maxEagerFields = 16

// eagerSelection reports whether an object's fields can be written eagerly: each is a field
// eager writes (eager says which) and no alias repeats (the executor's field collection
// merges fields of one alias, so it never does; objectAnswer writes the first of them).
func eagerSelection(fields []graphql.CollectedField, eager func(name string) bool) bool {
	if len(fields) == 0 || len(fields) > maxEagerFields || fieldByField.Load() {
		return false
	}
	for i := range fields {
		if !eager(fields[i].Name) {
			return false
		}
		for j := range i {
			if fields[j].Alias == fields[i].Alias {
				return false
			}
		}
	}
	return true
}

// eagerIn is eagerSelection for fields an object of type object collected under ctx
// (collectIn): a field scope keeps the answer with the fields, for the objects of the next
// elements of its list, which mostly collect the same. Asked of every object of a
// neighbourhood, it was a fortieth of its CPU.
func eagerIn(ctx context.Context, object string, fields []graphql.CollectedField, eager func(name string) bool) bool {
	s, ok := ctx.(*fieldScope)
	if !ok || fieldByField.Load() {
		return eagerSelection(fields, eager)
	}
	c := &s.collected
	if len(fields) == 0 || len(c.fields) != len(fields) || &c.fields[0] != &fields[0] ||
		len(c.satisfies) == 0 || c.satisfies[0] != object {
		return eagerSelection(fields, eager)
	}
	if c.eager == 0 {
		c.eager = -1
		if eagerSelection(fields, eager) {
			c.eager = 1
		}
	}
	return c.eager > 0
}

// notEager records, for the scope of ctx, that an object whose fields were eager by their
// names (eagerIn) could not be written eagerly: what a field of it holds could not be (an
// interface's value of another type, a list's invalid element). The next objects under the
// scope, which mostly select and hold the same, are made field by field without trying.
func notEager(ctx context.Context, fields []graphql.CollectedField) {
	if s, ok := ctx.(*fieldScope); ok {
		if c := &s.collected; len(fields) > 0 && len(c.fields) == len(fields) && &c.fields[0] == &fields[0] {
			c.eager = -1
		}
	}
}

// fieldByField turns eager objects off: the tests compare answers made both ways.
var fieldByField atomic.Bool

// answerArena holds the JSON of an operation's eager objects, and writes them: one at a
// time, from open to close (or abort), under its lock, as root fields run concurrently.
// It writes each value as objectAnswer and the texts would.
type answerArena struct {
	mu     sync.Mutex
	buf    []byte        // the current chunk: objects kept, then the one being written
	start  int           // where the object being written starts in buf
	fields int           // the fields it has so far
	objs   []eagerObject // the current slab of answers
	// What the object being written found not loaded yet (a relationship field's key),
	// waited for before it is written again; nil: nothing.
	wait func() error
	// What the object being written passed to the guard so far (pass): given back when it
	// is dropped, as the object made again field by field counts its fields again.
	passed fieldsTally
	// The chunks taken from arenaChunks, given back by release once the answer is written.
	chunks    []*[arenaChunk]byte
	chunkRoom [8]*[arenaChunk]byte
	large     [][]byte // the buffers of objects larger than half a chunk, from answerData
}

// Chunks are arenaChunk bytes, from arenaChunks (an object larger than half a chunk gets
// one of its own); slabs start small, for an answer of a few objects, and double up to
// arenaSlab.
const (
	arenaChunk = 16 << 10
	arenaSlab  = 256
)

// arenaChunks holds the chunks of operations whose answers are written: a neighbourhood
// writes 50 KB of eager objects, which were allocated, zeroed and collected anew for each
// answer (with the answer's buffer, answerData, a third of the bytes it allocated).
var arenaChunks = sync.Pool{New: func() any { return new([arenaChunk]byte) }}

// release gives the arena's chunks back to arenaChunks: the operation's answer is written,
// and no eager object of it is read again. The arena is empty after it.
func (a *answerArena) release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, c := range a.chunks {
		if scribbleReleased.Load() {
			scribble(c[:])
		}
		arenaChunks.Put(c)
		a.chunks[i] = nil
	}
	a.chunks = a.chunks[:0]
	for i, b := range a.large {
		recycleAnswerData(b)
		a.large[i] = nil
	}
	a.large = a.large[:0]
	a.buf, a.start, a.fields, a.objs = nil, 0, 0, nil
}

// eagerObject is the answer of an eager object: its JSON.
type eagerObject []byte

func (o *eagerObject) MarshalGQL(w io.Writer) { _, _ = w.Write(*o) }

// open locks the arena and starts an object.
func (a *answerArena) open() {
	a.mu.Lock()
	a.start, a.fields, a.passed = len(a.buf), 0, fieldsTally{}
	a.WriteByte('{')
}

// close ends the object, unlocks the arena and returns the object's answer.
func (a *answerArena) close() graphql.Marshaler {
	a.WriteByte('}')
	if len(a.objs) == cap(a.objs) {
		a.objs = make([]eagerObject, 0, min(max(2*cap(a.objs), 16), arenaSlab))
	}
	a.objs = append(a.objs, a.buf[a.start:len(a.buf):len(a.buf)])
	a.start = len(a.buf)
	m := &a.objs[len(a.objs)-1]
	a.mu.Unlock()
	return m
}

// writeEager writes an object eagerly with write (its fields_<Object>) and returns its
// answer; nil when it cannot be, and is to be made field by field. An object whose
// relationship field's key was not loaded yet (on Neo4j, a prefetched level's call may
// still be out when its parent level is written) is written again once it is, outside the
// arena's lock: its resolver would have waited for it too.
func writeEager(ctx context.Context, w *answerArena, g *guard, fields []graphql.CollectedField, write func(*fieldsTally) bool) graphql.Marshaler {
	for range maxEagerWaits {
		m, wait, written := tryEager(ctx, w, g, write)
		switch {
		case m != nil:
			return m
		case wait != nil:
			if wait() != nil {
				return nil // made field by field, which reports it
			}
		default:
			if !written {
				notEager(ctx, fields)
			}
			return nil
		}
	}
	return nil
}

// maxEagerWaits bounds the times an object is written again after waiting: a level of a
// nested answer loads all its keys in one call, so one wait a level is the most it takes.
const maxEagerWaits = 8

// tryEager is one try of writeEager: the answer, or what to wait for before trying again,
// or neither (written: the object was written, and the guard refused it; else it could not
// be written eagerly).
func tryEager(ctx context.Context, w *answerArena, g *guard, write func(*fieldsTally) bool) (ret graphql.Marshaler, wait func() error, written bool) {
	w.open()
	defer func() {
		if r := recover(); r != nil {
			ret, written = nil, false // the object is made again field by field, which reports it
		}
		if ret == nil {
			wait, w.wait = w.wait, nil
			g.refund(w.passed)
			w.abort()
		}
	}()
	var tally fieldsTally // what the fields add, passed to the guard once the object is written
	if !write(&tally) {
		return nil, nil, false
	}
	if passTally(ctx, g, tally) != nil {
		return nil, nil, true // made again field by field, which reports it
	}
	return w.close(), nil, true
}

// pass passes what some fields of the object being written add to the guard, before the
// object is written whole (a long text, fieldsTally.due), and keeps it for a refund.
func (a *answerArena) pass(ctx context.Context, g *guard, t fieldsTally) error {
	a.passed.bytes += t.bytes
	a.passed.cost += t.cost
	return passTally(ctx, g, t)
}

// notLoaded records, for writeEager, the key a resolver that could not wait (err, a
// notLoaded error) is to wait for.
func (a *answerArena) notLoaded(err error) {
	var nl *notLoaded
	if errors.As(err, &nl) {
		a.wait = nl.wait
	}
}

// resolveNow runs a relationship field's resolver within an eager object's writing, under
// the field's scope ctx: its loaders answer a key not loaded yet with a notLoaded error
// rather than wait for it, as the arena is locked.
func resolveNow[T any](ctx context.Context, resolve func(context.Context) (T, error)) (T, error) {
	s, ok := ctx.(*fieldScope)
	if !ok {
		var zero T
		return zero, errors.New("graph: a resolver within an eager object has no scope")
	}
	s.noWait = true
	defer func() { s.noWait = false }()
	return resolve(ctx)
}

// nest starts an object inline, within the one being written (a field's value, or a list's
// element), and returns what unnest needs to go on with the object around it.
func (a *answerArena) nest() (outer int) {
	outer, a.fields = a.fields, 0
	a.WriteByte('{')
	return outer
}

// unnest ends an object nest started.
func (a *answerArena) unnest(outer int) {
	a.WriteByte('}')
	a.fields = outer
}

// openList starts a list inline; element(i) starts its element i; closeList ends it.
func (a *answerArena) openList() { a.WriteByte('[') }
func (a *answerArena) element(i int) {
	if i > 0 {
		a.WriteByte(',')
	}
}
func (a *answerArena) closeList() { a.WriteByte(']') }

// abort drops the object being written and unlocks the arena.
func (a *answerArena) abort() {
	a.buf = a.buf[:a.start]
	a.mu.Unlock()
}

// grow makes room for n more bytes of the object being written, moving it to a new chunk
// when the current one is full: what was kept stays where it is.
func (a *answerArena) grow(n int) {
	if cap(a.buf)-len(a.buf) < n { // inlined: every write of the answer asks
		a.growChunk(n)
	}
}

// growChunk is grow's move to a new chunk.
func (a *answerArena) growChunk(n int) {
	partial := a.buf[a.start:]
	var chunk []byte
	if size := 2 * (len(partial) + n); size <= arenaChunk {
		c := arenaChunks.Get().(*[arenaChunk]byte)
		if a.chunks == nil {
			a.chunks = a.chunkRoom[:0]
		}
		a.chunks = append(a.chunks, c)
		chunk = c[:0]
	} else {
		// An object larger than half a chunk (a whole page, a subgraph) grows in buffers
		// from the answers' pools, given back at release; the one it outgrew at once, when
		// it held nothing else.
		chunk = answerData(int64(size))
		if a.start == 0 && len(a.large) > 0 && unsafe.SliceData(a.large[len(a.large)-1]) == unsafe.SliceData(a.buf) {
			defer recycleAnswerData(a.buf)
			a.large = a.large[:len(a.large)-1]
		}
		a.large = append(a.large, chunk)
	}
	a.buf, a.start = append(chunk, partial...), 0
}

func (a *answerArena) Write(p []byte) (int, error) {
	a.grow(len(p))
	a.buf = append(a.buf, p...)
	return len(p), nil
}

func (a *answerArena) WriteString(s string) (int, error) {
	a.grow(len(s))
	a.buf = append(a.buf, s...)
	return len(s), nil
}

func (a *answerArena) WriteByte(c byte) error {
	a.grow(1)
	a.buf = append(a.buf, c)
	return nil
}

// key writes a field's alias, a GraphQL name, which needs no escaping.
func (a *answerArena) key(alias string) {
	a.grow(len(alias) + 4)
	b := a.buf // appended to as a local, stored once: each store to a.buf took a write barrier's check
	if a.fields > 0 {
		b = append(b, ',')
	}
	a.fields++
	b = append(b, '"')
	b = append(b, alias...)
	a.buf = append(b, '"', ':')
}

// typename writes an object type's name, a GraphQL name, as graphql.MarshalString does.
func (a *answerArena) typename(name string) {
	a.grow(len(name) + 2)
	a.buf = appendQuoted(a.buf, name)
}

func (a *answerArena) null() { _, _ = a.WriteString("null") }

// float writes a finite Float as graphql.MarshalFloatContext does (fmt's %g: the shortest
// representation), and reports false, writing nothing, for an infinite or NaN one, which
// that reports as an error.
func (a *answerArena) float(f float64) bool {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return false
	}
	a.grow(32)
	a.buf = strconv.AppendFloat(a.buf, f, 'g', -1, 64)
	return true
}

// text writes a String or ID as stringText does; textBytes one an appender made
// (graph/codegen/plain.go), the same way.
func (a *answerArena) text(s string)      { writeText(a, s) }
func (a *answerArena) textBytes(b []byte) { writeText(a, b) }

// appendEnum writes an enum value as its MarshalGQL does (AppendGQL says what that is),
// appended in place.
func appendEnum[E interface {
	~string
	AppendGQL(dst []byte) []byte
	MarshalGQL(w io.Writer)
}](a *answerArena, v E) {
	a.grow(len(v) + 2) // room for it quoted as it is
	if b := v.AppendGQL(a.buf); unsafe.SliceData(b) == unsafe.SliceData(a.buf) {
		a.buf = b
		return
	}
	v.MarshalGQL(a) // escaped, longer: written through the arena's writes, which grow it
}

func writeText[T string | []byte](a *answerArena, s T) {
	if escapes(s) {
		graphql.MarshalString(string(s)).MarshalGQL(a)
		return
	}
	a.grow(len(s) + 2)
	a.buf = appendQuoted(a.buf, s)
}
