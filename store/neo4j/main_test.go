package neo4j

import (
	"os"
	"testing"

	"beleidsgraaf/internal/testlock"
	"beleidsgraaf/internal/testnotice"
)

// TestMain holds the Neo4j lock for the whole package: the conformance tests use the same
// database, and each replaces the graph. Without NEO4J_URI it says, in one line, that the
// Neo4j tests are skipped and how to run them.
func TestMain(m *testing.M) {
	if os.Getenv("NEO4J_URI") == "" {
		testnotice.Print("NEO4J_URI is not set: the Neo4j tests (store/neo4j, and Neo4j in conformance/ and " +
			`TestSIGTERMDrains) are SKIPPED; to run them: eval "$(scripts/neo4j/start.sh)" && go test ./...`)
		os.Exit(m.Run())
	}
	release, err := testlock.Neo4j(os.Getenv("NEO4J_URI"))
	if err != nil {
		panic(err)
	}
	code := m.Run()
	release()
	os.Exit(code)
}
