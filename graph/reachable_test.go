package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph"
)

// TestEveryTypeIsReachable: every type of the schema can occur in an answer or be passed
// as an argument (reached from Query through fields, arguments, interface implementations
// and input fields), or is an argument of the schema's own directives (@relation's shape:
// the SDL declares the relationship fields with it). A type nothing reaches is dead weight that client code generators
// (graphql-codegen, relay-compiler) still turn into types.
func TestEveryTypeIsReachable(t *testing.T) {
	s := graph.NewSchema(newStore(t)).Schema()
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		def := s.Types[name]
		if def == nil || seen[name] {
			return
		}
		seen[name] = true
		for _, f := range def.Fields {
			visit(f.Type.Name())
			for _, a := range f.Arguments {
				visit(a.Type.Name())
			}
		}
		if def.Kind == ast.Interface || def.Kind == ast.Union {
			for _, impl := range s.GetPossibleTypes(def) {
				visit(impl.Name)
			}
		}
	}
	visit(s.Query.Name)
	for _, d := range s.Directives {
		if d.Position != nil && d.Position.Src != nil && !d.Position.Src.BuiltIn {
			for _, a := range d.Arguments {
				visit(a.Type.Name())
			}
		}
	}
	var dead []string
	for name := range s.Types {
		if !seen[name] && !strings.HasPrefix(name, "__") && !slices.Contains([]string{"String", "Boolean", "Int", "Float", "ID"}, name) {
			dead = append(dead, name)
		}
	}
	slices.Sort(dead)
	if len(dead) > 0 {
		t.Errorf("types nothing reaches: %v", dead)
	}
}
