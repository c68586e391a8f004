package graph

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// marshalList must answer as graphql.MarshalSliceConcurrently does: each element under a
// field context holding its index, a panic in one element an error at its path and a null
// that leaves the other elements alone.
func TestMarshalListIsMarshalSliceConcurrently(t *testing.T) {
	recoverAs := func(ctx context.Context, r any) error { return errors.New("recovered: " + r.(string)) }
	run := func(marshal func(context.Context, int, int64, bool, func(context.Context, int) graphql.Marshaler) graphql.Array) (graphql.Array, gqlerror.List, []int) {
		ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, recoverAs)
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "items"}}})
		indexes := make([]int, 4)
		ret := marshal(ctx, 4, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
			indexes[i] = *graphql.GetFieldContext(ctx).Index
			if i == 2 {
				panic("element 2")
			}
			return graphql.MarshalInt(i)
		})
		return ret, graphql.GetErrors(ctx), indexes
	}
	want, wantErrs, wantIndexes := run(graphql.MarshalSliceConcurrently)
	got, gotErrs, gotIndexes := run(marshalList)
	if len(got) != len(want) {
		t.Fatalf("length %d, want %d", len(got), len(want))
	}
	if written(got) != written(want) {
		t.Errorf("answer %s, want %s", written(got), written(want))
	}
	for i := range want {
		if gotIndexes[i] != wantIndexes[i] {
			t.Errorf("element %d ran with index %d, want %d", i, gotIndexes[i], wantIndexes[i])
		}
	}
	if written(got) != "[0,1,null,3]" {
		t.Errorf("answer %s, want the panicking element null and the others kept", written(got))
	}
	if len(gotErrs) != 1 || len(wantErrs) != 1 || gotErrs[0].Error() != wantErrs[0].Error() {
		t.Errorf("errors %v, want %v", gotErrs, wantErrs)
	}

	// Without the handler a panic goes on up, as gqlgen's does with omit_panic_handler.
	defer func() {
		if recover() == nil {
			t.Error("omitPanicHandler: the panic was swallowed")
		}
	}()
	marshalList(context.Background(), 1, 0, true, func(context.Context, int) graphql.Marshaler { panic("up") })
}

func written(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}
