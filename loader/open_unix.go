//go:build unix

package loader

import (
	"os"
	"syscall"
)

// openNonBlocking opens a file for reading without blocking on a FIFO that has no writer:
// such a file is refused after the open, not waited for.
func openNonBlocking(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
