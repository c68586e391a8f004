package loader

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// BlockKind tells what a block of normalised text is.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading
	TableRow
	FootnoteBlock
)

// Block is a paragraph, heading, table row or footnote of the normalised text, as byte
// offsets [Start, End) into Text.Body.
type Block struct {
	Kind       BlockKind
	Start, End int
	Footnote   int // the footnote's number, for FootnoteBlock
}

// Text is a document after normalisation: one clean string in which evidence offsets
// point, split into blocks. Footnotes are moved after the body, each tied to its marker.
type Text struct {
	Body    string
	Blocks  []Block
	Markers []Marker // footnote markers in the body, in order

	footnotes map[int]int // footnote number → index into Blocks
	markerAt  map[int]int // footnote number → byte offset of its first marker
	// RawLines are the source lines after decoding and tag stripping, before furniture
	// removal: letterhead fields (Datum, Ons kenmerk) are read from them.
	RawLines []string
}

// Marker is a footnote reference in the body: footnote N at byte offset Pos.
type Marker struct {
	N   int
	Pos int
}

// FootnoteText returns the text of footnote n and its block, if the document has it.
func (t *Text) FootnoteText(n int) (string, Block, bool) {
	if i, ok := t.footnotes[n]; ok {
		b := t.Blocks[i]
		return t.Body[b.Start:b.End], b, true
	}
	return "", Block{}, false
}

// MarkerPos returns where the marker of footnote n stands in the body.
func (t *Text) MarkerPos(n int) (int, bool) {
	pos, ok := t.markerAt[n]
	return pos, ok
}

// MarkersIn returns the markers within byte offsets [start, end) of the body.
func (t *Text) MarkersIn(start, end int) []Marker {
	i := sort.Search(len(t.Markers), func(i int) bool { return t.Markers[i].Pos >= start })
	j := i
	for j < len(t.Markers) && t.Markers[j].Pos < end {
		j++
	}
	return t.Markers[i:j]
}

// decode turns raw bytes into valid UTF-8 text: UTF-8 as it is (BOM dropped), anything
// else read as Windows-1252, the usual encoding of older Dutch government exports.
func decode(data []byte) string {
	data = []byte(strings.TrimPrefix(string(data), "\uFEFF"))
	if utf8.Valid(data) {
		return string(data)
	}
	s, err := charmap.Windows1252.NewDecoder().String(string(data))
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return s
}

var (
	inlineTag   = regexp.MustCompile(`</?(?:i|b|u|p|em|strong|br|span|sup|sub)\b[^>]*>`)
	superDigits = map[rune]rune{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}
	toSuper     = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹'}
)

// cleanLine removes what is markup rather than text: markdown emphasis, quote markers,
// inline HTML tags, odd spaces.
func cleanLine(l string) string {
	l = inlineTag.ReplaceAllString(l, "")
	l = strings.Map(func(r rune) rune {
		switch r {
		case '\u00A0', '\u2009', '\u202F', '\u2007', '\u200A':
			return ' '
		case '\u00AD', '\u200B', '\uFEFF':
			return -1
		}
		return r
	}, l)
	l = strings.ReplaceAll(l, "**", "")
	l = strings.TrimRight(l, " \r")
	trim := strings.TrimSpace(l)
	if strings.HasPrefix(trim, "> ") {
		trim = strings.TrimPrefix(trim, "> ")
		l = trim
	}
	if len(trim) > 2 && strings.HasPrefix(trim, "*") && strings.HasSuffix(trim, "*") && !strings.HasPrefix(trim, "**") {
		l = strings.Trim(trim, "*")
	} else if strings.HasPrefix(trim, "*") && !strings.HasPrefix(trim, "* ") {
		l = strings.TrimPrefix(trim, "*")
	} else if strings.HasSuffix(trim, "*") {
		l = strings.TrimSuffix(trim, "*")
	}
	if strings.Contains(l, "\t") {
		return l
	}
	return strings.TrimLeft(l, " ")
}

// Normalise cleans a document's text per ARCHITECTURE.md: NFC, markup stripped, page furniture
// dropped, footnotes separated and tied to their markers, hard-wrapped lines unwrapped and
// de-hyphenated, tables kept as rows.
func Normalise(data []byte) *Text {
	src := norm.NFC.String(decode(data))
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	raw := strings.Split(src, "\n")
	lines := make([]string, len(raw))
	for i, l := range raw {
		lines[i] = cleanLine(l)
	}
	t := &Text{RawLines: lines}
	body := dropFurniture(dropNavigation(lines))
	body, notes := splitFootnotes(body)
	wrap := wrapWidth(body)
	paras := assemble(body, wrap)
	t.build(paras, notes)
	return t
}

// navigationLine matches the sites' navigation saved with a page: tkconv's menu of
// bracketed links ("[overzicht] [activiteiten] …"), officielebekendmakingen's "Naar boven",
// "U bent hier:", its search hints and footer links.
var navigationLine = regexp.MustCompile(`^(?:(?:\[[^\]\n]{1,40}\]\s*){2,}|Naar boven|U bent hier:?|Zoals vergunningen, bouwplannen en lokale regelgeving\.|Adressen en contactpersonen van overheidsorganisaties\.|Preview document \(🔗 origineel\)|Directe link naar document .*)$`)

// dropNavigation removes the lines of a site's navigation; the letterhead reader still sees
// them (RawLines).
func dropNavigation(lines []string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if navigationLine.MatchString(strings.TrimSpace(l)) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// furnitureLineMax is the longest line that can be page furniture (letterhead sidebars,
// repeated "Datum" and "Ons kenmerk" headers).
const furnitureLineMax = 70

// dropFurniture removes repeated page furniture: a block of two or more short lines each of
// which recurs elsewhere in the document, or a short block that recurs as a whole. Real
// paragraphs do not repeat; letterhead sidebars and page headers do.
func dropFurniture(lines []string) []string {
	count := map[string]int{}
	for _, l := range lines {
		if k := strings.TrimSpace(l); k != "" && len(k) <= furnitureLineMax && !strings.Contains(l, "\t") {
			count[k]++
		}
	}
	type span struct{ from, to int }
	var blocks []span
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		blocks = append(blocks, span{i, j})
		i = j
	}
	blockCount := map[string]int{}
	key := func(s span) string { return strings.Join(lines[s.from:s.to], "\n") }
	for _, b := range blocks {
		blockCount[key(b)]++
	}
	drop := make([]bool, len(lines))
	for _, b := range blocks {
		n := b.to - b.from
		furniture := true
		for _, l := range lines[b.from:b.to] {
			k := strings.TrimSpace(l)
			if len(k) > furnitureLineMax || count[k] < 2 || strings.Contains(l, "\t") {
				furniture = false
				break
			}
		}
		if n < 2 && !isHeaderField(lines[b.from]) {
			furniture = false
		}
		if !furniture && n >= 2 && blockCount[key(b)] >= 2 && len(key(b)) < 400 && !strings.Contains(key(b), "\t") {
			furniture = true
		}
		if furniture {
			for i := b.from; i < b.to; i++ {
				drop[i] = true
			}
		}
	}
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if drop[i] {
			out = append(out, "") // keep a break where the furniture stood
			continue
		}
		out = append(out, l)
	}
	return out
}

var headerField = regexp.MustCompile(`^(Datum|Ons kenmerk|Uw kenmerk|Bijlagen?|Pagina \d+ van \d+)\b`)

func isHeaderField(l string) bool { return headerField.MatchString(strings.TrimSpace(l)) }

// footnote is one footnote's number and text.
type footnote struct {
	n    int
	text string
}

var (
	superNote = regexp.MustCompile(`^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$`)
	plainNote = regexp.MustCompile(`^(\d{1,3})\s+(\S.*)$`)
)

// splitFootnotes takes the footnotes out of the body. Superscript-numbered lines are always
// footnotes; plain-numbered lines only when they carry the next expected number, so that a
// line starting "2 miljoen euro" is not mistaken for one.
func splitFootnotes(lines []string) ([]string, []footnote) {
	var notes []footnote
	next := 1
	body := make([]string, 0, len(lines))
	inNote := false
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			// a footnote may continue after a page break with a lowercase line
			if inNote && i+1 < len(lines) && startsLower(strings.TrimSpace(lines[i+1])) && !prevBodyOpen(body) {
				continue
			}
			inNote = false
			body = append(body, "")
			continue
		}
		if m := superNote.FindStringSubmatch(l); m != nil && m[2] != "" {
			notes = append(notes, footnote{n: superToInt(m[1]), text: m[2]})
			next = superToInt(m[1]) + 1
			inNote = true
			continue
		}
		if m := plainNote.FindStringSubmatch(l); m != nil && atoi(m[1]) == next && looksLikeNote(m[2], lines, i) {
			notes = append(notes, footnote{n: next, text: m[2]})
			next++
			inNote = true
			continue
		}
		if inNote && !strings.Contains(lines[i], "\t") && !endsSentence(notes[len(notes)-1].text) {
			last := &notes[len(notes)-1]
			last.text = joinWrapped(last.text, l)
			continue
		}
		body = append(body, lines[i])
	}
	return body, notes
}

// looksLikeNote accepts a plain-numbered line as a footnote when it stands at a block start
// (after a blank line or another footnote) and reads like a reference or a remark.
func looksLikeNote(text string, lines []string, i int) bool {
	if !(unicode.IsUpper(firstRune(text)) || strings.HasPrefix(text, "«") || strings.HasPrefix(text, "http")) {
		return false
	}
	if i == 0 {
		return false
	}
	prev := strings.TrimSpace(lines[i-1])
	return prev == "" || superNote.MatchString(prev) || plainNote.MatchString(prev) || referenceNote.MatchString(text)
}

// referenceNote is how footnotes that cite something begin.
var referenceNote = regexp.MustCompile(`^(Kamerstuk|Zie |Vgl\. |Handelingen|Aanhangsel|Stb\.|Stcrt\.|https?://|Bron:|Motie )`)

// prevBodyOpen reports whether the body so far ends mid-sentence, in which case a lowercase
// line after a break continues the body, not a footnote.
func prevBodyOpen(body []string) bool {
	for i := len(body) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(body[i]); l != "" {
			return !endsSentence(l)
		}
	}
	return false
}

func superToInt(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(superDigits[r]-'0')
	}
	return n
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func startsLower(s string) bool { return s != "" && unicode.IsLower(firstRune(s)) }

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if _, ok := superDigits[r]; ok {
		s = strings.TrimRightFunc(s, func(r rune) bool { _, ok := superDigits[r]; return ok })
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	return strings.ContainsRune(".!?:;»”\"'", r)
}

// wrapWidth estimates the width at which a hard-wrapped document was wrapped, or 0 when the
// document keeps each paragraph on one line.
func wrapWidth(lines []string) int {
	var lens []int
	short, long := 0, 0
	for _, l := range lines {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n == 0 || strings.Contains(l, "\t") {
			continue
		}
		if n > 130 {
			long += n
		} else {
			short += n
			if n >= 40 {
				lens = append(lens, n)
			}
		}
	}
	if len(lens) < 5 || long > short {
		return 0
	}
	sort.Ints(lens)
	return lens[len(lens)*3/4]
}

// para is a paragraph under construction.
type para struct {
	kind BlockKind
	text string
}

// assemble joins lines into paragraphs: wrapped lines are unwrapped (hyphenation undone),
// paragraphs broken by a page are rejoined, short lines without final punctuation become
// headings, tab-separated lines stay table rows.
func assemble(lines []string, wrap int) []para {
	var out []para
	var cur []string
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := cur[0]
		for _, l := range cur[1:] {
			text = joinWrapped(text, l)
		}
		out = append(out, para{kind: Paragraph, text: text})
		cur = nil
	}
	blank, inHeading := false, false
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		if strings.Contains(l, "\t") {
			flush()
			out = append(out, para{kind: TableRow, text: l})
			blank = false
			continue
		}
		l = strings.TrimSpace(l)
		cur0 := ""
		if len(cur) > 0 {
			cur0 = cur[len(cur)-1]
		}
		switch {
		case len(cur) == 0:
			cur = append(cur, l)
		case blank && startsLower(l) && !endsSentence(cur[len(cur)-1]):
			// a paragraph broken by a page break, furniture or footnotes continues here
			cur = append(cur, l)
		case !blank && inHeading && len(cur) < 3:
			// a heading wraps onto a lowercase or parenthesised line, and ends before a capital
			if startsLower(l) || strings.HasPrefix(l, "(") {
				cur = append(cur, l)
			} else {
				flush()
				cur = []string{l}
				inHeading = false
			}
		case !blank && inHeading:
			// three lines are no heading: it was a paragraph after all
			inHeading = false
			if continues(cur[len(cur)-1], l, wrap) {
				cur = append(cur, l)
			} else {
				flush()
				cur = []string{l}
			}
		case !blank && continues(cur[len(cur)-1], l, wrap):
			cur = append(cur, l)
		default:
			flush()
			cur = []string{l}
			inHeading = !blank && wrap > 0 && headingLine(cur0, l, lineAfter(lines, i), wrap)
		}
		blank = false
	}
	flush()
	for i := range out {
		if out[i].kind == Paragraph && isHeading(out[i].text) {
			out[i].kind = Heading
		}
	}
	return out
}

// continues decides whether line next belongs to the same paragraph as line prev in a
// document without blank lines between paragraphs.
func continues(prev, next string, wrap int) bool {
	if wrap == 0 {
		// one paragraph per line; only a broken word or an unfinished sentence running
		// on in lowercase continues
		return !strings.Contains(next, "\t") && startsLower(next) && (strings.HasSuffix(prev, "-") || !endsSentence(prev))
	}
	if standalone.MatchString(prev) || standalone.MatchString(next) || listItem.MatchString(next) {
		return false
	}
	if utf8.RuneCountInString(prev) < wrap*6/10 && !strings.HasSuffix(prev, "-") {
		return false
	}
	return !headingLine(prev, next, "", wrap)
}

// headingLine reports whether next, following prev, opens a heading: an unpunctuated,
// capitalised line after a finished sentence, short or followed by a capitalised line (or by
// the parenthesised rest of the heading).
func headingLine(prev, next, after string, wrap int) bool {
	if !endsSentence(prev) || endsSentence(next) || !unicode.IsUpper(firstRune(next)) || strings.HasSuffix(next, ",") {
		return false
	}
	return utf8.RuneCountInString(next) < wrap*6/10 || after == "" || unicode.IsUpper(firstRune(after)) || strings.HasPrefix(after, "(")
}

// lineAfter returns the next non-blank line after line i (trimmed), or "".
func lineAfter(lines []string, i int) string {
	for j := i + 1; j < len(lines); j++ {
		if t := strings.TrimSpace(lines[j]); t != "" {
			return t
		}
	}
	return ""
}

// standalone matches lines of a letter's head and foot that never run on into the next.
var standalone = regexp.MustCompile(`^(Nr\.\s*\d+|\d{2}\s?\d{3}(\s+[A-Z]+)?\s+[A-Z][a-z]|BRIEF VAN|MOTIE VAN|Den Haag, \d|Aan de Voorzitter|De (Minister|Staatssecretaris|minister|staatssecretaris) .*,$|Datum\b|Onderwerp\b|Ons kenmerk|Ondertekenaars|Eerste ondertekenaar|Bijlagen?\b)`)

// listItem matches the start of a dashed or bulleted list item.
var listItem = regexp.MustCompile(`^[–•\-]\s`)

// joinWrapped joins two wrapped lines, undoing hyphenation at the break ("mensen-" +
// "handel") but keeping a hyphen that stands for an elided word ("Onderzoek-" + "en").
func joinWrapped(a, b string) string {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	if strings.HasSuffix(a, "-") && len(a) > 1 {
		before, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
		if unicode.IsLetter(before) && startsLower(b) {
			w := strings.Fields(b)[0]
			if w == "en" || w == "of" || w == "en/of" || w == "tot" {
				return a + " " + b
			}
			return a[:len(a)-1] + b
		}
		return a + b
	}
	return a + " " + b
}

var numberedHeading = regexp.MustCompile(`^(\d+(\.\d+)*[.)]?|\d+[A-Z]\))\s*\S`)

// isHeading recognises section headings: one short line, no final punctuation.
func isHeading(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > 140 || n < 3 {
		return false
	}
	if endsSentence(s) || strings.HasSuffix(s, ",") {
		return false
	}
	r := firstRune(s)
	return unicode.IsUpper(r) || numberedHeading.MatchString(s)
}

// trailingMarker finds footnote markers written as plain digits glued to a word
// ("mensenhandel1.", "EU7 ", "lingen7."), as PDF text extraction leaves superscripts.
var trailingMarker = regexp.MustCompile(`([\p{L}\)»”.,;:'’])(\d{1,3})([\s.,;:)]|\p{Ll}|$)`)

// build writes the paragraphs and footnotes into one body and records blocks and markers.
// Plain-digit markers are rewritten as superscripts, so every document reads alike.
func (t *Text) build(paras []para, notes []footnote) {
	have := map[int]bool{}
	for _, n := range notes {
		have[n.n] = true
	}
	var b strings.Builder
	size := len("\n\nVoetnoten")
	for _, p := range paras {
		size += len(p.text) + 2
	}
	for _, n := range notes {
		size += len(n.text) + 16
	}
	b.Grow(size + size/64) // room for markers rewritten as superscripts
	next := 1
	// documents that print markers as superscripts need no guessing at plain digits
	plain := true
	for _, p := range paras {
		if strings.ContainsAny(p.text, "¹²³⁴⁵⁶⁷⁸⁹⁰") {
			plain = false
			break
		}
	}
	for _, p := range paras {
		text := p.text
		if plain && (p.kind == Paragraph || p.kind == Heading) {
			text, next = superscriptMarkers(text, next, have)
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(text)
		t.Blocks = append(t.Blocks, Block{Kind: p.kind, Start: start, End: b.Len()})
	}
	if len(notes) > 0 {
		b.WriteString("\n\nVoetnoten")
		for _, n := range notes {
			b.WriteString("\n\n")
			b.WriteString(toSuperscript(n.n))
			b.WriteString(" ")
			start := b.Len()
			b.WriteString(n.text)
			if t.footnotes == nil {
				t.footnotes = map[int]int{}
			}
			if _, dup := t.footnotes[n.n]; !dup {
				t.footnotes[n.n] = len(t.Blocks)
			}
			t.Blocks = append(t.Blocks, Block{Kind: FootnoteBlock, Start: start, End: b.Len(), Footnote: n.n})
		}
	}
	t.Body = b.String()
	// record superscript markers in the body (not in the footnote section)
	end := len(t.Body)
	if len(notes) > 0 {
		end = strings.LastIndex(t.Body, "\n\nVoetnoten")
	}
	for i := 0; i < end; {
		if t.Body[i] < utf8.RuneSelf {
			i++ // superscript digits are never ASCII
			continue
		}
		r, size := utf8.DecodeRuneInString(t.Body[i:])
		if _, ok := superDigits[r]; ok {
			j := i
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(t.Body[j:])
				if _, ok := superDigits[r2]; !ok {
					break
				}
				j += s2
			}
			n := superToInt(t.Body[i:j])
			t.Markers = append(t.Markers, Marker{N: n, Pos: i})
			if t.markerAt == nil {
				t.markerAt = map[int]int{}
			}
			if _, seen := t.markerAt[n]; !seen {
				t.markerAt[n] = i
			}
			i = j
			continue
		}
		i += size
	}
}

// superscriptMarkers rewrites plain-digit footnote markers as superscripts. Only the next
// expected number counts as a marker, and only when that footnote exists (or the document
// has no footnote bodies at all, as in some exports), so years and amounts stay numbers.
func superscriptMarkers(s string, next int, have map[int]bool) (string, int) {
	if !strings.Contains(s, itoa(next)) {
		return s, next // the first marker must be the next number: no need to look further
	}
	var b strings.Builder
	last := 0
	for _, m := range trailingMarker.FindAllStringSubmatchIndex(s, -1) {
		n := atoi(s[m[4]:m[5]])
		if c := s[m[2]:m[3]]; (c == "." || c == ",") && m[2] > 0 && s[m[2]-1] >= '0' && s[m[2]-1] <= '9' {
			continue // "4.1", "5,5": a number, not a marker
		}
		// only the next expected number, of a footnote that exists, and never a year
		if n != next || (len(have) > 0 && !have[n]) || n > 300 {
			continue
		}
		b.WriteString(s[last:m[4]])
		b.WriteString(toSuperscript(n))
		if m[6] < m[7] && unicode.IsLetter(firstRune(s[m[6]:])) {
			b.WriteByte(' ') // "Kuiken5is": the extraction lost the space after the marker
		}
		last = m[5]
		next++
	}
	b.WriteString(s[last:])
	return b.String(), next
}

func toSuperscript(n int) string {
	digits := []rune(itoa(n))
	for i, d := range digits {
		digits[i] = toSuper[d]
	}
	return string(digits)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}
