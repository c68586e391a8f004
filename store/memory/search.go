package memory

import (
	"context"
	"slices"

	"beleidsgraaf/store"
)

// Search implements store.Reader: every node of the asked labels is scored with
// store.Rank on the search docs folded at Replace.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	p := store.ParseSearch(q.Text)
	if len(p.Terms) == 0 {
		return nil, nil
	}
	var docs []*store.SearchDoc
	for _, d := range sn.search {
		if len(q.Labels) == 0 || slices.Contains(q.Labels, d.Node.Label) {
			docs = append(docs, d)
		}
	}
	return store.Rank(docs, p, q.First), nil
}
