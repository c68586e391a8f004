package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Snippet window, in characters (runes) of the document text.
const (
	SnippetLength = 160 // at most this many characters of text, plus ellipses
	snippetLead   = 60  // characters of context before the match, when there are that many
)

// TextSnippet returns a window of text around the first occurrence (in folded form) of
// any of the folded terms: it starts up to 60 characters before the match and spans at
// most SnippetLength characters, moved left when the text ends sooner, shrunk so as not to
// cut words, with whitespace collapsed and "…" where text was cut. Without a match it
// shows the start of the text.
func TextSnippet(text string, terms []string) string {
	folded, pos := foldOffsets(text)
	start, end := -1, -1
	for _, t := range terms {
		i := strings.Index(folded, t)
		if i >= 0 && t != "" && (start < 0 || i < start || (i == start && i+len(t) > end)) {
			start, end = i, i+len(t)
		}
	}
	runes := []rune(text)
	m, e := 0, 0
	if start >= 0 {
		m, e = pos[start], pos[end-1]+1
	}
	return window(runes, m, e)
}

func window(runes []rune, m, e int) string {
	n := len(runes)
	s := max(0, m-snippetLead)
	t := min(n, s+SnippetLength)
	if t-s < SnippetLength {
		s = max(0, t-SnippetLength)
	}
	if s > 0 && !unicode.IsSpace(runes[s-1]) { // s cuts a word: start at the next space
		for s < m && !unicode.IsSpace(runes[s]) {
			s++
		}
	}
	if t < n && !unicode.IsSpace(runes[t]) { // t cuts a word: end at the previous space
		for t > e && !unicode.IsSpace(runes[t-1]) {
			t--
		}
	}
	t = max(t, min(e, n))
	out := strings.Join(strings.Fields(string(runes[s:t])), " ")
	if s > 0 {
		out = "…" + out
	}
	if t < n {
		out += "…"
	}
	return out
}

func dropMark(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	return r
}

// foldOffsets folds text as kg.Fold does, rune by rune, and records for every byte of the
// folded text the index of the rune of text it came from, so that a match found in folded
// text can be shown in the original. Folding rune by rune equals kg.Fold except where
// NFC would compose characters across runes of the original once marks are removed (loose
// Hangul jamo, say); Latin script never does, and should they differ a snippet merely
// starts elsewhere.
func foldOffsets(text string) (string, []int) {
	var b strings.Builder
	pos := make([]int, 0, len(text))
	space := false
	var buf [utf8.UTFMax]byte
	ri := 0
	for _, r := range text {
		parts := []rune{r}
		if r >= utf8.RuneSelf { // as kg.Fold: decompose, drop marks, recompose
			parts = []rune(norm.NFC.String(strings.Map(dropMark, norm.NFD.String(string(r)))))
		}
		for _, c := range parts {
			c = unicode.ToLower(c)
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
				pos = append(pos, ri)
			}
			space = false
			w := utf8.EncodeRune(buf[:], c)
			b.Write(buf[:w])
			for range w {
				pos = append(pos, ri)
			}
		}
		ri++
	}
	return b.String(), pos
}
