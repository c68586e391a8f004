package neo4j

import (
	"context"
	"fmt"
	"strings"

	"beleidsgraaf/store"
)

// Search implements store.Reader in one statement: the full-text index bg_search over the
// stored search key (_search = store.SearchKey: folded names, title, document text and
// citation keys, one field per line) yields the candidates, the nodes where every query
// word occurs in a word (*word*) or, for a word that may be corrected, one typo away
// (word~1); store.Rank then scores, orders and cuts them exactly as the memory store does.
//
//	CALL db.index.fulltext.queryNodes('bg_search', '(*w1* OR w1~1) AND *w2*') YIELD node AS n
//	WITH n WHERE n._gen = g AND n._label IN $labels
//	RETURN collect(<node>)
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
	params := map[string]any{"meta": metaKey, "lucene": luceneQuery(p)}
	labels := ""
	if len(q.Labels) > 0 {
		labels = fmt.Sprintf(" AND n.%s IN $labels", propLabel)
		params["labels"] = labelStrings(q.Labels)
	}
	proj := nodeProj
	if q.Light {
		proj = nodeProjNoMentions
	}
	query := genClause + fmt.Sprintf(`CALL {
  WITH g
  CALL db.index.fulltext.queryNodes('%s', $lucene) YIELD node AS n
  WITH g, n WHERE n.%s = g%s
  RETURN collect(%s) AS rows
}`, searchIndex, propGen, labels, proj("n")) + stableTail("rows")
	vals, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	rows, _ := vals[0].([]any)
	docs := make([]*store.SearchDoc, 0, len(rows))
	for _, r := range rows {
		n, err := decodeNode(r)
		if err != nil {
			return nil, err
		}
		docs = append(docs, store.NewSearchDoc(n))
	}
	return store.Rank(docs, p, q.First, q.NoSnippets), nil
}

// luceneQuery asks the full-text index for a superset of what store.Rank accepts: every
// word in some word of the key, or one typo from one. Query words are kg.Fold output,
// letters and digits only, so nothing in them is Lucene syntax; the key's words are split
// by the standard analyzer as kg.Fold separates them (at spaces and newlines).
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
