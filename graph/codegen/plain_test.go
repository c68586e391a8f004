package main

import (
	goast "go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/99designs/gqlgen/codegen/config"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestSizeOf(t *testing.T) {
	str := types.Typ[types.String]
	named := types.NewNamed(types.NewTypeName(0, nil, "Label", nil), str, nil)
	for _, c := range []struct {
		name string
		t    types.Type
		want string
	}{
		{"string", str, "int64(len(v)) + 2"},
		{"*string", types.NewPointer(str), "textSize(v)"},
		{"a named string, as resultSize sees it: not a string", named, "8"},
		{"*named", types.NewPointer(named), "8"},
		{"int", types.Typ[types.Int], "8"},
		{"[]string", types.NewSlice(str), "textsSize(v)"},
	} {
		if got := sizeOf(c.t); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestBare(t *testing.T) {
	str, integer, float := types.Typ[types.String], types.Typ[types.Int], types.Typ[types.Float64]
	writer := types.NewInterfaceType(nil, nil)
	marshaler := func(name string, method string) types.Type {
		n := types.NewNamed(types.NewTypeName(0, nil, name, nil), str, nil)
		params := types.NewTuple(types.NewVar(0, nil, "w", writer))
		n.AddMethod(types.NewFunc(0, nil, method, types.NewSignatureType(types.NewVar(0, nil, "", n), nil, nil, params, nil, false)))
		return n
	}
	enum := marshaler("Label", "MarshalGQL")
	withContext := marshaler("Odd", "MarshalGQLContext")
	plain := types.NewNamed(types.NewTypeName(0, nil, "Plain", nil), str, nil)
	ref := func(gql string, nonNull bool, t types.Type) *config.TypeReference {
		return &config.TypeReference{GO: t, GQL: &ast.Type{NamedType: gql, NonNull: nonNull}, Definition: &ast.Definition{Name: gql}}
	}
	for _, c := range []struct {
		name string
		ref  *config.TypeReference
		want bool
	}{
		{"String!", ref("String", true, str), true},
		{"String", ref("String", false, types.NewPointer(str)), true},
		{"ID!", ref("ID", true, str), true},
		{"Int!", ref("Int", true, integer), true},
		{"Int", ref("Int", false, types.NewPointer(integer)), true},
		{"Float!: marshals with a context", ref("Float", true, float), false},
		{"String! bound to a type of its own", ref("String", true, plain), false},
		{"an enum with MarshalGQL", ref("Label", true, enum), true},
		{"a nullable enum", ref("Label", false, types.NewPointer(enum)), true},
		{"a non-null pointer: nil is an error", ref("Label", true, types.NewPointer(enum)), false},
		{"MarshalGQLContext", ref("Odd", true, withContext), false},
		{"no marshaller of its own", ref("Plain", true, plain), false},
	} {
		if got := bare(c.ref); got != c.want {
			t.Errorf("%s: bare %v, want %v", c.name, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	str, integer := types.Typ[types.String], types.Typ[types.Int]
	writer := types.NewInterfaceType(nil, nil)
	enum := func(name string, pointerReceiver bool) types.Type {
		n := types.NewNamed(types.NewTypeName(0, nil, name, nil), str, nil)
		var recv types.Type = n
		if pointerReceiver {
			recv = types.NewPointer(n)
		}
		params := types.NewTuple(types.NewVar(0, nil, "w", writer))
		n.AddMethod(types.NewFunc(0, nil, "MarshalGQL", types.NewSignatureType(types.NewVar(0, nil, "", recv), nil, nil, params, nil, false)))
		return n
	}
	label, byPointer := enum("Label", false), enum("Odd", true)
	named := types.NewNamed(types.NewTypeName(0, nil, "Plain", nil), str, nil)
	ref := func(gql string, kind ast.DefinitionKind, t types.Type) *config.TypeReference {
		return &config.TypeReference{GO: t, GQL: &ast.Type{NamedType: gql}, Definition: &ast.Definition{Name: gql, Kind: kind}}
	}
	for _, c := range []struct {
		name                string
		ref                 *config.TypeReference
		ok, pointer, isEnum bool
	}{
		{"String", ref("String", ast.Scalar, str), true, false, false},
		{"*String", ref("String", ast.Scalar, types.NewPointer(str)), true, true, false},
		{"ID", ref("ID", ast.Scalar, str), true, false, false},
		{"String bound to a type of its own", ref("String", ast.Scalar, named), false, false, false},
		{"*String bound to a type of its own", ref("String", ast.Scalar, types.NewPointer(named)), false, false, false},
		{"Int", ref("Int", ast.Scalar, integer), false, false, false},
		{"an enum", ref("Label", ast.Enum, label), true, false, true},
		{"a nullable enum: boxed without allocating already", ref("Label", ast.Enum, types.NewPointer(label)), false, false, false},
		{"an enum that marshals through a pointer", ref("Odd", ast.Enum, byPointer), false, false, false},
	} {
		ok, pointer, isEnum := text(c.ref)
		if ok != c.ok || pointer != c.pointer || isEnum != c.isEnum {
			t.Errorf("%s: text = %v, %v, %v; want %v, %v, %v", c.name, ok, pointer, isEnum, c.ok, c.pointer, c.isEnum)
		}
	}
}

// TestHasAppender: only a method Append<Method>(dst []byte) []byte, on the type or its
// pointer, is an appender.
func TestHasAppender(t *testing.T) {
	const src = `package m
type R struct{}
func (r *R) ID() string { return "" }
func (r *R) AppendID(dst []byte) []byte { return dst }
func (r R) AppendName(dst []byte) []byte { return dst }
func (r *R) AppendFrom(dst []byte) string { return "" }
func (r *R) AppendTo(dst string) []byte { return nil }
func (r *R) AppendType(dst ...byte) []byte { return dst }
func (r *R) AppendKind(dst []byte, n int) []byte { return dst }
func (r *R) AppendCitation(dst []byte) ([]byte, bool) { return dst, false }
func (r *R) AppendTitle(dst []byte) ([]byte, int) { return dst, 0 }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "m.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{}).Check("m", fset, []*goast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := pkg.Scope().Lookup("R").Type()
	for _, c := range []struct {
		t        types.Type
		method   string
		nullable bool
		want     bool
	}{
		{types.NewPointer(r), "ID", false, true},
		{r, "ID", false, true}, // addressable: the pointer's methods count
		{types.NewPointer(r), "Name", false, true},
		{types.NewPointer(r), "From", false, false},
		{types.NewPointer(r), "To", false, false},
		{types.NewPointer(r), "Type", false, false},
		{types.NewPointer(r), "Kind", false, false},
		{types.NewPointer(r), "Label", false, false},
		// A nullable text's appender says whether there is one; the two kinds do not mix.
		{types.NewPointer(r), "Citation", true, true},
		{types.NewPointer(r), "Citation", false, false},
		{types.NewPointer(r), "ID", true, false},
		{types.NewPointer(r), "Title", true, false},
	} {
		if got := hasAppender(c.t, c.method, c.nullable); got != c.want {
			t.Errorf("hasAppender(%s, %s, %v) = %v, want %v", c.t, c.method, c.nullable, got, c.want)
		}
	}
}
