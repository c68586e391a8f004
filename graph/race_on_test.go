//go:build race

package graph

// raceDetector: the tests run under the race detector, whose sync.Pool drops what is put
// in it at random, so that allocation counts of pooled paths say nothing.
const raceDetector = true
