package graph

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of operations stopped while they run.
const (
	// CodeResponseTooLarge: the answer would have more bytes than Options.MaxResponseBytes.
	CodeResponseTooLarge = "RESPONSE_TOO_LARGE"
)

// errTimeout and errTooLarge are the causes with which a running operation is stopped.
var (
	errTimeout  = errors.New("request timed out")
	errTooLarge = errors.New("response too large")
	errTooDear  = errors.New("complexity limit exceeded while running")
)

// guard watches one operation while it runs: every field checks, before it resolves, that
// the operation may still go on (its deadline has not passed, its answer is not too large),
// and adds an estimate of what it puts into the answer once it has. Past the deadline or
// the byte limit the guard cancels the operation's context, so the fields still to run
// stop at once (a field that fails does not run its selection), and the transport answers
// with one error instead of the data: never a cut-off or partial answer.
type guard struct {
	maxBytes int64 // 0: no limit
	bytes    atomic.Int64
	maxCost  int64 // the complexity limit, set by Limits; 0: no limit
	cost     atomic.Int64
	// stop is the operation's context where it is cancelled: done once the operation is
	// stopped (nil: ask the field's own context). stopNow cancels it.
	stop    context.Context
	stopNow context.CancelFunc
	// limit is the limit the guard stopped the operation for (errTooLarge, errTooDear), nil
	// if it did not: the context's cause is its deadline's or its parent's. One context
	// with a deadline and a cancel, and the cause kept here, cost a request one context
	// less than a context with a deadline under one cancelled with a cause.
	limit atomic.Pointer[error]
}

type guardKey struct{}

// The guard also counts the cost of the answer as it grows, as the cost model counts it
// before the operation runs (1 per field, and a string's bytes / costUnit): lists that the
// model can only estimate (mentions, evidence) cannot take an operation past the limit.

// withGuard returns ctx with a guard and the guard's cancellation, and a deadline of timeout
// from now when timeout > 0.
func withGuard(ctx context.Context, timeout time.Duration, maxBytes int64) (context.Context, *guard, context.CancelFunc) {
	var cancel context.CancelFunc
	if timeout > 0 {
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, errTimeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	g := &guard{maxBytes: maxBytes, stop: ctx, stopNow: cancel}
	return context.WithValue(ctx, guardKey{}, g), g, cancel
}

// cancel stops the operation for a limit it passed (errTooLarge, errTooDear), unless it
// was stopped already.
func (g *guard) cancel(limit error) {
	if g.stop == nil || g.stop.Err() == nil {
		g.limit.CompareAndSwap(nil, &limit)
	}
	if g.stopNow != nil {
		g.stopNow()
	}
}

// cause is why the operation of ctx, a context under the guard's, was stopped: the limit
// it passed, or its context's cause (its deadline, the client leaving).
func (g *guard) cause(ctx context.Context) error {
	if limit := g.limit.Load(); limit != nil {
		return *limit
	}
	return context.Cause(ctx)
}

func guardOf(ctx context.Context) *guard {
	g, _ := ctx.Value(guardKey{}).(*guard)
	return g
}

// stopErr is the error an operation stopped by ctx gets, nil if ctx is not done.
func stopErr(ctx context.Context) *gqlerror.Error {
	if ctx.Err() == nil {
		return nil
	}
	g := guardOf(ctx)
	cause := context.Cause(ctx)
	if g != nil { // a limit it passed comes only from a guard
		cause = g.cause(ctx)
	}
	switch {
	case errors.Is(cause, errTooLarge):
		err := gqlerror.Errorf("the answer would exceed the limit of %d bytes: ask for fewer items or fields, or page", g.maxBytes)
		setCode(err, CodeResponseTooLarge)
		return err
	case errors.Is(cause, errTooDear):
		err := gqlerror.Errorf("operation has complexity over %d once run, which exceeds the limit of %d: ask for fewer items or fields", g.maxCost, g.maxCost)
		setCode(err, CodeComplexityLimit)
		return err
	case errors.Is(cause, context.Canceled):
		err := gqlerror.Errorf("request cancelled")
		setCode(err, CodeTimeout)
		return err
	default: // errTimeout, or a deadline set by the caller
		err := gqlerror.Errorf("request timed out")
		setCode(err, CodeTimeout)
		return err
	}
}

// answerBuffer is the buffer an operation's answer is written into: as large as the bytes
// the guard counted (an estimate a little over the answer's size), so that it is not
// grown, and copied, from 64 bytes up. Without a guard or a byte limit nothing is counted.
func answerBuffer(g *guard) []byte {
	if g == nil || g.maxBytes == 0 {
		return nil
	}
	return answerData(min(g.bytes.Load(), g.maxBytes) + answerSlack)
}

// answerSlack is room for what the guard does not count: the braces of the answer itself.
const answerSlack = 64

// field is the field middleware: it refuses to resolve a field once the operation is
// stopped, and counts the bytes each field adds to the answer.
// fc is the field's context (nil: none).
func (g *guard) field(ctx context.Context, fc *graphql.FieldContext, next graphql.Resolver) (any, error) {
	if err := g.stopped(ctx); err != nil {
		return nil, err
	}
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	alias := ""
	if fc != nil {
		alias = fc.Field.Alias
	}
	if err := g.count(alias, resultSize(res)); err != nil {
		return nil, err
	}
	return res, nil
}

// plain does what field does, for a plain field (plain.go) whose value is at hand: size is
// the value's resultSize.
func (g *guard) plain(ctx context.Context, alias string, size int64) error {
	if err := g.stopped(ctx); err != nil {
		return err
	}
	return g.count(alias, size)
}

// stopped is why the operation of ctx, a field's context, was stopped; nil while it may go
// on. A field of a stopped operation does not run. It is asked at every field (some 1 800
// in a neighbourhood): the operation's context where it is cancelled answers in one step
// what the field's context answers by asking its way up through a dozen contexts. Nothing
// below the guard cancels a context of its own.
func (g *guard) stopped(ctx context.Context) error {
	done := g.stop
	if done == nil {
		done = ctx
	}
	if done.Err() != nil {
		return g.cause(ctx)
	}
	return nil
}

// count adds a field (its alias, "": none) of a value of the given size to the answer's
// bytes and cost, and stops the operation when either passes its limit.
func (g *guard) count(alias string, size int64) error {
	var t fieldsTally
	t.add(alias, size)
	return g.countTally(t)
}

// countTally adds what some fields add (fieldsTally) to the answer's bytes and cost, and
// stops the operation when either passes its limit.
func (g *guard) countTally(t fieldsTally) error {
	if g.maxBytes > 0 && g.bytes.Add(t.bytes) > g.maxBytes {
		g.cancel(errTooLarge)
		return errTooLarge
	}
	if g.maxCost > 0 && g.cost.Add(t.cost) > g.maxCost {
		g.cancel(errTooDear)
		return errTooDear
	}
	return nil
}

// refund takes back what an eager object that was dropped passed (answerArena.pass): it is
// made field by field, and counted so, instead. Its fields were counted in their order up to
// where it was dropped, so that the count never passed what it is once they are counted
// again: a limit stops the operation, or not, as if they had been counted once.
func (g *guard) refund(t fieldsTally) {
	if g == nil {
		return
	}
	if g.maxBytes > 0 && t.bytes != 0 { // as countTally counts
		g.bytes.Add(-t.bytes)
	}
	if g.maxCost > 0 && t.cost != 0 {
		g.cost.Add(-t.cost)
	}
}

// fieldsTally is what some fields add to the answer: bytes and cost, as count adds them
// field by field. An eager object (eager.go) tallies its fields and passes the guard once
// (passTally): the guard's two atomic adds a field were a twentieth of a served
// neighbourhood's CPU, each waiting for the stores before it. The limits are then checked
// an object at a time, or before a field that takes the tally past maxTallyBytes is
// written; the answer's exact size is checked again once it is made.
type fieldsTally struct{ bytes, cost int64 }

// maxTallyBytes is how many bytes an eager object's fields tally before the guard is asked
// before the next is written, not once the object is: sixteen aliases of a letter's text
// would otherwise be written into the arena past the answer's limit before it is checked.
const maxTallyBytes = 4 << 10

// due reports whether the tally is to be passed to the guard before its last field is
// written.
func (t *fieldsTally) due() bool { return t.bytes > maxTallyBytes }

// take returns the tally and starts it again.
func (t *fieldsTally) take() fieldsTally {
	v := *t
	*t = fieldsTally{}
	return v
}

func (t *fieldsTally) add(alias string, size int64) {
	t.bytes += 8 + int64(len(alias)) + size // "key":value, punctuation
	t.cost += 1 + size/costUnit
}

// resultSize estimates the bytes a resolved value adds to the answer on its own, its
// selections not counted (they are fields of their own): the length of a string, a few
// bytes per list item, a few for anything else.
// textSize is resultSize of a text or null, without the box: a *string passed as any is
// moved to the heap, an allocation for every nullable text an eager answer writes.
func textSize(v *string) int64 {
	if v == nil {
		return 4
	}
	return int64(len(*v)) + 2
}

// textsSize is resultSize of a list of texts, without the box.
func textsSize(v []string) int64 {
	n := int64(2)
	for _, s := range v {
		n += int64(len(s)) + 3
	}
	return n
}

func resultSize(res any) int64 {
	switch v := res.(type) {
	case nil:
		return 4
	case string:
		return int64(len(v)) + 2
	case *string:
		return textSize(v)
	case []string:
		return textsSize(v)
	}
	if rv := reflect.ValueOf(res); rv.Kind() == reflect.Slice {
		return 2 + 3*int64(rv.Len())
	}
	return 8
}

// runGuarded runs a response handler on a worker (workers.go) and returns its answer, or,
// once ctx is done (the deadline passed, the answer grew too large, the client left), at
// once the one error that says why; the handler's goroutine then finishes quickly, every
// field failing, and its answer is dropped. An answer of more than maxBytes bytes (the estimate while running can
// be short of it) is replaced by the same RESPONSE_TOO_LARGE error. stopped says the answer
// is such an error, to be sent without a data entry.
func runGuarded(ctx context.Context, responses graphql.ResponseHandler, recoverFunc func(context.Context, any) error, release func()) (_ *graphql.Response, stopped bool) {
	done := make(chan *graphql.Response, 1)
	operationWorkers.run(ctx, func() {
		defer release()
		defer func() {
			if p := recover(); p != nil {
				_ = recoverFunc(ctx, p)
				done <- &graphql.Response{Errors: gqlerror.List{{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}}}}
			}
		}()
		done <- responses(ctx)
	})
	var resp *graphql.Response
	select {
	case resp = <-done:
	case <-ctx.Done():
	}
	if err := stopErr(ctx); err != nil {
		return &graphql.Response{Errors: gqlerror.List{err}}, true
	}
	if g := guardOf(ctx); g != nil && g.maxBytes > 0 && resp != nil && int64(len(resp.Data)) > g.maxBytes {
		g.cancel(errTooLarge)
		return &graphql.Response{Errors: gqlerror.List{stopErr(ctx)}}, true
	}
	if resp == nil { // gqlgen's end of stream: the context ended before execution began
		err := gqlerror.Errorf("request timed out")
		setCode(err, CodeTimeout)
		return &graphql.Response{Errors: gqlerror.List{err}}, true
	}
	return resp, false
}

// guardedSchema makes an operation stopped by its guard answer with its one error right
// where it is executed, below every response interceptor: the metrics and the access log
// count that error, not the hundreds of fields it stopped.
type guardedSchema struct{ graphql.ExecutableSchema }

// Exec implements graphql.ExecutableSchema.
func (s guardedSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	next := s.ExecutableSchema.Exec(ctx)
	return func(ctx context.Context) *graphql.Response {
		// The fields' errors go to a response context of their own, handed on only if the
		// operation was not stopped (the executor adds those of ctx to the answer).
		inner := graphql.WithFreshResponseContext(ctx)
		resp := next(inner)
		g := guardOf(ctx)
		if err := stopErr(ctx); err != nil && g != nil {
			return &graphql.Response{Errors: gqlerror.List{err}}
		}
		if g != nil && g.maxBytes > 0 && resp != nil && int64(len(resp.Data)) > g.maxBytes {
			g.cancel(errTooLarge)
			return &graphql.Response{Errors: gqlerror.List{stopErr(ctx)}}
		}
		if resp != nil {
			resp.Errors = append(resp.Errors, graphql.GetErrors(inner)...)
			for k, v := range graphql.GetExtensions(inner) {
				graphql.RegisterExtension(ctx, k, v)
			}
		}
		return resp
	}
}

// stoppedStatus is the HTTP status of an answer that is one error of an operation stopped
// while it ran, for application/graphql-response+json (application/json answers are 200).
func stoppedStatus(resp *graphql.Response) int {
	if resp.Data != nil || len(resp.Errors) != 1 {
		return http.StatusOK
	}
	switch resp.Errors[0].Extensions["code"] {
	case CodeTimeout:
		return http.StatusGatewayTimeout
	case CodeResponseTooLarge, CodeComplexityLimit:
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// inFlight bounds the GraphQL requests being served at once — read, decoded, validated and
// executed — so that a few heavy requests cannot together exhaust memory: past the bound a
// request waits for a slot, with at most 16 × slots others waiting, and is refused (503,
// Retry-After) beyond that or when its wait ends first. A slot is held until the
// operation's execution has ended, also when the client was answered TIMEOUT before (a store
// call that does not heed its context).
//
// The wait is bounded by the request's own time limit (its context: --timeout counts from
// arrival, queue included), not by a fixed second: a burst of slow operations (64 clients
// on a store whose searches take 0.5 s) would otherwise be turned away although each would
// be answered within its limit, while a waiter costs only its goroutine (the body is read
// after the slot is taken). What protects memory is the number of slots and of waiters, and
// what protects clients is the limit, both unchanged. Without a deadline the wait is at
// most maxWaitNoDeadline.
type inFlight struct {
	slots      chan struct{}
	waiting    atomic.Int64
	maxWaiting int64
}

// maxWaitNoDeadline bounds the wait of a request without a time limit (--timeout 0).
const maxWaitNoDeadline = time.Second

func newInFlight(n int) *inFlight {
	if n <= 0 {
		return nil
	}
	return &inFlight{slots: make(chan struct{}, n), maxWaiting: 16 * int64(n)}
}

func (l *inFlight) acquire(ctx context.Context) bool {
	if l == nil {
		return true
	}
	select {
	case l.slots <- struct{}{}:
		return true
	default:
	}
	if l.waiting.Add(1) > l.maxWaiting {
		l.waiting.Add(-1)
		return false
	}
	defer l.waiting.Add(-1)
	var expired <-chan time.Time // nil: wait for ctx alone
	if _, ok := ctx.Deadline(); !ok {
		t := time.NewTimer(maxWaitNoDeadline)
		defer t.Stop()
		expired = t.C
	}
	select {
	case l.slots <- struct{}{}:
		return true
	case <-expired:
	case <-ctx.Done():
	}
	return false
}

func (l *inFlight) release() {
	if l != nil {
		<-l.slots
	}
}
