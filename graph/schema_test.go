package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph"
	"beleidsgraaf/store/memory"
)

// TestSchemaIsDocumented walks the parsed schema and fails on every type, field, argument,
// input field or enum value of ours without a description, so that GraphiQL and the SDL
// explain everything. Built-in types and directives (the spec's prelude) are skipped.
func TestSchemaIsDocumented(t *testing.T) {
	schema := graph.NewSchema(memory.New()).Schema()
	undocumented := func(what, desc string) {
		t.Helper()
		if strings.TrimSpace(desc) == "" {
			t.Errorf("%s has no description", what)
		}
	}
	checkArgs := func(owner string, args ast.ArgumentDefinitionList) {
		t.Helper()
		for _, a := range args {
			undocumented("argument "+owner+"("+a.Name+":)", a.Description)
		}
	}
	types, fields, args, values := 0, 0, 0, 0
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		types++
		undocumented(string(def.Kind)+" "+name, def.Description)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			fields++
			args += len(f.Arguments)
			undocumented("field "+name+"."+f.Name, f.Description)
			checkArgs(name+"."+f.Name, f.Arguments)
		}
		for _, v := range def.EnumValues {
			values++
			undocumented("enum value "+name+"."+v.Name, v.Description)
		}
	}
	for name, d := range schema.Directives {
		if d.Position != nil && d.Position.Src != nil && d.Position.Src.BuiltIn {
			continue
		}
		undocumented("directive @"+name, d.Description)
		checkArgs("@"+name, d.Arguments)
	}
	t.Logf("%d types, %d fields and input fields, %d arguments, %d enum values: all documented", types, fields, args, values)
	if types < 50 || fields < 500 {
		t.Errorf("the walk found only %d types and %d fields: is it walking the schema?", types, fields)
	}
}

// TestSchemaTypes pins the schema's typed vocabulary: enums for labels, relation types,
// document kinds, motion status and person kinds, the Date scalar, the Node interface.
func TestSchemaTypes(t *testing.T) {
	schema := graph.NewSchema(memory.New()).Schema()
	for name, kind := range map[string]ast.DefinitionKind{
		"Label": ast.Enum, "RelationType": ast.Enum, "DocumentKind": ast.Enum, "MotionStatus": ast.Enum,
		"PersonKind": ast.Enum, "Direction": ast.Enum, "OrderField": ast.Enum, "OrderDirection": ast.Enum,
		"Date": ast.Scalar, "Node": ast.Interface, "KamerstukRef": ast.InputObject,
	} {
		def := schema.Types[name]
		if def == nil || def.Kind != kind {
			t.Errorf("%s: %v, want a %s", name, def, kind)
		}
	}
	if schema.Mutation != nil || schema.Subscription != nil {
		t.Error("the API is read-only: no mutations, no subscriptions")
	}
	// Every label is a type implementing Node, with the same name.
	for _, v := range schema.Types["Label"].EnumValues {
		def := schema.Types[v.Name]
		if def == nil || def.Kind != ast.Object || !slices.Contains(def.Interfaces, "Node") {
			t.Errorf("label %s has no object type implementing Node", v.Name)
		}
	}
	// Dates are Dates everywhere.
	for name, def := range schema.Types {
		for _, f := range def.Fields {
			if (f.Name == "date" || strings.HasPrefix(f.Name, "date")) && def.Kind != ast.InputObject && f.Type.Name() != "Date" {
				t.Errorf("%s.%s is a %s, want Date", name, f.Name, f.Type.Name())
			}
		}
	}
}
