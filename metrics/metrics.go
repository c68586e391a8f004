// Package metrics is the server's observability: Prometheus metrics (served at /metrics by
// Handler) and the access log. It is wired in three places: HTTP wraps the HTTP handler
// (one access log line and the request metrics per request), GraphQL is a gqlgen extension
// that tells HTTP the operation's name and type and counts GraphQL errors by code, and
// Instrument wraps the store (call counts and durations per method, store up/down).
//
// Metric names start with beleidsgraaf_; the Go runtime and process collectors
// (go_*, process_*: memory, CPU, file descriptors) are registered too. Labels hold only
// values from fixed sets (routes, methods, status codes, operation types, error codes, store
// methods, labels and relation types): never operation names, IDs or anything else a client
// chooses, so that the number of series stays bounded.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

const namespace = "beleidsgraaf"

// Registry holds every metric of this package, the Go runtime's and the process's.
var Registry = prometheus.NewRegistry()

// latencyBuckets cover a cached lookup (1 ms) to the request time limit (15 s by default).
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15, 30}

var (
	httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "http_requests_total",
		Help: "HTTP requests answered, by route, method, status code and GraphQL operation type (none for other routes).",
	}, []string{"route", "method", "code", "operation"})
	httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route and GraphQL operation type.",
		Buckets: latencyBuckets,
	}, []string{"route", "operation"})
	httpInFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "http_requests_in_flight",
		Help: "HTTP requests being answered.",
	})
	graphqlErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "graphql_errors_total",
		Help: "GraphQL errors in responses, by extensions.code (BAD_USER_INPUT, STORE_UNAVAILABLE, TIMEOUT, GRAPHQL_VALIDATION_FAILED, ...).",
	}, []string{"code"})
	storeCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "store_calls_total",
		Help: "Store calls, by method and outcome (ok, unavailable, timeout, invalid, error).",
	}, []string{"method", "outcome"})
	storeDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "store_call_duration_seconds",
		Help:    "Duration of store calls, by method.",
		Buckets: latencyBuckets,
	}, []string{"method"})
	storeUp = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "store_up",
		Help: "1 when the last store call or ping reached the store, 0 when it found the store unavailable.",
	})
	graphNodes = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "graph_nodes",
		Help: "Nodes in the served graph, by label.",
	}, []string{"label"})
	graphEdges = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "graph_edges",
		Help: "Edges in the served graph, by relation type.",
	}, []string{"type"})
	loadRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "load_runs_total",
		Help: "Loads of documents into a graph, by outcome (ok; partial: some documents failed; failed).",
	}, []string{"outcome"})
	loadDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Namespace: namespace, Name: "load_duration_seconds",
		Help:    "Duration of loads.",
		Buckets: prometheus.ExponentialBuckets(0.1, 2, 12), // 0.1 s to 3.4 min
	})
	loadDocuments = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "load_documents_total",
		Help: "Documents loaded, over all loads.",
	})
	loadFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "load_document_failures_total",
		Help: "Documents that could not be loaded, over all loads.",
	})
	loadLast = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "load_last_timestamp_seconds",
		Help: "When the last load finished (Unix time).",
	})
)

func init() {
	Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		httpRequests, httpDuration, httpInFlight, graphqlErrors,
		storeCalls, storeDuration, storeUp,
		graphNodes, graphEdges,
		loadRuns, loadDuration, loadDocuments, loadFailures, loadLast,
	)
	for _, l := range kg.Labels {
		graphNodes.WithLabelValues(string(l))
	}
	for _, t := range kg.RelTypes {
		graphEdges.WithLabelValues(string(t))
	}
	for _, o := range []string{"ok", "partial", "failed"} {
		loadRuns.WithLabelValues(o)
	}
}

// SetGraphSize sets the graph size gauges; called at start and after every load.
func SetGraphSize(s store.Stats) {
	sizeMu.Lock()
	defer sizeMu.Unlock()
	setGraphSize(s)
}

func setGraphSize(s store.Stats) {
	for l, n := range s.Nodes {
		graphNodes.WithLabelValues(string(l)).Set(float64(n))
	}
	for t, n := range s.Edges {
		graphEdges.WithLabelValues(string(t)).Set(float64(n))
	}
	sizeAt = time.Now()
}

// RefreshGraphSize sets the graph size gauges from the store. A failure leaves them as they
// were.
func RefreshGraphSize(ctx context.Context, st store.Reader) error {
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	SetGraphSize(s)
	return nil
}

// ObserveLoad records one load: its duration, the documents it loaded and those it could
// not, and err, the failure of the load as a whole (nil when the graph was stored).
func ObserveLoad(d time.Duration, documents, failures int, err error) {
	outcome := "ok"
	switch {
	case err != nil:
		outcome = "failed"
	case failures > 0:
		outcome = "partial"
	}
	loadRuns.WithLabelValues(outcome).Inc()
	loadDuration.Observe(d.Seconds())
	loadDocuments.Add(float64(documents))
	loadFailures.Add(float64(failures))
	loadLast.SetToCurrentTime()
}

var (
	sizeMu sync.Mutex
	sizeAt time.Time // when the graph size gauges were last set
)

// Staleness after which a scrape of Handler refreshes a gauge from the store first.
const (
	upStale   = 10 * time.Second
	sizeStale = time.Minute
)

// Handler serves the metrics in the Prometheus text format. Before answering it pings st if
// no store call has told whether the store is up for a while, and refreshes the graph size
// if it is older than a minute (a load by another process, into Neo4j, shows so), each
// within a second or two.
func Handler(st store.Reader) http.Handler {
	prom := promhttp.HandlerFor(Registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if time.Since(lastUp()) > upStale {
			ctx, cancel := context.WithTimeout(r.Context(), time.Second)
			_ = st.Ping(ctx) // through Instrument: sets store_up
			cancel()
		}
		sizeMu.Lock()
		stale := time.Since(sizeAt) > sizeStale
		sizeMu.Unlock()
		if stale {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			_ = RefreshGraphSize(ctx, st)
			cancel()
		}
		prom.ServeHTTP(w, r)
	})
}

// outcome classifies a store call's error for store_calls_total.
func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, store.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return "timeout"
	case errors.Is(err, store.ErrInvalidQuery), errors.Is(err, store.ErrBadCursor):
		return "invalid"
	}
	return "error"
}
