package graph

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// The cost model. An operation costs the number of values its answer can hold, counted
// before it runs: every field costs 1 plus what it selects, and a list field costs 1 plus
// what one item selects times the items it can return:
//
//   - a field with `first` or `limit`: that many, or `last` when paging backward (the
//     default when not given);
//   - nodes(ids:): the IDs given, duplicates included (each is answered);
//   - shortestPath: maxLength + 1 nodes;
//   - mentions and evidence, which have no page size: MentionsEstimate and EvidenceEstimate
//     (in the bundled corpus a node has 3 mentions on average, at most 78; an edge has 2
//     evidence on average, 4 at the 90th percentile, at most 35); aliases and lookup: 10.
//     The guard counts the values of the answer while it runs as well, so a
//     list longer than its estimate cannot take an operation past the limit;
//   - Document.text costs TextCost, its size class: a letter of some 32 KB;
//   - introspection exactly: what a __schema or __type selection returns is known from the
//     schema, so its values are counted on the schema itself (aliases and fragments
//     multiply them like any other field).
const (
	// TextCost is what Document.text costs: a text is counted as 500 values of 64 bytes.
	TextCost = 500
	// MentionsEstimate and EvidenceEstimate are the items counted for a mentions and an
	// evidence list.
	MentionsEstimate = 50
	EvidenceEstimate = 4
	// smallListEstimate is the items counted for aliases and lookup.
	smallListEstimate = 10
	// costUnit is the bytes of answer counted as one value at run time (see guard).
	costUnit = 64
)

// fieldCost is the cost of field f given the cost of its selection set.
func (w selectionWalker) fieldCost(f *ast.Field, child int) int {
	if f.Definition == nil {
		return 1
	}
	if f.ObjectDefinition != nil && f.ObjectDefinition.Name == "Document" && f.Name == "text" {
		return TextCost
	}
	n, list := w.listItems(f)
	if !list {
		return sat(1 + child)
	}
	if f.SelectionSet == nil { // a list of scalars
		child = 1
	}
	return sat(1 + satMul(child, max(n, 1)))
}

// argument is f.ArgumentMap(vars)[name] without the map: reading a list's page size built
// its where and orderBy too, input objects of maps and lists, a dozen allocations of the
// nested benchmark's every request.
func argument(f *ast.Field, name string, vars map[string]any) (any, bool) {
	def := f.Definition.Arguments.ForName(name)
	if def == nil {
		return nil, false
	}
	if a := f.Arguments.ForName(name); a != nil {
		if a.Value.Kind == ast.Variable {
			if v, ok := vars[a.Value.Raw]; ok {
				return v, true
			}
		} else {
			v, err := a.Value.Value(vars)
			return v, err == nil // an error: the validator refused the operation already
		}
	}
	if def.DefaultValue != nil {
		v, err := def.DefaultValue.Value(vars)
		return v, err == nil
	}
	return nil, false
}

// listItems is the number of items list field f is counted for, and whether it has a count
// of its own (lists without one, such as the edges of a connection, are counted by their
// parent's page size).
func (w selectionWalker) listItems(f *ast.Field) (int, bool) {
	// Page sizes are read as the resolvers read them (intArgument): a reader of its own
	// took only JSON numbers, so `first: $n` with the variable sent as the string "500"
	// (which gqlgen accepts for an Int) was costed at the default page size while the
	// resolver served 500.
	intArg := func(name string) (int, bool) {
		v, _ := argument(f, name, w.vars)
		if n := intArgument(v); n != nil {
			return *n, true
		}
		return 0, false
	}
	for _, a := range f.Definition.Arguments {
		switch a.Name {
		case "first", "limit":
			if n, ok := intArg(a.Name); ok {
				return n, true
			}
			if n, ok := intArg("last"); ok {
				return n, true
			}
			// Connections give their default page size in code, not in the schema, so that
			// `last` alone is not taken for a mix with a defaulted `first`.
			return max(defaultListFirst, defaultRelationFirst), true
		case "ids":
			ids, _ := argument(f, "ids", w.vars)
			if v := reflect.ValueOf(ids); v.Kind() == reflect.Slice {
				return v.Len(), true
			}
			return 1, true
		case "maxLength":
			n, _ := intArg(a.Name)
			return n + 1, true
		}
	}
	if f.Definition.Type.Elem == nil {
		return 0, false
	}
	switch f.Name {
	case "mentions":
		return MentionsEstimate, true
	case "evidence":
		return EvidenceEstimate, true
	case "aliases", "lookup":
		return smallListEstimate, true
	}
	return 0, false
}

func sat(n int) int { return min(n, maxFields) }

func satMul(a, b int) int {
	if a != 0 && b > maxFields/a {
		return maxFields
	}
	return sat(a * b)
}

// introspectionCost counts the values a selection on an introspection field returns, on the
// schema itself. Each (selection set, schema element) pair is counted once, so even a
// selection nested as deep as the depth limit allows is counted in time linear in the
// document times the schema.
type introspectionCost struct {
	schema *ast.Schema
	vars   map[string]any
	memo   map[string]int
}

// root is the cost of a __schema or __type field.
func (c *introspectionCost) root(f *ast.Field) int {
	switch f.Name {
	case "__schema":
		return sat(1 + c.set(f.SelectionSet, introValue{kind: "schema"}))
	case "__type":
		name, _ := f.ArgumentMap(c.vars)["name"].(string)
		if c.schema.Types[name] == nil {
			return 1
		}
		return sat(1 + c.set(f.SelectionSet, introValue{kind: "type", typ: ast.NamedType(name, nil)}))
	}
	return 1
}

// introValue is a value of an introspection type: the schema, a type (named or wrapped), a
// field, an input value (argument or input field), an enum value or a directive.
type introValue struct {
	kind string
	typ  *ast.Type
	fd   *ast.FieldDefinition
	arg  *ast.ArgumentDefinition
	dir  *ast.DirectiveDefinition
}

func (v introValue) key() string {
	switch v.kind {
	case "type":
		return "T" + v.typ.String()
	case "field":
		return fmt.Sprintf("F%p", v.fd)
	case "input":
		if v.arg != nil {
			return fmt.Sprintf("A%p", v.arg)
		}
		return fmt.Sprintf("I%p", v.fd)
	case "directive":
		return "D" + v.dir.Name
	}
	return v.kind
}

// set is the cost of a selection set on v, fragments followed (validation has refused
// cycles; type conditions are not checked, which can only count more).
func (c *introspectionCost) set(set ast.SelectionSet, v introValue) int {
	if len(set) == 0 {
		return 0
	}
	key := fmt.Sprintf("%p/%s", &set[0], v.key())
	if n, ok := c.memo[key]; ok {
		return n
	}
	c.memo[key] = maxFields // a cycle, should one get through, counts as too much
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total = sat(total + 1 + c.field(s, v))
		case *ast.InlineFragment:
			total = sat(total + c.set(s.SelectionSet, v))
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total = sat(total + c.set(s.Definition.SelectionSet, v))
			}
		}
	}
	c.memo[key] = total
	return total
}

// field is the cost of what field f selects on v, the field itself not counted.
func (c *introspectionCost) field(f *ast.Field, v introValue) int {
	if len(f.SelectionSet) == 0 {
		return 0
	}
	each := func(vs []introValue) int {
		n := 0
		for _, x := range vs {
			n = sat(n + c.set(f.SelectionSet, x))
		}
		return n
	}
	named := func(name string) introValue { return introValue{kind: "type", typ: ast.NamedType(name, nil)} }
	switch v.kind {
	case "schema":
		switch f.Name {
		case "types":
			var vs []introValue
			for name := range c.schema.Types {
				vs = append(vs, named(name))
			}
			return each(vs)
		case "queryType":
			return c.set(f.SelectionSet, named(c.schema.Query.Name))
		case "mutationType", "subscriptionType":
			return 0 // this schema has neither
		case "directives":
			var vs []introValue
			for _, d := range c.schema.Directives {
				vs = append(vs, introValue{kind: "directive", dir: d})
			}
			return each(vs)
		}
	case "type":
		t := v.typ
		if t.NonNull || t.Elem != nil {
			if f.Name != "ofType" {
				return 0
			}
			inner := *t
			if t.NonNull {
				inner.NonNull = false
			} else {
				inner = *t.Elem
			}
			return c.set(f.SelectionSet, introValue{kind: "type", typ: &inner})
		}
		def := c.schema.Types[t.NamedType]
		if def == nil {
			return 0
		}
		var vs []introValue
		switch f.Name {
		case "fields":
			if def.Kind == ast.Object || def.Kind == ast.Interface {
				for _, fd := range def.Fields {
					if !strings.HasPrefix(fd.Name, "__") {
						vs = append(vs, introValue{kind: "field", fd: fd})
					}
				}
			}
		case "inputFields":
			if def.Kind == ast.InputObject {
				for _, fd := range def.Fields {
					vs = append(vs, introValue{kind: "input", fd: fd})
				}
			}
		case "enumValues":
			for range def.EnumValues {
				vs = append(vs, introValue{kind: "leaf"})
			}
		case "interfaces":
			for _, name := range def.Interfaces {
				vs = append(vs, named(name))
			}
		case "possibleTypes":
			if def.IsAbstractType() {
				for _, p := range c.schema.GetPossibleTypes(def) {
					vs = append(vs, named(p.Name))
				}
			}
		}
		return each(vs)
	case "field":
		switch f.Name {
		case "args":
			var vs []introValue
			for _, a := range v.fd.Arguments {
				vs = append(vs, introValue{kind: "input", arg: a})
			}
			return each(vs)
		case "type":
			return c.set(f.SelectionSet, introValue{kind: "type", typ: v.fd.Type})
		}
	case "input":
		if f.Name == "type" {
			t := v.fd
			if v.arg != nil {
				return c.set(f.SelectionSet, introValue{kind: "type", typ: v.arg.Type})
			}
			return c.set(f.SelectionSet, introValue{kind: "type", typ: t.Type})
		}
	case "directive":
		if f.Name == "args" {
			var vs []introValue
			for _, a := range v.dir.Arguments {
				vs = append(vs, introValue{kind: "input", arg: a})
			}
			return each(vs)
		}
	}
	return 0
}
