package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Nodes implements store.Reader in one statement for all IDs:
//
//	MATCH (n:Node) WHERE n.id IN $ids AND n._gen = g RETURN collect(<node>)
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	out := make([]*kg.Node, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q := genClause + fmt.Sprintf(`CALL {
  WITH g
  MATCH (n:%s) WHERE n.%s IN $ids AND n.%s = g
  RETURN collect(%s) AS rows
}`, labelNode, propID, propGen, nodeProj("n")) + stableTail("rows")
	vals, err := s.read(ctx, q, map[string]any{"meta": metaKey, "ids": ids})
	if err != nil {
		return nil, err
	}
	rows, _ := vals[0].([]any)
	byID := make(map[string]*kg.Node, len(rows))
	for _, r := range rows {
		n, err := decodeNode(r)
		if err != nil {
			return nil, err
		}
		byID[n.ID] = n
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// Lookup implements store.Reader in one statement for all names: the nodes one of whose
// stored name keys (_keys = store.NameKeys) is among the folded names, found through the
// lookup index (a term per whole key) and tested again in Cypher:
//
//	CALL db.index.fulltext.queryNodes('bg_lookup', '"key1" OR "key2"') YIELD node AS n
//	WITH n WHERE n._gen = g AND n:<Label> AND any(k IN n._keys WHERE k IN $keys)
//	WITH n ORDER BY n.id RETURN collect([[k IN n._keys WHERE k IN $keys], <node>])
//
// (without the index, when lookupQuery cannot ask it: MATCH (n:<Label>) WHERE … over every
// node of the label).
func (s *Store) Lookup(ctx context.Context, label kg.Label, names []string) ([][]*kg.Node, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	match := labelNode
	if label != "" {
		if err := store.CheckLabels(label); err != nil {
			return nil, err
		}
		match = string(label)
	}
	out := make([][]*kg.Node, len(names))
	keys := make([]string, len(names))
	var want []string
	for i, name := range names {
		keys[i] = kg.Fold(name)
		if keys[i] != "" && !slices.Contains(want, keys[i]) {
			want = append(want, keys[i])
		}
	}
	if len(want) == 0 {
		return out, nil
	}
	params := map[string]any{"meta": metaKey, "keys": want}
	find := fmt.Sprintf("MATCH (n:%s) WHERE n.%s = g AND any(k IN n.%s WHERE k IN $keys)", match, propGen, propKeys)
	if lucene, ok := lookupQuery(want); ok {
		params["lucene"] = lucene
		find = fmt.Sprintf("CALL db.index.fulltext.queryNodes('%s', $lucene) YIELD node AS n\n  WITH n WHERE n.%s = g AND n:%s AND any(k IN n.%s WHERE k IN $keys)",
			lookupIndex, propGen, match, propKeys)
	}
	q := genClause + fmt.Sprintf(`CALL {
  WITH g
  %[1]s
  WITH n ORDER BY n.%[4]s
  RETURN collect([[k IN n.%[2]s WHERE k IN $keys], %[3]s]) AS rows
}`, find, propKeys, nodeProj("n"), propID) + stableTail("rows")
	vals, err := s.read(ctx, q, params)
	if err != nil {
		return nil, err
	}
	rows, _ := vals[0].([]any)
	byKey := map[string][]*kg.Node{}
	for _, row := range rows {
		l, _ := row.([]any)
		if len(l) != 2 {
			return nil, fmt.Errorf("neo4j: unexpected lookup row")
		}
		n, err := decodeNode(l[1])
		if err != nil {
			return nil, err
		}
		ks, _ := l[0].([]any)
		for _, k := range ks {
			k, _ := k.(string)
			byKey[k] = append(byKey[k], n)
		}
	}
	for i, k := range keys {
		if l := byKey[k]; len(l) > 0 {
			// Each list is in ID order already (ORDER BY n.id); sort again only because
			// Go's byte order is the contract.
			slices.SortFunc(l, func(a, b *kg.Node) int { return strings.Compare(a.ID, b.ID) })
			out[i] = slices.Clone(l)
		}
	}
	return out, nil
}

// Stats implements store.Reader in one statement: nodes of the served generation per
// label, and their outgoing relationships per type (each relationship once). Each count
// is collected inside its own subquery, which so always returns one row: grouped outside
// it, a generation deleted under the read (or none at all) would give no row, not an
// unstable one to read again.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	q := genClause + fmt.Sprintf(`CALL {
  WITH g
  MATCH (n:%[1]s) WHERE n.%[2]s = g
  WITH n.%[3]s AS k, count(*) AS c
  RETURN collect(['n', k, c]) AS nodeRows
}
CALL {
  WITH g
  MATCH (n:%[1]s)-[r]->() WHERE n.%[2]s = g
  WITH type(r) AS k, count(*) AS c
  RETURN collect(['e', k, c]) AS edgeRows
}
WITH g, nodeRows + edgeRows AS rows`, labelNode, propGen, propLabel) + stableTail("rows")
	vals, err := s.read(ctx, q, map[string]any{"meta": metaKey})
	if err != nil {
		return store.Stats{}, err
	}
	st := store.NewStats()
	rows, _ := vals[0].([]any)
	for _, row := range rows {
		l, _ := row.([]any)
		if len(l) != 3 {
			return store.Stats{}, fmt.Errorf("neo4j: unexpected stats row")
		}
		what, _ := l[0].(string)
		k, _ := l[1].(string)
		c, _ := l[2].(int64)
		if what == "n" {
			st.Nodes[kg.Label(k)] = int(c)
		} else {
			st.Edges[kg.RelType(k)] = int(c)
		}
	}
	return st, nil
}
