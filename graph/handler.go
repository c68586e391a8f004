package graph

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
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
	// ComplexityLimit is the most an operation may cost (see cost.go), counted before it
	// runs and again, on the values of its answer, while it runs.
	ComplexityLimit int
	// MaxDepth is the deepest field nesting an operation may have, fragments followed.
	MaxDepth int
	// MaxTokens is the most lexical tokens (names, punctuation, values; not comments) the
	// parser reads of one document; longer documents are refused before they are parsed
	// in full. It also bounds validation, which is quadratic in fields repeated within one
	// selection set: 2,000 repeated fields take about 0.25 s to validate, 10,000 over 6 s.
	// GraphiQL's introspection query has about 200 tokens, the explorer's largest ~300.
	MaxTokens int
	// MaxRootFields is the most top-level fields (aliases count) an operation may select.
	// Each runs concurrently with the others, and search, neighbourhood, shortestPath and
	// the lists cost a store round trip each: 100 aliases of one would be 100 concurrent
	// database queries from one request.
	MaxRootFields int
	// MaxInputObjects is the most input objects and lists the arguments of an operation may
	// hold together, variables included and counted at every use (a `where` with 20 OR
	// branches of one test holds about 40). On Neo4j a filter becomes one Cypher statement
	// whose planning time grows quickly with its size; this keeps it to a fraction of a
	// second. Lists of scalars (ids, `in`) count once, whatever their length.
	MaxInputObjects int
	// MaxInputDepth is the deepest nesting of input objects and lists in one argument
	// (`where: {related: {other: {related: {other: {id: {eq: …}}}}}}` is 6). Nested
	// relation filters become nested Cypher subqueries, whose planning time grows
	// exponentially with their depth.
	MaxInputDepth int
	// MaxInputListItems is the most values the lists in an operation's arguments may hold
	// together, variables counted at every use: `in` filters and nodes(ids:) (at most 500
	// each). A filter's `in` list is tested against every candidate node.
	MaxInputListItems int
	// MaxInputString is the longest string argument accepted, in bytes. Search text, names,
	// IDs and cursors are far shorter; a megabyte of search words would cost seconds.
	MaxInputString int
	// QueryCacheBytes bounds the parsed and validated queries kept (LRU), by their
	// estimated memory: the text plus some 300 bytes per AST node. Queries over 1/64 of it
	// are parsed anew each time. Persisted queries (sha256 → text) are kept in a cache of
	// half this size.
	QueryCacheBytes int64
	// Timeout is the time limit of a request, from when it arrives: execution stops at it and
	// the client gets a TIMEOUT error. 0: no limit but the request context's own deadline,
	// which is enforced the same way.
	Timeout time.Duration
	// MaxResponseBytes is the most bytes the data of one answer may have; an operation whose
	// answer grows past it is stopped and answered with RESPONSE_TOO_LARGE, never cut off.
	MaxResponseBytes int64
	// MaxInFlight is the most requests served at once (read, validated, executed); up to
	// 16 times as many more wait for a slot within their time limit (Timeout; a second
	// without one), then get 503 with Retry-After and SERVER_BUSY. 0: no bound.
	MaxInFlight int
}

// Defaults of Options.
const (
	DefaultComplexityLimit = 1_000_000
	DefaultMaxDepth        = 15
	DefaultMaxTokens       = 2_000
	DefaultQueryCacheBytes = 32 << 20
	DefaultMaxRootFields   = 20
	DefaultMaxInputObjects = 100
	DefaultMaxInputDepth   = 12
	DefaultMaxInputString  = 2_000
	// DefaultMaxInputListItems: two nodes(ids:) of 500 IDs.
	DefaultMaxInputListItems = 1_000
	// DefaultMaxResponseBytes: 4 MiB, some 100 letters with their text. While an answer is
	// built, gqlgen marshals list items as they resolve, so an operation stopped at the limit
	// has held about twice that; with DefaultMaxInFlight that is some 100 MB at most.
	DefaultMaxResponseBytes = 4 << 20
	// DefaultMaxInFlight is the default of --max-in-flight.
	DefaultMaxInFlight = 8
)

// CodeInputLimit is the error code of operations refused for the size of their arguments
// or their number of top-level fields.
const CodeInputLimit = "INPUT_LIMIT_EXCEEDED"

// NewSchema makes the executable schema over a store.
func NewSchema(st store.Reader) graphql.ExecutableSchema {
	return NewExecutableSchema(Config{Resolvers: &Resolver{Store: st}})
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
	if opts.QueryCacheBytes <= 0 {
		opts.QueryCacheBytes = DefaultQueryCacheBytes
	}
	for _, o := range []struct {
		v   *int
		def int
	}{{&opts.MaxRootFields, DefaultMaxRootFields},
		{&opts.MaxInputObjects, DefaultMaxInputObjects}, {&opts.MaxInputDepth, DefaultMaxInputDepth},
		{&opts.MaxInputString, DefaultMaxInputString}, {&opts.MaxInputListItems, DefaultMaxInputListItems}} {
		if *o.v <= 0 {
			*o.v = o.def
		}
	}
	if opts.MaxResponseBytes <= 0 {
		opts.MaxResponseBytes = DefaultMaxResponseBytes
	}
	es := NewSchema(st)
	srv := handler.New(guardedSchema{es})
	// httpTransport first: transport.Options would answer HEAD with a 405 without Allow.
	srv.AddTransport(httpTransport{maxTokens: opts.MaxTokens, timeout: opts.Timeout, maxBytes: opts.MaxResponseBytes,
		inFlight: newInFlight(opts.MaxInFlight)})
	srv.AddTransport(transport.Options{})
	srv.SetQueryCache(newByteCache(opts.QueryCacheBytes, opts.QueryCacheBytes/64, documentSize))
	srv.SetParserTokenLimit(opts.MaxTokens)
	srv.SetDisableSuggestion(!opts.Introspection)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	apq := persistedQueries{}
	if opts.PersistedQueries {
		apq.cache = newByteCache(opts.QueryCacheBytes/2, opts.QueryCacheBytes/128, func(k, q string) int64 { return int64(len(k) + len(q) + 64) })
	}
	srv.Use(Limits{Schema: es.Schema(), MaxDepth: opts.MaxDepth, MaxComplexity: opts.ComplexityLimit, MaxRootFields: opts.MaxRootFields,
		MaxInputObjects: opts.MaxInputObjects, MaxInputDepth: opts.MaxInputDepth, MaxInputString: opts.MaxInputString,
		MaxInputListItems: opts.MaxInputListItems})
	srv.Use(apq) // after Limits: a query is kept once it passed them too
	srv.SetErrorPresenter(NewErrorPresenter(opts.Introspection))
	srv.SetRecoverFunc(Recover)
	srv.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		if l := loadersOf(ctx); l != nil {
			return l.sched.rootField(ctx, next)
		}
		return next(ctx)
	})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		op := graphql.GetOperationContext(ctx)
		l := NewLoaders(st, op)
		l.sched.startRoots(rootFields(op))
		if op != nil {
			op.ResolverMiddleware = fieldMiddleware(l.sched, guardOf(ctx))
		}
		return next(WithLoaders(ctx, l))
	})
	return srv
}

// fieldMiddleware is the field middleware of one operation: a resolver (a field that may
// ask the loaders) counts as running for the scheduler, and every field, trivial ones
// too, passes the guard (nil: no limits), which stops the operation and counts the bytes
// and cost each field adds to the answer.
//
// It is set on the operation when the operation starts (AroundOperations), in place of
// gqlgen's chain of field interceptors, rather than registered with AroundFields: every
// field of an answer passes through it (a neighbourhood has some 2 000), and gqlgen's
// chain allocates a closure per field and interceptor, and finding the scheduler and the
// guard in the context walks a chain that grows with the nesting. Here both are at hand
// and a trivial field allocates nothing. So the handler has no field interceptors: an
// extension's InterceptField (or AroundFields) would not run; what a field needs goes here.
func fieldMiddleware(s *scheduler, g *guard) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc != nil && fc.IsResolver {
			next = countedResolver(s, next)
		}
		if g != nil {
			return g.field(ctx, fc, next)
		}
		return next(ctx)
	}
}

// Limits rejects operations whose fields nest deeper than MaxDepth, or that select more
// than MaxComplexity fields once every fragment spread is expanded (each such field costs
// at least 1, so gqlgen's complexity limit would refuse them too, but only after a walk
// as long as the expansion, which fragments can make exponential in the document's size).
// Fragment spreads and inline fragments add no level of their own; the fields in them
// count at the depth where they are spread. Introspection fields (__schema, __type,
// __typename) are not counted. Fragment cycles are refused by validation before this
// runs; the walk ignores them all the same.
//
// The same walk bounds what the operation asks of the store through its arguments (see
// Options): top-level fields (MaxRootFields), input objects and lists in all arguments,
// variables resolved, each fragment counted at every spread (MaxInputObjects), the nesting
// of one argument (MaxInputDepth) and the longest string (MaxInputString). Zero means no
// limit.
type Limits struct {
	Schema                                         *ast.Schema // for the cost of introspection
	MaxDepth, MaxComplexity                        int
	MaxRootFields                                  int
	MaxInputObjects, MaxInputDepth, MaxInputString int
	MaxInputListItems                              int
}

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
	w := selectionWalker{fragments: map[string]selectionSize{}, active: map[string]bool{},
		vars: opCtx.Variables, input: &inputStats{}, schema: l.Schema,
		intro: &introspectionCost{schema: l.Schema, vars: opCtx.Variables, memo: map[string]int{}}}
	size := w.walk(opCtx.Operation.SelectionSet)
	if err := l.checkInput(opCtx, size, w.input); err != nil {
		return err
	}
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
	if l.MaxComplexity > 0 && size.cost > l.MaxComplexity {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", size.cost, l.MaxComplexity)
		errcode.Set(err, CodeComplexityLimit)
		return err
	}
	if g := guardOf(ctx); g != nil {
		g.maxCost = int64(l.MaxComplexity)
	}
	return nil
}

// checkInput applies the root field and argument limits.
func (l Limits) checkInput(opCtx *graphql.OperationContext, size selectionSize, in *inputStats) *gqlerror.Error {
	var err *gqlerror.Error
	switch {
	case in.badInt != "":
		err = gqlerror.Errorf("Int cannot represent non 32-bit signed integer value: %s", in.badInt)
		errcode.Set(err, CodeBadUserInput)
		return err
	case l.MaxInputListItems > 0 && size.items > l.MaxInputListItems:
		err = gqlerror.Errorf("the arguments' lists hold %d values, which exceeds the limit of %d", size.items, l.MaxInputListItems)
	case l.MaxInputString > 0 && in.longest > l.MaxInputString:
		err = gqlerror.Errorf("an argument holds a string of %d bytes, which exceeds the limit of %d", in.longest, l.MaxInputString)
	case l.MaxInputDepth > 0 && in.depth > l.MaxInputDepth:
		err = gqlerror.Errorf("an argument nests input objects and lists %d deep, which exceeds the limit of %d", in.depth, l.MaxInputDepth)
	case l.MaxInputObjects > 0 && size.inputs > l.MaxInputObjects:
		err = gqlerror.Errorf("the arguments hold %d input objects and lists, which exceeds the limit of %d", size.inputs, l.MaxInputObjects)
	case l.MaxRootFields > 0 && !withinRootLimit(opCtx.Operation.SelectionSet, l.MaxRootFields):
		roots, schemas := 0, 0
		for _, f := range graphql.CollectFields(opCtx, opCtx.Operation.SelectionSet, []string{"Query"}) {
			if f.Name != "__typename" {
				roots++
			}
			if f.Name == "__schema" {
				schemas++
			}
		}
		if schemas > 1 {
			err = gqlerror.Errorf("the operation selects __schema %d times; once is enough", schemas)
		} else if roots > l.MaxRootFields {
			err = gqlerror.Errorf("the operation selects %d top-level fields, which exceeds the limit of %d", roots, l.MaxRootFields)
		}
	}
	if err != nil {
		errcode.Set(err, CodeInputLimit)
	}
	return err
}

// withinRootLimit reports whether a selection set of fields alone (no fragment) selects at
// most limit fields besides __typename, and __schema at most once: then collecting its
// fields, which merges and skips some of them but adds none, cannot find more. Collecting
// them for the count was 2 % of the CPU of a lookup; nearly every operation selects a
// field or two.
func withinRootLimit(set ast.SelectionSet, limit int) bool {
	roots, schemas := 0, 0
	for _, s := range set {
		f, ok := s.(*ast.Field)
		if !ok {
			return false // a fragment: collected
		}
		if f.Name != "__typename" {
			roots++
		}
		if f.Name == "__schema" {
			schemas++
		}
	}
	return roots <= limit && schemas <= 1
}

// selectionSize is the depth of the deepest field of a selection set, the number of fields
// it selects, the number of input objects and lists in their arguments and its cost (see
// cost.go), with fragments expanded (the counts saturating at maxFields).
type selectionSize struct{ depth, fields, inputs, items, cost int }

// inputStats is what a walk saw of argument values that does not add up over fragment
// spreads: the deepest nesting, the longest string and an Int out of range.
type inputStats struct {
	depth, longest int
	badInt         string
}

const maxFields = 1 << 40

// selectionWalker measures selection sets, each fragment once: a fragment's size does not
// depend on where it is spread, so the walk is linear in the document.
type selectionWalker struct {
	fragments map[string]selectionSize
	active    map[string]bool // fragments being measured, against cycles
	vars      map[string]any  // the operation's variables, coerced
	input     *inputStats
	intro     *introspectionCost
	schema    *ast.Schema
}

func (w selectionWalker) walk(set ast.SelectionSet) selectionSize {
	var out selectionSize
	add := func(s selectionSize, levels int) {
		out.depth = max(out.depth, s.depth+levels)
		out.fields = min(out.fields+s.fields, maxFields)
		out.inputs = min(out.inputs+s.inputs, maxFields)
		out.items = sat(out.items + s.items)
		out.cost = sat(out.cost + s.cost)
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				// No depth; introspection is counted on the schema.
				out.cost = sat(out.cost + w.intro.root(s))
				continue
			}
			child := w.walk(s.SelectionSet)
			child.fields = min(child.fields+1, maxFields)
			child.cost = w.fieldCost(s, child.cost)
			for _, a := range s.Arguments {
				n := w.value(a.Value, 1)
				child.inputs = sat(child.inputs + n.objects)
				child.items = sat(child.items + n.items)
			}
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

// inputCount is what an argument value holds: input objects and lists, and the values in
// lists of scalars.
type inputCount struct{ objects, items int }

func (c *inputCount) add(o inputCount) {
	c.objects = sat(c.objects + o.objects)
	c.items = sat(c.items + o.items)
}

// value measures an argument value at nesting depth, a variable by its value: it counts the
// input objects and lists in it and the values of its lists, and records its depth, its
// longest string and any Int out of the 32-bit range.
func (w selectionWalker) value(v *ast.Value, depth int) inputCount {
	var n inputCount
	if v == nil {
		return n
	}
	switch v.Kind {
	case ast.Variable:
		return w.goValue(reflect.ValueOf(w.vars[v.Raw]), depth, v.ExpectedType)
	case ast.ListValue, ast.ObjectValue:
		w.input.depth = max(w.input.depth, depth)
		n.objects = 1
		for _, c := range v.Children {
			if v.Kind == ast.ListValue && c.Value.Kind != ast.ListValue && c.Value.Kind != ast.ObjectValue {
				n.items = sat(n.items + 1) // objects and lists count as such
			}
			n.add(w.value(c.Value, depth+1))
		}
	case ast.StringValue, ast.BlockValue:
		w.input.longest = max(w.input.longest, len(v.Raw))
	case ast.IntValue:
		if v.ExpectedType != nil && v.ExpectedType.Name() == "Int" {
			w.checkInt(v.Raw)
		}
	}
	return n
}

// checkInt records raw if it is not a 32-bit integer.
func (w selectionWalker) checkInt(raw string) {
	if _, err := strconv.ParseInt(raw, 10, 32); err != nil && w.input.badInt == "" {
		if len(raw) > 24 {
			raw = raw[:24] + "…"
		}
		w.input.badInt = raw
	}
}

// goValue is value for a variable's value (JSON decoded, then coerced: maps, slices, strings,
// numbers, booleans) of GraphQL type typ (nil: unknown).
func (w selectionWalker) goValue(v reflect.Value, depth int, typ *ast.Type) inputCount {
	var n inputCount
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return n
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		w.input.depth = max(w.input.depth, depth)
		n.objects = 1
		var elem *ast.Type
		if typ != nil {
			elem = typ.Elem
		}
		for i := range v.Len() {
			c := w.goValue(v.Index(i), depth+1, elem)
			if c.objects == 0 { // objects and lists count as such
				n.items = sat(n.items + 1)
			}
			n.add(c)
		}
	case reflect.Map:
		w.input.depth = max(w.input.depth, depth)
		n.objects = 1
		var def *ast.Definition
		if typ != nil && w.schema != nil {
			def = w.schema.Types[typ.Name()]
		}
		for it := v.MapRange(); it.Next(); {
			var ft *ast.Type
			if def != nil {
				if f := def.Fields.ForName(fmt.Sprint(it.Key().Interface())); f != nil {
					ft = f.Type
				}
			}
			n.add(w.goValue(it.Value(), depth+1, ft))
		}
	case reflect.String:
		w.input.longest = max(w.input.longest, v.Len())
		if typ != nil && typ.Elem == nil && typ.Name() == "Int" { // json.Number
			w.checkInt(v.String())
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if typ != nil && typ.Name() == "Int" {
			w.checkInt(strconv.FormatInt(v.Int(), 10))
		}
	case reflect.Float64, reflect.Float32:
		if typ != nil && typ.Name() == "Int" {
			w.checkInt(strconv.FormatFloat(v.Float(), 'f', -1, 64))
		}
	}
	return n
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
