package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// TestLeavesOnly: a node's selection of scalars and enums alone, its fragments too, asks
// for no keys, and is skipped by the prefetch; an object field anywhere in it is not.
func TestLeavesOnly(t *testing.T) {
	cases := []struct {
		name, nodes, fragments string
		want                   bool
	}{
		{"fields", `id label name`, ``, true},
		{"typename", `__typename`, ``, true},
		{"an inline fragment of leaves", `id ... on Motion { citation status }`, ``, true},
		{"a named fragment of leaves", `id ...F`, `fragment F on Node { name }`, true},
		{"a fragment within a fragment", `...F`, `fragment F on Node { ... on Motion { number } }`, true},
		{"an object field", `id mentions { quote }`, ``, false},
		{"a relationship field in an inline fragment", `... on Motion { submitters { name } }`, ``, false},
		{"a relationship field in a named fragment", `name ...G`, `fragment G on Motion { submitters { name } }`, false},
		{"deep in fragments", `...F`, `fragment F on Node { ... on Motion { ...G } } fragment G on Motion { document { id } }`, false},
		{"an aliased object field", `id ... on Motion { who: submitters { name } }`, ``, false},
	}
	for _, c := range cases {
		op := memoOperation(t, `{ neighbourhood(id: "x") { nodes { `+c.nodes+` } } } `+c.fragments, nil)
		nodes := op.Operation.SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
		if got := leavesOnly(nodes.SelectionSet); got != c.want {
			t.Errorf("%s: leavesOnly = %v, want %v", c.name, got, c.want)
		}
	}
}
