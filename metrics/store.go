package metrics

import (
	"errors"
	"sync/atomic"
	"time"

	"beleidsgraaf/store"
)

// Instrument wraps a store so that every call is counted and timed (store_calls_total,
// store_call_duration_seconds) and tells store_up whether the store answered.
func Instrument(st store.Reader) store.Reader {
	if _, ok := st.(instrumented); ok {
		return st
	}
	return instrumented{store.Observe(st, func(method string) func(error) {
		start := time.Now()
		return func(err error) { observe(method, start, err) }
	})}
}

// instrumented marks a reader that is already instrumented, so wrapping twice is harmless.
type instrumented struct{ store.Reader }

// Unwrap implements store.Wrapper: an instrumented reader computes where the reader it
// wraps does (store.IsInProcess).
func (i instrumented) Unwrap() store.Reader { return i.Reader }

// upAt is when a store call last told whether the store is up (Unix nanoseconds).
var upAt atomic.Int64

func lastUp() time.Time { return time.Unix(0, upAt.Load()) }

func observe(method string, start time.Time, err error) {
	byLabels := storeSeries.of(storeSeriesKey{method, outcome(err)})
	byLabels.duration.Observe(time.Since(start).Seconds())
	byLabels.count.Inc()
	switch {
	case err == nil:
		storeUp.Set(1)
	case errors.Is(err, store.ErrUnavailable), method == "Ping":
		storeUp.Set(0) // a ping that does not answer within its deadline counts as down
	default: // a bad query or a caller's deadline says nothing about the store
		return
	}
	upAt.Store(time.Now().UnixNano())
}

// storeSeriesKey is the labels of a store call's series: method and outcome, a few each.
type storeSeriesKey struct{ method, outcome string }

var storeSeries = seriesCache[storeSeriesKey]{newSeries: func(k storeSeriesKey) *series {
	return &series{count: storeCalls.WithLabelValues(k.method, k.outcome), duration: storeDuration.WithLabelValues(k.method)}
}}
