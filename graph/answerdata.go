package graph

import (
	"math/bits"
	"sync"
	"sync/atomic"
)

// The bytes of an answer (graphql.Response.Data) live from the end of its operation until
// the transport has written them: they are taken from pools by size and given back once
// written (recycleAnswerData). A neighbourhood's 49 KB were allocated, zeroed and
// collected anew for every answer, a fifth of the bytes it allocated; the bytes allocated
// per answer set the pace of the garbage collector, which marks the whole graph each cycle.
//
// Buffers are pooled by size class, minAnswerData << class bytes, up to maxPooledAnswer; a
// buffer is taken from the smallest class that holds what is asked and given back to the
// largest class its capacity holds.

const (
	minAnswerData     = 4 << 10
	answerDataClasses = 9 // 4 KB to maxPooledAnswer, 1 MB
)

var answerDataPools [answerDataClasses]sync.Pool

// answerData returns an empty buffer of at least n bytes' capacity.
func answerData(n int64) []byte {
	if n < minAnswerData || n > maxPooledAnswer {
		return make([]byte, 0, max(n, 0))
	}
	class := takeClass(n)
	if p, ok := answerDataPools[class].Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, minAnswerData<<class)
}

// recycleAnswerData gives b back to the pools: nothing reads or writes it afterwards.
func recycleAnswerData(b []byte) {
	c := cap(b)
	if c < minAnswerData || c > maxPooledAnswer {
		return
	}
	if scribbleReleased.Load() {
		scribble(b[:c])
	}
	class := giveClass(c)
	p := new([]byte)
	*p = b[:0]
	answerDataPools[class].Put(p)
}

// takeClass is the smallest class whose buffers hold n bytes (minAnswerData <= n <=
// maxPooledAnswer).
func takeClass(n int64) int { return bits.Len64(uint64(n-1) / minAnswerData) }

// giveClass is the largest class whose size a buffer of capacity c holds (minAnswerData <=
// c <= maxPooledAnswer).
func giveClass(c int) int { return bits.Len(uint(c/minAnswerData)) - 1 }

// scribbleReleased makes the tests overwrite what is given back to the pools (answer data,
// arena chunks): bytes read after they were given back then show in an answer at once,
// rather than only when another operation happens to reuse them in between.
var scribbleReleased atomic.Bool

func scribble(b []byte) {
	for i := range b {
		b[i] = '#'
	}
}
