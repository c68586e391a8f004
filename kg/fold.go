package kg

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldUnicode(s)
}

// foldUnicode is Fold of any text: accents removed by Unicode normalisation (decomposed,
// marks removed, composed again), then foldRunes.
func foldUnicode(s string) string {
	out, err := removeAccents(s)
	if err != nil {
		out = s
	}
	return foldRunes(out)
}

// removeAccents is s decomposed, without its nonspacing marks, composed again.
func removeAccents(s string) (string, error) {
	t := unaccent.Get().(transform.Transformer)
	defer unaccent.Put(t)
	out, _, err := transform.String(t, s)
	return out, err
}

// foldLatin is Fold of text whose runes are ASCII or in latinFolds, without the Unicode
// transform; ok is false for other text. Dutch names and texts ("Coördinatiecentrum",
// "Yeşilgöz", "’", "–") are such text, and the transform and its copies cost eight times the
// fold itself: a lookup of an accented name folds it on every request, a load folds every
// sentence.
func foldLatin(s string) (out string, ok bool) {
	var f asciiFolder
	f.b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] < 0x80 { // a run of ASCII, folded at once
			j := i + 1
			for j < len(s) && s[j] < 0x80 {
				j++
			}
			f.add(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:]) // invalid UTF-8: U+FFFD, which the transform folds
		i += size
		var piece string
		switch {
		case r < latinFoldsEnd:
			if piece = latinFolds[r-0x80]; piece == "" {
				return "", false
			}
		case latinPunctStart <= r && r < latinPunctEnd:
			piece = " "
		default:
			return "", false
		}
		f.add(piece)
	}
	return f.b.String(), true
}

// The runes foldLatin folds: Latin-1 Supplement and Latin Extended-A and -B (U+0080 to
// latinFoldsEnd), by latinFolds, and General Punctuation (U+2000 to U+206F: spaces, dashes,
// quotes, invisible format characters), none of which is or decomposes to a letter or a
// digit, so each folds to a space.
const (
	latinFoldsEnd   = 0x250
	latinPunctStart = 0x2000
	latinPunctEnd   = 0x2070
)

// latinFolds[r-0x80] is what Fold's accent removal makes of the rune r alone when that is
// ASCII: the letter without its accents ("ö" → "o", "Ç" → "C"), or a space for a rune that
// is neither a letter nor a digit and does not decompose ("«", "×"). It is "" for the runes
// that keep a letter of their own ("ß", "æ", "ø", "ł"), which foldUnicode folds. Made from
// the transform itself, rune by rune: the accents of one rune never combine with another
// (TestFoldLatinAsUnicode).
var latinFolds = func() (folds [latinFoldsEnd - 0x80]string) {
	for r := rune(0x80); r < latinFoldsEnd; r++ {
		out, err := removeAccents(string(r))
		switch {
		case err != nil:
		case isASCII(out) && out != "":
			folds[r-0x80] = out
		case out == string(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r):
			folds[r-0x80] = " "
		}
	}
	return folds
}()

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
	var f asciiFolder
	f.b.Grow(len(s))
	f.add(s)
	return f.b.String()
}

// asciiFolder folds ASCII text piece by piece: lower case, letters and digits kept, every
// run of other bytes one space between them, across pieces too.
type asciiFolder struct {
	b     strings.Builder
	space bool // a run of other bytes since the last letter or digit
}

// add folds the ASCII text s onto what was folded before it.
func (f *asciiFolder) add(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			f.space = true
			continue
		}
		if f.space && f.b.Len() > 0 {
			f.b.WriteByte(' ')
		}
		f.space = false
		f.b.WriteByte(c)
	}
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
