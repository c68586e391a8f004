package graph

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of automatic persisted queries (as Apollo's clients expect them).
const (
	CodePersistedQueryNotFound     = "PERSISTED_QUERY_NOT_FOUND"
	CodePersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
)

// byteCache is a least-recently-used cache bounded by the bytes of its entries, not their
// number: a thousand 1 MB documents (comments are free for the token limit) would otherwise
// hold a gigabyte. An entry larger than maxEntry is not kept at all.
type byteCache[T any] struct {
	mu             sync.Mutex
	maxBytes, used int64
	maxEntry       int64
	size           func(key string, v T) int64
	order          *list.List // front: most recently used
	items          map[string]*list.Element
}

type cacheEntry[T any] struct {
	key  string
	v    T
	size int64
}

func newByteCache[T any](maxBytes, maxEntry int64, size func(string, T) int64) *byteCache[T] {
	return &byteCache[T]{maxBytes: maxBytes, maxEntry: maxEntry, size: size, order: list.New(), items: map[string]*list.Element{}}
}

var _ graphql.Cache[string] = (*byteCache[string])(nil)

// Get implements graphql.Cache.
func (c *byteCache[T]) Get(_ context.Context, key string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*cacheEntry[T]).v, true
	}
	var zero T
	return zero, false
}

// Add implements graphql.Cache.
func (c *byteCache[T]) Add(_ context.Context, key string, v T) {
	n := c.size(key, v)
	if n > c.maxEntry || n > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		old := e.Value.(*cacheEntry[T])
		c.used += n - old.size
		old.v, old.size = v, n
		c.order.MoveToFront(e)
	} else {
		c.items[key] = c.order.PushFront(&cacheEntry[T]{key: key, v: v, size: n})
		c.used += n
	}
	for c.used > c.maxBytes {
		last := c.order.Back()
		e := last.Value.(*cacheEntry[T])
		c.order.Remove(last)
		delete(c.items, e.key)
		c.used -= e.size
	}
}

// bytes is what the cache holds, for tests.
func (c *byteCache[T]) bytes() (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, len(c.items)
}

// documentSize estimates the memory of a parsed document kept under its text: the text
// (the key; the AST's positions point into it), some 300 bytes per node of the AST, and
// the memo its operations share (documentMemo: its slots, then some 100 bytes per node for
// what it collects), which lives as long as the document. Without the memo, a flood of
// distinct small queries held 2 KB of slots for every 300 bytes counted.
func documentSize(key string, doc *ast.QueryDocument) int64 {
	nodes := 0
	var value func(*ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		nodes++
		for _, c := range v.Children {
			value(c.Value)
		}
	}
	var set func(ast.SelectionSet)
	set = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			nodes++
			switch s := sel.(type) {
			case *ast.Field:
				for _, a := range s.Arguments {
					value(a.Value)
				}
				set(s.SelectionSet)
			case *ast.InlineFragment:
				set(s.SelectionSet)
			}
		}
	}
	if doc != nil {
		for _, op := range doc.Operations {
			nodes += 1 + len(op.VariableDefinitions)
			set(op.SelectionSet)
		}
		for _, f := range doc.Fragments {
			nodes++
			set(f.SelectionSet)
		}
	}
	return int64(len(key)) + int64(unsafe.Sizeof(documentMemo{})) + 400*int64(nodes)
}

// persistedQueries is automatic persisted queries (a sha256 hash instead of the query text)
// with its errors coded, and a query kept only once it has parsed and validated, in a cache
// bounded by bytes.
type persistedQueries struct{ cache graphql.Cache[string] }

var _ interface {
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = persistedQueries{}

// ExtensionName implements graphql.HandlerExtension.
func (persistedQueries) ExtensionName() string { return "PersistedQueries" }

// Validate implements graphql.HandlerExtension.
func (persistedQueries) Validate(graphql.ExecutableSchema) error { return nil }

// apqHash reads the persistedQuery extension: its hash, whether it is there, and an error
// for one that is malformed. cache nil: persisted queries are off.
func apqHash(ext map[string]any, enabled bool) (string, bool, *gqlerror.Error) {
	raw, ok := ext["persistedQuery"]
	if !ok || raw == nil {
		return "", false, nil
	}
	if !enabled {
		// The message is the one Apollo Server sends: the clients' persisted-query links
		// (Apollo's createPersistedQueryLink, urql's persistedExchange) match on it, or on
		// the code, and then send the query text instead.
		err := gqlerror.Errorf("PersistedQueryNotSupported")
		errcode.Set(err, CodePersistedQueryNotSupported)
		return "", true, err
	}
	m, _ := raw.(map[string]any)
	hash, _ := m["sha256Hash"].(string)
	version := m["version"]
	if n, ok := version.(interface{ String() string }); ok {
		version = n.String()
	}
	if hash == "" || (version != "1" && version != float64(1) && version != int64(1) && version != 1) {
		err := gqlerror.Errorf("persistedQuery must be {version: 1, sha256Hash: …}")
		errcode.Set(err, CodeBadRequest)
		return "", true, err
	}
	return hash, true, nil
}

// MutateOperationParameters implements graphql.OperationParameterMutator: a hash without a
// query is looked up; a hash with a query must be the query's.
func (p persistedQueries) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	hash, ok, err := apqHash(params.Extensions, p.cache != nil)
	if err != nil || !ok {
		return err
	}
	if params.Query == "" {
		q, found := p.cache.Get(ctx, hash)
		if !found {
			err := gqlerror.Errorf("PersistedQueryNotFound")
			errcode.Set(err, CodePersistedQueryNotFound)
			return err
		}
		params.Query = q
		return nil
	}
	if sum := sha256.Sum256([]byte(params.Query)); hex.EncodeToString(sum[:]) != hash {
		err := gqlerror.Errorf("the persisted query hash does not match the query")
		errcode.Set(err, CodeBadRequest)
		return err
	}
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator: it runs once the query
// has parsed and validated (and passed the limits), and keeps it.
func (p persistedQueries) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if p.cache == nil {
		return nil
	}
	if hash, ok, _ := apqHash(opCtx.Extensions, true); ok && opCtx.RawQuery != "" {
		p.cache.Add(ctx, hash, opCtx.RawQuery)
	}
	return nil
}
