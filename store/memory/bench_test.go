package memory

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// synthetic builds a graph of about 50k nodes: 40k documents (one in ten undated), 5k
// organisations, 5k actions; every document mentions three organisations, and org:0 is a
// hub mentioned by every tenth document, as a big ministry is in the real corpus.
func synthetic(b *testing.B) *Store {
	b.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	bl := kg.NewBuilder()
	ev := []kg.Evidence{{Document: "doc:0", Quote: "q", Start: 0, End: 1}}
	for i := range 5000 {
		bl.Node(kg.Node{ID: fmt.Sprintf("org:%d", i), Label: kg.Organisation, Name: fmt.Sprintf("Organisatie %05d", r.IntN(100000)),
			Props: map[string]any{kg.PropAbbreviation: fmt.Sprintf("O%d", i)}})
		bl.Node(kg.Node{ID: fmt.Sprintf("action:%d", i), Label: kg.Action, Name: fmt.Sprintf("Actie %d", i),
			Props: map[string]any{kg.PropNumber: int64(i)}})
	}
	for i := range 40000 {
		props := map[string]any{kg.PropNumber: int64(i), kg.PropText: "Tekst over mensenhandel en arbeidsuitbuiting."}
		if i%10 != 0 {
			props[kg.PropDate] = fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(15), 1+r.IntN(12), 1+r.IntN(28))
		}
		id := fmt.Sprintf("doc:%d", i)
		bl.Node(kg.Node{ID: id, Label: kg.Document, Name: fmt.Sprintf("Brief %06d", r.IntN(1000000)), Props: props})
		for range 3 {
			bl.Edge(kg.Edge{From: id, Type: kg.Mentions, To: fmt.Sprintf("org:%d", 1+r.IntN(4999)), Evidence: ev})
		}
		if i%10 == 0 {
			bl.Edge(kg.Edge{From: id, Type: kg.Mentions, To: "org:0", Evidence: ev})
		}
	}
	s := New()
	if err := s.Replace(context.Background(), bl.Graph()); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkList(b *testing.B) {
	s := synthetic(b)
	ctx := context.Background()
	dateDesc := []store.Order{{Field: store.FieldDate, Desc: true}}
	// A cursor in the middle of the documents, for a deep page.
	mid, err := s.List(ctx, store.ListQuery{Label: kg.Document, First: 20000})
	if err != nil {
		b.Fatal(err)
	}
	midDate, err := s.List(ctx, store.ListQuery{Label: kg.Document, First: 20000, Order: dateDesc})
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		q    store.ListQuery
	}{
		{"first-page", store.ListQuery{Label: kg.Document, First: 20}},
		{"middle-page", store.ListQuery{Label: kg.Document, First: 20, After: mid.EndCursor}},
		{"date-desc-middle-page", store.ListQuery{Label: kg.Document, First: 20, Order: dateDesc, After: midDate.EndCursor}},
		{"degree-desc-first-page", store.ListQuery{Label: kg.Organisation, First: 20, Order: []store.Order{{Field: store.FieldDegree, Desc: true}}}},
		{"filtered-first-page", store.ListQuery{Label: kg.Document, First: 20, Where: &store.Filter{Field: store.FieldDate, Op: store.OpStartsWith, Value: "2015"}}},
		{"first-page-with-total", store.ListQuery{Label: kg.Document, First: 20, WithTotal: true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.List(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListSortOnce is the cost a (label, order) pays once per snapshot, for
// comparison with a page: what every page would cost if lists were sorted per call.
func BenchmarkListSortOnce(b *testing.B) {
	s := synthetic(b)
	sn := s.cur.Load()
	order, _ := store.EffectiveOrder([]store.Order{{Field: store.FieldDate, Desc: true}})
	for b.Loop() {
		sn.sortRows(kg.Document, order)
	}
}

func BenchmarkNeighbours(b *testing.B) {
	s := synthetic(b)
	ctx := context.Background()
	hub := store.NeighbourQuery{IDs: []string{"org:0"}, Direction: store.In, First: 20}
	all, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{"org:0"}, Direction: store.In})
	if err != nil {
		b.Fatal(err)
	}
	deep := hub
	deep.After = all[0][len(all[0])/2].Cursor()
	docs := make([]string, 100)
	for i := range docs {
		docs[i] = fmt.Sprintf("doc:%d", i*37)
	}
	cases := []struct {
		name string
		q    store.NeighbourQuery
	}{
		{fmt.Sprintf("hub-%d-first-page", len(all[0])), hub},
		{"hub-middle-page", deep},
		{"100-nodes-batched", store.NeighbourQuery{IDs: docs, Direction: store.Both, First: 10}},
		// A relation the hub has none of, among its thousands of mentions (a ministry's holds).
		{"hub-another-type", store.NeighbourQuery{IDs: []string{"org:0"}, Types: []kg.RelType{kg.Holds}, First: 20}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Neighbours(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
