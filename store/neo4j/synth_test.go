package neo4j

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"beleidsgraaf/kg"
)

var synthWords = []string{"Coördinatie", "centrum", "mensenhandel", "Arbeidsinspectie", "politie",
	"Justitie", "en", "Veiligheid", "rapport", "zicht", "uitbuiting", "Émile", "actie", "GL/PvdA",
	"CoMensha", "kinderhandel", "ministerie", "regie", "netwerk", "Ærø", "straße", "zorg"}

// synthGraph makes a valid random graph of about nodes nodes and edges edges: accented
// and punctuated names, aliases and abbreviations, optional properties (sometimes of the
// wrong kind), lists (empty and nil ones too), documents with text, self-loops and
// opposite edges. The same seed gives the same graph.
func synthGraph(nodes, edges int, seed uint64) *kg.Graph {
	r := rand.New(rand.NewPCG(seed, 42))
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = synthWords[r.IntN(len(synthWords))]
		}
		return strings.Join(w, " ")
	}
	ev := func(doc string) []kg.Evidence {
		n := 1 + r.IntN(2)
		out := make([]kg.Evidence, 0, n)
		for range n {
			s := r.IntN(500)
			out = append(out, kg.Evidence{Document: doc, Quote: words(5), Start: s, End: s + 20})
		}
		slices.SortFunc(out, func(a, b kg.Evidence) int { return a.Start - b.Start })
		return slices.CompactFunc(out, func(a, b kg.Evidence) bool { return a.Start == b.Start })
	}
	g := &kg.Graph{}
	for i := range nodes {
		l := kg.Labels[i%len(kg.Labels)]
		n := kg.Node{ID: fmt.Sprintf("%s:%05d", strings.ToLower(string(l)), i), Label: l, Name: words(1 + r.IntN(3))}
		if r.IntN(4) == 0 {
			n.Aliases = []string{words(2), words(1)}
		}
		p := map[string]any{}
		switch r.IntN(6) {
		case 0: // no date
		case 1:
			p[kg.PropDate] = int64(2024) // wrong kind: counts as missing
		default:
			p[kg.PropDate] = fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(15), 1+r.IntN(12), 1+r.IntN(28))
		}
		switch r.IntN(5) {
		case 0:
		case 1:
			p[kg.PropNumber] = "12" // wrong kind
		default:
			p[kg.PropNumber] = int64(r.IntN(40))
		}
		if r.IntN(2) == 0 {
			p[kg.PropKind] = []string{"LETTER", "MEMO", "MP", "OTHER"}[r.IntN(4)]
		}
		if r.IntN(3) == 0 {
			p[kg.PropStatus] = []string{"ADOPTED", "SUBMITTED"}[r.IntN(2)]
		}
		if r.IntN(3) == 0 {
			p[kg.PropDossier] = []string{"28 638", "35 300 XVII", "31 839"}[r.IntN(3)]
		}
		if r.IntN(3) == 0 {
			p[kg.PropTitle] = words(4)
		}
		if l == kg.Organisation && r.IntN(2) == 0 {
			p[kg.PropAbbreviation] = strings.ToUpper(string([]rune(words(1) + "xyz")[:3]))
		}
		if l == kg.Document {
			p[kg.PropText] = words(40 + r.IntN(80))
		}
		switch r.IntN(8) {
		case 0:
			p[kg.PropBudgetYears], p[kg.PropBudgetEuro] = []int64{2024, 2025}, []int64{100000, 250000}
		case 1:
			p[kg.PropSubmitters] = []string{}
		case 2:
			p[kg.PropSubmitters] = []string(nil)
		case 3:
			p["estimatedCost"] = 1.5e6
			p[kg.PropCoSigned] = true
		}
		if len(p) > 0 {
			n.Props = p
		}
		if r.IntN(2) == 0 {
			n.Mentions = ev("document:00000")
		}
		g.Nodes = append(g.Nodes, n)
	}
	slices.SortFunc(g.Nodes, func(a, b kg.Node) int { return strings.Compare(a.ID, b.ID) })
	seen := map[string]bool{}
	for len(g.Edges) < edges {
		var from, to int
		if r.IntN(50) == 0 {
			from = r.IntN(nodes)
			to = from // self-loop
		} else {
			// A few hubs, as documents that mention much.
			from, to = r.IntN(nodes), r.IntN(nodes)
			if r.IntN(4) == 0 {
				from = r.IntN(max(1, nodes/100))
			}
		}
		e := kg.Edge{Type: kg.RelTypes[r.IntN(len(kg.RelTypes))], From: g.Nodes[from].ID, To: g.Nodes[to].ID}
		if seen[e.ID()] {
			continue
		}
		seen[e.ID()] = true
		e.Evidence = ev(g.Nodes[r.IntN(nodes)].ID)
		if r.IntN(10) == 0 {
			e.Props = map[string]any{"weight": r.Float64(), "order": int64(r.IntN(5)), "tags": []string{"a", "b"}}
		}
		g.Edges = append(g.Edges, e)
	}
	slices.SortFunc(g.Edges, kg.CompareEdges)
	return g
}
