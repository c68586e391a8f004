package store

import (
	"cmp"
	"slices"
	"strings"

	"beleidsgraaf/kg"
)

// Search ranking. A node matches a query when every word of the folded query occurs
// (as a substring) in at least one of its searchable fields: its names (NameKeys: name,
// aliases, abbreviation), its title property, and for a Document its text property, all
// folded with kg.Fold. The score is the tier of the best match, one of:
const (
	ScoreExact  = 1.0 // the whole query equals one of the names
	ScorePrefix = 0.8 // one of the names starts with the whole query
	ScoreName   = 0.6 // every word occurs in the names
	ScoreTitle  = 0.4 // every word occurs in the names or the title
	ScoreText   = 0.2 // every word occurs somewhere, the document text included
)

// Hits are ordered by score (high first), then name key, then ID. Tiers are coarse on
// purpose: ties resolve in the order a list would show, which readers can predict, and
// the Neo4j store, which fetches candidates with CONTAINS on SearchKey and ranks them
// with Rank, returns exactly the same hits in the same order.

// SearchPattern is a parsed query.
type SearchPattern struct {
	Phrase string   // kg.Fold of the query
	Terms  []string // the words of Phrase, each once, in query order
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
	return p
}

// SearchDoc is a node prepared for scoring: its fields folded once, so that a store can
// keep it and score it against many queries.
type SearchDoc struct {
	Node    *kg.Node
	NameKey string
	keys    []string // NameKeys
	raw     []string // names as written, parallel to keys
	title   string   // folded title
	text    string   // folded text, Documents only
}

// NewSearchDoc folds a node's searchable fields.
func NewSearchDoc(n *kg.Node) *SearchDoc {
	d := &SearchDoc{Node: n, NameKey: NameKey(n), title: kg.Fold(n.Str(kg.PropTitle))}
	d.keys, d.raw = names(n)
	if n.Label == kg.Document {
		d.text = kg.Fold(n.Str(kg.PropText))
	}
	return d
}

// SearchKey is the text a node is searched in: its folded fields joined by newlines. Query
// words hold no whitespace, so "every word occurs in SearchKey" is exactly "every word
// occurs in one field": the Neo4j store keeps SearchKey as a property and pre-selects
// candidates with all(t IN $terms WHERE n.searchKey CONTAINS t).
func SearchKey(n *kg.Node) string { return NewSearchDoc(n).Key() }

// Key is SearchKey of the doc's node.
func (d *SearchDoc) Key() string {
	parts := append(slices.Clone(d.keys), d.title, d.text)
	return strings.Join(parts, "\n")
}

// Score is the tier of the node's best match, or ok false when some word is missing.
func (d *SearchDoc) Score(p SearchPattern) (score float64, ok bool) {
	if len(p.Terms) == 0 {
		return 0, false
	}
	for _, k := range d.keys {
		if k == p.Phrase {
			return ScoreExact, true
		}
	}
	for _, k := range d.keys {
		if strings.HasPrefix(k, p.Phrase) {
			return ScorePrefix, true
		}
	}
	// The weakest field each word needs decides the tier.
	tier := ScoreName
	for _, t := range p.Terms {
		switch {
		case slices.ContainsFunc(d.keys, func(k string) bool { return strings.Contains(k, t) }):
		case strings.Contains(d.title, t):
			tier = min(tier, ScoreTitle)
		case strings.Contains(d.text, t):
			tier = ScoreText
		default:
			return 0, false
		}
	}
	return tier, true
}

// Snippet shows why the node matched with the given score: the name, alias or
// abbreviation (as written) that matched, the title, or for a text match a window of about
// SnippetLength characters of the document text around the first occurrence of any word.
func (d *SearchDoc) Snippet(p SearchPattern, score float64) string {
	switch score {
	case ScoreExact:
		return d.firstName(func(k string) bool { return k == p.Phrase })
	case ScorePrefix:
		return d.firstName(func(k string) bool { return strings.HasPrefix(k, p.Phrase) })
	case ScoreName:
		best, most := "", 0
		for i, k := range d.keys {
			c := 0
			for _, t := range p.Terms {
				if strings.Contains(k, t) {
					c++
				}
			}
			if c > most {
				best, most = d.raw[i], c
			}
		}
		return best
	case ScoreTitle:
		return d.Node.Str(kg.PropTitle)
	}
	return TextSnippet(d.Node.Str(kg.PropText), p.Terms)
}

func (d *SearchDoc) firstName(match func(string) bool) string {
	for i, k := range d.keys {
		if match(k) {
			return d.raw[i]
		}
	}
	return ""
}

// Rank scores candidates against p and returns the best first hits (first 0: all) in
// rank order, with snippets. Both stores end their Search with it.
func Rank(docs []*SearchDoc, p SearchPattern, first int) []Hit {
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
		hits[i] = Hit{Node: s.d.Node, Score: s.score, Snippet: s.d.Snippet(p, s.score)}
	}
	return hits
}
