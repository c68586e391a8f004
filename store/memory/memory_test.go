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
