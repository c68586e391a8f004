package graph

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestWriteResponseIsJSONMarshal pins writeResponse to the bytes json.Marshal makes of the
// same response, which is what the transport wrote before and what ETags were made of.
func TestWriteResponseIsJSONMarshal(t *testing.T) {
	yes := true
	errs := gqlerror.List{{Message: "not <found>", Path: ast.Path{ast.PathName("node")}, Extensions: map[string]any{"code": "NOT_FOUND"}}}
	ext := map[string]any{"b": 1, "a": "x&y"}
	tests := []struct {
		name string
		resp graphql.Response
	}{
		{"data", graphql.Response{Data: json.RawMessage(`{"organisation":{"id":"org:comensha","name":"CoMensha","aliases":[]}}`)}},
		{"html characters", graphql.Response{Data: json.RawMessage(`{"q":"a <b> & c","r":"<&>"}`)}},
		{"ampersand alone", graphql.Response{Data: json.RawMessage(`{"q":"Jansen & Co"}`)}},
		{"greater-than alone", graphql.Response{Data: json.RawMessage(`{"q":"a > b"}`)}},
		{"line and paragraph separators", graphql.Response{Data: json.RawMessage("{\"q\":\"a\u2028b\u2029c\"}")}},
		{"other characters from 0xE2", graphql.Response{Data: json.RawMessage(`{"q":"€ – ‘x’ ≥"}`)}},
		{"escapes already there", graphql.Response{Data: json.RawMessage(`{"q":"\u003c\"\\\n"}`)}},
		{"null data", graphql.Response{}},
		{"errors and null data", graphql.Response{Errors: errs}},
		{"errors and data", graphql.Response{Errors: errs, Data: json.RawMessage(`{"node":null}`)}},
		{"extensions", graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: ext}},
		{"errors, data and extensions", graphql.Response{Errors: errs, Data: json.RawMessage(`{"a":"<"}`), Extensions: ext}},
		{"incremental", graphql.Response{Data: json.RawMessage(`{"a":1}`), Label: "l", Path: ast.Path{ast.PathIndex(0)}, HasNext: &yes}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			writeResponse(&got, &tc.resp)
			if got.String() != string(want) {
				t.Errorf("writeResponse wrote\n%s\njson.Marshal makes\n%s", got.Bytes(), want)
			}
		})
	}
}

// plainJSONString is json.Unmarshal into a string for the strings it takes, and takes only
// those it can answer alike. Its input is a value the body's decoding checked, so every
// case here is valid JSON.
func TestPlainJSONStringIsJSONUnmarshal(t *testing.T) {
	for _, c := range []struct {
		raw  string
		fast bool
	}{
		{`"{ organisation(name: \"x\") { id } }"`, false},
		{`"{ organisations { edges { node { id name } } } }"`, true},
		{`""`, true},
		{`"Comensha — Fier, één"`, true},
		{`"tab\there"`, false},
		{`"\u00e9"`, false},
		{"\"\xff\xfe\"", false}, // invalid UTF-8: json.Unmarshal makes it U+FFFD
		{`12`, false},
		{`null`, false},
		{`["a"]`, false},
	} {
		if !json.Valid([]byte(c.raw)) && utf8.ValidString(c.raw) {
			t.Fatalf("%q is not a value the body's decoding lets through", c.raw)
		}
		got, ok := plainJSONString(json.RawMessage(c.raw))
		if ok != c.fast {
			t.Errorf("%q: fast %v, want %v", c.raw, ok, c.fast)
		}
		if !ok {
			continue
		}
		var want string
		if err := json.Unmarshal([]byte(c.raw), &want); err != nil {
			t.Fatalf("%q: %v", c.raw, err)
		}
		if got != want {
			t.Errorf("%q: %q, json.Unmarshal %q", c.raw, got, want)
		}
	}
}

// TestNeedsHTMLEscapeAsHTMLEscape: needsHTMLEscape says yes exactly when json.HTMLEscape
// changes the bytes, wherever the sequences stand, cut short at the end among them.
func TestNeedsHTMLEscapeAsHTMLEscape(t *testing.T) {
	pieces := []string{"a", "<", ">", "&", "\u2028", "\u2029", "\xe2", "\xe2\x80", "–", "’", "€", "\x80\xa8", "\xa9", "é", `"`}
	check := func(b []byte) {
		t.Helper()
		var esc bytes.Buffer
		json.HTMLEscape(&esc, b)
		if got, want := needsHTMLEscape(b), !bytes.Equal(esc.Bytes(), b); got != want {
			t.Fatalf("%q: %v, want %v", b, got, want)
		}
	}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				check([]byte(a + b + c))
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		check(b)
	}
}
