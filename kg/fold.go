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
	if isASCII(s) { // accents only exist outside ASCII: most names and every query's lookup
		return foldASCII(s)
	}
	t := unaccent.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	unaccent.Put(t)
	return foldRunes(out)
}

// foldRunes folds text of any script: lower case, letters and digits kept, every run of
// other characters one space between them.
func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
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

// foldASCII is foldRunes of ASCII text, a byte at a time: a lookup's name is folded on
// every request, and the rune walk with its lower-cased copy cost 5 % of a lookup. Text
// that is folded already is returned as it is.
func foldASCII(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// isFoldedASCII reports whether s is what foldASCII makes of it: lower-case letters and
// digits, single spaces between them.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
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
