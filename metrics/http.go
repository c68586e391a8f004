package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// request is what the GraphQL layer tells HTTP about a request, for its log line and
// metrics.
type request struct {
	mu        sync.Mutex
	operation string // the operation's name, "" for an anonymous one
	opType    string // query, mutation, subscription; "" before the document parsed
	errors    int
	codes     []string // distinct error codes, in order of appearance
}

type requestKey struct{}

func requestOf(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// HTTP wraps the server's handler: it writes one access log line per request (method,
// path, status, duration, bytes, and for GraphQL the operation's name and type and the
// error codes; never the query string, the body or the variables) and counts and times the
// request (http_requests_total, http_request_duration_seconds, http_requests_in_flight).
// The route label is the pattern of the http.ServeMux route that answered, so next must be
// (or wrap, passing the request on) a ServeMux.
func HTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &request{}
		r = r.WithContext(context.WithValue(r.Context(), requestKey{}, info))
		sw := &statusWriter{ResponseWriter: w}
		httpInFlight.Inc()
		defer func() {
			httpInFlight.Dec()
			d := time.Since(start)
			status := sw.status
			if status == 0 {
				status = http.StatusOK // nothing written: net/http answers 200
			}
			info.mu.Lock()
			opType, op, nerr, codes := info.opType, info.operation, info.errors, strings.Join(info.codes, ",")
			info.mu.Unlock()
			route := routeOf(r.Pattern)
			opLabel := opType
			if opLabel == "" {
				opLabel = "none"
			}
			byLabels := httpSeries.of(httpSeriesKey{route, methodOf(r.Method), status, opLabel})
			byLabels.count.Inc()
			byLabels.duration.Observe(d.Seconds())

			// The line goes to the default logger's handler as slog.LogAttrs would send it,
			// without the caller's program counter: it would name this function every time, and
			// finding it was a tenth of the line's cost.
			ctx, h := r.Context(), slog.Default().Handler()
			if !h.Enabled(ctx, slog.LevelInfo) {
				return
			}
			rec := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
			rec.AddAttrs(
				slog.String("method", r.Method),
				slog.String("path", clip(r.URL.Path, 200)),
				slog.Int("status", status),
				slog.Float64("duration_ms", float64(d.Microseconds())/1000),
				slog.Int64("bytes", sw.bytes),
			)
			if opType != "" || op != "" {
				rec.AddAttrs(slog.String("operation", clip(op, 100)), slog.String("operation_type", opType))
			}
			if nerr > 0 {
				rec.AddAttrs(slog.Int("graphql_errors", nerr), slog.String("error_codes", codes))
			}
			_ = h.Handle(ctx, rec)
		}()
		next.ServeHTTP(sw, r)
	})
}

// httpSeriesKey is the labels of a request's series: route, method, status, operation type.
// They are few: routes are the mux's patterns, methods and operation types a few each,
// statuses what the handlers write.
type httpSeriesKey struct {
	route, method string
	status        int
	op            string
}

var httpSeries = seriesCache[httpSeriesKey]{newSeries: func(k httpSeriesKey) *series {
	return &series{
		count:    httpRequests.WithLabelValues(k.route, k.method, strconv.Itoa(k.status), k.op),
		duration: httpDuration.WithLabelValues(k.route, k.op),
	}
}}

// routeOf is the route label: a ServeMux pattern without its method ("GET /healthz" →
// "/healthz"), "other" when no route matched.
func routeOf(pattern string) string {
	if _, path, ok := strings.Cut(pattern, " "); ok {
		pattern = path
	}
	if pattern == "" {
		return "other"
	}
	return pattern
}

func methodOf(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodHead, http.MethodOptions, http.MethodPut,
		http.MethodDelete, http.MethodPatch:
		return m
	}
	return "other"
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// statusWriter remembers the status and counts the bytes of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer (flush, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush implements http.Flusher when the connection's writer does.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// GraphQL is a gqlgen handler extension that reports each operation to HTTP (name and type
// for the access log, type for the request metrics) and counts the errors of every
// response, refused requests included, by their extensions.code (graphql_errors_total).
type GraphQL struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = GraphQL{}

// ExtensionName implements graphql.HandlerExtension.
func (GraphQL) ExtensionName() string { return "Metrics" }

// Validate implements graphql.HandlerExtension.
func (GraphQL) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (GraphQL) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	info := requestOf(ctx)
	if info == nil {
		info = &request{} // not behind HTTP (tests): count the errors all the same
	}
	info.mu.Lock()
	defer info.mu.Unlock()
	if graphql.HasOperationContext(ctx) {
		opCtx := graphql.GetOperationContext(ctx)
		info.operation = opCtx.OperationName
		if op := opCtx.Operation; op != nil {
			info.opType = string(op.Operation)
			if info.operation == "" {
				info.operation = op.Name
			}
		}
	}
	if resp == nil {
		return resp
	}
	for _, e := range resp.Errors {
		code, _ := e.Extensions["code"].(string)
		if !errorCode.MatchString(code) {
			code = "OTHER"
		}
		graphqlErrors.WithLabelValues(code).Inc()
		info.errors++
		if len(info.codes) < 8 && !slices.Contains(info.codes, code) {
			info.codes = append(info.codes, code)
		}
	}
	return resp
}

// errorCode is what an error code label may be; others are counted as OTHER.
var errorCode = regexp.MustCompile(`^[A-Z][A-Z_]{0,39}$`)
