package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"path/filepath"
	"regexp"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/templates"
)

// Eager objects: most objects of a large answer select only bare fields (plain fields whose
// marshaller reads no field context, plain.go: strings, IDs, enums, numbers, dates): a
// neighbourhood's 200 nodes ({ id label name }) and 350 edges ({ id type from to }), a
// list page's nodes, search hits' nodes. For such an object the executor makes an
// objectAnswer with a value per field and writes it out when the whole answer is
// marshalled. The functions rendered here from eager.gotpl (into eager.generated.go) write
// such an object's JSON at once instead, each field with the marshaller its plain function
// uses, into the operation's arena (../eager.go), and the object's answer is that JSON: no
// per-field values for the collector to scan, and one copy later. An object that selects
// anything else, or whose fields fail the guard (it stops the operation), or that panics, is
// made field by field as before, which reports it. Its fields pass the guard together,
// tallied (fieldsTally), once the object is written: when they fail it, the fields are
// counted twice, once the operation is stopped, and it answers with the one error whatever
// the count.

//go:embed eager.gotpl
var eagerTemplate string

// eagerFile is the name of the rendered functions, in the executor's directory.
const eagerFile = "eager.generated.go"

// eagerType is an object type with bare fields, as the template needs it. (Its answers
// are graph.eagerObject.)
type eagerType struct {
	Object *codegen.Object
	Fields []plainField // its bare fields
}

// eagerTypes holds the object types found by generateEager, for callEager.
var eagerTypes []eagerType

// generateEager renders the eager functions of the objects below the root that have bare
// fields (plainFields, from generatePlain).
func generateEager(data *codegen.Data) error {
	eagerTypes = nil
	byObject := map[*codegen.Object][]plainField{}
	for _, p := range plainFields {
		if p.Bare {
			byObject[p.Object] = append(byObject[p.Object], p)
		}
	}
	for _, obj := range data.Objects { // in gqlgen's order: the rendering is deterministic
		if fields := byObject[obj]; len(fields) > 0 {
			eagerTypes = append(eagerTypes, eagerType{Object: obj, Fields: fields})
		}
	}
	return templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        filepath.Join(data.Config.Exec.Dir(), eagerFile),
		Data:            eagerTypes,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		Template:        eagerTemplate,
	})
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
