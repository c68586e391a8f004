package neo4j

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

// TestSameAsMemory loads one random graph (synthGraph) into this store and into the memory
// store, the reference, and asks both the same random questions: every answer must be
// deep-equal, nodes, edges, cursors and order included. It reaches what the fixture of the
// conformance suite does not: many labels, hubs, wrong-kind properties, long pages.
func TestSameAsMemory(t *testing.T) {
	s := openTest(t, testConfig(t))
	g := synthGraph(600, 1500, 7)
	m := memory.New()
	if err := m.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			if r.IntN(20) == 0 {
				out[i] = "nope:" + fmt.Sprint(i)
			} else {
				out[i] = g.Nodes[r.IntN(len(g.Nodes))].ID
			}
		}
		return out
	}
	types := func() []kg.RelType {
		var out []kg.RelType
		for range r.IntN(3) {
			out = append(out, kg.RelTypes[r.IntN(len(kg.RelTypes))])
		}
		return out
	}
	labels := func() []kg.Label {
		var out []kg.Label
		for range r.IntN(3) {
			out = append(out, kg.Labels[r.IntN(len(kg.Labels))])
		}
		return out
	}
	dirs := []store.Direction{store.Out, store.In, store.Both, ""}
	same := func(what string, got, want any, gerr, werr error) {
		t.Helper()
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%s: error %v, memory %v", what, gerr, werr)
		}
		// Compared as deref shows them, every exported field of every value pointed to:
		// the memory store's nodes are sealed (kg.Node.Seal), which only unexported fields
		// hold, and Neo4j's are not.
		if !reflect.DeepEqual(deref(reflect.ValueOf(got)), deref(reflect.ValueOf(want))) {
			t.Fatalf("%s:\n neo4j  %s\n memory %s", what, show(got), show(want))
		}
	}

	t.Run("Nodes", func(t *testing.T) {
		all := make([]string, 0, len(g.Nodes)+1)
		for _, n := range g.Nodes {
			all = append(all, n.ID)
		}
		all = append(all, "nope")
		got, gerr := s.Nodes(ctx, all)
		want, werr := m.Nodes(ctx, all)
		same("Nodes(all)", got, want, gerr, werr)
	})
	t.Run("Lookup", func(t *testing.T) {
		for i := range 30 {
			var names []string
			for range 1 + r.IntN(5) {
				n := g.Nodes[r.IntN(len(g.Nodes))]
				switch {
				case len(n.Aliases) > 0 && r.IntN(2) == 0:
					names = append(names, n.Aliases[0])
				case n.Str(kg.PropAbbreviation) != "":
					names = append(names, n.Str(kg.PropAbbreviation))
				default:
					names = append(names, kg.Fold(n.Name))
				}
			}
			var l kg.Label
			if i%3 == 0 {
				l = kg.Labels[r.IntN(len(kg.Labels))]
			}
			got, gerr := s.Lookup(ctx, l, names)
			want, werr := m.Lookup(ctx, l, names)
			same(fmt.Sprintf("Lookup(%q, %q)", l, names), got, want, gerr, werr)
		}
	})
	t.Run("Neighbours", func(t *testing.T) {
		for range 60 {
			q := store.NeighbourQuery{IDs: ids(1 + r.IntN(8)), Types: types(), Direction: dirs[r.IntN(4)], OtherLabels: labels(), First: r.IntN(4)}
			got, gerr := s.Neighbours(ctx, q)
			want, werr := m.Neighbours(ctx, q)
			same(fmt.Sprintf("Neighbours(%+v)", q), got, want, gerr, werr)
			cg, gerr := s.CountNeighbours(ctx, q)
			cw, werr := m.CountNeighbours(ctx, q)
			same(fmt.Sprintf("CountNeighbours(%+v)", q), cg, cw, gerr, werr)
			// The next page, after the first node's last neighbour.
			if len(want) > 0 && len(want[0]) > 0 {
				q.After = want[0][len(want[0])-1].Cursor()
				got, gerr := s.Neighbours(ctx, q)
				want, werr := m.Neighbours(ctx, q)
				same(fmt.Sprintf("Neighbours(%+v)", q), got, want, gerr, werr)
			}
		}
	})
	t.Run("List", func(t *testing.T) {
		fields := []store.Field{store.FieldID, store.FieldName, store.FieldDate, store.FieldNumber, store.FieldDossier, store.FieldKind, store.FieldStatus, store.FieldDegree}
		for i := range 80 {
			var order []store.Order
			for _, f := range fields {
				if r.IntN(5) == 0 {
					order = append(order, store.Order{Field: f, Desc: r.IntN(2) == 0})
				}
			}
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			q := store.ListQuery{Where: randomFilter(r, g, 2), Order: order, First: r.IntN(40), WithTotal: r.IntN(2) == 0}
			if i%2 == 0 {
				q.Label = kg.Labels[r.IntN(len(kg.Labels))]
			}
			for page := 0; page < 4; page++ {
				got, gerr := s.List(ctx, q)
				want, werr := m.List(ctx, q)
				same(fmt.Sprintf("List(%s) page %d", show(q), page), got, want, gerr, werr)
				if !want.HasNextPage {
					break
				}
				q.After = want.EndCursor
			}
		}
	})
	t.Run("Search", func(t *testing.T) {
		texts := []string{"mensenhandel", "coord", "centrum mensen", "Justitie en Veiligheid", "ærø", "STRASSE", "straße",
			"zicht uitbuiting rapport", "gl pvda", "x", "", "!!", "actie 1", "politie netwerk zorg",
			"comensa", "mensenhandl netwerk", "28638-224", "28 638 nr. 233", "motie 224", "kamerstuk"}
		for i, text := range texts {
			q := store.SearchQuery{Text: text, First: i % 4 * 5}
			if i%3 == 0 {
				q.Labels = labels()
			}
			got, gerr := s.Search(ctx, q)
			want, werr := m.Search(ctx, q)
			same(fmt.Sprintf("Search(%+v)", q), got, want, gerr, werr)
		}
	})
	t.Run("Subgraph", func(t *testing.T) {
		for range 30 {
			q := store.SubgraphQuery{ID: ids(1)[0], Depth: r.IntN(4) - 1, Types: types(), Limit: []int{0, 1, 5, 40}[r.IntN(4)]}
			got, gerr := s.Subgraph(ctx, q)
			want, werr := m.Subgraph(ctx, q)
			same(fmt.Sprintf("Subgraph(%+v)", q), got, want, gerr, werr)
		}
	})
	t.Run("ShortestPath", func(t *testing.T) {
		for i := range 60 {
			p := ids(2)
			if i%15 == 0 {
				p[1] = p[0]
			}
			max, ts := r.IntN(5), types()
			if i%2 == 0 {
				ts = nil
			}
			got, gerr := s.ShortestPath(ctx, p[0], p[1], max, ts)
			want, werr := m.ShortestPath(ctx, p[0], p[1], max, ts)
			same(fmt.Sprintf("ShortestPath(%s, %s, %d, %v)", p[0], p[1], max, ts), got, want, gerr, werr)
		}
	})
	t.Run("Stats", func(t *testing.T) {
		got, gerr := s.Stats(ctx)
		want, werr := m.Stats(ctx)
		same("Stats", got, want, gerr, werr)
	})
}

// randomFilter makes a random valid filter tree of at most depth levels.
func randomFilter(r *rand.Rand, g *kg.Graph, depth int) *store.Filter {
	n := g.Nodes[r.IntN(len(g.Nodes))]
	switch k := r.IntN(12); {
	case k == 0:
		return nil
	case k == 1 && depth > 0:
		return &store.Filter{And: []*store.Filter{randomFilter(r, g, depth-1), randomFilter(r, g, depth-1)}}
	case k == 2 && depth > 0:
		return &store.Filter{Or: []*store.Filter{randomFilter(r, g, depth-1), randomFilter(r, g, depth-1)}}
	case k == 3 && depth > 0:
		return &store.Filter{Not: randomFilter(r, g, depth-1)}
	case k == 4 && depth > 0:
		var ts []kg.RelType
		if r.IntN(2) == 0 {
			ts = []kg.RelType{kg.RelTypes[r.IntN(len(kg.RelTypes))], kg.RelTypes[r.IntN(len(kg.RelTypes))]}
		}
		return &store.Filter{Rel: &store.RelFilter{Types: ts, Direction: []store.Direction{store.Out, store.In, store.Both, ""}[r.IntN(4)], Other: randomFilter(r, g, depth-1)}}
	case k == 5:
		return &store.Filter{Field: store.FieldName, Op: []store.Op{store.OpContains, store.OpStartsWith}[r.IntN(2)], Value: string([]rune(synthWords[r.IntN(len(synthWords))])[:2])}
	case k == 6:
		return &store.Filter{Field: store.FieldName, Op: []store.Op{store.OpGte, store.OpLte, store.OpEq}[r.IntN(3)], Value: n.Name}
	case k == 7:
		return &store.Filter{Field: store.FieldDate, Op: []store.Op{store.OpGte, store.OpLte, store.OpStartsWith}[r.IntN(3)], Value: fmt.Sprintf("20%d", 10+r.IntN(15))}
	case k == 8:
		return &store.Filter{Field: store.FieldNumber, Op: []store.Op{store.OpGte, store.OpLte, store.OpEq}[r.IntN(3)], Value: int64(r.IntN(40))}
	case k == 9:
		return &store.Filter{Field: store.FieldNumber, Op: store.OpIn, Value: []int{1, 2, 3, 12, 20}}
	case k == 10:
		return &store.Filter{Field: store.FieldLabel, Op: store.OpIn, Value: []string{string(kg.Labels[r.IntN(len(kg.Labels))]), string(n.Label)}}
	}
	return &store.Filter{Field: store.FieldKind, Op: store.OpIn, Value: []string{"LETTER", "MP"}}
}

func show(v any) string {
	s := fmt.Sprintf("%+v", deref(reflect.ValueOf(v)))
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// deref is v with pointers replaced by their targets and structs by their exported
// fields, so that differing nodes show and compare; a nil slice stays nil, apart from an
// empty one.
func deref(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return deref(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = deref(v.Index(i))
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out[v.Type().Field(i).Name] = deref(v.Field(i))
			}
		}
		return out
	}
	if v.IsValid() && v.CanInterface() {
		return v.Interface()
	}
	return nil
}
