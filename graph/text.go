package graph

import (
	"bytes"
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

func (t *stringText) MarshalGQL(w io.Writer) {
	s := string(*t)
	if b, ok := w.(*bytes.Buffer); ok && !escapes(s) {
		// What gqlgen would write, without its walk through the runes and its three
		// writes through io.WriteString: the executor writes every answer into a
		// bytes.Buffer.
		b.Grow(len(s) + 2)
		_, _ = b.Write(appendQuoted(b.AvailableBuffer(), s))
		return
	}
	graphql.MarshalString(s).MarshalGQL(w)
}

// appendQuoted appends s in quotes: what graphql.MarshalString writes of a string that
// escapes says needs no escaping, and of a GraphQL name.
func appendQuoted[T string | []byte](dst []byte, s T) []byte {
	return append(append(append(dst, '"'), s...), '"')
}

// escapes reports whether gqlgen's string marshaller writes some byte of s otherwise than
// as it is: a control character, a quote or a backslash. Every other byte, of valid UTF-8 or
// not, it copies. Eight bytes are tested at a time, with the bit tricks of "Determine if a
// word has a byte less than n" (Bit Twiddling Hacks): an answer's strings are most of its
// bytes.
func escapes[T string | []byte](s T) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// The loop's condition proves every index of the word in range: no bounds check per
	// byte, where indexing s[i+k] took one each (half of the loop's instructions).
	for len(s) >= 8 {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		quote, backslash := x^(ones*'"'), x^(ones*'\\')
		// a byte below 0x20, or a zero byte in quote or backslash (a byte equal to " or \)
		if (x-ones*0x20)&^x&highs != 0 || (quote-ones)&^quote&highs != 0 || (backslash-ones)&^backslash&highs != 0 {
			return true
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// enumText marshals an enum value with the enum's own marshaller.
type enumText[E interface {
	~string
	MarshalGQL(io.Writer)
}] string

func (t *enumText[E]) MarshalGQL(w io.Writer) { E(*t).MarshalGQL(w) }
