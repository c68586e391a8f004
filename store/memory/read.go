package memory

import (
	"context"
	"maps"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Nodes implements store.Reader.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*kg.Node, len(ids))
	for i, id := range ids {
		if j, ok := sn.byID[id]; ok {
			out[i] = &sn.nodes[j]
		}
	}
	return out, nil
}

// Lookup implements store.Reader with the folded-name index built on Replace.
func (s *Store) Lookup(ctx context.Context, label kg.Label, names []string) ([][]*kg.Node, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if label != "" {
		if err := store.CheckLabels(label); err != nil {
			return nil, err
		}
	}
	out := make([][]*kg.Node, len(names))
	for i, name := range names {
		k := kg.Fold(name)
		if k == "" {
			continue
		}
		for _, j := range sn.byName[k] {
			if label == "" || sn.nodes[j].Label == label {
				out[i] = append(out[i], &sn.nodes[j])
			}
		}
	}
	return out, nil
}

// Stats implements store.Reader; the counts are made on Replace.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return store.Stats{}, err
	}
	return store.Stats{Nodes: maps.Clone(sn.stats.Nodes), Edges: maps.Clone(sn.stats.Edges)}, nil
}
