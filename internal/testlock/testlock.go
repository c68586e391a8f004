// Package testlock serialises test packages that share one external resource. `go test
// ./...` runs packages in parallel, and the Neo4j store tests and the conformance tests
// each replace the graph of the one database Neo4j Community offers; a lock file held for
// the whole package keeps them from replacing each other's graph mid-test.
package testlock

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Acquire blocks until this process holds the named lock, and returns its release.
func Acquire(name string) (release func(), err error) {
	path := filepath.Join(os.TempDir(), "beleidsgraaf-"+name+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
