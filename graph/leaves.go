package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// passLeaf passes a leaf field (graph/codegen/leaves.go) through the operation's guard, as
// fieldMiddleware passes every other field: the generated leaf functions read their value
// directly instead of through gqlgen's middleware chain. g is the operation's guard (nil:
// none), size resultSize of the value.
func passLeaf(ctx context.Context, g *guard, alias string, size int64) error {
	if g == nil {
		return nil
	}
	return g.leaf(ctx, alias, size)
}

// withLeafContext is ctx under the field context of a leaf whose marshaller does not read
// one, made when it is needed: for an error at the leaf's path.
func withLeafContext(ctx context.Context, fieldContext func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error), field graphql.CollectedField) (context.Context, *graphql.FieldContext) {
	fc, err := fieldContext(ctx, field)
	if err != nil || fc == nil { // a field without arguments: gqlgen's never fails
		fc = &graphql.FieldContext{Field: field}
	}
	return graphql.WithFieldContext(ctx, fc), fc
}

// leafError records a leaf field's error and answers what graphql.ResolveField answers for
// a field whose middleware failed.
func leafError(ctx context.Context, oc *graphql.OperationContext, fc *graphql.FieldContext, err error, nonNull bool) graphql.Marshaler {
	oc.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
	if fc.NonNull && !nonNull {
		return graphql.RequiredNull
	}
	return graphql.Null
}
