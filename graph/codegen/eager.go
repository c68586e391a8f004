package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/types"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"
)

// Eager objects: most objects of a large answer select only bare fields (plain fields whose
// marshaller reads no field context, plain.go: strings, IDs, enums, numbers, dates): a
// neighbourhood's 200 nodes ({ id label name }) and 350 edges ({ id type from to }), a
// list page's nodes, search hits' nodes. For such an object the executor makes an
// objectAnswer with a value per field and writes it out when the whole answer is
// marshalled. The functions rendered here from eager.gotpl (into eager.generated.go) write
// such an object's JSON at once instead, each field with the marshaller its plain function
// uses, into the operation's arena (../eager.go), and the object's answer is that JSON: no
// per-field values for the collector to scan, and one copy later. An eager object writes
// the objects its fields hold inline, whole (write_<Object>, write_<Interface>): plain
// fields of objects, lists of texts, Floats, and relationship fields (@relation), whose
// resolvers run within the writing without waiting (../eager.go, resolveNow). An object
// that selects anything else, that holds an object that cannot be eager, whose fields fail
// the guard (it stops the operation), or that panics, is made field by field as before,
// which reports it. Its fields pass the guard together, tallied (fieldsTally), once the
// object is written; what a dropped object passed is given back (refund).

//go:embed eager.gotpl
var eagerTemplate string

// eagerFile is the name of the rendered functions, in the executor's directory.
const eagerFile = "eager.generated.go"

// eagerType is an object type with bare fields, or with fields of objects, as the template
// needs it. (Its answers are graph.eagerObject.)
type eagerType struct {
	Object  *codegen.Object
	Fields  []plainField  // its bare fields
	Objects []objectField // its plain fields of objects, written inline
	// Its plain fields of lists of texts (aliases, a motion's submitter names): each
	// element as a text field's value.
	TextLists []plainField
	// Its plain Float fields bound to float64 (a search hit's score), written as gqlgen's
	// marshaller writes a finite one; an infinite or NaN one is made field by field, which
	// reports it.
	Floats []plainField
}

// An objectField is a plain field whose value is an object, an interface or a list of
// either: an eager object writes the value inline (write_<Elem>), or, when that cannot be
// written eagerly, is made field by field.
type objectField struct {
	plainField
	Elem string // the name of the object or interface its value (or element) is of
	// List: the value is a list of Elem; NonNull: the value is non-null; ElemNonNull: the
	// list's elements are.
	List, NonNull, ElemNonNull bool
	// Nilable: the value (or element) can be nil; TakeRef: it is a struct, passed by its
	// address.
	Nilable, TakeRef bool
	// Resolved: a relationship field (@relation), whose resolver runs within the writing
	// and must not wait (resolveNow): the value is its resolver's, not Value.
	Resolved bool
}

// eagerInterface is an interface or union whose value an eager object writes inline.
type eagerInterface struct {
	Interface    *codegen.Interface
	Implementors []codegen.InterfaceImplementor // those with an eager writer
}

// eagerData is what eager.gotpl renders.
type eagerData struct {
	Objects    []eagerType
	Interfaces []eagerInterface
	// Resolvers are the objects whose relationship fields eager writers resolve
	// (objectResolvers).
	Resolvers []*codegen.Object
}

// eagerTypes holds the object types found by generateEager, for callEager.
var eagerTypes []eagerType

// generateEager renders the eager functions of the objects below the root that have bare
// fields or fields of objects (plainFields, from generatePlain), and the writers of the
// interfaces those fields hold.
func generateEager(data *codegen.Data) error {
	eagerTypes = nil
	bareOf := map[*codegen.Object][]plainField{}
	textListsOf := map[*codegen.Object][]plainField{}
	floatsOf := map[*codegen.Object][]plainField{}
	var candidates []plainField
	for _, p := range plainFields {
		switch {
		case p.Bare:
			bareOf[p.Object] = append(bareOf[p.Object], p)
		case textList(p.TypeReference):
			textListsOf[p.Object] = append(textListsOf[p.Object], p)
		case float(p.TypeReference):
			floatsOf[p.Object] = append(floatsOf[p.Object], p)
		case objectKind(p.TypeReference):
			candidates = append(candidates, p)
		}
	}
	// A relationship field's resolver only reads its loaders (resolver.go), so that it can
	// answer without waiting when its keys are loaded, as a prefetch loads them.
	relationship := map[*codegen.Field]bool{}
	for _, r := range resolvedFields {
		if r.FieldDefinition.Directives.ForName("relation") != nil && objectKind(r.TypeReference) {
			candidates = append(candidates, plainField{Field: r.Field, Size: r.Size, Interface: r.Interface})
			relationship[r.Field] = true
		}
	}
	writers := map[string]bool{}
	for _, obj := range data.Objects {
		if len(bareOf[obj]) > 0 || len(textListsOf[obj]) > 0 || len(floatsOf[obj]) > 0 {
			writers[obj.Name] = true
		}
	}
	interfaces := map[string]*codegen.Interface{}
	for _, i := range data.Interfaces {
		interfaces[i.Name] = i
	}
	// An object with fields of objects only is written when what they hold can be: grow
	// the writers until no object is added (a connection holds edges that hold nodes).
	objectsOf := map[*codegen.Object][]objectField{}
	for changed := true; changed; {
		changed = false
		for _, p := range candidates {
			o, ok := asObjectField(p, writers, interfaces)
			o.Resolved = relationship[p.Field]
			if !ok || slices.ContainsFunc(objectsOf[p.Object], func(f objectField) bool { return f.Name == p.Name }) {
				continue
			}
			objectsOf[p.Object] = append(objectsOf[p.Object], o)
			if !writers[p.Object.Name] {
				writers[p.Object.Name], changed = true, true
			}
		}
	}
	for _, obj := range data.Objects { // in gqlgen's order: the rendering is deterministic
		if writers[obj.Name] {
			objects := objectsOf[obj]
			slices.SortStableFunc(objects, func(a, b objectField) int { return fieldIndex(obj, a.Name) - fieldIndex(obj, b.Name) })
			eagerTypes = append(eagerTypes, eagerType{Object: obj, Fields: bareOf[obj], Objects: objects, TextLists: textListsOf[obj], Floats: floatsOf[obj]})
		}
	}
	var resolvers []*codegen.Object
	for _, o := range eagerTypes {
		if slices.ContainsFunc(o.Objects, func(f objectField) bool { return f.Resolved }) {
			resolvers = append(resolvers, o.Object)
		}
	}
	var eagerInterfaces []eagerInterface
	for _, i := range data.Interfaces {
		used := false
		for _, o := range eagerTypes {
			used = used || slices.ContainsFunc(o.Objects, func(f objectField) bool { return f.Elem == i.Name })
		}
		if !used {
			continue
		}
		e := eagerInterface{Interface: i}
		for _, impl := range i.Implementors {
			if writers[impl.Name] {
				e.Implementors = append(e.Implementors, impl)
			}
		}
		eagerInterfaces = append(eagerInterfaces, e)
	}
	return templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        filepath.Join(data.Config.Exec.Dir(), eagerFile),
		Data:            eagerData{Objects: eagerTypes, Interfaces: eagerInterfaces, Resolvers: resolvers},
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		Template:        eagerTemplate,
	})
}

// objectKind says whether a field of this type holds objects, interfaces or unions.
func objectKind(ref *config.TypeReference) bool {
	switch ref.Definition.Kind {
	case ast.Object, ast.Interface, ast.Union:
		return true
	}
	return false
}

// textList says whether a field of this type is a list of Strings or IDs bound to
// []string: its elements are never null, and each marshals as a text does (graphql's
// MarshalString and MarshalID write a string alike).
func textList(ref *config.TypeReference) bool {
	switch ref.Definition.Name {
	case "String", "ID":
	default:
		return false
	}
	s, ok := ref.GO.(*types.Slice)
	return ok && ref.GQL.Elem != nil && ref.GQL.Elem.Elem == nil && types.Identical(s.Elem(), types.Typ[types.String])
}

// float says whether a field of this type is a non-null Float bound to float64.
func float(ref *config.TypeReference) bool {
	return ref.Definition.Name == "Float" && ref.GQL.NonNull && types.Identical(ref.GO, types.Typ[types.Float64])
}

// asObjectField says whether the plain field p of objects is written inline, given the
// objects with writers: its value is one object, interface or union, or a list of them (not
// of lists), and the object has a writer (an interface is written when its value's type
// has one, else the object holding it is made field by field).
func asObjectField(p plainField, writers map[string]bool, interfaces map[string]*codegen.Interface) (objectField, bool) {
	ref := p.TypeReference
	o := objectField{plainField: p, Elem: ref.Definition.Name, NonNull: ref.GQL.NonNull}
	elem := ref.GO
	if ref.IsSlice() {
		s, ok := ref.GO.(*types.Slice)
		if !ok || ref.GQL.Elem == nil || ref.GQL.Elem.Elem != nil {
			return objectField{}, false
		}
		o.List, o.ElemNonNull, elem = true, ref.GQL.Elem.NonNull, s.Elem()
	}
	switch {
	case ref.Definition.Kind == ast.Object && !writers[o.Elem]:
		return objectField{}, false
	case ref.Definition.Kind != ast.Object && interfaces[o.Elem] == nil:
		return objectField{}, false
	}
	switch elem.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		o.Nilable = true
	case *types.Struct:
		o.TakeRef = true
	default:
		return objectField{}, false
	}
	return o, true
}

// fieldIndex is where the field of this name is among obj's.
func fieldIndex(obj *codegen.Object, name string) int {
	return slices.IndexFunc(obj.Fields, func(f *codegen.Field) bool { return f.Name == name })
}

// objectStart is how gqlgen's function of an object below the root begins, once its fields
// are collected (memo.go): $1 is the object's name.
var objectStart = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) _(\w+)\(ctx context\.Context, sel ast\.SelectionSet, obj [^)]*\) graphql\.Marshaler \{\n\tfields := ec\.memo\.collectIn\(ctx, ec\.OperationContext, sel, \w+Implementors\)\n`)

// callEager makes the function of each object with an eager function try it first.
func callEager(dir string) error {
	eager := make(map[string]bool, len(eagerTypes))
	for _, o := range eagerTypes {
		eager[o.Object.Name] = true
	}
	made := map[string]int{}
	err := editExecutor(dir, func(src []byte) []byte {
		return objectStart.ReplaceAllFunc(src, func(start []byte) []byte {
			name := string(objectStart.FindSubmatch(start)[1])
			if !eager[name] {
				return start
			}
			made[name]++
			return fmt.Appendf(bytes.Clone(start), "\tif m := ec.eager_%s(ctx, fields, obj); m != nil {\n\t\treturn m\n\t}\n", name)
		})
	})
	if err != nil {
		return err
	}
	for name := range eager {
		if made[name] != 1 {
			return fmt.Errorf("the function of object %s begins as expected %d times, not once: see what gqlgen writes", name, made[name])
		}
	}
	return nil
}
