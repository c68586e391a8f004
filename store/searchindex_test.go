package store_test

import (
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
