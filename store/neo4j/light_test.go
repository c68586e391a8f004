package neo4j

import (
	"reflect"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/storetest"
)

// TestLightReads: a light List or Subgraph returns the nodes a whole read returns, minus
// their mentions and text, in the same order; a light Search the same hits without mentions.
func TestLightReads(t *testing.T) {
	s := openTest(t, testConfig(t))
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	strip := func(ns []*kg.Node) []*kg.Node {
		out := make([]*kg.Node, len(ns))
		for i, n := range ns {
			c := *n
			c.Mentions = nil
			c.Props = map[string]any{}
			for k, v := range n.Props {
				if k != kg.PropText {
					c.Props[k] = v
				}
			}
			out[i] = &c
		}
		return out
	}
	q := store.ListQuery{Label: kg.Document, WithTotal: true}
	whole, err := s.List(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	q.Light = true
	light, err := s.List(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(light.Nodes, strip(whole.Nodes)) || light.Total != whole.Total || len(whole.Nodes) == 0 {
		t.Errorf("List: light %+v\nwhole %+v", light.Nodes, whole.Nodes)
	}
	// A light search leaves out the mentions only: ranking reads the text.
	wholeHits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel"})
	if err != nil {
		t.Fatal(err)
	}
	lightHits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel", Light: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range wholeHits {
		wholeHits[i].Node = &kg.Node{ID: wholeHits[i].Node.ID, Label: wholeHits[i].Node.Label, Name: wholeHits[i].Node.Name,
			Aliases: wholeHits[i].Node.Aliases, Props: wholeHits[i].Node.Props}
	}
	if !reflect.DeepEqual(lightHits, wholeHits) || len(wholeHits) == 0 {
		t.Errorf("Search: light %+v\nwhole %+v", lightHits, wholeHits)
	}
	sq := store.SubgraphQuery{ID: "doc:28638-257", Depth: 1}
	wg, err := s.Subgraph(ctx, sq)
	if err != nil {
		t.Fatal(err)
	}
	sq.Light = true
	lg, err := s.Subgraph(ctx, sq)
	if err != nil {
		t.Fatal(err)
	}
	var wn, ln []*kg.Node
	for i := range wg.Nodes {
		wn = append(wn, &wg.Nodes[i])
	}
	for i := range lg.Nodes {
		ln = append(ln, &lg.Nodes[i])
	}
	if !reflect.DeepEqual(ln, strip(wn)) || !reflect.DeepEqual(lg.Edges, wg.Edges) {
		t.Errorf("Subgraph: light %+v\nwhole %+v", ln, wn)
	}
}
