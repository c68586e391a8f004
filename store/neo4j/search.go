package neo4j

import (
	"context"
	"fmt"

	"beleidsgraaf/store"
)

// Search implements store.Reader in one statement: candidates are the nodes whose stored
// search key (_search = store.SearchKey: folded names, title and document text, one field
// per line) contains every query word; store.Rank then scores, orders and cuts them
// exactly as the memory store does.
//
//	MATCH (n:Node) WHERE n._gen = g AND all(t IN $terms WHERE n._search CONTAINS t)
//	  AND n._label IN $labels
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
	params := map[string]any{"meta": metaKey, "terms": p.Terms}
	labels := ""
	if len(q.Labels) > 0 {
		labels = fmt.Sprintf(" AND n.%s IN $labels", propLabel)
		params["labels"] = labelStrings(q.Labels)
	}
	query := genClause + fmt.Sprintf(`CALL {
  WITH g
  MATCH (n:%s) WHERE n.%s = g AND all(t IN $terms WHERE n.%s CONTAINS t)%s
  RETURN collect(%s) AS rows
}`, labelNode, propGen, propSearch, labels, nodeProj("n")) + stableTail("rows")
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
	return store.Rank(docs, p, q.First), nil
}
