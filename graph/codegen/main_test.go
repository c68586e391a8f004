package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A generated file with each rewrite's pattern where gqlgen writes it.
const rendered = `type executionContext struct {
	*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]
}
func (e *executableSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	ec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))
		return func(ctx context.Context) *graphql.Response {
			var buf bytes.Buffer
			data.MarshalGQL(&buf)
			response.Data = buf.Bytes()
		}
}
func (ec *executionContext) _Query(ctx context.Context, sel ast.SelectionSet) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, queryImplementors)
	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	for i, field := range fields {
		out.ResolveRootConcurrently(ctx, ec.OperationContext, i, true, true, nil)
	}
	out.Dispatch(ctx)
	return out
}
func (ec *executionContext) _Person(ctx context.Context, sel ast.SelectionSet, obj *model.Person) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, personImplementors)
	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	for i, field := range fields {
		out.Values[i] = graphql.Null
		out.Invalids++
	}
	out.Dispatch(ctx)
	return out
}
func (ec *executionContext) marshalNPerson(ctx context.Context, sel ast.SelectionSet, v []*model.Person) graphql.Marshaler {
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, nil)
	return ret
}
func (ec *executionContext) fieldContext_Person_mentions(ctx context.Context, field graphql.CollectedField) (fc *graphql.FieldContext, err error) {
	if fc.Args, err = ec.field_Person_mentions_args(ctx, field.ArgumentMap(ec.Variables)); err != nil {
		return fc, err
	}
}
`

// What the rewrites make of rendered.
var rewritten = []string{
	"marshalList(ctx, len(v), 0, false, nil)",
	"var deferred graphql.DeferredGroup",
	"out := newObjectAnswer(fields)",
	"out.Invalids++\n\t}\n\treturn out\n}\nfunc (ec *executionContext) marshalNPerson",
	"fields := ec.memo.collectIn(ctx, ec.OperationContext, sel, queryImplementors)\n\tout := graphql.NewFieldSet(fields)",
	"\tout.Dispatch(ctx)\n\treturn out\n}\nfunc (ec *executionContext) _Person",
	"buf := bytes.NewBuffer(answerBuffer(ec.guard))\n\t\t\tdata.MarshalGQL(buf)\n\t\t\tec.arena.release()\n",
	"\tguard *guard ",
	"\tmemo  *operationMemo ",
	"ec.guard, ec.memo, ec.sched = guardOf(ctx), memoOf(ctx), schedulerOf(ctx)\n",
	"\tsched *scheduler ",
	"\tarena answerArena ",
	"fields := ec.memo.collectIn(ctx, ec.OperationContext, sel, personImplementors)",
	"if fc.Args, err = ec.memo.fieldArgs(ctx, ec.OperationContext, fc, ec.field_Person_mentions_args); err != nil {",
}

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		name, src, fails string
	}{
		{"as gqlgen writes it", rendered, ""},
		{"a deferred group handed to a field", rendered + "\tout.ResolveConcurrently(ec.OperationContext, &deferred, i)\n", "hands a deferred group"},
		{"no concurrent list marshalling", strings.Replace(rendered, "graphql.MarshalSliceConcurrently(", "graphql.MarshalSlice(", 1), "no longer writes"},
		{"two objects, one collecting otherwise", rendered + "\tout := graphql.NewFieldSet(fields)\n\tdeferred := graphql.NewDeferredGroup(ctx)\n", "objects, but"},
		{"an object below the root dispatching otherwise", strings.Replace(rendered, "\tout.Values[i] = graphql.Null\n", "\tout.Concurrently(i, nil)\n", 1), "uses its field set's Concurrently"},
		{"an object below the root dispatching nothing", rendered + "func (ec *executionContext) _Org(ctx context.Context, sel ast.SelectionSet, obj *model.Org) graphql.Marshaler {\n\tfields := graphql.CollectFields(ec.OperationContext, sel, orgImplementors)\n\tout := graphql.NewFieldSet(fields)\n\tdeferred := graphql.NewDeferredGroup(ctx)\n\treturn out\n}\n", "objects below the root, but"},
		{"arguments parsed otherwise", strings.Replace(rendered, "field.ArgumentMap(ec.Variables)", "field.ArgumentMap(nil)", 1), "no longer writes"},
		{"an object that collects otherwise", strings.Replace(rendered, "graphql.CollectFields(ec.OperationContext, sel,", "graphql.CollectFields(ec.OperationContext, nil,", 1), "objects, but"},
		{"two execution contexts", rendered + "\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n", "not once"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "x.generated.go")
			if err := os.WriteFile(f, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := rewrite(dir)
			if c.fails == "" {
				if err != nil {
					t.Fatal(err)
				}
				out, _ := os.ReadFile(f)
				for _, w := range rewritten {
					if !strings.Contains(string(out), w) {
						t.Errorf("%q not written", w)
					}
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.fails) {
				t.Errorf("error %v, want one saying %q", err, c.fails)
			}
		})
	}
}
