package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalList marshals a list of objects element by element on the calling goroutine. The
// generated executor calls it where gqlgen's templates call graphql.MarshalSliceConcurrently
// (codegen/main.go says why), with the same arguments and the same results: each element
// under a field context holding its index, and a panic in one element recovered into an
// error at that element's path and a null, unless the configuration omits the handler.
func marshalList(
	ctx context.Context,
	length int,
	_ int64, // gqlgen's worker limit: one worker is the limit here
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	if length == 0 {
		return ret
	}
	// The elements run one after another, so one field context serves each in turn, its
	// index moved on: a field context, an index and a context layer fewer per element (a
	// third of a neighbourhood's allocations). Nothing keeps an element's context past its
	// marshalling: an error takes its path when it is made (graphql.ErrorOnPath), and the
	// element's resolvers run, and wait, within it.
	el := &listElement{}
	fc := &el.fc
	fc.Index = &el.index
	elementCtx := graphql.WithFieldContext(ctx, fc)
	for i := range length {
		el.index, fc.Result = i, nil
		if omitPanicHandler {
			ret[i] = marshalElement(elementCtx, i)
			continue
		}
		ret[i] = marshalRecovering(elementCtx, i, marshalElement)
	}
	return ret
}

// listElement is the field context of a list's elements and the index it points to, made
// in one allocation.
type listElement struct {
	fc    graphql.FieldContext
	index int
}

func marshalRecovering(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}
