package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestCallEager: the function of an object with an eager function tries it first, right
// after collecting its fields, once; an object whose function begins otherwise is an error,
// not a silent loss of the eager path.
func TestCallEager(t *testing.T) {
	const person = "func (ec *executionContext) _Person(ctx context.Context, sel ast.SelectionSet, obj *model.Person) graphql.Marshaler {\n\tfields := ec.memo.collectIn(ctx, ec.OperationContext, sel, personImplementors)\n\n\tout := newObjectAnswer(fields)\n"
	const org = "func (ec *executionContext) _Org(ctx context.Context, sel ast.SelectionSet, obj *model.Org) graphql.Marshaler {\n\tfields := ec.memo.collectIn(ctx, ec.OperationContext, sel, orgImplementors)\n"
	eagerTypes = []eagerType{{Object: &codegen.Object{Definition: &ast.Definition{Name: "Person"}}}}
	defer func() { eagerTypes = nil }()
	for _, c := range []struct {
		name, src, fails string
	}{
		{"as gqlgen writes it", person + org, ""},
		{"begun otherwise", strings.Replace(person, "ec.memo.collectIn(ctx, ", "graphql.CollectFields(", 1), "0 times"},
		{"twice", person + person, "2 times"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "x.generated.go")
			if err := os.WriteFile(f, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := callEager(dir)
			if c.fails != "" {
				if err == nil || !strings.Contains(err.Error(), c.fails) {
					t.Errorf("error %v, want one saying %q", err, c.fails)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			out, _ := os.ReadFile(f)
			want := "personImplementors)\n\tif m := ec.eager_Person(ctx, fields, obj); m != nil {\n\t\treturn m\n\t}\n\n\tout := newObjectAnswer(fields)\n"
			if !strings.Contains(string(out), want) || strings.Contains(string(out), "eager_Org") || !strings.HasSuffix(string(out), org) {
				t.Errorf("rewritten:\n%s", out)
			}
		})
	}
}
