package kg

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// unaccent removes accents; a chain is stateful and costly to build, so each goroutine
// borrows one (transform.String resets it before use).
var unaccent = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold makes the key under which names are compared and sorted: accents removed, case
// folded, punctuation turned to spaces, spaces collapsed. "Coördinatiecentrum" and
// "coordinatiecentrum" fold alike; so do "GL/PvdA" and "gl pvda".
func Fold(s string) string {
	out := s
	if !isASCII(s) { // accents only exist outside ASCII; most names need no transform
		t := unaccent.Get().(transform.Transformer)
		var err error
		if out, _, err = transform.String(t, s); err != nil {
			out = s
		}
		unaccent.Put(t)
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(out) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// Slug makes the readable part of an ID: the folded text with hyphens for spaces.
func Slug(s string) string { return strings.ReplaceAll(Fold(s), " ", "-") }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
