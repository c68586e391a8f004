package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store/memory"
)

// declaredField is a relationship field as the schema's @relation declares it.
type declaredField struct {
	typ, name string
	relType   kg.RelType
	out       bool
	other     kg.Label // a label at the other end
	shape     string   // CONNECTION, LIST, SINGLE, INVOLVEMENTS
}

// declaredFields reads every relationship field from the SDL clients see: each field with
// @relation, and the connection twin of each role field.
func declaredFields(s *ast.Schema) []declaredField {
	var out []declaredField
	for _, def := range s.Types {
		for _, f := range def.Fields {
			dir := f.Directives.ForName("relation")
			if dir == nil {
				continue
			}
			args := dir.ArgumentMap(nil)
			d := declaredField{typ: def.Name, name: f.Name, relType: kg.RelType(args["types"].([]any)[0].(string)),
				out: args["direction"] != "IN", other: kg.Document, shape: args["shape"].(string)}
			if ls, ok := args["labels"].([]any); ok && len(ls) > 0 {
				d.other = kg.Label(ls[0].(string))
			}
			out = append(out, d)
			if d.shape != "CONNECTION" {
				twin := d
				twin.name, twin.shape = f.Name+"Connection", "CONNECTION"
				out = append(out, twin)
			}
		}
	}
	slices.SortFunc(out, func(a, b declaredField) int { return strings.Compare(a.typ+"."+a.name, b.typ+"."+b.name) })
	return out
}

// relationGraph has three nodes of every label (x:Label:a, b, c) and, for every declared
// field, two edges from the a of its type to two nodes at the other end, one stated in a
// document of 2024-01-01 and one in a document of 2024-06-01, so that pages, cursors and
// dates all have something to tell apart.
func relationGraph(fields []declaredField) *kg.Graph {
	b := kg.NewBuilder()
	id := func(l kg.Label, x string) string { return "x:" + string(l) + ":" + x }
	docs := map[string]string{"a": "2024-01-01", "b": "2024-06-01", "c": "2024-06-01"}
	evOf := func(x string) kg.Evidence {
		return kg.Evidence{Document: id(kg.Document, x), Quote: "q", Start: 0, End: 1}
	}
	for _, l := range kg.Labels {
		for _, x := range []string{"a", "b", "c"} {
			n := kg.Node{ID: id(l, x), Label: l, Name: string(l) + " " + x, Mentions: []kg.Evidence{evOf("a")}}
			if l == kg.Document {
				n.Props = map[string]any{kg.PropDate: docs[x]}
			}
			b.Node(n)
		}
	}
	for _, f := range fields {
		self := id(kg.Label(f.typ), "a")
		for i, x := range []string{"b", "c"} {
			e := kg.Edge{Type: f.relType, From: self, To: id(f.other, x), Evidence: []kg.Evidence{evOf([]string{"a", "b"}[i])}}
			if !f.out {
				e.From, e.To = e.To, e.From
			}
			b.Edge(e)
		}
	}
	g := b.Graph()
	kg.StampSince(g)
	return g
}

// argForm is one way of writing a field's arguments: as literals, through variables, or
// both. The forms of one question must get one answer.
type argForm struct {
	args string
	vars map[string]any
}

// questions are the questions asked of a field of the shape, each in several forms.
// cursor1 and cursor2 are the cursors of a connection's first and second edge.
func questions(shape, cursor1, cursor2 string) [][]argForm {
	v := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	defaults := []argForm{{"", nil}, {"asOf: null", nil}, {"asOf: $d", v("d", nil)}}
	asOf := []argForm{{`asOf: "2024-03-01"`, nil}, {"asOf: $d", v("d", "2024-03-01")}}
	if shape == "SINGLE" {
		return [][]argForm{defaults, asOf}
	}
	defaults = append(defaults, argForm{"first: null", nil}, argForm{"first: $n", v("n", nil)})
	qs := [][]argForm{defaults, asOf,
		{{"first: 1", nil}, {"first: $n", v("n", 1)}, {"first: $n", v("n", "1")}, {"first: $n", v("n", 1.0)}},
		{{`first: 1, asOf: "2024-12-31"`, nil}, {"first: $n, asOf: $d", v("n", 1, "d", "2024-12-31")}, {`asOf: $d, first: 1`, v("d", "2024-12-31")}},
		{{"first: 0", nil}, {"first: $n", v("n", 0)}},
	}
	if shape != "CONNECTION" {
		return qs
	}
	return append(qs,
		[]argForm{{"last: 1", nil}, {"last: $n", v("n", 1)}, {"last: $n", v("n", "1")}},
		[]argForm{{fmt.Sprintf("after: %q", cursor1), nil}, {"after: $c", v("c", cursor1)}, {"first: $n, after: $c", v("n", nil, "c", cursor1)}},
		[]argForm{{fmt.Sprintf("last: 1, before: %q", cursor2), nil}, {"last: $n, before: $c", v("n", 1, "c", cursor2)}},
		[]argForm{{fmt.Sprintf(`first: 1, after: %q, asOf: "2024-12-31"`, cursor1), nil}, {"first: $n, after: $c, asOf: $d", v("n", 1, "c", cursor1, "d", "2024-12-31")}},
	)
}

// TestRelationKeysAgree asks every relationship field of the schema every question its
// shape takes, each in several forms (literals, variables as JSON numbers, strings and
// null, both mixed), and counts the store calls: one Nodes for the node, then one
// Neighbours (and one CountNeighbours for a connection's totalCount), because the
// prefetcher, which reads the field's arguments from the operation, requested the very key
// the resolver, which reads them from gqlgen, asks for. A key made differently by the two
// (an argument read in one form and not the other, asOf forgotten) is a second Neighbours
// call. The forms of one question must also get one answer.
func TestRelationKeysAgree(t *testing.T) {
	fields := declaredFields(graph.NewSchema(memory.New()).Schema())
	st := memory.New()
	if err := st.Replace(context.Background(), relationGraph(fields)); err != nil {
		t.Fatal(err)
	}
	cs := newCountingStore(st)
	ask := asker(t, newClient(cs, graph.Options{}))
	checked := map[string]int{}
	for _, f := range fields {
		var cursor1, cursor2 string
		if f.shape == "CONNECTION" {
			var page struct {
				Node map[string]struct {
					Edges []struct{ Cursor string }
				}
			}
			answer, errs := ask(f.typ, f.name, f.shape, argForm{"first: 2", nil})
			if len(errs) > 0 || json.Unmarshal([]byte(answer), &page) != nil || len(page.Node[f.name].Edges) != 2 {
				t.Fatalf("%s.%s(first: 2): %s %+v: want two edges", f.typ, f.name, answer, errs)
			}
			cursor1, cursor2 = page.Node[f.name].Edges[0].Cursor, page.Node[f.name].Edges[1].Cursor
		}
		askAll(t, cs, ask, f.typ, f.name, f.shape, questions(f.shape, cursor1, cursor2))
		checked[f.shape]++
	}
	t.Logf("fields asked, by shape: %v", checked)
	if checked["CONNECTION"] < 70 || checked["LIST"] < 30 || checked["SINGLE"] < 3 || checked["INVOLVEMENTS"] != 2 {
		t.Errorf("too few relationship fields asked: %v", checked)
	}
}

// TestRelationsKeysAgree is TestRelationKeysAgree for the generic `relations` field, whose
// types, direction and labels say what it follows: as lists, as one value (which GraphQL
// takes for a list), as literals and as variables.
func TestRelationsKeysAgree(t *testing.T) {
	fields := declaredFields(graph.NewSchema(memory.New()).Schema())
	st := memory.New()
	if err := st.Replace(context.Background(), relationGraph(fields)); err != nil {
		t.Fatal(err)
	}
	cs := newCountingStore(st)
	v := func(name string, val any) map[string]any { return map[string]any{name: val} }
	askAll(t, cs, asker(t, newClient(cs, graph.Options{})), "Organisation", "relations", "CONNECTION", [][]argForm{
		{{"types: [HOLDS]", nil}, {"types: HOLDS", nil}, {"types: $t", v("t", []string{"HOLDS"})}, {"types: $t", v("t", "HOLDS")}},
		{{"direction: IN", nil}, {"direction: $dir", v("dir", "IN")}},
		{{"labels: [Document]", nil}, {"labels: Document", nil}, {"labels: $l", v("l", []string{"Document"})}, {"labels: $l", v("l", "Document")}},
		{{"types: [HOLDS, MENTIONS], direction: OUT, labels: [Actielijn, Document], first: 1", nil},
			{"types: $t, direction: $dir, labels: $l, first: $n", map[string]any{"t": []string{"MENTIONS", "HOLDS"}, "dir": "OUT", "l": []string{"Document", "Actielijn"}, "n": "1"}}},
	})
}

// asker returns a function that asks field (of the shape) of the node x:typ:a with the
// arguments of form, and returns the answer's data as JSON and its errors.
func asker(t *testing.T, c *client.Client) func(typ, field, shape string, form argForm) (string, []gqlError) {
	varTypes := map[string]string{"n": "Int", "c": "String", "d": "Date", "t": "[RelationType!]", "dir": "Direction", "l": "[Label!]"}
	return func(typ, field, shape string, form argForm) (string, []gqlError) {
		sel := map[string]string{
			"CONNECTION":   "{ totalCount edges { node { id } cursor } pageInfo { hasNextPage hasPreviousPage } }",
			"LIST":         "{ id }",
			"SINGLE":       "{ id }",
			"INVOLVEMENTS": "{ role organisation { id } }",
		}[shape]
		var decls []string
		var opts []client.Option
		for _, name := range []string{"n", "c", "d", "t", "dir", "l"} {
			if val, ok := form.vars[name]; ok {
				decls = append(decls, "$"+name+": "+varTypes[name])
				opts = append(opts, client.Var(name, val))
			}
		}
		op, args := "", ""
		if len(decls) > 0 {
			op = "query(" + strings.Join(decls, ", ") + ") "
		}
		if form.args != "" {
			args = "(" + form.args + ")"
		}
		q := fmt.Sprintf(`%s{ node(id: "x:%s:a") { ... on %s { %s%s %s } } }`, op, typ, typ, field, args, sel)
		var data any
		errs := do(t, c, q, &data, opts...)
		b, _ := json.Marshal(data)
		return string(b), errs
	}
}

// askAll asks each question in each of its forms and fails when a form costs more than one
// call per level (Nodes; Neighbours, and CountNeighbours for a connection) or answers other
// than the question's first form.
func askAll(t *testing.T, cs *countingStore, ask func(typ, field, shape string, form argForm) (string, []gqlError), typ, field, shape string, questions [][]argForm) {
	t.Helper()
	max := 2 // Nodes, Neighbours
	if shape == "CONNECTION" {
		max = 3 // and CountNeighbours
	}
	for _, forms := range questions {
		var first string
		for i, form := range forms {
			cs.reset()
			answer, errs := ask(typ, field, shape, form)
			n, calls := cs.summary()
			vars, _ := json.Marshal(form.vars)
			what := fmt.Sprintf("%s.%s(%s) with variables %s", typ, field, form.args, vars)
			if len(errs) > 0 {
				t.Errorf("%s: %+v", what, errs)
				continue
			}
			if n > max {
				t.Errorf("%s: %d store calls (%s), want at most %d: the prefetcher and the resolver made different keys", what, n, calls, max)
			}
			if i == 0 {
				first = answer
			} else if answer != first {
				t.Errorf("%s answers %s,\nthe same question as %q answers %s", what, answer, forms[0].args, first)
			}
		}
	}
}
