package graph

import (
	"context"
	"runtime/pprof"
)

// workers runs operations on goroutines kept from one operation to the next.
//
// An operation runs on a goroutine of its own so that the request can be answered the
// moment its deadline passes (runGuarded). A fresh goroutine starts on a small stack that
// an operation's call depth (gqlgen's executor nests several calls per level of the query)
// outgrows at once, and growing and copying stacks was the largest single cost of a small
// query. A worker that has run an operation keeps its grown stack for the next: the garbage
// collector halves an idle goroutine's stack at most once a cycle, so it is regrown once a
// cycle, not once an operation.
//
// At most maxIdle workers wait for work; more operations than that at once start goroutines
// of their own, which end with their operation. Each handler's in-flight limit bounds how
// many run.
type workers struct {
	idle chan *worker
}

// operationWorkers are the workers of every handler of the process: a handler's own would
// outlive it (an idle worker waits for work for good), and the process has one handler or,
// in tests, many.
var operationWorkers = newWorkers(maxIdleWorkers)

// maxIdleWorkers is how many workers wait for work at most: a few times the default
// in-flight limit; each keeps its stack, a few KB once the collector has shrunk it.
const maxIdleWorkers = 4 * DefaultMaxInFlight

type worker struct {
	jobs chan job
}

type job struct {
	ctx context.Context
	run func()
}

func newWorkers(maxIdle int) *workers {
	if maxIdle < 1 {
		maxIdle = 1
	}
	return &workers{idle: make(chan *worker, maxIdle)}
}

// run runs f on a worker, carrying ctx's profiler labels (pprof.WithLabels), as a goroutine
// started for it would carry its starter's.
func (ws *workers) run(ctx context.Context, f func()) {
	j := job{ctx, f}
	select {
	case w := <-ws.idle:
		w.jobs <- j
	default:
		go ws.work(j)
	}
}

func (ws *workers) work(j job) {
	w := &worker{jobs: make(chan job, 1)}
	for {
		pprof.SetGoroutineLabels(j.ctx)
		j.run()
		j = job{} // the finished operation is not kept while the worker waits
		// nor its labels: an idle worker is no query's in a goroutine profile
		pprof.SetGoroutineLabels(context.Background())
		select {
		case ws.idle <- w:
		default:
			return // enough workers wait already
		}
		j = <-w.jobs
	}
}
