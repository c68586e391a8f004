package testlock

import (
	"testing"
	"time"
)

// One lock per Neo4j URI: another URI does not wait, the same URI does.
func TestNeo4jLockIsPerURI(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	release, err := Neo4j("bolt://127.0.0.1:7687")
	if err != nil {
		t.Fatal(err)
	}
	other, err := Neo4j("bolt://127.0.0.1:7688") // would block forever if shared
	if err != nil {
		t.Fatal(err)
	}
	other()

	got := make(chan func(), 1)
	go func() {
		r, err := Neo4j("bolt://127.0.0.1:7687")
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	select {
	case r := <-got:
		r()
		t.Fatal("the same URI's lock was taken twice")
	case <-time.After(100 * time.Millisecond):
	}
	release()
	select {
	case r := <-got:
		r()
	case <-time.After(5 * time.Second):
		t.Fatal("the lock was not handed on after its release")
	}
}
