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

// TestSpecialFilesAreRefused puts a FIFO, symlinks to /dev/zero, /dev/urandom and a
// directory, a sparse 100 MB file, a symlink to that file and an XML entity bomb beside a
// letter, all in one directory as an attacker would: each is refused or read harmlessly, by
// name, none blocks or reads without end, and the letter loads.
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
	huge, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	huge.Close()
	if err := os.Symlink(filepath.Join(dir, "huge.txt"), filepath.Join(dir, "link-to-huge.html")); err != nil {
		t.Fatal(err)
	}
	bomb := `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
		`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><officiele-publicatie><al>De VNG &d;&d;&d;</al></officiele-publicatie>`
	if err := os.WriteFile(filepath.Join(dir, "bomb.xml"), []byte(bomb), 0o644); err != nil {
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
	want := map[string]string{"fifo.txt": "not a regular file (a named pipe)", "zero.txt": "not a regular file (a character device)",
		"random.md": "not a regular file (a character device)", "dir.txt": "not a regular file (a directory)",
		"huge.txt": "file too large: 100 MB", "link-to-huge.html": "file too large: 100 MB"}
	for name, msg := range want {
		if !strings.Contains(got[name], msg) {
			t.Errorf("%s: error %q, want %q", name, got[name], msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("errors %v, want exactly %d", got, len(want))
	}
	if r.nodes < 4 { // ok.txt with its organisations, and bomb.xml read without its entities
		t.Errorf("ok.txt did not load beside them: %d nodes", r.nodes)
	}
}
