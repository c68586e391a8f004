package store

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"beleidsgraaf/kg"
)

// Search ranking. A query is folded with kg.Fold into its phrase and words. A node matches
// when every word is found in one of its searchable fields, and the score is the tier of
// the best match, one of:
const (
	ScoreExact  = 1.0 // the whole query equals one of the names, or cites the node (below)
	ScorePrefix = 0.8 // one of the names starts with the whole query; a cited reference
	ScoreName   = 0.6 // every word occurs in the names
	ScoreTitle  = 0.4 // every word occurs in the names or the title (or a long name)
	ScoreText   = 0.2 // every word occurs somewhere, the document text included
	ScoreTypo   = 0.1 // a word is only found, with one typo, in the document text
)

// The fields, strongest first: names (name, aliases, abbreviation: NameKeys) of at most
// maxNameWords words; the title property and names longer than that (the descriptions
// that proposals, actions and commitments carry as names rank with titles, below the
// names of organisations, persons and motions); for a Document its text property.
//
// A word is found in a field when it occurs in it as a substring (of one of its words:
// query words hold no spaces). A word of at least minTypoLength letters and no digits
// that is not found so in any field of a node is also found where one of the field's
// words is one typo away (one letter added, dropped, changed, or two neighbours swapped),
// one tier lower: "comensa" finds CoMensha as a title would.
//
// Citations: a motion and a Kamerstuk answer to "28 638, nr. 224", "28638-224",
// "kamerstuk 28 638 nr 224" (the query's citation, folded to "28638 224"), a motion also to
// "motie 224", a document to its kenmerk and its Tweede Kamer number ("2024D03838"): at
// ScoreExact, a document known only by reference at ScorePrefix, so that the motion (or the
// document itself) leads.
//
// Hits are ordered by score (high first), then name key, then ID. Tiers are coarse on
// purpose: ties resolve in the order a list would show, which readers can predict. This
// file is the definition (SearchDoc.Score, Rank); the memory store answers from an index
// built at Replace (SearchIndex), the Neo4j store pre-selects candidates with its
// full-text index and ranks them with Rank; both give exactly the same hits in the same
// order (storetest, conformance).

const (
	maxNameWords  = 10 // a longer name ranks as a title
	minTypoLength = 5  // shorter words are not corrected: too many neighbours
)

// Word levels: the field class a word was found in, as the score of its tier.
const (
	levelTypo  = 1 // one typo, in the text
	levelText  = 2
	levelTitle = 3
	levelName  = 4
)

var levelScore = [...]float64{levelTypo: ScoreTypo, levelText: ScoreText, levelTitle: ScoreTitle, levelName: ScoreName}

// Field class bits, as kept per word in an index.
const (
	inText  uint8 = 1
	inTitle uint8 = 2
	inName  uint8 = 4
)

// level is the level of a word found exactly in the fields of mask, or (typo) one typo
// away in them; 0: not found.
func level(mask uint8, typo bool) int {
	l := 0
	switch {
	case mask&inName != 0:
		l = levelName
	case mask&inTitle != 0:
		l = levelTitle
	case mask&inText != 0:
		l = levelText
	default:
		return 0
	}
	if typo {
		l--
	}
	return l
}

// SearchPattern is a parsed query.
type SearchPattern struct {
	Phrase string   // kg.Fold of the query
	Terms  []string // the words of Phrase, each once, in query order
	// Cite is the phrase as a citation key (see citeKeys): a Kamerstuk citation in any
	// spelling becomes "<dossier digits> <number>", anything else stays the phrase.
	Cite string
}

// ParseSearch folds a query into its phrase and words. A query without letters or digits
// has no words and matches nothing.
func ParseSearch(text string) SearchPattern {
	p := SearchPattern{Phrase: kg.Fold(text)}
	seen := map[string]bool{}
	for _, w := range strings.Fields(p.Phrase) {
		if !seen[w] {
			seen[w] = true
			p.Terms = append(p.Terms, w)
		}
	}
	p.Cite = p.Phrase
	if m := citationQuery.FindStringSubmatch(p.Phrase); m != nil {
		p.Cite = m[1] + m[2] + " " + m[3]
	}
	return p
}

// citationQuery reads a folded Kamerstuk citation: an optional "kamerstuk(ken)" or
// "motie", the dossier (two and three digits, apart or together), an optional "nr" or
// "nummer", and the number.
var citationQuery = regexp.MustCompile(`^(?:(?:kamerstuk|kamerstukken|motie|kst) )?(\d{2}) ?(\d{3}) (?:(?:nr|nummer|no) )?(\d{1,4})$`)

// TypoCandidate reports whether a query word may be found with a typo.
func TypoCandidate(t string) bool { return typoCandidate(t) }

func typoCandidate(t string) bool {
	return utf8.RuneCountInString(t) >= minTypoLength && !strings.ContainsFunc(t, unicode.IsDigit)
}

// oneTypo reports whether a and b (a != b) are one edit apart: one rune inserted, deleted,
// replaced, or two neighbouring runes swapped.
func oneTypo(a, b string) bool { return oneTypoOf(a, b, isASCII(a) && isASCII(b)) }

// oneTypoOf is oneTypo for a caller that knows whether both are all ASCII (the search
// index keeps that per word).
func oneTypoOf(a, b string, ascii bool) bool {
	if d := len(a) - len(b); d > 4 || d < -4 { // a rune is at most 4 bytes
		return false
	}
	if ascii { // bytes are runes: no conversion
		return oneEdit([]byte(a), []byte(b))
	}
	return oneEdit([]rune(a), []rune(b))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func oneEdit[C byte | rune](ra, rb []C) bool {
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		if i == len(ra) {
			return false // equal
		}
		if slices.Equal(ra[i+1:], rb[i+1:]) {
			return true // replaced
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && slices.Equal(ra[i+2:], rb[i+2:]) // swapped
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return slices.Equal(ra[i+1:], rb[i:]) // ra has one rune more
	}
	return false
}

// SearchDoc is a node prepared for scoring: its fields folded once, so that a store can
// keep it and score it against many queries.
type SearchDoc struct {
	Node      *kg.Node
	NameKey   string
	keys      []string // NameKeys of at most maxNameWords words
	raw       []string // names as written, parallel to keys
	long      []string // the longer NameKeys
	longRaw   []string // as written
	title     string   // folded title
	text      string   // folded text, Documents only
	cites     []string // citation keys (citeKeys)
	citeScore float64
	// textMatch, when set, answers the text tests instead of text: a store that keeps the
	// folded text apart tests it where it lies and ships only the answers (NewSearchDocMatched).
	textMatch map[string]TextMatch
}

// TextMatch is what the ranking needs to know of a node's folded text for one query word:
// whether the word occurs in it (as a substring of one of its words) and whether some word
// of it is one typo away from the query word.
type TextMatch struct{ Exact, Typo bool }

// NewSearchDocMatched is NewSearchDoc for a node read without its text: matches gives,
// for each word of the pattern it will be scored against, what the text holds. Score and
// Rank then give what they give for the whole node; Snippet needs the text when the score
// is at most ScoreText (SnippetNeedsText), so it is called on a NewSearchDoc of the whole
// node instead.
func NewSearchDocMatched(n *kg.Node, matches map[string]TextMatch) *SearchDoc {
	d := NewSearchDoc(n)
	d.text, d.textMatch = "", matches
	return d
}

// SnippetNeedsText reports whether the snippet of a hit with this score may come from the
// document text (a text match, or a typo that may be in the text).
func SnippetNeedsText(score float64) bool { return score <= ScoreText }

// NewSearchDoc folds a node's searchable fields.
func NewSearchDoc(n *kg.Node) *SearchDoc {
	d := &SearchDoc{Node: n, NameKey: NameKey(n), title: kg.Fold(n.Str(kg.PropTitle)), citeScore: ScoreExact}
	keys, raw := names(n)
	for i, k := range keys {
		if strings.Count(k, " ") >= maxNameWords {
			d.long, d.longRaw = append(d.long, k), append(d.longRaw, raw[i])
		} else {
			d.keys, d.raw = append(d.keys, k), append(d.raw, raw[i])
		}
	}
	if n.Label == kg.Document {
		d.text = kg.Fold(n.Str(kg.PropText))
		if n.Str(kg.PropKind) == kg.DocReference {
			d.citeScore = ScorePrefix
		}
	}
	d.cites = citeKeys(n)
	return d
}

// citeKeys are the folded spellings a node is cited by: "<dossier digits> <number>" for
// motions and Kamerstukken, "motie <number>" for motions, a document's kenmerk and Tweede
// Kamer number.
func citeKeys(n *kg.Node) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	switch n.Label {
	case kg.Motion, kg.Document:
		if number, ok := n.Int(kg.PropNumber); ok && n.Str(kg.PropDossier) != "" {
			add(strings.ReplaceAll(kg.Fold(n.Str(kg.PropDossier)), " ", "") + " " + strconv.FormatInt(number, 10))
			if n.Label == kg.Motion {
				add("motie " + strconv.FormatInt(number, 10))
			}
		}
	}
	if n.Label == kg.Document {
		add(kg.Fold(n.Str(kg.PropKenmerk)))
		add(kg.Fold(n.Str(kg.PropTKNumber)))
	}
	return out
}

// SearchKey is the text a node is searched in: its folded fields and citation keys joined
// by newlines. Query words hold no whitespace, so "a word occurs in SearchKey" is exactly
// "a word occurs in one field": the Neo4j store keeps SearchKey as a property, in its
// full-text index, to pre-select candidates.
func SearchKey(n *kg.Node) string { return NewSearchDoc(n).Key() }

// Key is SearchKey of the doc's node.
func (d *SearchDoc) Key() string {
	parts := slices.Concat(d.keys, d.long, []string{d.title, d.text}, d.cites)
	return strings.Join(parts, "\n")
}

// NamesKey, CiteKey and FoldedText are Key in three parts: the names and title, the
// citation keys, the document text. The Neo4j store keeps them apart so that it can test
// the text where it lies (see NewSearchDocMatched) and tell, from NamesKey alone, whether
// a hit's snippet may need the text: when every query word occurs in NamesKey, the score
// is at least ScoreTitle.
func (d *SearchDoc) NamesKey() string {
	return strings.Join(slices.Concat(d.keys, d.long, []string{d.title}), "\n")
}

// CiteKey is the citation keys, one per line.
func (d *SearchDoc) CiteKey() string { return strings.Join(d.cites, "\n") }

// FoldedText is the folded document text ("" for other labels).
func (d *SearchDoc) FoldedText() string { return d.text }

// fields calls f with each searchable field and its class bit.
func (d *SearchDoc) fields(f func(field string, class uint8)) {
	d.shortFields(f)
	f(d.text, inText)
}

// shortFields are fields without the text: names, long names, title.
func (d *SearchDoc) shortFields(f func(field string, class uint8)) {
	for _, k := range d.keys {
		f(k, inName)
	}
	for _, k := range d.long {
		f(k, inTitle)
	}
	f(d.title, inTitle)
}

// textHas reports whether t occurs in the folded text.
func (d *SearchDoc) textHas(t string) bool {
	if d.textMatch != nil {
		return d.textMatch[t].Exact
	}
	return strings.Contains(d.text, t)
}

// textTypo reports whether a word of the folded text is one typo from t.
func (d *SearchDoc) textTypo(t string) bool {
	if d.textMatch != nil {
		return d.textMatch[t].Typo
	}
	return hasTypoWord(d.text, t)
}

// hasTypoWord reports whether a word of field is one typo from t.
func hasTypoWord(field, t string) bool {
	return slices.ContainsFunc(strings.Fields(field), func(w string) bool { return oneTypo(t, w) })
}

// Score is the tier of the node's best match, or ok false when some word is missing.
func (d *SearchDoc) Score(p SearchPattern) (score float64, ok bool) {
	if len(p.Terms) == 0 {
		return 0, false
	}
	if slices.Contains(d.cites, p.Cite) {
		return d.citeScore, true
	}
	if s, ok := d.nameScore(p); ok {
		return s, true
	}
	// The weakest field each word needs decides the tier.
	tier := levelName
	for _, t := range p.Terms {
		var exact, typo uint8
		d.shortFields(func(field string, class uint8) {
			if strings.Contains(field, t) {
				exact |= class
			}
		})
		if d.textHas(t) {
			exact |= inText
		}
		l := level(exact, false)
		if l == 0 && typoCandidate(t) {
			d.shortFields(func(field string, class uint8) {
				if typo&class == 0 && hasTypoWord(field, t) {
					typo |= class
				}
			})
			if typo == 0 && d.textTypo(t) {
				typo |= inText
			}
			l = level(typo, true)
		}
		if l == 0 {
			return 0, false
		}
		tier = min(tier, l)
	}
	return levelScore[tier], true
}

// nameScore is ScoreExact when the phrase is one of the names, ScorePrefix when it starts
// one.
func (d *SearchDoc) nameScore(p SearchPattern) (float64, bool) {
	if slices.Contains(d.keys, p.Phrase) {
		return ScoreExact, true
	}
	if slices.ContainsFunc(d.keys, func(k string) bool { return strings.HasPrefix(k, p.Phrase) }) {
		return ScorePrefix, true
	}
	return 0, false
}

// Snippet shows why the node matched with the given score: its citation (or name) when
// the query cites it; the name, alias or abbreviation (as written) that matched; the name
// or title that holds the most words; or for a text match a window of about SnippetLength
// characters of the document text around the first occurrence of any word.
func (d *SearchDoc) Snippet(p SearchPattern, score float64) string {
	if score == d.citeScore && slices.Contains(d.cites, p.Cite) {
		if c := d.Node.Str(kg.PropCitation); c != "" {
			return c
		}
		return d.Node.Name
	}
	switch score {
	case ScoreExact:
		return d.raw[slices.Index(d.keys, p.Phrase)]
	case ScorePrefix:
		return d.raw[slices.IndexFunc(d.keys, func(k string) bool { return strings.HasPrefix(k, p.Phrase) })]
	case ScoreName:
		return d.bestField(p, false)
	case ScoreTitle:
		return d.bestField(p, true)
	}
	// A text match, or a title one typo away.
	words := slices.Clone(p.Terms)
	inText := false
	for _, t := range p.Terms {
		if strings.Contains(d.text, t) {
			inText = true
			continue
		}
		if typoCandidate(t) {
			for w := range strings.FieldsSeq(d.text) {
				if oneTypo(t, w) {
					words = append(words, w)
					inText = true
					break
				}
			}
		}
	}
	if !inText {
		return d.bestField(p, true)
	}
	return TextSnippet(d.Node.Str(kg.PropText), words)
}

// bestField returns, as written, the name (or with titles: the long name or title) in
// which most query words are found (with titles, one typo away counts), the first of equals.
func (d *SearchDoc) bestField(p SearchPattern, titles bool) string {
	found := func(field string) int {
		c := 0
		for _, t := range p.Terms {
			if strings.Contains(field, t) || titles && typoCandidate(t) && hasTypoWord(field, t) {
				c++
			}
		}
		return c
	}
	best, most := "", 0
	for i, k := range d.keys {
		if c := found(k); c > most {
			best, most = d.raw[i], c
		}
	}
	if !titles {
		return best
	}
	for i, k := range d.long {
		if c := found(k); c > most {
			best, most = d.longRaw[i], c
		}
	}
	if c := found(d.title); c > most {
		best = d.Node.Str(kg.PropTitle)
	}
	return best
}

// Rank scores candidates against p and returns the best first hits (first 0: all) in
// rank order, with snippets unless noSnippets. It defines what SearchIndex answers; the
// Neo4j store ends its Search with it.
func Rank(docs []*SearchDoc, p SearchPattern, first int, noSnippets bool) []Hit {
	type scored struct {
		d     *SearchDoc
		score float64
	}
	var all []scored
	for _, d := range docs {
		if s, ok := d.Score(p); ok {
			all = append(all, scored{d, s})
		}
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := strings.Compare(a.d.NameKey, b.d.NameKey); c != 0 {
			return c
		}
		return strings.Compare(a.d.Node.ID, b.d.Node.ID)
	})
	if first > 0 && len(all) > first {
		all = all[:first]
	}
	hits := make([]Hit, len(all))
	for i, s := range all {
		hits[i] = Hit{Node: s.d.Node, Score: s.score}
		if !noSnippets {
			hits[i].Snippet = s.d.Snippet(p, s.score)
		}
	}
	return hits
}
