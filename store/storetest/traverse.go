package storetest

import (
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

func edgeID(from string, t kg.RelType, to string) string { return kg.EdgeID(from, t, to) }

func testSubgraph(t *testing.T, s store.Store) {
	tests := []struct {
		name  string
		q     store.SubgraphQuery
		nodes []string
		edges []string
	}{
		{"depth 1: every edge among the nodes, also those not followed", store.SubgraphQuery{ID: al4, Depth: 1},
			strs(al4, action17, action18, plan, orgJenV, proposal1),
			strs(edgeID(al4, kg.PartOf, plan), edgeID(action17, kg.PartOf, al4), edgeID(action18, kg.PartOf, al4),
				edgeID(orgJenV, kg.Coordinates, action17), edgeID(orgJenV, kg.Holds, al4), edgeID(proposal1, kg.RelatesTo, al4))},
		{"depth 1, types", store.SubgraphQuery{ID: al4, Depth: 1, Types: []kg.RelType{kg.PartOf}},
			strs(al4, action17, action18, plan),
			strs(edgeID(al4, kg.PartOf, plan), edgeID(action17, kg.PartOf, al4), edgeID(action18, kg.PartOf, al4))},
		{"depth 2", store.SubgraphQuery{ID: al4, Depth: 2},
			strs(al10, al4, al6, action17, action18, action23, plan, orgCoMensha, orgJenV, orgNLA, proposal1, proposal2, reportCKM),
			strs(edgeID(al10, kg.PartOf, plan), edgeID(al4, kg.PartOf, plan), edgeID(al6, kg.PartOf, plan),
				edgeID(action17, kg.PartOf, al4), edgeID(action18, kg.PartOf, al4), edgeID(action23, kg.PartOf, al6),
				edgeID(orgCoMensha, kg.Executes, action17), edgeID(orgJenV, kg.Commissioned, reportCKM),
				edgeID(orgJenV, kg.Coordinates, action17), edgeID(orgJenV, kg.Holds, al4), edgeID(orgJenV, kg.Holds, action23),
				edgeID(orgNLA, kg.Holds, action18), edgeID(proposal1, kg.RelatesTo, al4), edgeID(proposal1, kg.RelatesTo, proposal2),
				edgeID(proposal2, kg.RelatesTo, proposal1))},
		// Level 1 (5 nodes) fits; of level 2 in ID order (actielijn:10, actielijn:6,
		// action:23, org:comensha, …) the first two make the limit of 8.
		{"depth 2, limit cuts a level in ID order", store.SubgraphQuery{ID: al4, Depth: 2, Limit: 8},
			strs(al10, al4, al6, action17, action18, plan, orgJenV, proposal1),
			strs(edgeID(al10, kg.PartOf, plan), edgeID(al4, kg.PartOf, plan), edgeID(al6, kg.PartOf, plan),
				edgeID(action17, kg.PartOf, al4), edgeID(action18, kg.PartOf, al4),
				edgeID(orgJenV, kg.Coordinates, action17), edgeID(orgJenV, kg.Holds, al4), edgeID(proposal1, kg.RelatesTo, al4))},
		{"limit 1", store.SubgraphQuery{ID: al4, Depth: 2, Limit: 1}, strs(al4), strs()},
		{"depth 0 keeps self-loops", store.SubgraphQuery{ID: doc260}, strs(doc260), strs(edgeID(doc260, kg.Cites, doc260))},
		{"isolated node", store.SubgraphQuery{ID: law273f, Depth: 3}, strs(law273f), strs()},
		{"unknown node", store.SubgraphQuery{ID: "org:nope", Depth: 3}, strs(), strs()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := s.Subgraph(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "nodes", graphNodeIDs(g), tc.nodes)
			equal(t, "edges", graphEdgeIDs(g), tc.edges)
			for i := range g.Nodes {
				checkNodes(t, &g.Nodes[i])
			}
			checkEdges(t, g.Edges...)
		})
	}
}

func testShortestPath(t *testing.T, s store.Store) {
	viaReport := []string{personMutluer, motion224, doc257, doc260, reportCKM, orgJenV}
	viaReportEdges := []string{edgeID(personMutluer, kg.Submitted, motion224), edgeID(doc257, kg.RespondsTo, motion224),
		edgeID(doc260, kg.Cites, doc257), edgeID(doc260, kg.RespondsTo, reportCKM), edgeID(orgJenV, kg.Commissioned, reportCKM)}
	tests := []struct {
		name     string
		from, to string
		max      int
		types    []kg.RelType
		nodes    []string
		edges    []string
	}{
		// Two paths of 5: via doc:28638-260 and via org:comensha; "doc:…" < "org:…".
		{"found, against edge direction, smallest IDs win", personMutluer, orgJenV, 0, nil, viaReport, viaReportEdges},
		{"max length just enough", personMutluer, orgJenV, 5, nil, viaReport, viaReportEdges},
		{"max length too small", personMutluer, orgJenV, 4, nil, strs(), strs()},
		{"types", personMutluer, orgJenV, 0,
			[]kg.RelType{kg.Submitted, kg.RespondsTo, kg.Cites, kg.Mentions, kg.Executes, kg.Coordinates},
			strs(personMutluer, motion224, doc257, orgCoMensha, action17, orgJenV),
			strs(edgeID(personMutluer, kg.Submitted, motion224), edgeID(doc257, kg.RespondsTo, motion224),
				edgeID(doc257, kg.Mentions, orgCoMensha), edgeID(orgCoMensha, kg.Executes, action17), edgeID(orgJenV, kg.Coordinates, action17))},
		{"two hops", action17, action18, 0, nil, strs(action17, al4, action18),
			strs(edgeID(action17, kg.PartOf, al4), edgeID(action18, kg.PartOf, al4))},
		{"of two edges, the one along the path", proposal1, proposal2, 0, nil, strs(proposal1, proposal2), strs(edgeID(proposal1, kg.RelatesTo, proposal2))},
		{"of two edges, the one along the path, reversed", proposal2, proposal1, 0, nil, strs(proposal2, proposal1), strs(edgeID(proposal2, kg.RelatesTo, proposal1))},
		{"same node", doc257, doc257, 0, nil, strs(doc257), strs()},
		{"not connected", orgJenV, law273f, 0, nil, strs(), strs()},
		{"unknown node", orgJenV, "org:nope", 0, nil, strs(), strs()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := s.ShortestPath(ctx, tc.from, tc.to, tc.max, tc.types)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "nodes", graphNodeIDs(g), tc.nodes)
			equal(t, "edges", graphEdgeIDs(g), tc.edges)
			for i := range g.Nodes {
				checkNodes(t, &g.Nodes[i])
			}
			checkEdges(t, g.Edges...)
		})
	}
}
