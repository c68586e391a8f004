package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// neighbourPattern is the relationship pattern from n to m for a direction and types.
// A self-loop matches each direction once, as the contract wants.
func neighbourPattern(n, r, m string, dir store.Direction, types []kg.RelType) string {
	rel := r + relTypes(types)
	switch dir {
	case store.Out:
		return fmt.Sprintf("(%s)-[%s]->(%s)", n, rel, m)
	case store.In:
		return fmt.Sprintf("(%s)<-[%s]-(%s)", n, rel, m)
	}
	return fmt.Sprintf("(%s)-[%s]-(%s)", n, rel, m)
}

// relTypes is the type part of a relationship pattern, ":A|B", or "" for any type. Types
// were checked against kg.RelTypes.
func relTypes(types []kg.RelType) string {
	if len(types) == 0 {
		return ""
	}
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = string(t)
	}
	return ":" + strings.Join(parts, "|")
}

// Neighbours implements store.Reader in one statement for all IDs. Each node's page is
// ordered and cut inside a subquery, so LIMIT applies per node before collecting:
//
//	UNWIND $ids AS id
//	CALL { WITH g, id
//	  MATCH (n:Node {id: id, _gen: g})-[r:TYPES]-(m) WHERE m._label IN $labels
//	  WITH r, m, CASE WHEN startNode(r) = n THEN 0 ELSE 1 END AS inc
//	  WHERE (type(r), m._key, m.id, inc) > $after      -- spelled out, keyset
//	  ORDER BY type(r), m._key, m.id, inc LIMIT $first
//	  RETURN collect([<edge>, <node m>, inc]) AS items }
//	RETURN collect([id, items])
func (s *Store) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	params := map[string]any{"meta": metaKey, "ids": q.IDs}
	// Forward, the rows after the cursor in neighbour order; backward, the rows before
	// it, nearest first (re-sorted into neighbour order below).
	cursor, cmp, desc, limit := q.After, ">", "", q.First
	if q.Backward() {
		cursor, cmp, desc, limit = q.Before, "<", " DESC", q.Last
	}
	var after string
	if cursor != "" {
		k, err := store.DecodeNeighbourCursor(cursor)
		if err != nil {
			return nil, err
		}
		in := int64(0)
		if k.Incoming {
			in = 1
		}
		params["aT"], params["aK"], params["aI"], params["aInc"] = string(k.Type), k.OtherKey, k.OtherID, in
		after = fmt.Sprintf("  WHERE type(r) %[3]s $aT OR (type(r) = $aT AND (m.%[1]s %[3]s $aK OR (m.%[1]s = $aK AND (m.%[2]s %[3]s $aI OR (m.%[2]s = $aI AND inc %[3]s $aInc)))))\n",
			propKey, propID, cmp)
	}
	out := make([][]store.Neighbour, len(q.IDs))
	if len(q.IDs) == 0 {
		return out, nil
	}
	var b strings.Builder
	b.WriteString(genClause)
	b.WriteString("UNWIND $ids AS id\nCALL {\n  WITH g, id\n")
	fmt.Fprintf(&b, "  MATCH %s\n", neighbourPattern(fmt.Sprintf("n:%s {%s: id, %s: g}", labelNode, propID, propGen), "r", "m", q.Direction, q.Types))
	b.WriteString(neighbourWhere(q, params))
	b.WriteString("  WITH r, m, CASE WHEN startNode(r) = n THEN 0 ELSE 1 END AS inc\n")
	b.WriteString(after)
	fmt.Fprintf(&b, "  ORDER BY type(r)%[3]s, m.%[1]s%[3]s, m.%[2]s%[3]s, inc%[3]s\n", propKey, propID, desc)
	if limit > 0 {
		b.WriteString("  LIMIT $first\n")
		params["first"] = int64(limit)
	}
	fmt.Fprintf(&b, "  RETURN collect([%s, %s, inc]) AS items\n}\nWITH g, collect([id, items]) AS rows", edgeProj("r"), projection(q.Light)("m"))
	b.WriteString(stableTail("rows"))
	vals, err := s.read(ctx, b.String(), params)
	if err != nil {
		return nil, err
	}
	rows, _ := vals[0].([]any)
	byID := make(map[string][]store.Neighbour, len(rows))
	for _, row := range rows {
		rl, _ := row.([]any)
		if len(rl) != 2 {
			return nil, fmt.Errorf("neo4j: unexpected neighbours row")
		}
		id, _ := rl[0].(string)
		if _, done := byID[id]; done {
			continue
		}
		items, _ := rl[1].([]any)
		var list []store.Neighbour
		for _, it := range items {
			l, _ := it.([]any)
			if len(l) != 3 {
				return nil, fmt.Errorf("neo4j: unexpected neighbour value")
			}
			e, err := decodeEdge(l[0])
			if err != nil {
				return nil, err
			}
			m, err := decodeNode(l[1])
			if err != nil {
				return nil, err
			}
			inc, _ := l[2].(int64)
			list = append(list, store.Neighbour{Edge: e, Node: m, OtherKey: store.NameKey(m), Incoming: inc == 1})
		}
		// Neo4j sorted and cut; sorting again with the contract's comparison costs
		// nothing and rules out any difference in collation.
		slices.SortStableFunc(list, func(a, b store.Neighbour) int { return a.Key().Compare(b.Key()) })
		byID[id] = list
	}
	for i, id := range q.IDs {
		out[i] = byID[id]
	}
	return out, nil
}

// CountNeighbours implements store.Reader in one statement for all IDs, with the pattern
// and label test of Neighbours.
func (s *Store) CountNeighbours(ctx context.Context, q store.NeighbourQuery) ([]int, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	out := make([]int, len(q.IDs))
	if len(q.IDs) == 0 {
		return out, nil
	}
	params := map[string]any{"meta": metaKey, "ids": q.IDs}
	var b strings.Builder
	b.WriteString(genClause)
	b.WriteString("UNWIND $ids AS id\nCALL {\n  WITH g, id\n")
	fmt.Fprintf(&b, "  OPTIONAL MATCH %s\n", neighbourPattern(fmt.Sprintf("n:%s {%s: id, %s: g}", labelNode, propID, propGen), "r", "m", q.Direction, q.Types))
	b.WriteString(neighbourWhere(q, params))
	b.WriteString("  RETURN count(r) AS c\n}\nWITH g, collect([id, c]) AS rows")
	b.WriteString(stableTail("rows"))
	vals, err := s.read(ctx, b.String(), params)
	if err != nil {
		return nil, err
	}
	rows, _ := vals[0].([]any)
	byID := make(map[string]int, len(rows))
	for _, row := range rows {
		rl, _ := row.([]any)
		if len(rl) != 2 {
			return nil, fmt.Errorf("neo4j: unexpected count row")
		}
		id, _ := rl[0].(string)
		c, _ := rl[1].(int64)
		byID[id] = int(c)
	}
	for i, id := range q.IDs {
		out[i] = byID[id]
	}
	return out, nil
}

func labelStrings(ls []kg.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}

// neighbourWhere is the WHERE of a neighbour pattern (r to m): the labels at the other end
// and, as of a date, the edge and the other node that exist on it (store.ExistsAsOf: a
// missing since compares as null, which WHERE rejects).
func neighbourWhere(q store.NeighbourQuery, params map[string]any) string {
	var conds []string
	if len(q.OtherLabels) > 0 {
		conds = append(conds, fmt.Sprintf("m.%s IN $labels", propLabel))
		params["labels"] = labelStrings(q.OtherLabels)
	}
	if q.AsOf != "" {
		conds = append(conds, asOfCond("r", "$asOf"), asOfCond("m", "$asOf"))
		params["asOf"] = q.AsOf
	}
	if len(conds) == 0 {
		return ""
	}
	return "  WHERE " + strings.Join(conds, " AND ") + "\n"
}

// asOfCond is the Cypher test that node or relationship v exists on the date param.
func asOfCond(v, param string) string { return fmt.Sprintf("%s.%s <= %s", v, kg.PropSince, param) }
