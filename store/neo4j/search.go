package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"beleidsgraaf/store"
)

// Search implements store.Reader in one statement. The full-text index bg_search_fields over
// the stored search fields (_search: folded names and title, one per line; _cites: the
// citation keys; _text: the folded document text) yields the candidates, the nodes where
// every query word occurs in a word (*word*) or, for a word that may be corrected, one
// typo away (word~1). The ranking's tests on the text run in Neo4j: for each query word
// whether _text CONTAINS it, and for each word that may be corrected and that some
// candidate lacks (in _search and _text), which nodes the index finds one typo away in
// _text alone ('_text:word~1'; no candidate lacks a word in most searches, and then no
// such query runs). So a candidate comes back as a light node
// (no text, no mentions: the names, title and citation properties the ranking reads), and
// store.Rank scores, orders and cuts them exactly as the memory store does.
//
// A candidate comes back whole only when the caller reads more than light nodes, and
// with its text only when its snippet is asked for and may come from the text (some
// query word is not in _search: its score may be ScoreText or lower).
//
//	CALL db.index.fulltext.queryNodes('bg_search_fields', '(*w1* OR w1~1) AND *w2*') YIELD node AS n
//	WITH n WHERE n._gen = g AND n._label IN $labels
//	RETURN collect([<node as needed>, [t IN $terms | n._text CONTAINS t]])
//	   and, per correctable word some candidate lacks, the nodes with '_text:w1~1'
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	p := store.ParseSearch(q.Text)
	if len(p.Terms) == 0 {
		return nil, nil
	}
	lucene := luceneQuery(p)
	var typoTerms, typoQueries []string
	for _, t := range p.Terms {
		if store.TypoCandidate(t) {
			typoTerms = append(typoTerms, t)
			typoQueries = append(typoQueries, propText+":"+t+"~1")
		}
	}
	params := map[string]any{"meta": metaKey, "lucene": lucene, "terms": p.Terms, "typoTerms": typoTerms, "typos": typoQueries}
	labels := ""
	if len(q.Labels) > 0 {
		labels = fmt.Sprintf(" AND n.%s IN $labels", propLabel)
		params["labels"] = labelStrings(q.Labels)
	}
	proj := nodeProjLight("n")
	switch {
	case !q.Light:
		proj = nodeProj("n")
	case !q.NoSnippets:
		proj = fmt.Sprintf("CASE WHEN all(t IN $terms WHERE n.%s CONTAINS t) THEN %s ELSE %s END",
			propSearch, nodeProjLight("n"), nodeProjNoMentions("n"))
	}
	query := genClause + fmt.Sprintf(`CALL {
  WITH g
  CALL db.index.fulltext.queryNodes('%[1]s', $lucene) YIELD node AS n
  WITH g, n WHERE n.%[2]s = g%[3]s
  RETURN collect([%[4]s, [t IN $terms | coalesce(n.%[5]s CONTAINS t, false)]]) AS rows,
    collect([t IN $typoTerms | NOT (coalesce(n.%[7]s CONTAINS t, false) OR coalesce(n.%[5]s CONTAINS t, false))]) AS lacks
}
WITH g, rows, [i IN range(0, size($typoTerms) - 1) WHERE any(l IN lacks WHERE l[i])] AS need
CALL {
  WITH g, rows, need
  UNWIND need AS i
  CALL db.index.fulltext.queryNodes('%[1]s', $typos[i]) YIELD node AS n
  WITH g, i, n WHERE n.%[2]s = g
  RETURN collect([i, n.%[6]s]) AS typoRows
}
WITH g, rows, typoRows`, searchIndex, propGen, labels, proj, propText, propID, propSearch) + stableTail("rows, typoRows")
	vals, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	typoByID := map[string][]string{} // node ID → the correctable words one typo away in its text
	typoRows, _ := vals[1].([]any)
	for _, r := range typoRows {
		l, _ := r.([]any)
		if len(l) != 2 {
			return nil, errSearchRow
		}
		i, _ := l[0].(int64)
		id, _ := l[1].(string)
		if i < 0 || int(i) >= len(typoTerms) {
			return nil, errSearchRow
		}
		typoByID[id] = append(typoByID[id], typoTerms[i])
	}
	rows, _ := vals[0].([]any)
	docs := make([]*store.SearchDoc, 0, len(rows))
	for _, r := range rows {
		l, _ := r.([]any)
		if len(l) != 2 {
			return nil, errSearchRow
		}
		n, err := decodeNode(l[0])
		if err != nil {
			return nil, err
		}
		exact, _ := l[1].([]any)
		if len(exact) != len(p.Terms) {
			return nil, errSearchRow
		}
		matches := make(map[string]store.TextMatch, len(p.Terms))
		for i, t := range p.Terms {
			found, _ := exact[i].(bool)
			matches[t] = store.TextMatch{Exact: found}
		}
		for _, t := range typoByID[n.ID] {
			m := matches[t]
			m.Typo = true
			matches[t] = m
		}
		docs = append(docs, store.NewSearchDocMatched(n, matches))
	}
	hits := store.Rank(docs, p, q.First, true)
	if !q.NoSnippets {
		// The page's hits whose snippet may come from the text came with it.
		for i := range hits {
			hits[i].Snippet = store.NewSearchDoc(hits[i].Node).Snippet(p, hits[i].Score)
		}
	}
	return hits, nil
}

var errSearchRow = errors.New("neo4j: unexpected search row")

// luceneQuery asks the full-text index for a superset of what store.Rank accepts: every
// word in some word of some field, or one typo from one. Query words are kg.Fold output,
// letters and digits only, so nothing in them is Lucene syntax; the fields' words are
// split by the standard analyzer as kg.Fold separates them (at spaces and newlines).
func luceneQuery(p store.SearchPattern) string {
	parts := make([]string, len(p.Terms))
	for i, t := range p.Terms {
		parts[i] = "*" + t + "*"
		if store.TypoCandidate(t) {
			parts[i] = "(" + parts[i] + " OR " + t + "~1)"
		}
	}
	return strings.Join(parts, " AND ")
}
