// Package testlock serialises test packages that share one external resource. `go test
// ./...` runs packages in parallel, and the Neo4j store tests and the conformance tests
// each replace the graph of the one database Neo4j Community offers; a lock file held for
// the whole package keeps them from replacing each other's graph mid-test.
package testlock

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Neo4j takes the lock of the Neo4j at uri (NEO4J_URI): one lock per URI, so checkouts
// testing against different Neo4j servers do not wait for each other. The lock file is
// $TMPDIR/beleidsgraaf-neo4j-<hash of the URI>.lock; two spellings of one server
// (localhost and 127.0.0.1) are two locks.
func Neo4j(uri string) (release func(), err error) {
	sum := sha256.Sum256([]byte(uri))
	return Acquire("neo4j-" + hex.EncodeToString(sum[:6]))
}

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
