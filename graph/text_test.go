package graph

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
)

// TestTextsMarshalAsGqlgen: a text writes what gqlgen's marshaller of its type writes, and
// boxing and writing it allocate nothing.
func TestTextsMarshalAsGqlgen(t *testing.T) {
	for _, s := range []string{"", "Comensha", `aan "de" Kamer`, "a\\b", "regel\nregel\ttab\r", "\x00\x1f\x7f", "Coördinatiecentrum – €", "\xff\xfe ongeldig", "\u2028\u2029", "\xc3\"", "\xe2\x80", "<script>&amp;</script>", `\"`, "\x7f\x80\xbf"} {
		var want bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		text := s
		var m graphql.Marshaler = (*stringText)(&text)
		// The executor's writer (a bytes.Buffer) and any other.
		var got bytes.Buffer
		var other strings.Builder
		m.MarshalGQL(&got)
		m.MarshalGQL(&other)
		if got.String() != want.String() || other.String() != want.String() {
			t.Errorf("string %q: %s and %s, want %s", s, got.String(), other.String(), want.String())
		}
	}
	// Strings of the bytes that matter, at random: control characters, quotes, backslashes,
	// lead and continuation bytes of UTF-8 in and out of order.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{0, 0x1f, ' ', '"', '\\', 'a', 0x7f, 0x80, 0xbf, 0xc3, 0xa9, 0xe2, 0xf0, 0xff}
	for range 4000 {
		b := make([]byte, rng.IntN(40)) // past eight bytes: escapes tests a word at a time
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var want, got bytes.Buffer
		graphql.MarshalString(string(b)).MarshalGQL(&want)
		text := string(b)
		(*stringText)(&text).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Fatalf("string %q: %s, want %s", b, got.String(), want.String())
		}
	}
	for _, kl := range kg.Labels {
		l := model.Label(kl)
		var want, got bytes.Buffer
		l.MarshalGQL(&want)
		text := string(l)
		(*enumText[model.Label])(&text).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("label %s: %s, want %s", l, got.String(), want.String())
		}
	}
	a := newObjectAnswer(make([]graphql.CollectedField, 2))
	answer := new(bytes.Buffer)
	answer.Grow(64)
	for _, w := range []io.Writer{io.Discard, answer} {
		allocs := testing.AllocsPerRun(100, func() {
			answer.Reset()
			p := a.text(0)
			*p = "Comensha"
			a.Values[0] = (*stringText)(p)
			a.Values[0].MarshalGQL(w)
			q := a.text(1)
			*q = string(kg.Organisation)
			a.Values[1] = (*enumText[model.Label])(q)
			a.Values[1].MarshalGQL(w)
		})
		if allocs != 0 {
			t.Errorf("%v allocations to box and write two texts to a %T", allocs, w)
		}
	}
}

// TestEscapesAsByteLoop: escapes, eight bytes at a time, finds what a test of every byte
// finds, for each byte value at each place of a word and of the tail after the words.
func TestEscapesAsByteLoop(t *testing.T) {
	byByte := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
				return true
			}
		}
		return false
	}
	for n := range 20 {
		for at := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a", n))
				b[at] = byte(c)
				if got, want := escapes(string(b)), byByte(string(b)); got != want || escapes(b) != want {
					t.Fatalf("%q: %v (of the bytes %v), want %v", b, got, escapes(b), want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(48))
		for i := range b {
			b[i] = byte(0x18 + rng.IntN(0x50)) // around the control characters, " and \
			if rng.IntN(3) == 0 {
				b[i] |= 0x80
			}
		}
		if got, want := escapes(string(b)), byByte(string(b)); got != want || escapes(b) != want {
			t.Fatalf("%q: %v (of the bytes %v), want %v", b, got, escapes(b), want)
		}
	}
}
