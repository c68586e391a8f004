package memory

import (
	"context"
	"slices"

	"beleidsgraaf/store"
)

// Search implements store.Reader from the search index built at Replace.
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
	var keep func(*store.SearchDoc) bool
	if len(q.Labels) > 0 {
		keep = func(d *store.SearchDoc) bool { return slices.Contains(q.Labels, d.Node.Label) }
	}
	return sn.search.Search(p, keep, q.First, q.NoSnippets), nil
}
