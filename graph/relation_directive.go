package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// The schema declares every relationship field with the directive @relation
// (schema/node.graphqls); this file reads those declarations into the table the resolvers
// and the prefetcher look fields up in. It runs once, when the package is initialised, on
// the schema gqlgen parsed from the same files: a mistake in a declaration stops the
// process before it serves, and the tests, rather than showing as a wrong answer.

// relationDirective is the name of the directive that declares a relationship field.
const relationDirective = "relation"

// relationFields holds every relationship field of the schema, the connection twins of role
// fields included, as @relation declares them. parsedSchema (generated) is named, not
// reached through NewExecutableSchema(...).Schema(), so that Go initialises it first.
var relationFields = mustReadRelations(parsedSchema)

// fieldRef names a field of an object type.
type fieldRef struct{ typ, field string }

func (f fieldRef) String() string { return f.typ + "." + f.field }

func mustReadRelations(s *ast.Schema) map[fieldRef]relDef {
	fields, err := readRelations(s)
	if err != nil {
		panic(fmt.Sprintf("graph: the schema's @relation declarations (schema/*.graphqls):\n%v", err))
	}
	return fields
}

// readRelations reads the @relation declarations of schema s and checks each against its
// field. Every mistake is reported, each on its own line:
//   - an unknown relation type, direction, label or shape, or a value not written as an enum;
//   - a shape the field's type does not have (a LIST field must return a list of nodes, a
//     SINGLE field one nullable node, INVOLVEMENTS [Involvement!]!, CONNECTION a relation
//     connection);
//   - labels other than the one label a typed field returns ([Organisation!]!,
//     OrganisationRelationConnection!: labels [Organisation]), which would let a node of
//     another label reach a field that cannot hold it;
//   - a relationship field without @relation: every relation connection but the generic
//     `relations` and a role field's twin, and every field that has a twin;
//   - a role field without its `…Connection` twin, or a twin with a declaration of its own
//     (the role field's declaration is the twin's: one declaration, not two that may drift);
//   - a relationship field without the arguments of its shape: `asOf: Date` on every one,
//     `first`, `after`, `last`, `before` on connections, `first` on lists;
//   - @relation on a field of a type that is not a node.
func readRelations(s *ast.Schema) (map[fieldRef]relDef, error) {
	fields := map[fieldRef]relDef{}
	var errs []error
	fail := func(ref fieldRef, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{ref}, args...)...))
	}
	names := make([]string, 0, len(s.Types))
	for name := range s.Types {
		names = append(names, name)
	}
	slices.Sort(names) // errors in a stable order
	for _, name := range names {
		def := s.Types[name]
		isNodeType := def.Kind == ast.Object && slices.Contains(def.Interfaces, "Node")
		for _, f := range def.Fields {
			ref := fieldRef{def.Name, f.Name}
			dir := f.Directives.ForName(relationDirective)
			if !isNodeType {
				if dir != nil {
					fail(ref, "@%s on a field of %s, which is not a node type", relationDirective, def.Name)
				}
				continue
			}
			kind, ok := shapeOfType(s, f.Type)
			if dir == nil {
				switch {
				case f.Name == "relations", isTwin(s, def, f):
				case ok && (kind == connectionShape || def.Fields.ForName(f.Name+twinSuffix) != nil):
					fail(ref, "returns relations but has no @%s", relationDirective)
				}
				continue
			}
			d, err := parseRelation(dir)
			if err != nil {
				fail(ref, "%v", err)
				continue
			}
			if !ok || kind != d.shape {
				fail(ref, "@%s says shape %s, but the field returns %s", relationDirective, d.shape, f.Type)
				continue
			}
			if err := checkField(s, f, d); err != nil {
				fail(ref, "%v", err)
				continue
			}
			fields[ref] = d
			if d.shape == connectionShape {
				continue
			}
			twinRef := fieldRef{def.Name, f.Name + twinSuffix}
			twin := def.Fields.ForName(twinRef.field)
			tw := d
			tw.shape = connectionShape
			switch {
			case twin == nil:
				fail(ref, "a role field needs its twin %s, a relation connection", twinRef.field)
			case twin.Directives.ForName(relationDirective) != nil:
				fail(twinRef, "the twin of %s takes that field's @%s; remove its own", f.Name, relationDirective)
			default:
				if k, ok := shapeOfType(s, twin.Type); !ok || k != connectionShape {
					fail(twinRef, "the twin of %s must return a relation connection, not %s", f.Name, twin.Type)
				} else if err := checkField(s, twin, tw); err != nil {
					fail(twinRef, "%v", err)
				} else {
					fields[twinRef] = tw
				}
			}
		}
	}
	return fields, errors.Join(errs...)
}

// isTwin reports whether f is the connection twin of a role field of def: a field of the
// role field's name plus "Connection", beside a role field (not a connection) that
// declares @relation.
func isTwin(s *ast.Schema, def *ast.Definition, f *ast.FieldDefinition) bool {
	role, ok := strings.CutSuffix(f.Name, twinSuffix)
	if !ok {
		return false
	}
	r := def.Fields.ForName(role)
	if r == nil || r.Directives.ForName(relationDirective) == nil {
		return false
	}
	k, ok := shapeOfType(s, r.Type)
	return ok && k != connectionShape
}

// shapeOfType is the shape a field of type t has: a relation connection, a list of nodes,
// one node, or a list of involvements; false when t is none of them.
func shapeOfType(s *ast.Schema, t *ast.Type) (shape, bool) {
	name := t.Name()
	switch {
	case t.Elem == nil && strings.HasSuffix(name, "RelationConnection"):
		return connectionShape, true
	case t.Elem != nil && name == "Involvement":
		return involvementShape, true
	case t.Elem != nil && isNodeType(s, name):
		return listShape, true
	case t.Elem == nil && !t.NonNull && isNodeType(s, name):
		return singleShape, true // nullable: null when there is none
	}
	return 0, false
}

// isNodeType reports whether name is Node or a type that implements it.
func isNodeType(s *ast.Schema, name string) bool {
	def := s.Types[name]
	return name == "Node" || def != nil && slices.Contains(def.Interfaces, "Node")
}

// checkField checks that field f, declared as d, can hold what d finds (its labels) and
// takes the arguments of its shape.
func checkField(s *ast.Schema, f *ast.FieldDefinition, d relDef) error {
	var node string // the label the field's type names, "" for any
	switch d.shape {
	case connectionShape:
		node = strings.TrimSuffix(f.Type.Name(), "RelationConnection")
	case listShape, singleShape:
		node = f.Type.Name()
	case involvementShape:
		node = string(kg.Organisation) // Involvement.organisation is an Organisation
	}
	if node != "" && node != "Node" {
		if _, ok := s.Types[node]; !ok || len(d.labels) != 1 || string(d.labels[0]) != node {
			return fmt.Errorf("returns %s, so @%s must say labels: [%s], not %v", f.Type, relationDirective, node, d.labels)
		}
	}
	want := map[string]string{"asOf": "Date"}
	switch d.shape {
	case connectionShape:
		want["first"], want["after"], want["last"], want["before"] = "Int", "String", "Int", "String"
	case listShape, involvementShape:
		want["first"] = "Int"
	}
	var missing []string
	for _, arg := range []string{"first", "after", "last", "before", "asOf"} {
		if typ, ok := want[arg]; ok {
			if a := f.Arguments.ForName(arg); a == nil || a.Type.Name() != typ || a.Type.Elem != nil || a.Type.NonNull {
				missing = append(missing, arg+": "+typ)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("a %s field takes %s", d.shape, strings.Join(missing, ", "))
	}
	return nil
}

// parseRelation reads one @relation directive, converting its enum values as the
// resolvers convert arguments of the same enums (model's UnmarshalGQL, then relTypes and
// labels): the directive cannot name a value an argument could not.
func parseRelation(dir *ast.Directive) (relDef, error) {
	for _, a := range dir.Arguments {
		if !enumsOnly(a.Value) {
			return relDef{}, fmt.Errorf("@%s(%s: %s): write enum values, without quotes", relationDirective, a.Name, a.Value)
		}
	}
	args := dir.ArgumentMap(nil) // defaults applied
	var d relDef
	var types []model.RelationType
	for _, v := range graphql.CoerceList(args["types"]) {
		var t model.RelationType
		if err := t.UnmarshalGQL(v); err != nil {
			return relDef{}, fmt.Errorf("@%s(types:): %w", relationDirective, err)
		}
		types = append(types, t)
	}
	if len(types) == 0 {
		return relDef{}, fmt.Errorf("@%s(types:) names no relation type", relationDirective)
	}
	d.types = relTypes(types)
	var direction model.Direction
	if err := direction.UnmarshalGQL(args["direction"]); err != nil {
		return relDef{}, fmt.Errorf("@%s(direction:): %w", relationDirective, err)
	}
	d.dir = store.Direction(direction)
	var ls []model.Label
	for _, v := range graphql.CoerceList(args["labels"]) {
		var l model.Label
		if err := l.UnmarshalGQL(v); err != nil {
			return relDef{}, fmt.Errorf("@%s(labels:): %w", relationDirective, err)
		}
		ls = append(ls, l)
	}
	d.labels = labels(ls)
	var sh model.RelationShape
	if err := sh.UnmarshalGQL(args["shape"]); err != nil {
		return relDef{}, fmt.Errorf("@%s(shape:): %w", relationDirective, err)
	}
	d.shape = shapes[sh]
	return d, nil
}

// shapes are the schema's RelationShape values as the shapes the Go code switches on.
var shapes = map[model.RelationShape]shape{
	model.RelationShapeConnection:   connectionShape,
	model.RelationShapeList:         listShape,
	model.RelationShapeSingle:       singleShape,
	model.RelationShapeInvolvements: involvementShape,
}

// enumsOnly reports whether v is an enum value or a list of them (or null).
func enumsOnly(v *ast.Value) bool {
	switch v.Kind {
	case ast.EnumValue, ast.NullValue:
		return true
	case ast.ListValue:
		for _, c := range v.Children {
			if !enumsOnly(c.Value) {
				return false
			}
		}
		return true
	}
	return false
}
