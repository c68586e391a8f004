package memory_test

import (
	"testing"

	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s := memory.New()
		t.Cleanup(func() { _ = s.Close(t.Context()) })
		return s
	})
}

// TestInProcess: the loaders run the memory store's calls on the goroutine that sends them,
// observed (metrics) or not; a reader that does not say so is not taken for one.
func TestInProcess(t *testing.T) {
	s := memory.New()
	observed := store.Observe(s, func(string) func(error) { return nil })
	if !store.IsInProcess(s) || !store.IsInProcess(observed) {
		t.Error("the memory store, observed or not, is not in process")
	}
	if store.IsInProcess(store.Observe(notInProcess{s}, func(string) func(error) { return nil })) {
		t.Error("a reader that does not say it is in process is taken for one")
	}
}

// notInProcess is a reader that hides the memory store's InProcess.
type notInProcess struct{ store.Reader }
