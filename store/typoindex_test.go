package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTypoIndexAgreesWithScan: the words the typo index tests (those of a length that share
// the query word's first two or last two runes) hold every word one typo away, each once,
// as testing every word finds them, for query words inside and outside the vocabulary,
// ASCII or not (each compares the bytes of two ASCII words, the runes of any other pair).
func TestTypoIndexAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	alphabet := []rune("abcdeéëöß")
	word := func(n int) string {
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(w)
	}
	seen := map[string]bool{}
	var words []string
	for range 3000 {
		if w := word(3 + r.IntN(6)); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	x := newTypoIndex(words)
	ascii := make([]bool, len(words))
	for id, w := range words {
		ascii[id] = isASCII(w)
	}
	for round := range 2000 {
		q := word(minTypoLength + r.IntN(3))
		if r.IntN(2) == 0 { // a word of the vocabulary, with or without a typo of its own
			q = words[r.IntN(len(words))]
		}
		if !typoCandidate(q) {
			continue
		}
		var want, got []uint32
		for id, w := range words {
			if oneTypo(q, w) {
				want = append(want, uint32(id))
			}
		}
		x.each(words, ascii, q, func(w uint32) { got = append(got, w) })
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d, %q: %v, want %v", round, q, got, want)
		}
	}
}
