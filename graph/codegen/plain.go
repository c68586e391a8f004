package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/types"
	"os"
	"path/filepath"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"
)

// Plain fields: a field of an object below the root that reads a Go field or method of
// its model and takes no argument — every scalar and enum such as id, name, label or date,
// and the edges and nodes of connections — is most of an answer's fields: some 2 000 in a
// neighbourhood. gqlgen resolves each through graphql.ResolveField, with the value boxed,
// a closure for the value, one for the middleware and one for the marshaller: eight
// allocations a field. The functions rendered here from plain.gotpl (into
// plain.generated.go) read the value directly, pass the operation's guard as the field
// middleware would (../plain.go) and marshal it with gqlgen's own marshaller, under the
// same field context; an object's field switch calls them in place of gqlgen's field
// functions. A scalar or enum whose marshaller never reads the field context (bare) makes
// one only for an error.

//go:embed plain.gotpl
var plainTemplate string

// plainFile is the name of the rendered functions, in the executor's directory.
const plainFile = "plain.generated.go"

// plainField is one plain field, as the template needs it.
type plainField struct {
	*codegen.Field
	// Value is the Go expression of the field's value; Size the Go expression of the bytes
	// it adds to the answer as the guard counts them (resultSize), from v.
	Value, Size string
	// Bare: the field's marshaller never reads its field context, so none is made but for
	// an error.
	Bare bool
	// Interface: the value is an interface, whose nil gqlgen reports before marshalling.
	Interface bool
	// Text: a bare String, ID or enum, written into its object's answer (../text.go) rather
	// than boxed. TextPointer: the value is a pointer to it, nil for null; Enum: the value
	// is an enum's.
	Text, TextPointer, Enum bool
	// Appender is the Go expression of the model's appender of a text the field reads by
	// a method (a method Append<Method>(dst []byte) []byte beside it; of a TextPointer,
	// Append<Method>(dst []byte) ([]byte, bool), false for null), "" when there is none:
	// an eager object (eager.go) writes through it, without making the string.
	Appender string
	// EnumAppender: an Enum whose type appends what its MarshalGQL writes (a method
	// AppendGQL(dst []byte) []byte), which an eager object writes through.
	EnumAppender bool
}

// plainFields holds the plain fields found by generatePlain, for callDirect.
var plainFields []plainField

func generatePlain(data *codegen.Data) (err error) {
	plainFields, err = renderDirect(data, plainFile, plainTemplate, asPlain)
	return err
}

// renderDirect renders with tmpl, into file in the executor's directory, the fields of the
// objects below the root that pick takes, and returns them.
func renderDirect[T any](data *codegen.Data, file, tmpl string, pick func(*codegen.Field) (T, bool)) ([]T, error) {
	if len(data.AllDirectives.LocationDirectives("FIELD")) > 0 {
		return nil, nil // a directive on fields wraps every field's middleware: none skips it
	}
	var fields []T
	for _, obj := range data.Objects {
		if obj.Root || obj.IsReserved() || obj.Stream {
			continue
		}
		for _, f := range obj.Fields {
			if p, ok := pick(f); ok {
				fields = append(fields, p)
			}
		}
	}
	return fields, templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        filepath.Join(data.Config.Exec.Dir(), file),
		Data:            fields,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		Template:        tmpl,
	})
}

// asPlain says whether f is a plain field, and how to read it.
func asPlain(f *codegen.Field) (plainField, bool) {
	switch {
	case f.Name == "__typename", f.IsResolver, len(f.Args) > 0, f.HasDirectives(), f.Batch, f.Stream,
		f.TypeReference == nil, f.TypeReference.Definition == nil:
		return plainField{}, false
	}
	var value string
	switch {
	case f.IsVariable():
		value = f.GoReceiverName + "." + f.GoFieldName
	case f.IsMethod() && f.NoErr && !f.MethodHasContext && !f.VOkFunc && !f.HasHaser:
		value = f.GoReceiverName + "." + f.GoFieldName + "()"
	default:
		return plainField{}, false
	}
	_, isInterface := f.TypeReference.GO.Underlying().(*types.Interface)
	kind := f.TypeReference.Definition.Kind
	leaf := !f.TypeReference.IsSlice() && (kind == ast.Scalar || kind == ast.Enum)
	p := plainField{
		Field:     f,
		Value:     value,
		Size:      sizeOf(f.TypeReference.GO),
		Bare:      leaf && !isInterface && bare(f.TypeReference),
		Interface: isInterface,
	}
	if p.Bare {
		p.Text, p.TextPointer, p.Enum = text(f.TypeReference)
	}
	if p.Text && !p.Enum && f.IsMethod() && f.Object != nil && hasAppender(f.Object.Type, f.GoFieldName, p.TextPointer) {
		p.Appender = f.GoReceiverName + ".Append" + f.GoFieldName
	}
	p.EnumAppender = p.Enum && hasAppender(f.TypeReference.GO, "GQL", false)
	return p, true
}

// hasAppender says whether values of type t (or pointers to them) have a method
// Append<method>(dst []byte) []byte, or, nullable, Append<method>(dst []byte) ([]byte, bool).
func hasAppender(t types.Type, method string, nullable bool) bool {
	m, _, _ := types.LookupFieldOrMethod(t, true, nil, "Append"+method)
	fn, ok := m.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	bytes := types.NewSlice(types.Universe.Lookup("byte").Type())
	results := 1
	if nullable {
		results = 2
	}
	return sig.Params().Len() == 1 && sig.Results().Len() == results && !sig.Variadic() &&
		types.Identical(sig.Params().At(0).Type(), bytes) && types.Identical(sig.Results().At(0).Type(), bytes) &&
		(!nullable || types.Identical(sig.Results().At(1).Type(), types.Typ[types.Bool]))
}

// text says whether a bare leaf of this type is written as a text (../text.go): a String
// or ID bound to string or *string, or an enum bound to a string type whose value
// marshals itself (a nullable enum, a pointer, is boxed without allocating already).
func text(ref *config.TypeReference) (ok, pointer, enum bool) {
	t := ref.GO
	if p, isPtr := t.(*types.Pointer); isPtr {
		t, pointer = p.Elem(), true
	}
	switch ref.Definition.Name {
	case "String", "ID":
		ok = types.Identical(t, types.Typ[types.String])
		return ok, ok && pointer, false
	}
	if ref.Definition.Kind != ast.Enum || pointer {
		return false, false, false
	}
	b, isBasic := t.Underlying().(*types.Basic)
	ok = isBasic && b.Kind() == types.String && types.NewMethodSet(t).Lookup(nil, "MarshalGQL") != nil
	return ok, false, ok
}

// sizeOf is the Go expression, of the value v of type t, that resultSize gives for v as
// any, without boxing v where the type decides it.
func sizeOf(t types.Type) string {
	if types.Identical(t, types.Typ[types.String]) {
		return "int64(len(v)) + 2"
	}
	if p, ok := t.(*types.Pointer); ok && types.Identical(p.Elem(), types.Typ[types.String]) {
		return "textSize(v)" // resultSize's box moved the text to the heap
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return "resultSize(v)" // already boxed
	case *types.Slice:
		if types.Identical(u.Elem(), types.Typ[types.String]) {
			return "textsSize(v)"
		}
		return "2 + 3*int64(len(v))" // resultSize of any other slice
	}
	return "8" // resultSize of anything else: neither nil, a string nor a slice
}

// bare says whether gqlgen's marshaller of a leaf of this type never reads the field
// context: those of String, ID, Int and Boolean bound to string, int and bool (graphql's
// MarshalString, MarshalID, MarshalInt and MarshalBoolean never answer null, the one case
// they report at the field's path), and of a type with a MarshalGQL of its own (enums, Date:
// the value is its marshaller); but not a non-null pointer, whose nil is an error at the
// field's path, nor a type that marshals with a context (Float: NaN is such an error).
func bare(ref *config.TypeReference) bool {
	if ref.GQL.NonNull && ref.IsPtr() {
		return false
	}
	t := ref.GO
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch ref.Definition.Name {
	case "String", "ID", "Int", "Boolean":
		b, ok := t.(*types.Basic)
		return ok && (b.Kind() == types.String || b.Kind() == types.Int || b.Kind() == types.Bool)
	}
	methods := types.NewMethodSet(types.NewPointer(t))
	return methods.Lookup(nil, "MarshalGQL") != nil && methods.Lookup(nil, "MarshalGQLContext") == nil
}

// callDirect points each object's field switch at the plain and resolved fields'
// functions (resolved.go).
func callDirect(dir string) error {
	calls := make(map[string][]byte, len(plainFields)+len(resolvedFields))
	for _, p := range plainFields {
		args := "ctx, field, obj"
		if p.Text {
			args += ", out.text(i)"
		}
		calls[fmt.Sprintf("ec._%s_%s(ctx, field, obj)", p.Object.Name, p.Name)] = fmt.Appendf(nil, "ec.plain_%s_%s(%s)", p.Object.Name, p.Name, args)
	}
	for _, r := range resolvedFields {
		calls[fmt.Sprintf("ec._%s_%s(ctx, field, obj)", r.Object.Name, r.Name)] = fmt.Appendf(nil, "ec.resolved_%s_%s(ctx, field, obj)", r.Object.Name, r.Name)
	}
	made := make(map[string]int, len(calls))
	err := editExecutor(dir, func(out []byte) []byte {
		for old, repl := range calls {
			o := []byte("out.Values[i] = " + old)
			made[old] += bytes.Count(out, o)
			out = bytes.ReplaceAll(out, o, append([]byte("out.Values[i] = "), repl...))
		}
		return out
	})
	if err != nil {
		return err
	}
	for old := range calls {
		if made[old] != 1 {
			return fmt.Errorf("%s is called %d times from field switches, not once: see what gqlgen writes", old, made[old])
		}
	}
	return nil
}

// editExecutor edits each file of the executor gqlgen rendered in dir (not the functions
// rendered here), and writes those edit changes.
func editExecutor(dir string, edit func(src []byte) []byte) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	for _, f := range files {
		switch filepath.Base(f) {
		case plainFile, resolvedFile, eagerFile:
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if out := edit(src); !bytes.Equal(out, src) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
