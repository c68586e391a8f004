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
	short   [][]posting  // per word: the postings of posts with the word in a name or title
	ascii   []bool       // per word: only ASCII bytes (a typo test of two such compares bytes)
	suffix  []suffixRef  // every suffix of every word, sorted
	typos   typoIndex    // words by their length, first and last two runes
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
	x.short = make([][]posting, len(x.words))
	x.ascii = make([]bool, len(x.words))
	for id, w := range x.words {
		for off := range w { // every rune start
			x.suffix = append(x.suffix, suffixRef{uint32(id), uint32(off)})
		}
		for _, p := range x.posts[id] {
			if p.mask&(inName|inTitle) != 0 {
				x.short[id] = append(x.short[id], p)
			}
		}
		x.ascii[id] = isASCII(w)
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
	cands       []uint32                  // a run's candidates, kept for their capacity
	seen        []bool                    // per word
	byTier      [len(scoreTiers)][]uint32 // the hits of each score, kept for their capacity
}

// scoreTiers are the scores a hit can have, best first.
var scoreTiers = [...]float64{ScoreExact, ScorePrefix, ScoreName, ScoreTitle, ScoreText, ScoreTypo}

// Search returns the first hits (0: all) among the docs keep accepts (nil: all), in rank
// order; with snippets unless noSnippets.
//
// A page (first > 0) reads no more docs than its hits need. Hits rank by tier, then by
// doc; the tiers of names and titles come only from the postings of names and titles, so
// they are found first, whole, from those; the text's tiers then from the docs in order,
// a run of docs at a time, until enough hits rank above a typo in the text: a doc later
// in the order can only come after them. An organisation's name found in thousands of
// letters so reads the first letters that mention it, not all of them.
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

	byTier := &sc.byTier
	for i := range byTier {
		byTier[i] = byTier[i][:0]
	}
	aboveTypo := 0 // the hits kept so far that rank above every typo in the text
	add := func(d uint32, s float64) {
		if keep == nil || keep(x.docs[d]) {
			t := slices.Index(scoreTiers[:], s)
			byTier[t] = append(byTier[t], d)
			if s > ScoreTypo {
				aboveTypo++
			}
		}
	}
	// Citations and whole names first (as SearchDoc.Score decides).
	cited := x.cites[p.Cite]
	for _, d := range cited {
		add(d, x.docs[d].citeScore)
	}
	score := func(d uint32, l int8) {
		if slices.Contains(cited, d) {
			return
		}
		s := levelScore[l]
		if l == levelName {
			if ns, ok := x.docs[d].nameScore(p); ok {
				s = ns
			}
		}
		add(d, s)
	}

	terms := x.rarestFirst(sc, p.Terms)
	n := uint32(len(x.docs))
	if first <= 0 {
		for _, d := range x.match(sc, terms, keep, 0, n) {
			score(d, sc.level[d])
			sc.level[d] = 0
		}
	} else {
		for _, d := range x.nameOrTitleHits(sc, terms, keep) {
			score(d, sc.level[d])
			sc.level[d] = 0
		}
		for lo, run := uint32(0), 4*first+16; lo < n && aboveTypo < first; run *= 2 {
			hi := x.runEnd(&terms[0], lo, run)
			for _, d := range x.match(sc, terms, keep, lo, hi) {
				if l := sc.level[d]; l < levelTitle { // the others were found above
					score(d, l)
				}
				sc.level[d] = 0
			}
			lo = hi
		}
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

// runEnd returns where a run of docs from lo ends: after run docs that have tw's term in
// its most common word (a hit has the term, so the docs between them are no hits). A page
// of first hits reads a run of 4 × first + 16 such docs first, and each run after that is
// twice as long, so that a query with few hits reads every doc in a few runs.
func (x *SearchIndex) runEnd(tw *termWords, lo uint32, run int) uint32 {
	if tw.most == nil {
		tw.most = []posting{} // no word: one run to the end
		for _, w := range tw.words {
			if len(x.posts[w]) > len(tw.most) {
				tw.most = x.posts[w]
			}
		}
	}
	most := tw.most
	i, _ := slices.BinarySearchFunc(most, lo, comparePostingDoc)
	if i+run >= len(most) {
		return uint32(len(x.docs))
	}
	return most[i+run].doc
}

// match returns the docs in [lo, hi) that keep accepts (nil: all) and that have every
// term, each with its level in sc.level.
func (x *SearchIndex) match(sc *searchScratch, terms []termWords, keep func(*SearchDoc) bool, lo, hi uint32) []uint32 {
	return x.matchIn(sc, terms, keep, lo, hi, false)
}

// nameOrTitleHits returns the docs keep accepts (nil: all) that rank in a name's or a
// title's tier, each with its level in sc.level. Those have every word in a name or
// title, or one typo from it in a name where the word is nowhere as it is, so only the
// postings of names and titles are read, and the full postings only to rule such a typo
// out.
func (x *SearchIndex) nameOrTitleHits(sc *searchScratch, terms []termWords, keep func(*SearchDoc) bool) []uint32 {
	return x.matchIn(sc, terms, keep, 0, uint32(len(x.docs)), true)
}

// matchIn finds the docs of [lo, hi) that keep accepts and that have every term, rarest
// first: the first word's postings make the candidates, and each later word narrows them.
// It reads every field's postings, or (namesOnly) those of names and titles, and then
// keeps a doc only at a name's or a title's level.
func (x *SearchIndex) matchIn(sc *searchScratch, terms []termWords, keep func(*SearchDoc) bool, lo, hi uint32, namesOnly bool) []uint32 {
	lists := x.posts
	if namesOnly {
		lists = x.short
	}
	var cands []uint32
	for ti := range terms {
		tw := &terms[ti]
		if ti > 0 && len(cands) == 0 {
			break // no doc has the rarer words
		}
		sc.touched = sc.touched[:0]
		among := cands // nil for the first word, which makes the candidates
		// The runs of a page read the full postings range after range (see mark).
		var wordsAt, typosAt *[]int
		if !namesOnly {
			wordsAt, typosAt = &tw.wordsAt, &tw.typosAt
		}
		x.mark(sc, sc.exact, lists, tw.words, tw.cursor(wordsAt, len(tw.words)), among, lo, hi)
		// Typos count only where the word is not found as it is: after the first word,
		// only candidates without it need them.
		if typoCandidate(tw.term) && (ti == 0 || slices.ContainsFunc(cands, func(d uint32) bool { return sc.exact[d] == 0 })) {
			typos := x.typoWords(tw)
			x.mark(sc, sc.typo, lists, typos, tw.cursor(typosAt, len(typos)), among, lo, hi)
		}
		lvl := func(d uint32) int {
			l := level(sc.exact[d], false)
			switch {
			case l > 0:
			case !namesOnly:
				l = level(sc.typo[d], true)
			case sc.typo[d]&inName != 0 && !x.has(tw.words, d):
				// The text's postings were not read: a typo in a name counts only where the
				// word is not in the text as it is.
				l = levelName - 1
			}
			if namesOnly && l < levelTitle {
				return 0
			}
			return l
		}
		if ti == 0 {
			// touched holds each doc once; the later words are read in the candidates' range.
			cands = sc.cands[:0]
			first, last := hi, lo
			for _, d := range sc.touched {
				if keep != nil && !keep(x.docs[d]) {
					continue
				}
				if l := lvl(d); l > 0 {
					sc.level[d] = int8(l)
					cands = append(cands, d)
					first, last = min(first, d), max(last, d+1)
				}
			}
			lo, hi = first, last
			sc.cands = cands // kept for its capacity
		} else {
			cands = sc.narrow(cands, lvl)
		}
		sc.clearTouched()
	}
	return cands
}

// has reports whether one of words occurs in doc d.
func (x *SearchIndex) has(words []uint32, d uint32) bool {
	for _, w := range words {
		if _, ok := slices.BinarySearchFunc(x.posts[w], d, comparePostingDoc); ok {
			return true
		}
	}
	return false
}

// narrow keeps, in place, the candidates whose level for the current word lvl says is not
// 0; a candidate's level is the lowest of its words'.
func (sc *searchScratch) narrow(cands []uint32, lvl func(uint32) int) []uint32 {
	kept := cands[:0]
	for _, d := range cands {
		if l := lvl(d); l > 0 {
			sc.level[d] = min(sc.level[d], int8(l))
			kept = append(kept, d)
		} else {
			sc.level[d] = 0
		}
	}
	return kept
}

func (sc *searchScratch) clearTouched() {
	for _, d := range sc.touched {
		sc.exact[d], sc.typo[d] = 0, 0
	}
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
	typos    []uint32
	typosSet bool // typos holds the words one typo from term

	wordsAt, typosAt []int     // per word of words and typos: see mark
	most             []posting // the postings of its most common word: see runEnd
}

// cursor returns *at, made for n words at the first call; nil for at nil.
func (tw *termWords) cursor(at *[]int, n int) []int {
	if at == nil {
		return nil
	}
	if *at == nil {
		*at = make([]int, n)
	}
	return *at
}

// rarestFirst returns the terms with their words, in ascending order of their postings;
// ties keep the query's order. A hit has every word, so the words are looked for rarest
// first: the first makes the candidates, and a common word ("mensenhandel", in every
// letter) is then only looked up for them. The order changes no hit, level or score.
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

// typoWords returns the words one typo from tw's term, found once per search.
func (x *SearchIndex) typoWords(tw *termWords) []uint32 {
	if !tw.typosSet {
		tw.typosSet = true
		x.typos.each(x.words, x.ascii, tw.term, func(w uint32) { tw.typos = append(tw.typos, w) })
	}
	return tw.typos
}

// probeCost is how many postings a binary search of one doc in a word's postings may
// stand for: among (the candidates) is looked up in a word's postings, rather than the
// postings walked, when the lookups cost less than that many postings.
const probeCost = 16

// mark sets in masks (sc.exact or sc.typo) the fields of words, from their lists (x.posts
// or x.short): in every doc of [lo, hi) (among nil), or in the docs among (the only ones
// the caller will read; all in [lo, hi)). at, when not nil, holds per word where its
// postings before lo end, and is moved on to where those before hi end: the runs of a
// search ask for ranges one after the other, and a word of the thousands a short query
// word occurs in so costs a look, not two binary searches, per run.
func (x *SearchIndex) mark(sc *searchScratch, masks []uint8, lists [][]posting, words []uint32, at []int, among []uint32, lo, hi uint32) {
	set := func(p posting) {
		if sc.exact[p.doc] == 0 && sc.typo[p.doc] == 0 {
			sc.touched = append(sc.touched, p.doc)
		}
		masks[p.doc] |= p.mask
	}
	for i, w := range words {
		var posts []posting
		if at == nil {
			posts = within(lists[w], lo, hi, len(x.docs))
		} else {
			posts = lists[w][at[i]:]
			if len(posts) > 0 && posts[0].doc < lo {
				k, _ := slices.BinarySearchFunc(posts, lo, comparePostingDoc)
				posts, at[i] = posts[k:], at[i]+k
			}
			end := 0
			if len(posts) > 0 && posts[0].doc < hi {
				end, _ = slices.BinarySearchFunc(posts, hi, comparePostingDoc)
			}
			posts, at[i] = posts[:end], at[i]+end
		}
		if among == nil || len(among)*probeCost >= len(posts) {
			for _, p := range posts {
				set(p)
			}
			continue
		}
		for _, d := range among {
			if i, ok := slices.BinarySearchFunc(posts, d, comparePostingDoc); ok {
				set(posts[i])
			}
		}
	}
}

func comparePostingDoc(p posting, d uint32) int { return cmp.Compare(p.doc, d) }

// within returns the postings of the docs in [lo, hi), of n docs in all.
func within(posts []posting, lo, hi uint32, n int) []posting {
	if lo > 0 {
		i, _ := slices.BinarySearchFunc(posts, lo, comparePostingDoc)
		posts = posts[i:]
	}
	if int(hi) < n {
		i, _ := slices.BinarySearchFunc(posts, hi, comparePostingDoc)
		posts = posts[:i]
	}
	return posts
}

// typoIndex finds the words one typo away from a query word without testing every word of
// a length: at 10 000 letters that was three quarters of a search's CPU. One edit (an
// insertion, deletion, replacement or swap of neighbours) of a word of at least five runes
// leaves its first two runes or its last two as they were, so only the words of a length
// that begin with the query word's first two runes, or end with its last two, are tested
// (with one rune each, a search at 10 000 letters tested thousands of words).
type typoIndex struct {
	byFirst, byLast [][]pairWord // per length in runes, sorted by pair, then word
}

// pair is two runes, as one number.
type pair uint64

type pairWord struct {
	p    pair
	word uint32
}

// Query words shorter than five runes would break the first-or-last rule; they are not
// corrected at all.
const _ = uint(minTypoLength - 5)

// firstPair and lastPair are the first two and last two runes of s; a missing rune is -1.
func firstPair(s string) pair {
	a, n := utf8.DecodeRuneInString(s)
	b, _ := utf8.DecodeRuneInString(s[n:])
	return makePair(a, b, len(s) > n)
}

func lastPair(s string) pair {
	b, n := utf8.DecodeLastRuneInString(s)
	a, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return makePair(a, b, len(s) > n)
}

func makePair(a, b rune, two bool) pair {
	if !two {
		b = -1
	}
	return pair(uint32(a))<<32 | pair(uint32(b))
}

func newTypoIndex(words []string) typoIndex {
	var x typoIndex
	for id, w := range words {
		n := utf8.RuneCountInString(w)
		for len(x.byFirst) <= n {
			x.byFirst, x.byLast = append(x.byFirst, nil), append(x.byLast, nil)
		}
		x.byFirst[n] = append(x.byFirst[n], pairWord{firstPair(w), uint32(id)})
		x.byLast[n] = append(x.byLast[n], pairWord{lastPair(w), uint32(id)})
	}
	for n := range x.byFirst {
		slices.SortFunc(x.byFirst[n], comparePairWords)
		slices.SortFunc(x.byLast[n], comparePairWords)
	}
	return x
}

func comparePairWords(a, b pairWord) int {
	return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.word, b.word))
}

// each calls f with every word one typo away from t, a typo candidate, once. ascii says
// per word whether it is all ASCII: a test of t against such a word, when t is too,
// compares bytes (finding that out per test was half of each's time).
func (x typoIndex) each(words []string, ascii []bool, t string, f func(uint32)) {
	n := utf8.RuneCountInString(t)
	first, last := firstPair(t), lastPair(t)
	tASCII := isASCII(t)
	typo := func(w uint32) bool { return oneTypoOf(t, words[w], tASCII && ascii[w]) }
	for l := max(n-1, 0); l <= n+1 && l < len(x.byFirst); l++ {
		for _, e := range withPair(x.byFirst[l], first) {
			if typo(e.word) {
				f(e.word)
			}
		}
		for _, e := range withPair(x.byLast[l], last) {
			if firstPair(words[e.word]) != first && typo(e.word) {
				f(e.word) // not tested above
			}
		}
	}
}

// withPair returns the run of list with pair p.
func withPair(list []pairWord, p pair) []pairWord {
	lo, _ := slices.BinarySearchFunc(list, p, func(e pairWord, p pair) int { return cmp.Compare(e.p, p) })
	hi := lo
	for hi < len(list) && list[hi].p == p {
		hi++
	}
	return list[lo:hi]
}
