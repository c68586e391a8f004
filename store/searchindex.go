package store

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// SearchIndex answers searches without reading any document text: built once from the
// search docs of a graph (the memory store builds it at Replace), it finds a query word
// through a sorted list of every suffix of every distinct word (a word occurs in a field
// exactly when it starts a suffix of one of the field's words), and a word one typo away
// by comparing the distinct words of about its length. Its answers are those of Rank over
// all docs (TestSearchIndexAgreesWithRank): same hits, same order, same snippets.
type SearchIndex struct {
	docs    []*SearchDoc // in tie order: NameKey, then ID
	words   []string     // the distinct words of all fields
	posts   [][]posting  // per word: the docs it occurs in, ascending, with its fields there
	suffix  []suffixRef  // every suffix of every word, sorted
	typos   typoIndex    // words by their length, first and last rune
	cites   map[string][]uint32
	scratch sync.Pool // *searchScratch
}

type posting struct {
	doc  uint32
	mask uint8 // inName | inTitle | inText
}

type suffixRef struct {
	word uint32
	off  uint32 // byte offset of the suffix in the word
}

func (x *SearchIndex) suffixString(r suffixRef) string { return x.words[r.word][r.off:] }

// NewSearchIndex indexes docs.
func NewSearchIndex(docs []*SearchDoc) *SearchIndex {
	x := &SearchIndex{docs: slices.Clone(docs), cites: map[string][]uint32{}}
	slices.SortFunc(x.docs, func(a, b *SearchDoc) int {
		if c := strings.Compare(a.NameKey, b.NameKey); c != 0 {
			return c
		}
		return strings.Compare(a.Node.ID, b.Node.ID)
	})
	ids := map[string]uint32{}
	inDoc := map[uint32]uint8{}
	var order []uint32
	for i, d := range x.docs {
		clear(inDoc)
		order = order[:0]
		d.fields(func(field string, class uint8) {
			eachWord(field, func(w string) {
				id, ok := ids[w]
				if !ok {
					id = uint32(len(x.words))
					ids[w] = id
					x.words = append(x.words, w)
					x.posts = append(x.posts, nil)
				}
				if _, seen := inDoc[id]; !seen {
					order = append(order, id)
				}
				inDoc[id] |= class
			})
		})
		for _, id := range order {
			x.posts[id] = append(x.posts[id], posting{uint32(i), inDoc[id]})
		}
		for _, c := range d.cites {
			x.cites[c] = append(x.cites[c], uint32(i))
		}
	}
	for id, w := range x.words {
		for off := range w { // every rune start
			x.suffix = append(x.suffix, suffixRef{uint32(id), uint32(off)})
		}
	}
	x.typos = newTypoIndex(x.words)
	slices.SortFunc(x.suffix, func(a, b suffixRef) int { return strings.Compare(x.suffixString(a), x.suffixString(b)) })
	return x
}

// eachWord calls f with the space-separated words of a folded field.
func eachWord(field string, f func(string)) {
	for len(field) > 0 {
		i := strings.IndexByte(field, ' ')
		if i < 0 {
			f(field)
			return
		}
		if i > 0 {
			f(field[:i])
		}
		field = field[i+1:]
	}
}

// searchScratch holds per-doc state of one search, all zero between searches.
type searchScratch struct {
	exact, typo []uint8 // field masks of the current word
	level       []int8  // the tier level so far of a candidate
	touched     []uint32
	seen        []bool                    // per word
	byTier      [len(scoreTiers)][]uint32 // the hits of each score, kept for their capacity
}

// scoreTiers are the scores a hit can have, best first.
var scoreTiers = [...]float64{ScoreExact, ScorePrefix, ScoreName, ScoreTitle, ScoreText, ScoreTypo}

// Search returns the first hits (0: all) among the docs keep accepts (nil: all), in rank
// order; with snippets unless noSnippets.
func (x *SearchIndex) Search(p SearchPattern, keep func(*SearchDoc) bool, first int, noSnippets bool) []Hit {
	if len(p.Terms) == 0 {
		return nil
	}
	sc, _ := x.scratch.Get().(*searchScratch)
	if sc == nil || len(sc.level) != len(x.docs) {
		sc = &searchScratch{exact: make([]uint8, len(x.docs)), typo: make([]uint8, len(x.docs)),
			level: make([]int8, len(x.docs)), seen: make([]bool, len(x.words))}
	}
	defer x.scratch.Put(sc)

	// A hit has every word, so the words are looked for rarest first: the first makes
	// the candidates, and a common word ("mensenhandel", in every letter) is then only
	// looked up for them. The order changes no hit, level or score.
	var cands []uint32
	for ti, tw := range x.rarestFirst(sc, p.Terms) {
		if ti > 0 && len(cands) == 0 {
			break // no doc has the rarer words: only citations can be hits
		}
		t := tw.term
		sc.touched = sc.touched[:0]
		x.findExact(sc, tw, cands) // cands is nil for the first word: every doc
		// Typos count only where the word is not found as it is: after the first word,
		// only candidates without it need them.
		if typoCandidate(t) && (ti == 0 || slices.ContainsFunc(cands, func(d uint32) bool { return sc.exact[d] == 0 })) {
			x.findTypos(sc, t)
		}
		lvl := func(d uint32) int {
			if l := level(sc.exact[d], false); l > 0 {
				return l
			}
			return level(sc.typo[d], true)
		}
		if ti == 0 {
			for _, d := range sc.touched {
				if sc.level[d] == 0 {
					if l := lvl(d); l > 0 {
						sc.level[d] = int8(l)
						cands = append(cands, d)
					}
				}
			}
		} else {
			kept := cands[:0]
			for _, d := range cands {
				if l := lvl(d); l > 0 {
					sc.level[d] = min(sc.level[d], int8(l))
					kept = append(kept, d)
				} else {
					sc.level[d] = 0
				}
			}
			cands = kept
		}
		for _, d := range sc.touched {
			sc.exact[d], sc.typo[d] = 0, 0
		}
	}

	// Scores, with citations and whole names first (as SearchDoc.Score decides).
	byTier := &sc.byTier
	for i := range byTier {
		byTier[i] = byTier[i][:0]
	}
	add := func(d uint32, s float64) {
		if keep == nil || keep(x.docs[d]) {
			t := slices.Index(scoreTiers[:], s)
			byTier[t] = append(byTier[t], d)
		}
	}
	cited := x.cites[p.Cite]
	for _, d := range cited {
		add(d, x.docs[d].citeScore)
	}
	for _, d := range cands {
		l := sc.level[d]
		sc.level[d] = 0
		if slices.Contains(cited, d) {
			continue
		}
		s := levelScore[l]
		if l == levelName {
			if ns, ok := x.docs[d].nameScore(p); ok {
				s = ns
			}
		}
		add(d, s)
	}
	hits := []Hit{}
	for t, s := range scoreTiers {
		ds := byTier[t]
		slices.Sort(ds) // tie order
		for _, d := range ds {
			if first > 0 && len(hits) == first {
				return hits
			}
			h := Hit{Node: x.docs[d].Node, Score: s}
			if !noSnippets {
				h.Snippet = x.docs[d].Snippet(p, s)
			}
			hits = append(hits, h)
		}
	}
	return hits
}

// wordsWith returns the distinct words in which t occurs.
func (x *SearchIndex) wordsWith(sc *searchScratch, t string) []uint32 {
	i, _ := slices.BinarySearchFunc(x.suffix, t, func(r suffixRef, t string) int { return strings.Compare(x.suffixString(r), t) })
	var words []uint32
	for ; i < len(x.suffix) && strings.HasPrefix(x.suffixString(x.suffix[i]), t); i++ {
		w := x.suffix[i].word
		if !sc.seen[w] {
			sc.seen[w] = true
			words = append(words, w)
		}
	}
	for _, w := range words {
		sc.seen[w] = false
	}
	return words
}

// termWords is a query word and the words of the index it occurs in.
type termWords struct {
	term     string
	words    []uint32
	postings int // the docs it occurs in, a doc once per word
}

// rarestFirst returns the terms with their words, in ascending order of their postings;
// ties keep the query's order.
func (x *SearchIndex) rarestFirst(sc *searchScratch, terms []string) []termWords {
	out := make([]termWords, len(terms))
	for i, t := range terms {
		out[i] = termWords{term: t, words: x.wordsWith(sc, t)}
		for _, w := range out[i].words {
			out[i].postings += len(x.posts[w])
		}
	}
	slices.SortStableFunc(out, func(a, b termWords) int { return cmp.Compare(a.postings, b.postings) })
	return out
}

// probeCost is how many postings a binary search of one doc in a word's postings may
// stand for: among (the candidates) is looked up in a word's postings, rather than the
// postings walked, when the lookups cost less than that many postings.
const probeCost = 16

// findExact marks in sc.exact the fields where tw's term occurs: in every doc (among nil),
// or in the docs among (the only ones the caller will read).
func (x *SearchIndex) findExact(sc *searchScratch, tw termWords, among []uint32) {
	words := tw.words
	mark := func(p posting) {
		if sc.exact[p.doc] == 0 && sc.typo[p.doc] == 0 {
			sc.touched = append(sc.touched, p.doc)
		}
		sc.exact[p.doc] |= p.mask
	}
	if among == nil || len(words)*len(among)*probeCost >= tw.postings {
		for _, w := range words {
			for _, p := range x.posts[w] {
				mark(p)
			}
		}
		return
	}
	for _, w := range words {
		posts := x.posts[w]
		for _, d := range among {
			if i, ok := slices.BinarySearchFunc(posts, d, func(p posting, d uint32) int { return cmp.Compare(p.doc, d) }); ok {
				mark(posts[i])
			}
		}
	}
}

// findTypos marks in sc.typo the fields of every doc where a word one typo from t occurs.
func (x *SearchIndex) findTypos(sc *searchScratch, t string) {
	x.typos.each(x.words, t, func(w uint32) {
		for _, p := range x.posts[w] {
			if sc.exact[p.doc] == 0 && sc.typo[p.doc] == 0 {
				sc.touched = append(sc.touched, p.doc)
			}
			sc.typo[p.doc] |= p.mask
		}
	})
}

// typoIndex finds the words one typo away from a query word without testing every word of
// a length: at 10 000 letters that was three quarters of a search's CPU. A word one edit
// (an insertion, deletion, replacement or swap of neighbours) from a word of at least three
// runes keeps its first rune or its last, so only the words of a length that begin with
// the query word's first rune, or end with its last, are tested.
type typoIndex struct {
	byFirst, byLast [][]runeWord // per length in runes, sorted by rune, then word
}

type runeWord struct {
	r    rune
	word uint32
}

// Query words shorter than three runes would break the first-or-last rule; they are not
// corrected at all.
const _ = uint(minTypoLength - 3)

func newTypoIndex(words []string) typoIndex {
	var x typoIndex
	for id, w := range words {
		n := utf8.RuneCountInString(w)
		for len(x.byFirst) <= n {
			x.byFirst, x.byLast = append(x.byFirst, nil), append(x.byLast, nil)
		}
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		x.byFirst[n] = append(x.byFirst[n], runeWord{first, uint32(id)})
		x.byLast[n] = append(x.byLast[n], runeWord{last, uint32(id)})
	}
	for n := range x.byFirst {
		slices.SortFunc(x.byFirst[n], compareRuneWords)
		slices.SortFunc(x.byLast[n], compareRuneWords)
	}
	return x
}

func compareRuneWords(a, b runeWord) int {
	return cmp.Or(cmp.Compare(a.r, b.r), cmp.Compare(a.word, b.word))
}

// each calls f with every word one typo away from t, a typo candidate, once.
func (x typoIndex) each(words []string, t string, f func(uint32)) {
	n := utf8.RuneCountInString(t)
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	for l := max(n-1, 0); l <= n+1 && l < len(x.byFirst); l++ {
		for _, e := range withRune(x.byFirst[l], first) {
			if oneTypo(t, words[e.word]) {
				f(e.word)
			}
		}
		for _, e := range withRune(x.byLast[l], last) {
			if r, _ := utf8.DecodeRuneInString(words[e.word]); r != first && oneTypo(t, words[e.word]) {
				f(e.word) // not tested above
			}
		}
	}
}

// withRune returns the run of list with rune r.
func withRune(list []runeWord, r rune) []runeWord {
	lo, _ := slices.BinarySearchFunc(list, r, func(e runeWord, r rune) int { return cmp.Compare(e.r, r) })
	hi := lo
	for hi < len(list) && list[hi].r == r {
		hi++
	}
	return list[lo:hi]
}
