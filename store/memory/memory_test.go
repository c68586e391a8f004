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
	// Wrappers many deep, up to one that wraps itself: an answer, never a hang.
	var deep store.Reader = s
	for range 16 {
		deep = wrapper{deep}
	}
	if !store.IsInProcess(deep) {
		t.Error("the memory store under 16 wrappers is not in process")
	}
	loop := &selfWrapper{}
	loop.Reader = loop
	if store.IsInProcess(loop) || store.IsInProcess(wrapper{nil}) {
		t.Error("a wrapper of itself, or of nothing, is taken for a store in process")
	}
}

// notInProcess is a reader that hides the memory store's InProcess.
type notInProcess struct{ store.Reader }

// wrapper says what it wraps (store.Wrapper).
type wrapper struct{ store.Reader }

func (w wrapper) Unwrap() store.Reader { return w.Reader }

// selfWrapper is a wrapper that wraps itself.
type selfWrapper struct{ store.Reader }

func (w *selfWrapper) Unwrap() store.Reader { return w }
