package graph

import (
	"bytes"
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// objectAnswer is an object's answer: the fields the operation selects on it and their
// values. The generated executor makes it where gqlgen's templates make the field set of
// an object below the root (graph/codegen), sets its values as it would the field set's,
// and returns it; it writes the same bytes as FieldSet.MarshalGQL. That made a map of the
// aliases written and moved each field to the heap to hand it to an iterator: an eighth
// of the allocations of an answer of many small objects, such as a neighbourhood's nodes
// and edges.
type objectAnswer struct {
	fields []graphql.CollectedField
	// What the generated code sets, as it would a graphql.FieldSet's: each field's value,
	// and the number of non-null fields that are null.
	Values   []graphql.Marshaler
	Invalids uint32
	// texts holds the values of string and enum fields, which Values point into (text.go).
	texts []string
}

// An object of up to four fields is allocated with its values and texts, in the size class
// of its fields: most objects of an answer have one to four (a person's name; an edge's
// node).
type (
	answer1 struct {
		objectAnswer
		values [1]graphql.Marshaler
		texts  [1]string
	}
	answer2 struct {
		objectAnswer
		values [2]graphql.Marshaler
		texts  [2]string
	}
	answer3 struct {
		objectAnswer
		values [3]graphql.Marshaler
		texts  [3]string
	}
	answer4 struct {
		objectAnswer
		values [4]graphql.Marshaler
		texts  [4]string
	}
)

func newObjectAnswer(fields []graphql.CollectedField) *objectAnswer {
	var a *objectAnswer
	switch len(fields) {
	case 1:
		s := new(answer1)
		a = &s.objectAnswer
		a.Values, a.texts = s.values[:], s.texts[:]
	case 2:
		s := new(answer2)
		a = &s.objectAnswer
		a.Values, a.texts = s.values[:], s.texts[:]
	case 3:
		s := new(answer3)
		a = &s.objectAnswer
		a.Values, a.texts = s.values[:], s.texts[:]
	case 4:
		s := new(answer4)
		a = &s.objectAnswer
		a.Values, a.texts = s.values[:], s.texts[:]
	default:
		a = &objectAnswer{Values: make([]graphql.Marshaler, len(fields))}
	}
	a.fields = fields
	return a
}

// text returns the place of field i's text, made for all fields at the first one asked.
func (a *objectAnswer) text(i int) *string {
	if a.texts == nil {
		a.texts = make([]string, len(a.Values))
	}
	return &a.texts[i]
}

// manyFields is the number of fields from which written aliases are looked up in a map
// rather than by a scan of those before.
const manyFields = 32

// MarshalGQL writes the object as FieldSet.MarshalGQL does: each alias once, the first
// field of that alias, in the order of the selection. An alias is a GraphQL name (letters,
// digits and _), so it is written without escaping.
func (a *objectAnswer) MarshalGQL(w io.Writer) {
	// The executor writes every answer into a bytes.Buffer: written to directly, a field's
	// name costs no call through io.Writer. Any other writer gets the object in one write.
	b, ok := w.(*bytes.Buffer)
	if !ok {
		b = new(bytes.Buffer)
		defer func() { _, _ = w.Write(b.Bytes()) }()
	}
	b.WriteByte('{')
	var written map[string]struct{}
	if len(a.fields) > manyFields {
		written = make(map[string]struct{}, len(a.fields))
	}
	first := true
	for i := range a.fields {
		alias := a.fields[i].Alias
		if a.writtenBefore(i, alias, written) {
			continue
		}
		// The key in one write, appended to the buffer's free room (the answer's buffer is
		// as large as the guard counted): three calls a field fewer.
		key := b.AvailableBuffer()
		if !first {
			key = append(key, ',')
		}
		first = false
		key = append(append(append(key, '"'), alias...), '"', ':')
		b.Write(key)
		a.Values[i].MarshalGQL(b)
	}
	b.WriteByte('}')
}

// writtenBefore says whether a field of this alias came before field i, and notes it.
func (a *objectAnswer) writtenBefore(i int, alias string, written map[string]struct{}) bool {
	if written != nil {
		if _, ok := written[alias]; ok {
			return true
		}
		written[alias] = struct{}{}
		return false
	}
	for j := range i {
		if a.fields[j].Alias == alias {
			return true
		}
	}
	return false
}
