package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"beleidsgraaf/loader"
)

// loadProgress reports a long load: on a terminal a line rewritten in place (documents
// done, MB, MB/s, time left), otherwise a log line every few seconds. Small loads that end
// before the first report print nothing.
type loadProgress struct {
	out      io.Writer // nil: log lines
	start    time.Time
	last     time.Time
	every    time.Duration
	reported bool
	verb     string // "loading" when empty
}

func newLoadProgress() *loadProgress {
	p := &loadProgress{start: time.Now(), every: 5 * time.Second}
	if st, err := os.Stderr.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		p.out, p.every = os.Stderr, 200*time.Millisecond
	}
	p.last = p.start
	return p
}

func (p *loadProgress) report(pr loader.Progress) {
	now := time.Now()
	if now.Sub(p.last) < p.every && pr.Done < pr.Total || !p.reported && pr.Done == pr.Total && now.Sub(p.start) < p.every {
		return
	}
	p.last, p.reported = now, true
	elapsed := now.Sub(p.start).Seconds()
	mb := float64(pr.Bytes) / 1e6
	left := time.Duration(0)
	if pr.Done > 0 {
		left = time.Duration(elapsed / float64(pr.Done) * float64(pr.Total-pr.Done) * float64(time.Second)).Round(time.Second)
	}
	verb := p.verb
	if verb == "" {
		verb = "loading"
	}
	if p.out == nil {
		slog.Info(verb, "documents", pr.Done, "of", pr.Total, "MB", fmt.Sprintf("%.1f", mb),
			"MB/s", fmt.Sprintf("%.1f", mb/elapsed), "left", left.String())
		return
	}
	fmt.Fprintf(p.out, "\r%s: %d/%d documents, %.1f MB, %.1f MB/s, %s left   ", verb, pr.Done, pr.Total, mb, mb/elapsed, left)
	if pr.Done == pr.Total {
		fmt.Fprintln(p.out)
	}
}
