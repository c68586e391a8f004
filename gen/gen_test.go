package gen

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
)

func load(t *testing.T, n int) *kg.Graph {
	t.Helper()
	var files []loader.File
	for _, f := range Corpus(1, n) {
		files = append(files, loader.File{Name: f.Name, Data: f.Data})
	}
	g, errs := loader.Load(files)
	if len(errs) > 0 {
		t.Fatalf("%d of %d generated letters did not load, first: %v", len(errs), n, errs[0])
	}
	if err := g.Validate(); err != nil {
		t.Fatalf("invalid graph: %v", err)
	}
	return g
}

func counts(g *kg.Graph) (labels map[kg.Label]int, types map[kg.RelType]int) {
	labels, types = map[kg.Label]int{}, map[kg.RelType]int{}
	for _, n := range g.Nodes {
		labels[n.Label]++
	}
	for _, e := range g.Edges {
		types[e.Type]++
	}
	return labels, types
}

// TestGraphGrowsWithCorpus loads 10 and 100 generated letters: every letter loads, and the
// graph grows about linearly — new organisations, members, motions, reports and toezeggingen
// with every letter, not only new documents.
func TestGraphGrowsWithCorpus(t *testing.T) {
	small, big := load(t, 10), load(t, 100)
	t.Logf("10 letters: %d nodes, %d edges; 100 letters: %d nodes, %d edges", len(small.Nodes), len(small.Edges), len(big.Nodes), len(big.Edges))
	if r := float64(len(big.Nodes)) / float64(len(small.Nodes)); r < 5 || r > 15 {
		t.Errorf("nodes grew %.1f× from 10 to 100 letters, want about 10× (5–15)", r)
	}
	if r := float64(len(big.Edges)) / float64(len(small.Edges)); r < 7 || r > 13 {
		t.Errorf("edges grew %.1f× from 10 to 100 letters, want about 10× (7–13)", r)
	}
	sl, _ := counts(small)
	bl, bt := counts(big)
	for _, l := range []kg.Label{kg.Document, kg.Organisation, kg.Person, kg.Motion, kg.Report, kg.Commitment, kg.Event} {
		if bl[l] < 2*sl[l] || sl[l] == 0 {
			t.Errorf("%s: %d nodes for 10 letters, %d for 100; want growth with the corpus", l, sl[l], bl[l])
		}
	}
	for _, rt := range []kg.RelType{kg.SignedBy, kg.OnBehalfOf, kg.AddressedTo, kg.Cites, kg.RespondsTo, kg.Mentions, kg.Submitted,
		kg.MemberOf, kg.HoldsOffice, kg.PartOf, kg.Holds, kg.Executes, kg.Coordinates, kg.Published, kg.SubmittedIn, kg.MadeIn} {
		if bt[rt] == 0 {
			t.Errorf("no %s edge in the graph of 100 letters", rt)
		}
	}
	// every letter is a document of its own (no two letters share an ID)
	loaded := 0
	for _, n := range big.Nodes {
		if n.Label == kg.Document && strings.HasPrefix(n.Str(kg.PropSourceFile), "gen_") {
			loaded++
		}
	}
	if loaded != 100 {
		t.Errorf("%d letters became documents, want 100", loaded)
	}
	// the budget tables are read
	budgets := 0
	for _, n := range big.Nodes {
		if n.Label == kg.Action && len(n.Ints(kg.PropBudgetEuro)) > 0 {
			budgets++
		}
	}
	if budgets == 0 {
		t.Error("no action has a budget: the tables were not read")
	}
}

// TestMotionsAsGenerated checks the loader's reading against what the generator wrote: each
// motion a letter introduces is found under its Kamerstuk number, with its submitters.
func TestMotionsAsGenerated(t *testing.T) {
	const n = 60
	g := load(t, n)
	found, right, total := 0, 0, 0
	for i := range n {
		if KindOf(i) != KindLetter {
			continue
		}
		for _, k := range newLetter(1, i).motions {
			m := motionOf(1, k)
			id := kg.MotionID(m.dossier, m.number)
			total++
			if g.Node(id) == nil {
				if testing.Verbose() {
					t.Logf("%s (letter %d) not found", id, i)
				}
				continue
			}
			found++
			var want, got []string
			for _, s := range m.submitters {
				want = append(want, kg.PersonID(s.surname))
			}
			for _, e := range g.Edges {
				if e.Type == kg.Submitted && e.To == id {
					got = append(got, e.From)
				}
			}
			// "motie-X c.s." names only the first submitter: the letters that name the others
			// may not be in this corpus
			ok := slices.Contains(got, want[0])
			for _, p := range got {
				ok = ok && slices.Contains(want, p)
			}
			if ok {
				right++
			} else if testing.Verbose() {
				t.Logf("%s: submitters %v, want %v", id, got, want)
			}
		}
	}
	t.Logf("%d motions written, %d found, %d with the right submitters", total, found, right)
	if total == 0 || found < total*9/10 || right < total*8/10 {
		t.Errorf("%d motions written, %d found, %d with the right submitters; want ≥ 90%% and ≥ 80%%", total, found, right)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Corpus(7, 20), Corpus(7, 50)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("letter %d differs between two runs with the same seed", i)
		}
	}
	if bytes.Equal(Letter(7, 3).Data, Letter(8, 3).Data) {
		t.Error("seeds 7 and 8 give the same letter")
	}
	layouts := map[string]int{}
	for _, f := range b {
		switch {
		case bytes.Contains(f.Data, []byte(" MOTIE VAN ")) && bytes.Contains(f.Data, []byte("\nVoorgesteld ")):
			layouts["motion"]++
		case bytes.Contains(f.Data, []byte(" VERSLAG VAN EEN COMMISSIEDEBAT")) && bytes.Contains(f.Data, []byte("\nAanwezig zijn ")):
			layouts["debate report"]++
		case bytes.Contains(f.Data, []byte("\nOns kenmerk\n")) && bytes.Contains(f.Data, []byte("\nOnderwerp ")):
			layouts["letterhead"]++
		case bytes.Contains(f.Data, []byte("\nNr. ")) && bytes.Contains(f.Data, []byte("\nDen Haag, ")):
			layouts["published"]++
		}
	}
	if layouts["letterhead"] < 10 || layouts["published"] < 10 || layouts["motion"] != 5 || layouts["debate report"] != 5 ||
		layouts["letterhead"]+layouts["published"]+layouts["motion"]+layouts["debate report"] != len(b) {
		t.Errorf("layouts of 50 files: %v", layouts)
	}
}

// TestKindsAsGenerated checks the loader's reading of the motions' own Kamerstukken and the
// debate reports against what the generator wrote.
func TestKindsAsGenerated(t *testing.T) {
	const n = 40
	g := load(t, n)
	for i := range n {
		switch KindOf(i) {
		case KindMotion:
			dossier, number, subs := MotionOfFile(1, i)
			doc, m := g.Node(kg.KamerstukID(dossier, number)), g.Node(kg.MotionID(dossier, number))
			if doc == nil || doc.Str(kg.PropKind) != kg.DocMotion || m == nil {
				t.Errorf("file %d: motion %s %d: document %v, motion %v", i, dossier, number, doc, m)
				continue
			}
			for _, s := range subs {
				if !slices.Contains(targetsOf(g, kg.PersonID(s), kg.Submitted), m.ID) {
					t.Errorf("file %d: %s did not submit %s", i, s, m.ID)
				}
			}
		case KindDebateReport:
			doc := g.Node(kg.KamerstukID("28 638", 5000+i))
			if doc == nil || doc.Str(kg.PropKind) != kg.DocDebate {
				t.Errorf("file %d: debate report %v", i, doc)
				continue
			}
			attended := 0
			for _, e := range g.Edges {
				if e.Type == kg.Attended && e.Evidence[0].Document == doc.ID {
					attended++
				}
			}
			if attended < 4 {
				t.Errorf("file %d: %d took part in the debate", i, attended)
			}
		}
	}
}

func targetsOf(g *kg.Graph, from string, t kg.RelType) []string {
	var out []string
	for _, e := range g.Edges {
		if e.From == from && e.Type == t {
			out = append(out, e.To)
		}
	}
	return out
}
