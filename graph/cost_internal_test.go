package graph

import (
	"reflect"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// argument reads one argument as ArgumentMap does: literals, variables given, not given
// and null, defaults, input objects and lists, arguments not given at all.
func TestArgumentAsArgumentMap(t *testing.T) {
	const q = `query($n: Int, $m: Int, $w: DocumentWhere, $ids: [ID!]!, $t: String!) {
		a: documents(first: $n, where: $w) { totalCount }
		b: documents(first: 3, where: {kind: {eq: LETTER}, date: {gte: "2020-01-01"}}, orderBy: [{field: DATE, direction: DESC}]) { totalCount }
		c: documents(last: $m) { totalCount }
		d: documents { totalCount }
		nodes(ids: $ids) { id }
		e: search(text: $t) { score }
		f: neighbourhood(id: "org:x", limit: $n) { nodes { id } }
	}`
	for _, vars := range []map[string]any{
		{"ids": []any{"a", "b"}, "t": "x"},
		{"n": int64(7), "m": nil, "w": map[string]any{"kind": map[string]any{"eq": "MOTION"}}, "ids": []any{}, "t": "y"},
		{"n": nil, "m": int64(2), "ids": []any{"c"}, "t": "z"},
	} {
		op := memoOperation(t, q, vars)
		var fields []*ast.Field
		for _, s := range op.Operation.SelectionSet {
			fields = append(fields, s.(*ast.Field))
		}
		compared := 0
		for _, f := range fields {
			want := f.ArgumentMap(op.Variables)
			for _, def := range f.Definition.Arguments {
				got, ok := argument(f, def.Name, op.Variables)
				w, wok := want[def.Name]
				if ok != wok || !reflect.DeepEqual(got, w) {
					t.Errorf("%s(%s) with %v: %#v, %v; ArgumentMap: %#v, %v", f.Alias, def.Name, vars, got, ok, w, wok)
				}
				compared++
			}
			if _, ok := argument(f, "noSuchArgument", op.Variables); ok {
				t.Errorf("%s: an argument the field does not have", f.Alias)
			}
		}
		if compared < 20 {
			t.Fatalf("only %d arguments compared", compared)
		}
	}
}
