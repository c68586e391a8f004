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
	// The elements run one after another, so one scope serves each in turn, its index moved
	// on, and the next list under the same scope (the same field of the next element of the
	// list above) uses it again (scope.go): a field context, an index and a context layer
	// fewer per element, and per list. Nothing keeps an element's context past its
	// marshalling: an error takes its path when it is made (graphql.ErrorOnPath), and the
	// element's resolvers run, and wait, within it.
	el := elementScopeOf(ctx)
	for i := range length {
		el.index, el.fc.Result = i, nil
		if omitPanicHandler {
			ret[i] = marshalElement(&el.scope, i)
			continue
		}
		ret[i] = marshalRecovering(&el.scope, i, marshalElement)
	}
	return ret
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
