package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// passLeaf passes a leaf field (graph/codegen/leaves.go) through the operation's guard, as
// fieldMiddleware passes every other field: the generated leaf functions read their value
// directly instead of through gqlgen's middleware chain. size is resultSize of the value.
func passLeaf(ctx context.Context, fc *graphql.FieldContext, size int64) error {
	g := guardOf(ctx)
	if g == nil {
		return nil
	}
	return g.leaf(ctx, fc, size)
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
