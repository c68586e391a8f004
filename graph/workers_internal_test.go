package graph

import (
	"bytes"
	"context"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"
)

// goroutineID is the number runtime.Stack prints for the calling goroutine.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}

func TestWorkersReuseOneGoroutine(t *testing.T) {
	ws := newWorkers(2)
	seen := map[string]bool{}
	for range 50 {
		done := make(chan string)
		ws.run(context.Background(), func() { done <- goroutineID() })
		seen[<-done] = true
		waitIdle(t, ws, 1) // the worker is on its way back after its job
	}
	if len(seen) != 1 {
		t.Errorf("50 jobs one after another ran on %d goroutines", len(seen))
	}
}

func TestWorkersKeepAtMostMaxIdle(t *testing.T) {
	ws := newWorkers(2)
	release := make(chan struct{})
	var started, finished sync.WaitGroup
	for range 5 {
		started.Add(1)
		finished.Add(1)
		ws.run(context.Background(), func() {
			defer finished.Done()
			started.Done()
			<-release
		})
	}
	started.Wait() // five at once: more than the idle list holds
	close(release)
	finished.Wait()
	// Every worker either waits in the idle list or has ended: 2 wait.
	waitIdle(t, ws, 2)
}

// waitIdle waits until n workers wait for work.
func waitIdle(t *testing.T, ws *workers, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(ws.idle) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d idle workers, want %d", len(ws.idle), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestWorkersCarryTheJobsLabels(t *testing.T) {
	ws := newWorkers(1)
	for _, name := range []string{"first", "second"} {
		ctx := pprof.WithLabels(context.Background(), pprof.Labels("query", name))
		profile := make(chan string)
		ws.run(ctx, func() {
			var b bytes.Buffer
			_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
			profile <- b.String()
		})
		p := <-profile
		// The worker goes back to wait for work after its job: the next job must find it
		// there, or it starts a goroutine of its own while this one still runs.
		waitIdle(t, ws, 1)
		var idle bytes.Buffer
		_ = pprof.Lookup("goroutine").WriteTo(&idle, 1)
		if strings.Contains(idle.String(), `"query":"`+name+`"`) {
			t.Errorf("the idle worker still carries job %q's label", name)
		}
		if !strings.Contains(p, `labels: {"query":"`+name+`"}`) {
			t.Errorf("job %q ran without its label", name)
		}
		if name == "second" && strings.Contains(p, `"query":"first"`) {
			t.Error("the worker kept the first job's label")
		}
	}
}
