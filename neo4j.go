package main

import (
	"context"
	"fmt"
	"log/slog"

	"beleidsgraaf/store"
	"beleidsgraaf/store/neo4j"
)

// openNeo4j opens the Neo4j store. A user without a password means a server without
// authentication (as the CI launcher runs it). Long loads report progress every tenth.
func openNeo4j(ctx context.Context, c neo4jConfig) (store.Store, error) {
	user := c.User
	if c.Password == "" {
		user = ""
	}
	lastTenth := -1
	st, err := neo4j.Open(ctx, neo4j.Config{
		URI:      c.URI,
		User:     user,
		Password: c.Password,
		Database: c.Database,
		Progress: func(done, total int) {
			if total == 0 {
				return
			}
			if tenth := done * 10 / total; tenth != lastTenth {
				lastTenth = tenth
				slog.Info("loading into Neo4j", "done", done, "total", total, "percent", done*100/total)
			}
		},
		Logf: func(format string, args ...any) { slog.Warn(fmt.Sprintf(format, args...)) },
	})
	if err != nil {
		return nil, fmt.Errorf("opening Neo4j at %s: %w", c.URI, err)
	}
	return st, nil
}
