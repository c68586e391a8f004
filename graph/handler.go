package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"beleidsgraaf/store"
)

// Options configure the GraphQL handler. Zero values mean the defaults below.
type Options struct {
	// Introspection allows __schema and __type queries (GraphiQL needs them).
	Introspection bool
	// PersistedQueries enables automatic persisted queries (sha256 hashes instead of text).
	PersistedQueries bool
	// ComplexityLimit is the most an operation may cost; see Complexity.
	ComplexityLimit int
	// MaxDepth is the deepest field nesting an operation may have.
	MaxDepth int
	// BatchWait is how long the per-request loaders collect keys before calling the store.
	BatchWait time.Duration
	// QueryCacheSize is the number of parsed and validated queries kept.
	QueryCacheSize int
}

// Defaults of Options.
const (
	DefaultComplexityLimit = 1_000_000
	DefaultMaxDepth        = 15
	DefaultQueryCacheSize  = 1000
)

// NewSchema makes the executable schema over a store, with page-size aware complexity
// (see costSchema). batchWait is the loaders' quiet period; 0: DefaultBatchWait.
func NewSchema(st store.Reader, batchWait time.Duration) graphql.ExecutableSchema {
	es := NewExecutableSchema(Config{Resolvers: &Resolver{Store: st, BatchWait: batchWait}})
	return costSchema{es}
}

// NewHandler makes the GraphQL HTTP handler: GET, POST and OPTIONS transports, a query
// cache, optional introspection and persisted queries, complexity and depth limits, fresh
// dataloaders per operation, panic recovery and an error presenter that never leaks
// internal errors. HTTP concerns (routes, body size, timeouts, CORS) are the caller's.
func NewHandler(st store.Reader, opts Options) *handler.Server {
	if opts.ComplexityLimit <= 0 {
		opts.ComplexityLimit = DefaultComplexityLimit
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.QueryCacheSize <= 0 {
		opts.QueryCacheSize = DefaultQueryCacheSize
	}
	srv := handler.New(NewSchema(st, opts.BatchWait))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](opts.QueryCacheSize))
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	if opts.PersistedQueries {
		srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](opts.QueryCacheSize)})
	}
	srv.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	srv.Use(DepthLimit{Max: opts.MaxDepth})
	srv.SetErrorPresenter(PresentError)
	srv.SetRecoverFunc(Recover)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(WithLoaders(ctx, NewLoaders(st, graphql.GetOperationContext(ctx), opts.BatchWait)))
	})
	return srv
}

// costSchema prices list fields by their page size: a field with a `first` or `limit`
// argument costs 1 + (what one item selects) × (that argument, at least 1). Nested lists
// thus multiply, as their results do.
type costSchema struct{ graphql.ExecutableSchema }

// Complexity implements graphql.ExecutableSchema.
func (c costSchema) Complexity(ctx context.Context, typeName, field string, childComplexity int, args map[string]any) (int, bool) {
	if v, ok := c.ExecutableSchema.Complexity(ctx, typeName, field, childComplexity, args); ok {
		return v, ok
	}
	n, ok := intArg(args, "first")
	if !ok {
		n, ok = intArg(args, "limit")
	}
	if !ok {
		return 0, false
	}
	return 1 + childComplexity*max(n, 1), true
}

// DepthLimit rejects operations whose fields nest deeper than Max. Introspection fields
// (__schema, __type) are not counted.
type DepthLimit struct{ Max int }

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = DepthLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate implements graphql.HandlerExtension.
func (DepthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (d DepthLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if depth := selectionDepth(opCtx.Operation.SelectionSet, map[string]bool{}); depth > d.Max {
		err := gqlerror.Errorf("operation has depth %d, which exceeds the limit of %d", depth, d.Max)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	return nil
}

// selectionDepth is the depth of the deepest field in a selection set; fragments do not
// add a level. active guards against fragment cycles (validation forbids them anyway).
func selectionDepth(set ast.SelectionSet, active map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) >= 2 && s.Name[:2] == "__" {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, active)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, active)
		case *ast.FragmentSpread:
			if s.Definition == nil || active[s.Name] {
				continue
			}
			active[s.Name] = true
			d = selectionDepth(s.Definition.SelectionSet, active)
			delete(active, s.Name)
		}
		deepest = max(deepest, d)
	}
	return deepest
}
