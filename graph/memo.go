package graph

import (
	"context"
	"encoding/json"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// operationMemo keeps, for one operation, what depends only on its document and its
// variables but is asked for again at every object of a list: the fields a selection set
// collects for a type, the arguments of a field, and what a relationship field asks the
// loaders for besides a node's ID. A nested answer of a hundred motions asks for each a
// hundred times.
//
// gqlgen keeps collected fields per operation too, but makes its key with reflection and
// a hash object that escape to the heap: a third of what collecting cost in the nested
// benchmark, and the executor collects at every object. Arguments gqlgen parses anew for
// every field it resolves.
//
// All are safe to share among objects: a collected field's selections are the document's,
// the executor and the resolvers only read a field's arguments, and loader keys are
// values, copied for each node.
type operationMemo struct {
	doc    *documentMemo // what operations of the document share; nil: nothing
	mu     sync.Mutex
	fields map[selectionKey][]graphql.CollectedField
	args   map[argsKey]map[string]any
	loads  map[fieldLoad]relationLoad // relations.go, loadOf
}

// selectionKey names a selection set of the document (by its first selection: the sets
// are slices of the document, which outlives the operation) and the type names it is
// collected for.
type selectionKey struct {
	first     *ast.Selection
	n         int
	satisfies uint64
}

// argsKey is a field of the document as resolved on one type: a field selected through
// an interface has the arguments of each object type's own field, defaults included.
type argsKey struct {
	field  *ast.Field
	object string
}

// documentMemo keeps, for every operation that runs a parsed document, the fields its
// selection sets collect and the arguments of its fields that name no variable: gqlgen
// keeps a parsed, validated document in its query cache and runs it again for the next
// request with the same text. Fields are collected alike for every request only when no
// selection of the document has a directive: @skip, @include and @defer take their
// arguments from the variables. Each operation collected every selection set and parsed
// every field's arguments again, the first time it met them, and found them again by
// hashing: together some 10 % of the CPU of the nested benchmark.
type documentMemo struct {
	// recent are the last collections, found by the selection set's address and the type
	// names without hashing them: most selection sets are collected again and again for
	// the objects of a list.
	recent [recentSlots]atomic.Pointer[collected] // 1 KB
	fields sync.Map                               // selectionKey → []graphql.CollectedField
	// args are the last arguments parsed for fields, found as recent is (a sync.Map would
	// box each key it is asked for): of a field whose arguments name variables, by their
	// values too, a slot for each set of values (the variables of a list's date, a
	// lookup's name: gqlgen parsed the where and orderBy of every list anew, a thirtieth of
	// a nested request).
	args [recentSlots]atomic.Pointer[parsedArgs]
}

// parsedArgs are the arguments of a field of the document on one type, parsed with vars:
// the values of the variables they name, in the order they name them (variableValues).
type parsedArgs struct {
	key  argsKey
	vars []any
	args map[string]any
}

// maxArgsVariables is the most variables a field's arguments name for them to be kept by
// the document's memo; their values are scalars (inputs and lists are parsed each time).
const maxArgsVariables = 8

// absentVariable stands for a variable that is not given, among the values of variables.
type absentVariable struct{}

// variableValues puts into vals the values the variables that args name have in vars, in
// the order args name them, and returns how many and a hash of them; ok is false when
// there are more than vals holds, or one is not a scalar. A variable named twice is there
// twice.
func variableValues(args ast.ArgumentList, vars map[string]any, vals *[maxArgsVariables]any) (n int, hash uint64, ok bool) {
	const offset, prime = 14695981039346656037, 1099511628211
	hash, ok = offset, true
	mix := func(s string) {
		for i := 0; i < len(s); i++ {
			hash = (hash ^ uint64(s[i])) * prime
		}
		hash *= prime // ^ 0
	}
	mixWord := func(w uint64) { hash = (hash ^ w) * prime }
	var in func(*ast.Value)
	in = func(v *ast.Value) {
		if v == nil || !ok {
			return
		}
		if v.Kind == ast.Variable {
			val, given := vars[v.Raw]
			if !given {
				// Not the same as null: an argument whose variable is not given is left
				// out, and takes the field's default.
				val = absentVariable{}
			}
			switch val := val.(type) {
			case string:
				mix(val)
			case json.Number:
				mix(string(val))
			case int:
				mixWord(uint64(val))
			case int64:
				mixWord(uint64(val))
			case float64:
				mixWord(math.Float64bits(val))
			case bool:
				if val {
					mixWord(1)
				}
			case nil:
			case absentVariable:
				mixWord(2)
			default:
				ok = false
				return
			}
			if n == len(vals) {
				ok = false
				return
			}
			vals[n] = val
			n++
			return
		}
		for _, c := range v.Children {
			in(c.Value)
		}
	}
	for _, a := range args {
		in(a.Value)
	}
	return n, hash, ok
}

// recentSlots is the size of documentMemo.recent and args: a query selects on a few dozen
// types. An entry is looked for in its slot and the slot's neighbour (i^1), where it is
// kept when its own holds another.
const (
	recentBits  = 7
	recentSlots = 1 << recentBits
)

// collected is a selection set's fields for some type names. The names are the slice the
// first caller passed: callers do not change a slice of type names after passing it.
type collected struct {
	first     *ast.Selection
	n         int
	satisfies []string
	fields    []graphql.CollectedField
	// In a field scope: whether fields are eager (eagerIn) for the object type they were
	// collected for, satisfies[0]: 1 or -1; 0: not asked.
	eager int8
}

// collect is graphql.CollectFields, once per selection set and type names for every
// operation of the document.
func (d *documentMemo) collect(op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	i := recentSlot(&sel[0], satisfies)
	for _, j := range [2]uint64{i, i ^ 1} {
		if c := d.recent[j].Load(); c != nil && c.first == &sel[0] && c.n == len(sel) && sameNames(c.satisfies, satisfies) {
			return c.fields
		}
	}
	k := selectionKey{&sel[0], len(sel), hashNames(satisfies)}
	v, ok := d.fields.Load(k)
	if !ok {
		v, _ = d.fields.LoadOrStore(k, graphql.CollectFields(op, sel, satisfies))
	}
	fields := v.([]graphql.CollectedField)
	d.recent[freeOf(&d.recent, i)].Store(&collected{first: &sel[0], n: len(sel), satisfies: satisfies, fields: fields})
	return fields
}

// sameNames reports whether two lists of type names are equal; the same slice at once: the
// executor passes each type's one list of the names it satisfies (motionImplementors).
func sameNames(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.SliceData(a) == unsafe.SliceData(b) || slices.Equal(a, b))
}

// freeOf is the slot of the pair i, i^1 to keep a new entry in: an empty one, else i.
func freeOf[T any](slots *[recentSlots]atomic.Pointer[T], i uint64) uint64 {
	if slots[i].Load() != nil && slots[i^1].Load() == nil {
		return i ^ 1
	}
	return i
}

// recentSlot is the slot of documentMemo.recent for a selection set and type names: by
// the set's address and the first name's length and ends, which set apart the types one
// set is collected for through an interface.
func recentSlot(first *ast.Selection, satisfies []string) uint64 {
	h := uint64(uintptr(unsafe.Pointer(first)))
	if len(satisfies) > 0 {
		h ^= nameBits(satisfies[0])
	}
	return spread(h)
}

// argsSlot is the slot of documentMemo.args for a field on a type, with the values of its
// variables hashed to vars.
func argsSlot(k argsKey, vars uint64) uint64 {
	return spread(uint64(uintptr(unsafe.Pointer(k.field))) ^ nameBits(k.object) ^ vars)
}

// nameBits mixes a type name's length and ends into a slot's address bits.
func nameBits(name string) uint64 {
	if name == "" {
		return 0
	}
	return uint64(len(name)) ^ uint64(name[0])<<8 ^ uint64(name[len(name)-1])<<16
}

// spread maps h to a slot of recentSlots (Fibonacci hashing: the top bits of h times 2⁶⁴/φ).
func spread(h uint64) uint64 {
	return h * 0x9e3779b97f4a7c15 >> (64 - recentBits)
}

// documentMemos holds the memo of each document in use, for as long as the document lives:
// weakly, so that a document dropped from the query cache (or parsed for one request)
// takes its memo with it.
var documentMemos sync.Map // weak.Pointer[ast.QueryDocument] → *documentMemo

// documentMemoOf returns the memo that operations of doc share; nil when doc is nil or
// collects differently with different variables.
func documentMemoOf(doc *ast.QueryDocument) *documentMemo {
	if doc == nil {
		return nil
	}
	key := weak.Make(doc)
	if m, ok := documentMemos.Load(key); ok {
		return m.(*documentMemo)
	}
	var m *documentMemo
	if !hasSelectionDirectives(doc) {
		m = &documentMemo{}
	}
	if kept, loaded := documentMemos.LoadOrStore(key, m); loaded {
		return kept.(*documentMemo)
	}
	runtime.AddCleanup(doc, func(key weak.Pointer[ast.QueryDocument]) { documentMemos.Delete(key) }, key)
	return m
}

// hasSelectionDirectives reports whether a selection of doc (a field, an inline fragment
// or a fragment spread, in an operation or a fragment) has a directive.
func hasSelectionDirectives(doc *ast.QueryDocument) bool {
	var in func(ast.SelectionSet) bool
	in = func(sel ast.SelectionSet) bool {
		for _, s := range sel {
			switch s := s.(type) {
			case *ast.Field:
				if len(s.Directives) > 0 || in(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if len(s.Directives) > 0 || in(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if len(s.Directives) > 0 {
					return true
				}
			}
		}
		return false
	}
	for _, op := range doc.Operations {
		if in(op.SelectionSet) {
			return true
		}
	}
	for _, f := range doc.Fragments {
		if in(f.SelectionSet) {
			return true
		}
	}
	return false
}

// collectIn is collect for an object marshalled under ctx: when ctx is a field scope, the
// fields it collected last are at hand, without a look into the memo's slots. The objects
// of a list's elements, of one field below each element, are collected one after another
// under one scope (scope.go), mostly for the same selection set and type.
func (m *operationMemo) collectIn(ctx context.Context, op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	s, ok := ctx.(*fieldScope)
	if !ok || len(sel) == 0 {
		return m.collect(op, sel, satisfies)
	}
	if c := &s.collected; c.first == &sel[0] && c.n == len(sel) && sameNames(c.satisfies, satisfies) {
		return c.fields
	}
	fields := m.collect(op, sel, satisfies)
	s.collected = collected{first: &sel[0], n: len(sel), satisfies: satisfies, fields: fields}
	return fields
}

// collect is graphql.CollectFields, once per selection set and type names; a nil memo
// (outside NewHandler) collects every time.
func (m *operationMemo) collect(op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if m == nil || len(sel) == 0 {
		return graphql.CollectFields(op, sel, satisfies)
	}
	if m.doc != nil {
		return m.doc.collect(op, sel, satisfies)
	}
	k := selectionKey{&sel[0], len(sel), hashNames(satisfies)}
	if fields, ok := memoGet(&m.mu, &m.fields, k); ok {
		return fields
	}
	fields := graphql.CollectFields(op, sel, satisfies)
	memoKeep(&m.mu, &m.fields, k, fields)
	return fields
}

// memoGet and memoKeep read and write one of the memo's maps under its lock: root fields
// run concurrently. The value is made between them, unlocked; two objects that make it at
// once make the same.
func memoGet[K comparable, V any](mu *sync.Mutex, m *map[K]V, k K) (V, bool) {
	mu.Lock()
	defer mu.Unlock()
	v, ok := (*m)[k]
	return v, ok
}

// memoKeep keeps v under k, the map made on the first: most operations keep nothing in
// most of their maps.
func memoKeep[K comparable, V any](mu *sync.Mutex, m *map[K]V, k K, v V) {
	mu.Lock()
	defer mu.Unlock()
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// hashNames is FNV-1a over the names, each ended by a zero byte (which no GraphQL name
// holds), as gqlgen's own key: two lists hash alike only by a 64-bit collision.
func hashNames(names []string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, s := range names {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * prime
		}
		h *= prime // ^ 0
	}
	return h
}

// fieldArgs returns the arguments of the field of fc, parsed by parse (the generated
// field_<Object>_<field>_args) once per field of the document; a nil memo parses every
// time. An error is not kept: it carries the path of the object it was met at, and each
// object reports its own.
func (m *operationMemo) fieldArgs(ctx context.Context, op *graphql.OperationContext, fc *graphql.FieldContext, parse func(context.Context, map[string]any) (map[string]any, error)) (map[string]any, error) {
	if m == nil || fc.Field.Field == nil {
		return parse(ctx, fc.Field.ArgumentMap(op.Variables))
	}
	k := argsKey{fc.Field.Field, fc.Object}
	var slot *atomic.Pointer[parsedArgs]
	var vals [maxArgsVariables]any
	var n int
	if m.doc != nil {
		var hash uint64
		var ok bool
		if n, hash, ok = variableValues(fc.Field.Arguments, op.Variables, &vals); ok {
			i := argsSlot(k, hash)
			for _, j := range [2]uint64{i, i ^ 1} {
				if p := m.doc.args[j].Load(); p != nil && p.key == k && slices.Equal(p.vars, vals[:n]) {
					return p.args, nil
				}
			}
			slot = &m.doc.args[freeOf(&m.doc.args, i)]
		}
	}
	if args, ok := memoGet(&m.mu, &m.args, k); ok {
		return args, nil
	}
	args, err := parse(ctx, fc.Field.ArgumentMap(op.Variables))
	if err != nil {
		return nil, err
	}
	memoKeep(&m.mu, &m.args, k, args)
	if slot != nil {
		slot.Store(&parsedArgs{k, slices.Clone(vals[:n]), args})
	}
	return args, nil
}

// memoOf returns the memo of the operation ctx executes; nil outside NewHandler.
func memoOf(ctx context.Context) *operationMemo {
	if l := loadersOf(ctx); l != nil {
		return l.memo
	}
	return nil
}

// collect is graphql.CollectFields for the loaders' prefetching.
func (l *Loaders) collect(sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	return l.memo.collect(l.op, sel, satisfies)
}

// relationLoad returns the loader keys kept for relationship field f (loadOf).
func (m *operationMemo) relationLoad(f fieldLoad) (relationLoad, bool) {
	if m == nil {
		return relationLoad{}, false
	}
	return memoGet(&m.mu, &m.loads, f)
}

func (m *operationMemo) keepRelationLoad(f fieldLoad, load relationLoad) {
	if m != nil {
		memoKeep(&m.mu, &m.loads, f, load)
	}
}
