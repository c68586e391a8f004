package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a block, as byte offsets into Text.Body, with the block it
// stands in and the heading it stands under.
type Sentence struct {
	Start, End int
	Block      int // index into Text.Blocks
	Section    int // index of the governing heading block, or -1
}

// abbreviations end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"nr": true, "nrs": true, "jl": true, "j.l": true, "o.a": true, "art": true, "bv": true, "bijv": true,
	"c.s": true, "dhr": true, "mevr": true, "drs": true, "mr": true, "dr": true, "prof": true,
	"ing": true, "ir": true, "i.e": true, "e.a": true, "m.b.t": true, "t.a.v": true, "zgn": true,
	"ca": true, "incl": true, "excl": true, "resp": true, "vs": true, "p": true, "pag": true,
	"a.s": true, "z.s.m": true, "d.w.z": true, "m.n": true, "evt": true, "St": true, "Stb": true,
	"Stcrt": true, "blz": true, "vgl": true, "zie": false, "N.v.t": true, "n.v.t": true, "o.m": true,
	"Rb": true, "e.d": true, "t/m": true, "mln": true, "mld": true, "jo": true,
}

// Segment splits every block into sentences and ties each to its section heading.
func Segment(t *Text) []Sentence {
	var out []Sentence
	section := -1
	for bi, b := range t.Blocks {
		if b.Kind == Heading {
			section = bi
		}
		for _, s := range splitSentences(t.Body, b.Start, b.End) {
			out = append(out, Sentence{Start: s[0], End: s[1], Block: bi, Section: section})
		}
	}
	return out
}

// splitSentences finds sentence boundaries in body[start:end]: a period, question or
// exclamation mark (and any closing quote or footnote marker) followed by a space and a
// capital, digit or opening quote — unless the word before is a known abbreviation or an
// initial ("E. van der Burg").
func splitSentences(body string, start, end int) [][2]int {
	var out [][2]int
	s := start
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(body[i:])
		if r != '.' && r != '?' && r != '!' {
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(body[j:])
			if _, sup := superDigits[r2]; sup || strings.ContainsRune("»”\"')’", r2) {
				j += s2
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if body[j] != ' ' {
			i = j
			continue
		}
		k := j
		for k < end && body[k] == ' ' {
			k++
		}
		if k >= end {
			break
		}
		nr, _ := utf8.DecodeRuneInString(body[k:])
		if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || strings.ContainsRune("«“‘'(–", nr)) {
			i = j
			continue
		}
		if r == '.' && noBreakBefore(body[s:i]) {
			i = j
			continue
		}
		out = append(out, [2]int{s, j})
		s = k
		i = k
	}
	if s < end {
		out = append(out, [2]int{s, trimRightSpace(body, s, end)})
	}
	return out
}

func trimRightSpace(body string, s, e int) int {
	for e > s && (body[e-1] == ' ' || body[e-1] == '\n') {
		e--
	}
	return e
}

// noBreakBefore reports whether the text before a period ends in an abbreviation, an
// initial, or a list number such as "1." at the start.
func noBreakBefore(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " (\n"); i >= 0 {
		w = before[i+1:]
	}
	if w == "" {
		return false
	}
	if abbreviations[w] || abbreviations[strings.ToLower(w)] {
		return true
	}
	// initials: "E", "D.M", "J.A"
	if n := utf8.RuneCountInString(w); n <= 4 {
		allInit := true
		for _, p := range strings.Split(w, ".") {
			if utf8.RuneCountInString(p) != 1 || !unicode.IsUpper(firstRune(p)) {
				allInit = false
				break
			}
		}
		if allInit {
			return true
		}
	}
	// "1." opening a numbered heading or list item
	if strings.TrimSpace(before) == w && atoi(w) >= 0 && len(w) <= 2 {
		return true
	}
	return false
}
