package graph

import (
	"context"
	"sync"

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

func newOperationMemo() *operationMemo {
	return &operationMemo{fields: map[selectionKey][]graphql.CollectedField{}, args: map[argsKey]map[string]any{}, loads: map[fieldLoad]relationLoad{}}
}

// collect is graphql.CollectFields, once per selection set and type names; a nil memo
// (outside NewHandler) collects every time.
func (m *operationMemo) collect(op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if m == nil || len(sel) == 0 {
		return graphql.CollectFields(op, sel, satisfies)
	}
	k := selectionKey{&sel[0], len(sel), hashNames(satisfies)}
	if fields, ok := memoGet(&m.mu, m.fields, k); ok {
		return fields
	}
	fields := graphql.CollectFields(op, sel, satisfies)
	memoKeep(&m.mu, m.fields, k, fields)
	return fields
}

// memoGet and memoKeep read and write one of the memo's maps under its lock: root fields
// run concurrently. The value is made between them, unlocked; two objects that make it at
// once make the same.
func memoGet[K comparable, V any](mu *sync.Mutex, m map[K]V, k K) (V, bool) {
	mu.Lock()
	defer mu.Unlock()
	v, ok := m[k]
	return v, ok
}

func memoKeep[K comparable, V any](mu *sync.Mutex, m map[K]V, k K, v V) {
	mu.Lock()
	defer mu.Unlock()
	m[k] = v
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
	if args, ok := memoGet(&m.mu, m.args, k); ok {
		return args, nil
	}
	args, err := parse(ctx, fc.Field.ArgumentMap(op.Variables))
	if err != nil {
		return nil, err
	}
	memoKeep(&m.mu, m.args, k, args)
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
	return memoGet(&m.mu, m.loads, f)
}

func (m *operationMemo) keepRelationLoad(f fieldLoad, load relationLoad) {
	if m != nil {
		memoKeep(&m.mu, m.loads, f, load)
	}
}
