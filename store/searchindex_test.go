package store_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/storetest"
)

// TestSearchIndexAgreesWithRank: the index answers what Rank over every node answers, for
// every word of the fixture, its halves, its typos, pairs of words, citations, with and
// without a label filter and a page size.
func TestSearchIndexAgreesWithRank(t *testing.T) {
	g := storetest.Fixture()
	docs := make([]*store.SearchDoc, len(g.Nodes))
	words := map[string]bool{"28638-224": true, "28 638 nr 233": true, "motie 224": true, "5012345": true, "comensa": true}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		docs[i] = store.NewSearchDoc(n)
		for _, w := range strings.Fields(docs[i].Key()) {
			words[w] = true
			words[w[:len(w)/2]] = true
			words[w[len(w)/2:]] = true
			if len(w) > 5 {
				words[w[:2]+w[3:]] = true               // dropped
				words[w[:2]+"x"+w[2:]] = true           // added
				words[w[:1]+w[2:3]+w[1:2]+w[3:]] = true // swapped
			}
		}
	}
	idx := store.NewSearchIndex(docs)
	var queries []string
	prev := "mensenhandel"
	for w := range words {
		queries = append(queries, w, w+" "+prev)
		prev = w
	}
	onlyDocs := func(d *store.SearchDoc) bool { return d.Node.Label == kg.Document }
	for _, q := range queries {
		p := store.ParseSearch(q)
		for _, first := range []int{0, 3} {
			if got, want := idx.Search(p, nil, first, false), store.Rank(docs, p, first, false); !sameHits(got, want) {
				t.Errorf("%q first %d:\nindex %v\nrank  %v", q, first, got, want)
			}
		}
		var docsOnly []*store.SearchDoc
		for _, d := range docs {
			if onlyDocs(d) {
				docsOnly = append(docsOnly, d)
			}
		}
		if got, want := idx.Search(p, onlyDocs, 0, true), store.Rank(docsOnly, p, 0, true); !sameHits(got, want) {
			t.Errorf("%q documents only:\nindex %v\nrank  %v", q, got, want)
		}
	}
	t.Logf("%d queries", len(queries))
}

func sameHits(a, b []store.Hit) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// TestSearchIndexCommonWords: queries whose words are common in long texts and rare in
// names, as an organisation's full name is in a dossier's letters. The index looks the
// rarest word up first and the common ones only for its candidates; its answers stay
// Rank's, whatever the order of the words, with typos and a filter.
func TestSearchIndexCommonWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	filler := []string{"de", "minister", "gemeenten", "slachtoffers", "uitbuiting", "tegen", "mensenhandel", "centrum", "aanpak", "coordinatie"}
	var nodes []kg.Node
	for i := range 3000 {
		words := []string{"mensenhandel", "tegen"}
		for range 12 {
			words = append(words, filler[rng.IntN(len(filler))])
		}
		if i%500 == 0 {
			words = append(words, "coordinatiecentrum", "comensha")
		}
		rng.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
		nodes = append(nodes, kg.Node{ID: fmt.Sprintf("doc:%04d", i), Label: kg.Document, Name: fmt.Sprintf("Brief %d", i),
			Props: map[string]any{kg.PropText: strings.Join(words, " "), kg.PropTitle: fmt.Sprintf("Voortgangsbrief %d over %s", i, filler[i%len(filler)])}})
	}
	for i, name := range []string{"Coördinatiecentrum tegen Mensenhandel", "Centrum tegen Kinderhandel en Mensenhandel", "Expertisecentrum Mensenhandel en Mensensmokkel", "Landelijk Coördinatiecentrum", "Tegen Uitbuiting"} {
		nodes = append(nodes, kg.Node{ID: fmt.Sprintf("org:%d", i), Label: kg.Organisation, Name: name})
	}
	docs := make([]*store.SearchDoc, len(nodes))
	for i := range nodes {
		docs[i] = store.NewSearchDoc(&nodes[i])
	}
	idx := store.NewSearchIndex(docs)
	orgsOnly := func(d *store.SearchDoc) bool { return d.Node.Label == kg.Organisation }
	var orgDocs []*store.SearchDoc
	for _, d := range docs {
		if orgsOnly(d) {
			orgDocs = append(orgDocs, d)
		}
	}
	for _, q := range []string{
		"Coördinatiecentrum tegen Mensenhandel", "mensenhandel tegen coördinatiecentrum", "tegen mensenhandel",
		"centrum mensenhandel", "coordinatiecentrun tegen mensenhandel", "mensenhandle coordinatiecentrum",
		"comensha mensenhandel tegen", "de mensenhandel", "mensenhandel de tegen centrum", "kinderhandel mensenhandel",
		"expertisecentrum mensensmokkel tegen", "landelijk centrum", "uitbuiting tegen", "coördinatie centrum",
		// A word no doc has, or only with a typo, beside common ones.
		"xyzzyq mensenhandel", "mensenhandel nietbestaand tegen", "mensenhandel coordinatiecentrrum", "tegen qq",
	} {
		p := store.ParseSearch(q)
		for _, first := range []int{0, 20} {
			if got, want := idx.Search(p, nil, first, false), store.Rank(docs, p, first, false); !sameHits(got, want) {
				t.Errorf("%q first %d: index and Rank differ:\nindex %v\nrank  %v", q, first, hitIDs(got), hitIDs(want))
			}
		}
		for _, first := range []int{0, 2} { // a filter and a page together
			if got, want := idx.Search(p, orgsOnly, first, first == 0), store.Rank(orgDocs, p, first, first == 0); !sameHits(got, want) {
				t.Errorf("%q organisations only, first %d:\nindex %v\nrank  %v", q, first, hitIDs(got), hitIDs(want))
			}
		}
	}
}

func hitIDs(hs []store.Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = fmt.Sprintf("%s %.2f", h.Node.ID, h.Score)
	}
	return out
}

// TestSearchIndexPagesAgreeWithRank: random graphs whose docs hold the same words in
// names, titles and texts, some with a typo, and random queries of those words, their
// parts and typos, asked for pages of every size (a page's search stops early), with and
// without a filter: the index answers what Rank answers.
func TestSearchIndexPagesAgreeWithRank(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	vocab := []string{"mensenhandel", "mensenhandle", "comensha", "comensa", "gemeenten", "gemeente", "uitbuiting",
		"uitbuting", "slachtoffers", "centrum", "expertisecentrum", "tegen", "de", "groningen", "groningn", "2024", "nr"}
	words := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	for round := range 4 {
		var nodes []kg.Node
		for i := range 1500 + rng.IntN(2500) {
			id := fmt.Sprintf("n:%05d", i)
			switch rng.IntN(5) {
			case 0:
				nodes = append(nodes, kg.Node{ID: id, Label: kg.Organisation, Name: words(1 + rng.IntN(3)), Aliases: []string{words(1)}})
			case 1:
				nodes = append(nodes, kg.Node{ID: id, Label: kg.Document, Name: fmt.Sprintf("Brief %d", i),
					Props: map[string]any{kg.PropTitle: words(2 + rng.IntN(4)), kg.PropText: words(rng.IntN(30))}})
			case 2: // a word in the name, another spelling of it in the text
				nodes = append(nodes, kg.Node{ID: id, Label: kg.Document, Name: words(1 + rng.IntN(2)),
					Props: map[string]any{kg.PropText: words(rng.IntN(12))}})
			default: // the most: letters that mention a few of the words in a long text
				nodes = append(nodes, kg.Node{ID: id, Label: kg.Document, Name: fmt.Sprintf("Brief %d", i),
					Props: map[string]any{kg.PropTitle: "Voortgangsbrief", kg.PropText: "over " + words(rng.IntN(8))}})
			}
		}
		docs := make([]*store.SearchDoc, len(nodes))
		for i := range nodes {
			docs[i] = store.NewSearchDoc(&nodes[i])
		}
		idx := store.NewSearchIndex(docs)
		filters := []struct {
			name string
			keep func(*store.SearchDoc) bool
		}{
			{"all", nil},
			{"documents", func(d *store.SearchDoc) bool { return d.Node.Label == kg.Document }},
			{"organisations", func(d *store.SearchDoc) bool { return d.Node.Label == kg.Organisation }},
			{"every 7th", func(d *store.SearchDoc) bool { return d.Node.ID[len(d.Node.ID)-1] == '7' }},
		}
		for range 60 {
			q := words(1 + rng.IntN(3))
			if rng.IntN(4) == 0 { // a part of a word
				w := vocab[rng.IntN(len(vocab))]
				q += " " + w[rng.IntN(len(w)/2):]
			}
			p := store.ParseSearch(q)
			for _, f := range filters {
				var kept []*store.SearchDoc
				for _, d := range docs {
					if f.keep == nil || f.keep(d) {
						kept = append(kept, d)
					}
				}
				for _, first := range []int{0, 1, 2, 7, 20, 200, 1 + rng.IntN(len(docs))} {
					noSnippets := rng.IntN(2) == 0
					if got, want := idx.Search(p, f.keep, first, noSnippets), store.Rank(kept, p, first, noSnippets); !sameHits(got, want) {
						t.Fatalf("round %d, %q, %s, first %d:\nindex %v\nrank  %v", round, q, f.name, first, hitIDs(got), hitIDs(want))
					}
				}
			}
		}
	}
}
