package storetest

import (
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

func testNodes(t *testing.T, s store.Store) {
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"none", []string{}, strs()},
		{"in the order asked, nil where missing", []string{orgCKM, "org:nope", doc257, orgCKM, ""},
			strs(orgCKM, "<nil>", doc257, orgCKM, "<nil>")},
		{"every label", []string{law273f, event2709, proposal1, reportCKM},
			strs(law273f, event2709, proposal1, reportCKM)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Nodes(ctx, tc.ids)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "ids", nodeIDs(got), tc.want)
			checkNodes(t, got...)
		})
	}
}

func testLookup(t *testing.T, s store.Store) {
	tests := []struct {
		name  string
		label kg.Label
		names []string
		want  [][]string
	}{
		{"name, alias, abbreviation, any case and accents", kg.Organisation,
			[]string{"comensha", "Coördinatiecentrum tegen Mensenhandel", "COORDINATIECENTRUM  TEGEN mensenhandel",
				"Stichting CoMensha", "CKM", "centrum kinderhandel en mensenhandel", "ministerie van justitie en veiligheid", "jenv"},
			[][]string{{orgCoMensha}, {orgCoMensha}, {orgCoMensha}, {orgCoMensha}, {orgCKM}, {orgCKM}, {orgJenV}, {orgJenV}}},
		{"unknown, empty and punctuation-only names find nothing", kg.Organisation,
			[]string{"onbekend", "", " -- ", "Coördinatiecentrum"},
			[][]string{{}, {}, {}, {}}},
		{"only the asked label", kg.Person,
			[]string{"CKM", "bikker", "Songül Mutluer", "songul mutluer"},
			[][]string{{}, {personBikker}, {personMutluer}, {personMutluer}}},
		{"every label, ordered by ID", "",
			[]string{"Kamerstuk 28 638, nr. 233", "Actie 17"},
			[][]string{{doc233, motion233}, {action17}}},
		{"one label of a shared name", kg.Motion,
			[]string{"kamerstuk 28638 nr 233", "Kamerstuk 28 638, nr. 233"},
			[][]string{{}, {motion233}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Lookup(ctx, tc.label, tc.names)
			if err != nil {
				t.Fatal(err)
			}
			ids := [][]string{}
			for _, l := range got {
				ids = append(ids, nodeIDs(l))
				checkNodes(t, l...)
			}
			equal(t, "ids", ids, tc.want)
		})
	}
}

func testStats(t *testing.T, s store.Store) {
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "nodes", got.Nodes, map[kg.Label]int{
		kg.Document: 4, kg.Person: 3, kg.Office: 1, kg.Party: 0, kg.Organisation: 6, kg.ActionPlan: 1,
		kg.Actielijn: 3, kg.Action: 3, kg.Proposal: 2, kg.Motion: 2, kg.Report: 1, kg.Commitment: 0,
		kg.Legislation: 1, kg.Event: 1,
	})
	equal(t, "edges", got.Edges, map[kg.RelType]int{
		kg.SignedBy: 1, kg.OnBehalfOf: 0, kg.AddressedTo: 0, kg.Cites: 3, kg.RespondsTo: 2, kg.Mentions: 3,
		kg.Submitted: 3, kg.MemberOf: 0, kg.HoldsOffice: 1, kg.PartOf: 6, kg.Holds: 3, kg.Executes: 2,
		kg.Commissioned: 1, kg.Coordinates: 1, kg.Published: 1, kg.RelatesTo: 3, kg.SubmittedIn: 1, kg.MadeIn: 0, kg.Attended: 0,
	})
}

// testRoundTrip reads the whole graph back and compares it with the fixture by deep
// equality: names, aliases, every property with its Go type (int64, float64, bool,
// []string, []int64), mentions, edge properties and evidence with offsets.
func testRoundTrip(t *testing.T, s store.Store) {
	g := Fixture()
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range nodes {
		if n == nil {
			t.Fatalf("node %s missing", ids[i])
		}
		equal(t, "node "+n.ID, n.Unsealed(), g.Nodes[i])
	}
	nb, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: ids, Direction: store.Out})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]kg.Edge{}
	for _, l := range nb {
		for _, n := range l {
			got[n.Edge.ID()] = *n.Edge
		}
	}
	equal(t, "edges", got, fixtureEdges())

	// Spot checks that would catch a fixture and a store wrong in the same way.
	a17 := nodes[index(ids, action17)]
	equal(t, "budget years", a17.Props[kg.PropBudgetYears], any([]int64{2024, 2025}))
	equal(t, "budget euro", a17.Props[kg.PropBudgetEuro], any([]int64{250000, 300000}))
	equal(t, "estimated cost", nodes[index(ids, proposal1)].Props[kg.PropEstimatedCost], any(1.5e6))
	equal(t, "co-signed", nodes[index(ids, motion224)].Props[kg.PropCoSigned], any(true))
	mention := got[kg.EdgeID(doc257, kg.Mentions, orgCoMensha)].Evidence
	equal(t, "evidence", mention, []kg.Evidence{
		{Document: doc257, Quote: "Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert", Start: 455, End: 519},
		{Document: doc257, Quote: "CoMensha voert actie 17 uit.", Start: 871, End: 899},
	})
	text := []rune(nodes[index(ids, doc257)].Str(kg.PropText))
	for _, e := range mention {
		equal(t, "quote at its offsets", string(text[e.Start:e.End]), e.Quote)
	}
	equal(t, "edge props", got[kg.EdgeID(orgJenV, kg.Holds, al4)].Props, map[string]any{"section": "Actielijn 4"})
}

func index(ids []string, id string) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	panic("no " + id)
}
