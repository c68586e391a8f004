package graph

import (
	"context"
	"strings"
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
	// Introspection allows __schema and __type queries (GraphiQL needs them) and "Did you
	// mean …?" suggestions in validation errors. Production deployments that do not want
	// to publish the schema turn it off (--introspection=false), which turns both off.
	Introspection bool
	// PersistedQueries enables automatic persisted queries (sha256 hashes instead of text).
	PersistedQueries bool
	// ComplexityLimit is the most an operation may cost; see costSchema.
	ComplexityLimit int
	// MaxDepth is the deepest field nesting an operation may have, fragments followed.
	MaxDepth int
	// MaxTokens is the most lexical tokens (names, punctuation, values; not comments) the
	// parser reads of one document; longer documents are refused before they are parsed
	// in full. It also bounds validation, which is quadratic in fields repeated within one
	// selection set: 2,000 repeated fields take about 0.25 s to validate, 10,000 over 6 s.
	// GraphiQL's introspection query has about 200 tokens, the explorer's largest ~300.
	MaxTokens int
	// BatchWait is how long the per-request loaders collect keys before calling the store.
	BatchWait time.Duration
	// QueryCacheSize is the number of parsed and validated queries kept.
	QueryCacheSize int
}

// Defaults of Options.
const (
	DefaultComplexityLimit = 1_000_000
	DefaultMaxDepth        = 15
	DefaultMaxTokens       = 2_000
	DefaultQueryCacheSize  = 1000
)

// NewSchema makes the executable schema over a store, with page-size aware complexity
// (see costSchema). batchWait is the loaders' quiet period; 0: DefaultBatchWait.
func NewSchema(st store.Reader, batchWait time.Duration) graphql.ExecutableSchema {
	es := NewExecutableSchema(Config{Resolvers: &Resolver{Store: st, BatchWait: batchWait}})
	return costSchema{es}
}

// NewHandler makes the GraphQL HTTP handler: GET and POST as GraphQL over HTTP specifies
// (httpTransport), OPTIONS, a query cache, a parser token limit, optional introspection
// and suggestions, optional persisted queries, depth and complexity limits, fresh
// dataloaders per operation, panic recovery and an error presenter that never leaks
// internal errors. Body size, time limit and CORS are the caller's (server.go, web.go).
func NewHandler(st store.Reader, opts Options) *handler.Server {
	if opts.ComplexityLimit <= 0 {
		opts.ComplexityLimit = DefaultComplexityLimit
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxTokens <= 0 {
		opts.MaxTokens = DefaultMaxTokens
	}
	if opts.QueryCacheSize <= 0 {
		opts.QueryCacheSize = DefaultQueryCacheSize
	}
	srv := handler.New(NewSchema(st, opts.BatchWait))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(httpTransport{maxTokens: opts.MaxTokens})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](opts.QueryCacheSize))
	srv.SetParserTokenLimit(opts.MaxTokens)
	srv.SetDisableSuggestion(!opts.Introspection)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	if opts.PersistedQueries {
		srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](opts.QueryCacheSize)})
	}
	// Limits runs first: its walk is linear in the document, while gqlgen's complexity walk
	// is linear in the document with every fragment spread expanded, which Limits bounds.
	srv.Use(Limits{MaxDepth: opts.MaxDepth, MaxComplexity: opts.ComplexityLimit})
	srv.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	srv.SetErrorPresenter(NewErrorPresenter(opts.Introspection))
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

// Limits rejects operations whose fields nest deeper than MaxDepth, or that select more
// than MaxComplexity fields once every fragment spread is expanded (each such field costs
// at least 1, so gqlgen's complexity limit would refuse them too, but only after a walk
// as long as the expansion, which fragments can make exponential in the document's size).
// Fragment spreads and inline fragments add no level of their own; the fields in them
// count at the depth where they are spread. Introspection fields (__schema, __type,
// __typename) are not counted. Fragment cycles are refused by validation before this
// runs; the walk ignores them all the same.
type Limits struct{ MaxDepth, MaxComplexity int }

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = Limits{}

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l Limits) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	w := selectionWalker{fragments: map[string]selectionSize{}, active: map[string]bool{}}
	size := w.walk(opCtx.Operation.SelectionSet)
	if l.MaxDepth > 0 && size.depth > l.MaxDepth {
		err := gqlerror.Errorf("operation has depth %d, which exceeds the limit of %d", size.depth, l.MaxDepth)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	if l.MaxComplexity > 0 && size.fields > l.MaxComplexity {
		err := gqlerror.Errorf("operation selects more than %d fields (fragments expanded), which exceeds the complexity limit of %d",
			l.MaxComplexity, l.MaxComplexity)
		errcode.Set(err, CodeComplexityLimit)
		return err
	}
	return nil
}

// selectionSize is the depth of the deepest field of a selection set and the number of
// fields it selects with fragments expanded (saturating at maxFields).
type selectionSize struct{ depth, fields int }

const maxFields = 1 << 40

// selectionWalker measures selection sets, each fragment once: a fragment's size does not
// depend on where it is spread, so the walk is linear in the document.
type selectionWalker struct {
	fragments map[string]selectionSize
	active    map[string]bool // fragments being measured, against cycles
}

func (w selectionWalker) walk(set ast.SelectionSet) selectionSize {
	var out selectionSize
	add := func(s selectionSize, levels int) {
		out.depth = max(out.depth, s.depth+levels)
		out.fields = min(out.fields+s.fields, maxFields)
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			child := w.walk(s.SelectionSet)
			child.fields = min(child.fields+1, maxFields)
			add(child, 1)
		case *ast.InlineFragment:
			add(w.walk(s.SelectionSet), 0)
		case *ast.FragmentSpread:
			if s.Definition == nil || w.active[s.Name] {
				continue
			}
			size, ok := w.fragments[s.Name]
			if !ok {
				w.active[s.Name] = true
				size = w.walk(s.Definition.SelectionSet)
				delete(w.active, s.Name)
				w.fragments[s.Name] = size
			}
			add(size, 0)
		}
	}
	return out
}

// noIntrospection refuses operations that ask for __schema or __type when introspection is
// off, as a request error (gqlgen would otherwise fail those fields one by one with an
// error of its own).
type noIntrospection struct{}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = noIntrospection{}

// ExtensionName implements graphql.HandlerExtension.
func (noIntrospection) ExtensionName() string { return "NoIntrospection" }

// Validate implements graphql.HandlerExtension.
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (noIntrospection) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	for _, f := range graphql.CollectFields(opCtx, opCtx.Operation.SelectionSet, []string{"Query"}) {
		if f.Name == "__schema" || f.Name == "__type" {
			err := gqlerror.ErrorPosf(f.Position, "introspection is disabled on this server")
			errcode.Set(err, CodeIntrospectionDisabled)
			return err
		}
	}
	return nil
}
