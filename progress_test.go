package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"beleidsgraaf/loader"
)

func TestLoadProgressOnATerminal(t *testing.T) {
	var out bytes.Buffer
	p := &loadProgress{out: &out, start: time.Now().Add(-2 * time.Second), every: 0}
	for i := 1; i <= 4; i++ {
		p.report(loader.Progress{Done: i, Total: 4, Bytes: int64(i) << 20})
	}
	got := out.String()
	if !strings.Contains(got, "\rloading: 2/4 documents, 2.1 MB") || !strings.HasSuffix(got, "\n") {
		t.Errorf("progress %q", got)
	}
}

func TestLoadProgressQuietForShortLoads(t *testing.T) {
	var out bytes.Buffer
	p := &loadProgress{out: &out, start: time.Now(), last: time.Now(), every: time.Hour}
	p.report(loader.Progress{Done: 1, Total: 2, Bytes: 10})
	p.report(loader.Progress{Done: 2, Total: 2, Bytes: 20})
	if out.Len() != 0 {
		t.Errorf("a short load printed %q", out.String())
	}
}

func TestSyncProgressSaysSyncing(t *testing.T) {
	var out bytes.Buffer
	p := &loadProgress{out: &out, start: time.Now().Add(-2 * time.Second), every: 0, verb: "syncing"}
	p.report(loader.Progress{Done: 1, Total: 50, Bytes: 3 << 20})
	if got := out.String(); !strings.HasPrefix(got, "\rsyncing: 1/50 documents, 3.1 MB") || !strings.Contains(got, "left") {
		t.Errorf("progress %q", got)
	}
}
