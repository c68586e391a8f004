package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/store"
)

// A relationship field's arguments are read here and nowhere else, by the resolvers and by
// the prefetcher, so that both make one key of one question (loadOf). The two see the
// arguments in two forms:
//
//   - a resolver, the values gqlgen coerced (FieldContext.Args): *int, *string,
//     *model.Date, []model.RelationType, *model.Direction, []model.Label;
//   - the prefetcher, which sees a field before its resolver runs, the values as the
//     operation holds them (ast.Field.ArgumentMap, defaults applied): literals as int64 and
//     string, lists as []any, variables as gqlparser validated them (an Int may be a
//     json.Number, an int64 or even the string "5").
//
// A value of the second form is coerced by the function gqlgen's generated code coerces
// it with (graphql.UnmarshalInt, graphql.UnmarshalString, the model types' UnmarshalGQL),
// so both forms read alike. TestRelationKeysAgree asks every relationship field with
// arguments in every form and fails when a resolver asks for a key the prefetcher did not.

// relationArgs are the arguments a relationship field's page is read with.
type relationArgs struct {
	page pageArgs
	asOf string // yyyy-mm-dd; "": not given
}

// relationArgsOf reads a relationship field's paging arguments and asOf from its argument
// map, in either form. A field without some of them (a role field has no after) reads them
// as not given.
func relationArgsOf(args map[string]any) relationArgs {
	return relationArgs{
		page: pageArgs{
			first:  intArgument(args["first"]),
			after:  stringArgument(args["after"]),
			last:   intArgument(args["last"]),
			before: stringArgument(args["before"]),
		},
		asOf: asOfArg(args),
	}
}

// relationsDefOf reads what the generic `relations` field follows from its arguments
// types, direction and labels, in either form.
func relationsDefOf(args map[string]any) relDef {
	d := relDef{dir: store.Both, shape: connectionShape}
	d.types = relTypes(enumList[model.RelationType](args["types"]))
	d.labels = labels(enumList[model.Label](args["labels"]))
	switch v := args["direction"].(type) {
	case *model.Direction:
		if v != nil {
			d.dir = store.Direction(*v)
		}
	case nil:
	default:
		var dir model.Direction
		if dir.UnmarshalGQL(v) == nil {
			d.dir = store.Direction(dir)
		}
	}
	return d
}

// intArgument reads an Int argument; nil when it is not given or null.
func intArgument(v any) *int {
	switch v := v.(type) {
	case nil:
		return nil
	case *int:
		return v
	}
	n, err := graphql.UnmarshalInt(v)
	if err != nil {
		return nil // gqlgen refuses the operation before any resolver runs
	}
	return &n
}

// stringArgument reads a String argument; nil when it is not given or null.
func stringArgument(v any) *string {
	switch v := v.(type) {
	case nil:
		return nil
	case *string:
		return v
	}
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return nil
	}
	return &s
}

// enumList reads a list argument of an enum, given as a list or, as GraphQL allows, as one
// value.
func enumList[E ~string, P interface {
	*E
	UnmarshalGQL(any) error
}](v any) []E {
	if list, ok := v.([]E); ok {
		return list
	}
	var out []E
	for _, x := range graphql.CoerceList(v) {
		var e E
		if P(&e).UnmarshalGQL(x) == nil {
			out = append(out, e)
		}
	}
	return out
}
