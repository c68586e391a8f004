// Package testnotice prints a line from a test binary that plain `go test ./...` shows.
//
// The go command shows the output of a passing package only with -v: a test binary's own
// stdout and stderr are captured and dropped. A skipped external dependency must not go
// unnoticed, so Print writes to the go command's stderr (the test binary's parent) when the
// parent is the go command and its stderr is a terminal or a pipe, and to the binary's own
// stderr otherwise (a regular file is left alone: writing through a second file
// description would overwrite what the go command writes after). A cached result
// ("ok … (cached)") prints nothing: the binary does not run.
package testnotice

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Print writes msg and a newline where the person running the tests sees it.
func Print(msg string) {
	if f := parentStderr(); f != nil {
		defer f.Close()
		if _, err := fmt.Fprintln(f, msg); err == nil {
			return
		}
	}
	fmt.Fprintln(os.Stderr, msg)
}

// parentStderr opens the stderr of the parent process when the parent is the go command
// and that stderr is not a regular file (Linux; nil elsewhere or when it cannot).
func parentStderr() *os.File {
	ppid := strconv.Itoa(os.Getppid())
	exe, err := os.Readlink("/proc/" + ppid + "/exe")
	if err != nil || filepath.Base(exe) != "go" {
		return nil
	}
	f, err := os.OpenFile("/proc/"+ppid+"/fd/2", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode().IsRegular() {
		f.Close()
		return nil
	}
	return f
}
