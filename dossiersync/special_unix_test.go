//go:build unix

package dossiersync

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadStateRefusesSpecialFiles: the sync's own state file replaced by a FIFO, or by a
// link to /dev/zero, is refused by name at once; reading it would block or never end.
func TestReadStateRefusesSpecialFiles(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"fifo":      func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"/dev/zero": func(p string) error { return os.Symlink("/dev/zero", p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := create(filepath.Join(dir, StateFile)); err != nil {
				t.Skipf("cannot make a %s here: %v", name, err)
			}
			done := make(chan error, 1)
			go func() { _, err := readState(dir, 28638); done <- err }()
			select {
			case err := <-done:
				if err == nil {
					t.Fatal("a special file was read as the state")
				}
			case <-time.After(10 * time.Second): // a hang, not a speed test
				t.Fatal("reading the state blocked")
			}
		})
	}
}
