package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Subgraph implements store.Reader in one statement that runs the contract's
// breadth-first search in Cypher, one subquery per level (at most Limit-1 levels can add a
// node, so no more are written out):
//
//	MATCH (root:Node {id: $id, _gen: g})
//	WITH [root] AS taken, [root] AS level
//	CALL { WITH taken, level                       -- once per level
//	  UNWIND (level, or none once taken is full) AS a MATCH (a)-[:TYPES]-(b)
//	  WITH DISTINCT b ORDER BY b.id LIMIT $limit RETURN collect(b) AS cands }
//	WITH taken + [b IN cands WHERE NOT b IN taken][0..$limit - size(taken)] AS taken, … AS level
//	CALL { WITH taken UNWIND taken AS a MATCH (a)-[r:TYPES]->(b) WHERE b IN taken
//	       RETURN collect(<edge>) AS edges }
//	RETURN collect([[x IN taken | <node>], edges])
//
// A level is not expanded once the limit is reached (a hub's first level often fills it:
// expanding its neighbours' edges would read thousands of relationships for nothing).
// Each level is in ID order and cut at the limit, as in the memory store. Of a level's
// candidates only the first $limit in ID order can be taken (fewer than $limit are taken
// already, so at least the room left is among them), so the database keeps the top $limit
// instead of sorting them all, and tests membership in taken (a list: linear) on those
// only. Nodes and edges are then sorted in Go (ID order; (From, Type, To) order). Doing
// the search in the database keeps it to one round trip and sends back only the nodes
// taken, and of them, with NamesOnly and EndsOnly, only what the API asked for.
func (s *Store) Subgraph(ctx context.Context, q store.SubgraphQuery) (*kg.Graph, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = store.DefaultSubgraphLimit
	}
	depth := min(max(q.Depth, 0), limit-1)
	types := relTypes(q.Types)
	params := map[string]any{"meta": metaKey, "id": q.ID, "limit": int64(limit)}
	// as of a date: the root, each step (edge and node) and each edge among the nodes taken
	// must exist on it
	rootAsOf, stepAsOf, edgeAsOf := "", "", ""
	if q.AsOf != "" {
		params["asOf"] = q.AsOf
		rootAsOf = " WHERE " + asOfCond("root", "$asOf")
		stepAsOf = " WHERE " + asOfCond("rs", "$asOf") + " AND " + asOfCond("b", "$asOf")
		edgeAsOf = " AND " + asOfCond("r", "$asOf")
	}
	var b strings.Builder
	b.WriteString(genClause)
	fmt.Fprintf(&b, "CALL {\nWITH g\nMATCH (root:%s {%s: $id, %s: g})%s\nWITH [root] AS taken, [root] AS level\n", labelNode, propID, propGen, rootAsOf)
	for range depth {
		fmt.Fprintf(&b, `CALL {
  WITH taken, level
  UNWIND CASE WHEN size(taken) < $limit THEN level ELSE [] END AS a
  MATCH (a)-[rs%s]-(b)%s
  WITH DISTINCT b ORDER BY b.%s LIMIT $limit
  RETURN collect(b) AS cands
}
WITH taken, [b IN cands WHERE NOT b IN taken][0..($limit - size(taken))] AS next
WITH taken + next AS taken, next AS level
`, types, stepAsOf, propID)
	}
	edge, node := edgeProj("r"), projection(q.Light)("x")
	if q.EndsOnly {
		edge = edgeProjBare("r", "a", "b")
	}
	if q.NamesOnly {
		node = nodeProjNames("x")
	}
	fmt.Fprintf(&b, `CALL {
  WITH taken
  UNWIND taken AS a
  MATCH (a)-[r%s]->(b) WHERE b IN taken%s
  RETURN collect(%s) AS edges
}
RETURN collect([[x IN taken | %s], edges]) AS res
}`, types, edgeAsOf, edge, node)
	b.WriteString(stableTail("res"))
	vals, err := s.read(ctx, b.String(), params)
	if err != nil {
		return nil, err
	}
	g, err := decodeResult(vals[0])
	if err != nil {
		return nil, err
	}
	slices.SortFunc(g.Nodes, func(a, b kg.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Edges, kg.CompareEdges)
	return g, nil
}

// ShortestPath implements store.Reader in one statement. Neo4j's allShortestPaths finds
// every shortest path (ignoring direction, within maxLength); the contract's pick, the
// path whose node IDs are lexicographically smallest and, between two nodes, the edge of
// the smallest type pointing along the path, is the first in
//
//	ORDER BY [x IN nodes(p) | x.id], [i IN range(..) | [type(r_i), r_i points back ? 1 : 0]]
//
// which is what the memory store's walk returns. Enumerating all shortest paths is the
// price of doing it in one round trip: fine for this graph's path counts, but a graph with
// a combinatorial number of equally short paths between two nodes would make it slow.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (*kg.Graph, error) {
	if err := s.usable(ctx); err != nil {
		return nil, err
	}
	if err := store.CheckTypes(types); err != nil {
		return nil, err
	}
	if maxLength <= 0 {
		maxLength = store.DefaultMaxPathLength
	}
	params := map[string]any{"meta": metaKey, "from": from, "to": to}
	var q string
	if from == to {
		q = genClause + fmt.Sprintf(`CALL {
  WITH g
  MATCH (a:%s {%s: $from, %s: g})
  RETURN collect([[%s], []]) AS res
}`, labelNode, propID, propGen, nodeProj("a"))
	} else {
		// maxLength is an int the caller passes, written as a number: Cypher does not take
		// parameters in variable-length bounds.
		q = genClause + fmt.Sprintf(`CALL {
  WITH g
  MATCH (a:%[1]s {%[2]s: $from, %[3]s: g})
  MATCH (b:%[1]s {%[2]s: $to, %[3]s: g})
  MATCH p = allShortestPaths((a)-[%[4]s*..%[5]d]-(b))
  WITH nodes(p) AS ns, relationships(p) AS rs
  WITH ns, rs, [x IN ns | x.%[2]s] AS ids,
       [i IN range(0, size(rs) - 1) | [type(rs[i]), CASE WHEN startNode(rs[i]) = ns[i] THEN 0 ELSE 1 END]] AS steps
  ORDER BY ids, steps
  LIMIT 1
  RETURN collect([[x IN ns | %[6]s], [r IN rs | %[7]s]]) AS res
}`, labelNode, propID, propGen, relTypes(types), maxLength, nodeProj("x"), edgeProj("r"))
	}
	vals, err := s.read(ctx, q+stableTail("res"), params)
	if err != nil {
		return nil, err
	}
	return decodeResult(vals[0])
}

// decodeResult reads the res column of Subgraph and ShortestPath: an empty list, or one
// [nodes, edges] pair.
func decodeResult(v any) (*kg.Graph, error) {
	g := &kg.Graph{Nodes: []kg.Node{}, Edges: []kg.Edge{}}
	res, _ := v.([]any)
	if len(res) == 0 {
		return g, nil
	}
	pair, _ := res[0].([]any)
	if len(res) != 1 || len(pair) != 2 {
		return nil, fmt.Errorf("neo4j: unexpected graph value")
	}
	if err := decodeGraph(g, pair[0], pair[1]); err != nil {
		return nil, err
	}
	return g, nil
}

func decodeGraph(g *kg.Graph, nodes, edges any) error {
	ns, _ := nodes.([]any)
	es, _ := edges.([]any)
	for _, v := range ns {
		n, err := decodeNode(v)
		if err != nil {
			return err
		}
		g.Nodes = append(g.Nodes, *n)
	}
	for _, v := range es {
		e, err := decodeEdge(v)
		if err != nil {
			return err
		}
		g.Edges = append(g.Edges, *e)
	}
	return nil
}
