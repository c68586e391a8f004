//go:build unix

package loader

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesAreRefused puts a FIFO, a symlink to /dev/zero and one to /dev/urandom
// beside a letter: each is refused by name, none blocks or reads without end, and the
// letter loads.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for name, target := range map[string]string{"zero.txt": "/dev/zero", "random.md": "/dev/urandom", "dir.txt": dir} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Onderwerp Klein\n\nCoMensha werkt samen met Fier.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		nodes int
		errs  []error
	}
	done := make(chan result, 1)
	go func() {
		g, errs := LoadPaths(dir)
		done <- result{len(g.Nodes), errs}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the load did not finish: a special file blocked it")
	}
	got := map[string]string{}
	for _, err := range Failures(r.errs) {
		name, msg, _ := strings.Cut(err.Error(), ": ")
		got[name] = msg
	}
	want := map[string]string{"fifo.txt": "named pipe", "zero.txt": "character device", "random.md": "character device", "dir.txt": "directory"}
	for name, kind := range want {
		if !strings.Contains(got[name], "not a regular file") || !strings.Contains(got[name], kind) {
			t.Errorf("%s: error %q, want not a regular file (%s)", name, got[name], kind)
		}
	}
	if len(got) != len(want) {
		t.Errorf("errors %v, want exactly %d", got, len(want))
	}
	if r.nodes < 3 {
		t.Errorf("ok.txt did not load beside them: %d nodes", r.nodes)
	}
}
