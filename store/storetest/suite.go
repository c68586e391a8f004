// Package storetest is the conformance suite of store.Store: every implementation runs it
// unchanged and must pass it. Expected answers are written out by hand for the fixture
// graph (fixture.go), never recomputed with the code under test, so the suite pins the
// contract of package store rather than whatever an implementation happens to do.
package storetest

import (
	"context"
	"testing"

	"beleidsgraaf/store"
)

// Run runs the suite. newStore returns a store to test; it may be called several times,
// and the stores it returns may share one backing database, because subtests run one
// after another and every subtest that writes starts by loading the graph it needs. The
// suite may Close a store; Close must then be safe to call again (for instance from
// t.Cleanup).
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	s := newStore(t)
	if err := s.Replace(context.Background(), Fixture()); err != nil {
		t.Fatalf("Replace(Fixture()): %v", err)
	}
	// Reads first, on the fixture as loaded once.
	t.Run("Nodes", func(t *testing.T) { testNodes(t, s) })
	t.Run("Lookup", func(t *testing.T) { testLookup(t, s) })
	t.Run("List/Filter", func(t *testing.T) { testListFilter(t, s) })
	t.Run("List/Order", func(t *testing.T) { testListOrder(t, s) })
	t.Run("List/Paging", func(t *testing.T) { testListPaging(t, s) })
	t.Run("List/BadCursor", func(t *testing.T) { testBadCursor(t, s) })
	t.Run("InvalidQuery", func(t *testing.T) { testInvalidQuery(t, s) })
	t.Run("Neighbours", func(t *testing.T) { testNeighbours(t, s) })
	t.Run("Neighbours/Paging", func(t *testing.T) { testNeighbourPaging(t, s) })
	t.Run("List/BothWays", func(t *testing.T) { testListBothWays(t, s) })
	t.Run("Neighbours/BothWays", func(t *testing.T) { testNeighboursBothWays(t, s) })
	t.Run("CountNeighbours", func(t *testing.T) { testCountNeighbours(t, s) })
	t.Run("Search", func(t *testing.T) { testSearch(t, s) })
	t.Run("Subgraph", func(t *testing.T) { testSubgraph(t, s) })
	t.Run("ShortestPath", func(t *testing.T) { testShortestPath(t, s) })
	t.Run("Stats", func(t *testing.T) { testStats(t, s) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, s) })
	// Then writes.
	t.Run("Replace/Idempotent", func(t *testing.T) { testReplaceIdempotent(t, newStore(t)) })
	t.Run("Replace/Invalid", func(t *testing.T) { testReplaceInvalid(t, newStore(t)) })
	t.Run("Replace/Swap", func(t *testing.T) { testReplaceSwap(t, newStore(t)) })
	t.Run("Replace/Copies", func(t *testing.T) { testReplaceCopies(t, newStore(t)) })
	t.Run("Replace/Concurrent", func(t *testing.T) { testReplaceConcurrent(t, newStore(t)) })
	t.Run("Close", func(t *testing.T) { testClose(t, newStore(t)) })
}
