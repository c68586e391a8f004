package metrics

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// series is what one request or one store call is counted in: the counter and the duration
// histogram of its labels.
type series struct {
	count    prometheus.Counter
	duration prometheus.Observer
}

// seriesCache keeps the series of every key (a set of labels) seen: finding them by their
// label values, each hashed and checked for UTF-8 on every call, cost more than counting
// the request. Keys must be few, as labels must.
type seriesCache[K comparable] struct {
	m         sync.Map // K → *series
	newSeries func(K) *series
}

// of returns the series of k, made the first time.
func (c *seriesCache[K]) of(k K) *series {
	if s, ok := c.m.Load(k); ok {
		return s.(*series)
	}
	s, _ := c.m.LoadOrStore(k, c.newSeries(k))
	return s.(*series)
}
