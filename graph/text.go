package graph

import (
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// A string or enum field's value, boxed into a graphql.Marshaler, is one allocation: more
// than a third of those of a neighbourhood (its nodes' IDs, labels and names, its edges'
// IDs, types and ends). The generated plain fields (graph/codegen) write such a value into
// its object's answer (objectAnswer.text) and answer with a pointer to it, which boxes
// without allocating; the pointer's type marshals it with the marshaller gqlgen would have
// used, so the bytes are the same.

// stringText marshals a String or ID as graphql.MarshalString and MarshalID do.
type stringText string

func (t *stringText) MarshalGQL(w io.Writer) { graphql.MarshalString(string(*t)).MarshalGQL(w) }

// enumText marshals an enum value with the enum's own marshaller.
type enumText[E interface {
	~string
	MarshalGQL(io.Writer)
}] string

func (t *enumText[E]) MarshalGQL(w io.Writer) { E(*t).MarshalGQL(w) }
