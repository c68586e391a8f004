package main

import (
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
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

// TestAsObjectField: a plain field of objects is written inline when what it holds has a
// writer: an object (by pointer or by value), an interface, or a list of them; not a list
// of lists, an object without a writer, an interface not of the schema, or a value of
// another Go kind.
func TestAsObjectField(t *testing.T) {
	pkg := types.NewPackage("example.com/model", "model")
	named := func(name string, u types.Type) *types.Named {
		return types.NewNamed(types.NewTypeName(token.NoPos, pkg, name, nil), u, nil)
	}
	person := named("Person", types.NewStruct(nil, nil))
	node := named("Node", types.NewInterfaceType(nil, nil).Complete())
	field := func(def string, kind ast.DefinitionKind, gql *ast.Type, goType types.Type) plainField {
		ref := &config.TypeReference{Definition: &ast.Definition{Name: def, Kind: kind}, GQL: gql, GO: goType}
		return plainField{Field: &codegen.Field{TypeReference: ref}}
	}
	writers := map[string]bool{"Person": true}
	interfaces := map[string]*codegen.Interface{"Node": {}}
	for _, c := range []struct {
		name  string
		field plainField
		ok    bool
		want  objectField
	}{
		{"a pointer", field("Person", ast.Object, ast.NonNullNamedType("Person", nil), types.NewPointer(person)), true,
			objectField{Elem: "Person", NonNull: true, Nilable: true}},
		{"a value", field("Person", ast.Object, ast.NamedType("Person", nil), person), true,
			objectField{Elem: "Person", TakeRef: true}},
		{"an interface", field("Node", ast.Interface, ast.NamedType("Node", nil), node), true,
			objectField{Elem: "Node", Nilable: true}},
		{"a list", field("Person", ast.Object, ast.NonNullListType(ast.NonNullNamedType("Person", nil), nil), types.NewSlice(types.NewPointer(person))), true,
			objectField{Elem: "Person", List: true, NonNull: true, ElemNonNull: true, Nilable: true}},
		{"a list of nullable values", field("Person", ast.Object, ast.ListType(ast.NamedType("Person", nil), nil), types.NewSlice(person)), true,
			objectField{Elem: "Person", List: true, TakeRef: true}},
		{"a list of lists", field("Person", ast.Object, ast.ListType(ast.ListType(ast.NamedType("Person", nil), nil), nil), types.NewSlice(types.NewSlice(person))), false, objectField{}},
		{"no writer", field("Party", ast.Object, ast.NamedType("Party", nil), types.NewPointer(named("Party", types.NewStruct(nil, nil)))), false, objectField{}},
		{"an unknown interface", field("Thing", ast.Interface, ast.NamedType("Thing", nil), node), false, objectField{}},
		{"a map", field("Person", ast.Object, ast.NamedType("Person", nil), types.NewMap(types.Typ[types.String], types.Typ[types.Int])), false, objectField{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := asObjectField(c.field, writers, interfaces)
			if ok != c.ok {
				t.Fatalf("ok %v, want %v", ok, c.ok)
			}
			got.plainField = plainField{}
			if got != c.want {
				t.Errorf("%+v, want %+v", got, c.want)
			}
		})
	}
}

// TestEagerLeaves: a list of Strings or IDs bound to []string is a list of texts, and a
// non-null Float bound to float64 a Float an eager object writes; not a String, a list of
// lists, a list of another scalar or one bound to another Go type, nor a nullable Float, one
// bound to float32 or an Int bound to float64.
func TestEagerLeaves(t *testing.T) {
	strs := types.NewSlice(types.Typ[types.String])
	for _, c := range []struct {
		name string
		kind func(*config.TypeReference) bool
		def  string
		gql  *ast.Type
		goT  types.Type
		want bool
	}{
		{"[String!]!", textList, "String", ast.NonNullListType(ast.NonNullNamedType("String", nil), nil), strs, true},
		{"[ID]", textList, "ID", ast.ListType(ast.NamedType("ID", nil), nil), strs, true},
		{"String", textList, "String", ast.NamedType("String", nil), types.Typ[types.String], false},
		{"[[String]]", textList, "String", ast.ListType(ast.ListType(ast.NamedType("String", nil), nil), nil), types.NewSlice(strs), false},
		{"[Int]", textList, "Int", ast.ListType(ast.NamedType("Int", nil), nil), types.NewSlice(types.Typ[types.Int]), false},
		{"[String] as []*string", textList, "String", ast.ListType(ast.NamedType("String", nil), nil), types.NewSlice(types.NewPointer(types.Typ[types.String])), false},
		{"Float!", float, "Float", ast.NonNullNamedType("Float", nil), types.Typ[types.Float64], true},
		{"Float", float, "Float", ast.NamedType("Float", nil), types.NewPointer(types.Typ[types.Float64]), false},
		{"Float! as float32", float, "Float", ast.NonNullNamedType("Float", nil), types.Typ[types.Float32], false},
		{"Int! as float64", float, "Int", ast.NonNullNamedType("Int", nil), types.Typ[types.Float64], false},
	} {
		ref := &config.TypeReference{Definition: &ast.Definition{Name: c.def, Kind: ast.Scalar}, GQL: c.gql, GO: c.goT}
		if got := c.kind(ref); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
