package main

import (
	"context"
	"log/slog"
	"time"

	"beleidsgraaf/kg"
	"beleidsgraaf/metrics"
	"beleidsgraaf/store"
)

// The wiring of package metrics into the commands, kept out of server.go.

// observeLoad records a load of documents (metrics.ObserveLoad): the documents are the
// loaded files, i.e. the Document nodes with a source file.
func observeLoad(d time.Duration, g *kg.Graph, errs []error) {
	metrics.ObserveLoad(d, loadedDocuments(g), len(errs), nil)
}

// setGraphSizeMetrics sets the graph size gauges from the store, at start.
func setGraphSizeMetrics(ctx context.Context, st store.Reader) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := metrics.RefreshGraphSize(ctx, st); err != nil {
		slog.Warn("counting the graph for the metrics", "err", err)
	}
}
