package neo4j

import (
	"os"
	"testing"

	"beleidsgraaf/internal/testlock"
)

// TestMain holds the Neo4j lock for the whole package: the conformance tests use the same
// database, and each replaces the graph.
func TestMain(m *testing.M) {
	if os.Getenv("NEO4J_URI") == "" {
		os.Exit(m.Run())
	}
	release, err := testlock.Acquire("neo4j")
	if err != nil {
		panic(err)
	}
	code := m.Run()
	release()
	os.Exit(code)
}
