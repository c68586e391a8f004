package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// passPlain passes a plain field (graph/codegen/plain.go) through the operation's guard, as
// fieldMiddleware passes every other field: the generated functions of plain fields read
// their value directly instead of through gqlgen's middleware chain. g is the operation's
// guard (nil: none), size the value's resultSize.
func passPlain(ctx context.Context, g *guard, alias string, size int64) error {
	if g == nil {
		return nil
	}
	return g.plain(ctx, alias, size)
}

// passTally is passPlain for the fields of an eager object, tallied: the guard is asked
// once whether the operation may go on, and counts them all.
func passTally(ctx context.Context, g *guard, t fieldsTally) error {
	if g == nil {
		return nil
	}
	if err := g.stopped(ctx); err != nil {
		return err
	}
	return g.countTally(t)
}

// withPlainContext is ctx under the field context of a plain field whose marshaller does
// not read one (bare), made when it is needed: for an error at the field's path.
func withPlainContext(ctx context.Context, fieldContext func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error), field graphql.CollectedField) (context.Context, *graphql.FieldContext) {
	fc, err := fieldContext(ctx, field)
	if err != nil || fc == nil { // a field without arguments: gqlgen's never fails
		fc = &graphql.FieldContext{Field: field}
	}
	return graphql.WithFieldContext(ctx, fc), fc
}

// fieldError records the error of a plain or resolved field and answers what
// graphql.ResolveField answers for a field whose middleware or resolver failed.
func fieldError(ctx context.Context, oc *graphql.OperationContext, fc *graphql.FieldContext, err error, nonNull bool) graphql.Marshaler {
	oc.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
	if fc.NonNull && !nonNull {
		return graphql.RequiredNull
	}
	return graphql.Null
}

// plainNil answers what graphql.ResolveField answers for a field whose value is a nil
// interface: null, and an error if the field may not be null.
func plainNil(ctx context.Context, fc *graphql.FieldContext, nonNull bool) graphql.Marshaler {
	if nonNull || fc.NonNull {
		graphql.AddInvalidNullError(ctx, "")
	}
	if fc.NonNull && !nonNull {
		return graphql.RequiredNull
	}
	return graphql.Null
}
