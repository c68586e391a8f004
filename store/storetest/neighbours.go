package storetest

import (
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Neighbour lists read "TYPE > other" for an edge from the queried node (self-loops
// included) and "TYPE < other" for an edge to it. Order: type, other's name key, other's
// ID, outgoing first.
func testNeighbours(t *testing.T, s store.Store) {
	tests := []struct {
		name string
		q    store.NeighbourQuery
		want [][]string
	}{
		{"out, by type then other's name key", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out},
			[][]string{{"COMMISSIONED > " + reportCKM, "COORDINATES > " + action17, "HOLDS > " + action23, "HOLDS > " + al4}}},
		{"types", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, Types: []kg.RelType{kg.Holds}},
			[][]string{{"HOLDS > " + action23, "HOLDS > " + al4}}},
		{"other labels", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, OtherLabels: []kg.Label{kg.Actielijn}},
			[][]string{{"HOLDS > " + al4}}},
		{"in, none", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.In},
			[][]string{{}}},
		{"in", store.NeighbourQuery{IDs: []string{al4}, Direction: store.In},
			[][]string{{"HOLDS < " + orgJenV, "PART_OF < " + action17, "PART_OF < " + action18, "RELATES_TO < " + proposal1}}},
		{"out", store.NeighbourQuery{IDs: []string{al4}, Direction: store.Out},
			[][]string{{"PART_OF > " + plan}}},
		{"both", store.NeighbourQuery{IDs: []string{al4}, Direction: store.Both},
			[][]string{{"HOLDS < " + orgJenV, "PART_OF < " + action17, "PART_OF < " + action18, "PART_OF > " + plan, "RELATES_TO < " + proposal1}}},
		{"both lists a self-loop once", store.NeighbourQuery{IDs: []string{doc260}, Direction: store.Both},
			[][]string{{"CITES > " + doc260, "CITES > " + doc257, "MENTIONS > " + orgNRM, "RESPONDS_TO > " + reportCKM}}},
		{"empty direction is both", store.NeighbourQuery{IDs: []string{doc260}},
			[][]string{{"CITES > " + doc260, "CITES > " + doc257, "MENTIONS > " + orgNRM, "RESPONDS_TO > " + reportCKM}}},
		{"in lists a self-loop", store.NeighbourQuery{IDs: []string{doc260}, Direction: store.In},
			[][]string{{"CITES > " + doc260}}},
		{"out lists a self-loop", store.NeighbourQuery{IDs: []string{doc260}, Direction: store.Out, Types: []kg.RelType{kg.Cites}},
			[][]string{{"CITES > " + doc260, "CITES > " + doc257}}},
		{"same type both ways: outgoing first", store.NeighbourQuery{IDs: []string{proposal1}, Direction: store.Both},
			[][]string{{"RELATES_TO > " + al4, "RELATES_TO > " + proposal2, "RELATES_TO < " + proposal2}}},
		{"many nodes, First per node, unknown IDs empty", store.NeighbourQuery{IDs: []string{orgJenV, "org:nope", personBikker, law273f}, Direction: store.Out, First: 1},
			[][]string{{"COMMISSIONED > " + reportCKM}, {}, {"SUBMITTED > " + motion233}, {}}},
		{"types and labels together", store.NeighbourQuery{IDs: []string{al4}, Direction: store.In, Types: []kg.RelType{kg.PartOf, kg.RelatesTo}, OtherLabels: []kg.Label{kg.Proposal}},
			[][]string{{"RELATES_TO < " + proposal1}}},
		{"no IDs", store.NeighbourQuery{}, [][]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Neighbours(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			lines := [][]string{}
			for i, l := range got {
				lines = append(lines, neighbourLines(tc.q.IDs[i], l))
				for _, n := range l {
					checkNodes(t, n.Node)
					checkEdges(t, *n.Edge)
					// The key is the neighbour's place in the order (its cursor).
					incoming := n.Edge.To == tc.q.IDs[i] && n.Edge.From != tc.q.IDs[i]
					if want := (store.NeighbourKey{Type: n.Edge.Type, OtherKey: store.NameKey(n.Node), OtherID: n.Node.ID, Incoming: incoming}); n.Key() != want {
						t.Errorf("key %+v on %s, want %+v", n.Key(), neighbourLine(tc.q.IDs[i], n), want)
					}
				}
			}
			equal(t, "neighbours", lines, tc.want)
		})
	}
}

func testNeighbourPaging(t *testing.T, s store.Store) {
	page := func(t *testing.T, q store.NeighbourQuery) [][]store.Neighbour {
		t.Helper()
		got, err := s.Neighbours(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	t.Run("walk", func(t *testing.T) {
		q := store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, First: 2}
		p1 := page(t, q)[0]
		equal(t, "page 1", neighbourLines(orgJenV, p1), strs("COMMISSIONED > "+reportCKM, "COORDINATES > "+action17))
		q.After = p1[1].Cursor()
		p2 := page(t, q)[0]
		equal(t, "page 2", neighbourLines(orgJenV, p2), strs("HOLDS > "+action23, "HOLDS > "+al4))
		q.After = p2[1].Cursor()
		equal(t, "page 3", neighbourLines(orgJenV, page(t, q)[0]), strs())
	})
	t.Run("cursor tells the two directions of one pair apart", func(t *testing.T) {
		q := store.NeighbourQuery{IDs: []string{proposal1}, First: 2}
		p1 := page(t, q)[0]
		equal(t, "page 1", neighbourLines(proposal1, p1), strs("RELATES_TO > "+al4, "RELATES_TO > "+proposal2))
		q.After = p1[1].Cursor()
		equal(t, "page 2", neighbourLines(proposal1, page(t, q)[0]), strs("RELATES_TO < "+proposal2))
	})
	t.Run("after applies to every node", func(t *testing.T) {
		first := page(t, store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, First: 1})[0]
		got := page(t, store.NeighbourQuery{IDs: []string{orgJenV, personBikker}, Direction: store.Out, First: 1, After: first[0].Cursor()})
		equal(t, "jenv", neighbourLines(orgJenV, got[0]), strs("COORDINATES > "+action17))
		equal(t, "bikker", neighbourLines(personBikker, got[1]), strs("SUBMITTED > "+motion233))
	})
}

func testCountNeighbours(t *testing.T, s store.Store) {
	tests := []struct {
		name string
		q    store.NeighbourQuery
		want []int
	}{
		{"out", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out}, []int{4}},
		{"both, self-loop once", store.NeighbourQuery{IDs: []string{doc260}, Direction: store.Both}, []int{4}},
		{"in, self-loop", store.NeighbourQuery{IDs: []string{doc260}, Direction: store.In}, []int{1}},
		{"types", store.NeighbourQuery{IDs: []string{al4}, Direction: store.In, Types: []kg.RelType{kg.PartOf}}, []int{2}},
		{"labels", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, OtherLabels: []kg.Label{kg.Action}}, []int{2}},
		{"same pair both ways", store.NeighbourQuery{IDs: []string{proposal1}}, []int{3}},
		{"First and After are ignored", store.NeighbourQuery{IDs: []string{orgJenV}, Direction: store.Out, First: 1, After: "ignored"}, []int{4}},
		{"many, unknown and isolated", store.NeighbourQuery{IDs: []string{orgJenV, "org:nope", doc260, law273f}}, []int{4, 0, 4, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.CountNeighbours(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "counts", got, tc.want)
		})
	}
}
