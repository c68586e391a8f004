package loader

import (
	"runtime"
	"sync"

	"beleidsgraaf/kg"
)

// The load runs in phases; each phase that reads one document at a time runs on every
// core, and each phase that merges runs in document order, so the graph is the same
// whatever the number of cores:
//
//	prepare      per document, parallel: decode, normalise, segment, read the letterhead
//	definitions  per document, parallel: the organisations each document defines
//	corpusIndex  in order: dictionary + definitions, then frozen
//	recognise    per document, parallel: facts from the recognisers
//	assemble     in order, as each document's facts arrive: the graph (assembler.go)
//	motions      once: motion mentions resolved across the corpus
//
// A document's working set (rune index, sentences, blocks) lives from its recognition to
// the assembly of its facts; at most a few documents per core are in that state at once.

// loadAll runs the phases after prepare.
func loadAll(docs []*docCtx, progress func(done int)) *kg.Graph {
	defs := make([][2][]*orgEntry, len(docs))
	parallel(len(docs), func(i int) { defs[i][0], defs[i][1] = definitions(docs[i]) })
	orgs := corpusIndex(defs)
	a := newAssembler(orgs)
	a.documents(docs)
	inOrder(len(docs),
		func(i int) *facts { return recogniseDocument(docs[i], orgs) },
		func(i int, f *facts) {
			a.apply(f)
			if progress != nil {
				progress(i + 1)
			}
		})
	return a.graph()
}

// parallel runs work(0..n-1) on every core.
func parallel(n int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				work(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// inOrder runs work(0..n-1) on every core and hands each result to consume in index
// order. At most twice as many results as cores wait to be consumed, which bounds the
// memory of work done ahead.
func inOrder[T any](n int, work func(i int) T, consume func(i int, r T)) {
	workers := runtime.GOMAXPROCS(0)
	window := make(chan struct{}, 2*workers)
	slots := make([]chan T, n)
	for i := range slots {
		slots[i] = make(chan T, 1)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				slots[i] <- work(i)
			}
		})
	}
	go func() {
		for i := range n {
			window <- struct{}{} // released when result i has been consumed
			next <- i
		}
		close(next)
	}()
	for i := range n {
		r := <-slots[i]
		slots[i] = nil
		consume(i, r)
		<-window
	}
	wg.Wait()
}
