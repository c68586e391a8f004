package main

import (
	_ "embed"
	"go/types"

	"github.com/99designs/gqlgen/codegen"
)

// Resolved fields: a field below the root with a resolver of its own — every relationship
// field such as submitters or respondsTo, some 240 in a nested answer of letters, motions
// and submitters. gqlgen resolves each through graphql.ResolveField: closures for the field
// context, the resolver, the middleware chain and the marshaller, and the value boxed
// through the middleware. The functions rendered here from resolved.gotpl (into
// resolved.generated.go) call the resolver directly, through resolveCounted (../resolved.go),
// which counts it for the scheduler and passes the guard as fieldMiddleware would, under
// the same field context, and marshal the value with gqlgen's own marshaller; an object's
// field switch calls them in place of gqlgen's field functions.

//go:embed resolved.gotpl
var resolvedTemplate string

// resolvedFile is the name of the rendered functions, in the executor's directory.
const resolvedFile = "resolved.generated.go"

// resolvedField is one resolved field, as the template needs it.
type resolvedField struct {
	*codegen.Field
	// Size is the Go expression of the bytes the value v adds to the answer as the guard
	// counts them (resultSize).
	Size string
	// Interface: the value is an interface, whose nil gqlgen reports before marshalling.
	Interface bool
}

// resolvedFields holds the resolved fields found by generateResolved, for callDirect.
var resolvedFields []resolvedField

func generateResolved(data *codegen.Data) (err error) {
	resolvedFields, err = renderDirect(data, resolvedFile, resolvedTemplate, asResolved)
	return err
}

// asResolved says whether f is a resolved field.
func asResolved(f *codegen.Field) (resolvedField, bool) {
	switch {
	case !f.IsResolver, f.HasDirectives(), f.Batch, f.Stream,
		f.TypeReference == nil, f.TypeReference.Definition == nil:
		return resolvedField{}, false
	}
	_, isInterface := f.TypeReference.GO.Underlying().(*types.Interface)
	return resolvedField{Field: f, Size: sizeOf(f.TypeReference.GO), Interface: isInterface}, true
}
