package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

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

// TestPostParams: the body is decoded in one pass as json.Unmarshal would decode its fields
// (escapes, invalid UTF-8 as U+FFFD, numbers as json.Number), also when it arrives a byte
// at a time; whatever is not one JSON object of the right fields is refused with its reason.
func TestPostParams(t *testing.T) {
	number := func(s string) json.Number { return json.Number(s) }
	cases := []struct {
		name, body string
		want       *graphql.RawParams
		status     int
		msg        string
	}{
		{name: "query alone", body: `{"query": "{ stats { totalNodes } }"}`,
			want: &graphql.RawParams{Query: "{ stats { totalNodes } }"}},
		{name: "escapes", body: `{"query": "{ organisation(name: \"Comensha\u00e9\") { id } }\n\t"}`,
			want: &graphql.RawParams{Query: "{ organisation(name: \"Comenshaé\") { id } }\n\t"}},
		{name: "invalid UTF-8", body: "{\"query\": \"{ a }\xff\"}",
			want: &graphql.RawParams{Query: "{ a }\ufffd"}},
		{name: "every field", body: ` {"operationName": "Q", "query": "query Q { a }", "variables": {"n": 12, "f": 1.5e3, "big": 123456789012345678901234567890, "s": "x", "l": [1, {"o": null}], "b": true}, "extensions": {"e": {}}} `,
			want: &graphql.RawParams{Query: "query Q { a }", OperationName: "Q",
				Variables:  map[string]any{"n": number("12"), "f": number("1.5e3"), "big": number("123456789012345678901234567890"), "s": "x", "l": []any{number("1"), map[string]any{"o": nil}}, "b": true},
				Extensions: map[string]any{"e": map[string]any{}}}},
		{name: "nulls are absent", body: `{"query": "{ a }", "operationName": null, "variables": null, "extensions": null}`,
			want: &graphql.RawParams{Query: "{ a }"}},
		{name: "the last of a repeated field", body: `{"query": "{ a }", "query": "{ b }"}`,
			want: &graphql.RawParams{Query: "{ b }"}},
		{name: "a persisted query without its text", body: `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ab"}}}`,
			want: &graphql.RawParams{Extensions: map[string]any{"persistedQuery": map[string]any{"version": number("1"), "sha256Hash": "ab"}}}},
		{name: "a wrong type then the right one", body: `{"query": 1, "query": "{ a }", "variables": [], "variables": {"v": "` + "\xff" + `"}}`,
			want: &graphql.RawParams{Query: "{ a }", Variables: map[string]any{"v": "\ufffd"}}},
		{name: "the right type then a wrong one", body: `{"query": "{ a }", "query": 1}`, status: 400, msg: "query must be a string"},
		{name: "a query then null", body: `{"query": "{ a }", "query": null}`, status: 400, msg: "the query parameter is missing"},
		{name: "an empty query is given", body: `{"query": ""}`, want: &graphql.RawParams{}},
		{name: "other names are skipped", body: `{"x": {"y": [1, {"z": "w"}, [], null]}, "query": "{ a }", "z": -1.5e-3}`,
			want: &graphql.RawParams{Query: "{ a }"}},
		{name: "a long body, then a short one", body: `{"query": "{ a }", "variables": {"v": "` + strings.Repeat("é", 20000) + `"}}`,
			want: &graphql.RawParams{Query: "{ a }", Variables: map[string]any{"v": strings.Repeat("é", 20000)}}},
		{name: "a short body after a long one", body: `{"query": "{ b }"}`, want: &graphql.RawParams{Query: "{ b }"}},
		{name: "a wrong type, then bad JSON", body: `{"query": 1} x`, status: 400, msg: "the request body is not valid JSON"},
		{name: "a wrong type, cut short", body: `{"variables": [1], "query": "{ a }"`, status: 400, msg: "the request body is not valid JSON"},
		{name: "a name that is not a string", body: `{query: "{ a }"}`, status: 400, msg: "the request body is not valid JSON"},
		{name: "a bad value among variables", body: `{"query": "{ a }", "variables": {"v": [1, 2,]}}`, status: 400, msg: "the request body is not valid JSON"},
		{name: "an array with garbage after", body: `[1] x`, status: 400, msg: "the request body must be a JSON object"},
		{name: "a bad array", body: `[1,]`, status: 400, msg: "the request body is not valid JSON"},
		{name: "keys are matched exactly", body: `{"Query": "{ a }"}`, status: 400, msg: "the query parameter is missing"},
		{name: "empty", body: ``, status: 400, msg: "the request body is empty"},
		{name: "blank", body: " \n\t ", status: 400, msg: "the request body is empty"},
		{name: "cut short", body: `{"query": "{ a }"`, status: 400, msg: "the request body is not valid JSON"},
		{name: "a second value", body: `{"query": "{ a }"} {"query": "{ b }"}`, status: 400, msg: "the request body is not valid JSON"},
		{name: "a number after", body: `{"query": "{ a }"}1`, status: 400, msg: "the request body is not valid JSON"},
		{name: "garbage after", body: `{"query": "{ a }"} x`, status: 400, msg: "the request body is not valid JSON"},
		{name: "an array", body: `[{"query": "{ a }"}]`, status: 400, msg: "the request body must be a JSON object"},
		{name: "a string", body: `"{ a }"`, status: 400, msg: "the request body must be a JSON object"},
		{name: "null", body: `null`, status: 400, msg: "the query parameter is missing"},
		{name: "query not a string", body: `{"query": ["{ a }"]}`, status: 400, msg: "query must be a string"},
		{name: "variables not an object", body: `{"query": "{ a }", "variables": [1]}`, status: 400, msg: "variables must be a JSON object"},
		{name: "extensions not an object", body: `{"query": "{ a }", "extensions": "x"}`, status: 400, msg: "extensions must be a JSON object"},
		{name: "operationName not a string", body: `{"query": "{ a }", "operationName": 1}`, status: 400, msg: "operationName must be a string"},
		{name: "too deep", body: `{"query": "{ a }", "variables": {"v": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`, status: 400, msg: "the request body is not valid JSON"},
	}
	for _, tc := range cases {
		for _, oneByte := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/one byte at a time %v", tc.name, oneByte), func(t *testing.T) {
				var body io.Reader = strings.NewReader(tc.body)
				if oneByte {
					body = iotest.OneByteReader(body)
				}
				r := httptest.NewRequest(http.MethodPost, "/graphql", body)
				r.Header.Set("Content-Type", "application/json")
				got, status, msg := postParams(r)
				if tc.want == nil {
					if got != nil || status != tc.status || msg != tc.msg {
						t.Errorf("%+v %d %q, want %d %q", got, status, msg, tc.status, tc.msg)
					}
					return
				}
				if status != 0 || !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%d %q %#v, want %#v", status, msg, got, tc.want)
				}
			})
		}
	}
}

// A body that fails as it is read is refused for its failure, even after a whole object.
func TestPostParamsReadFailures(t *testing.T) {
	object := `{"query": "{ a }"}`
	cases := []struct {
		name   string
		body   io.Reader
		status int
		msg    string
	}{
		{"larger than allowed", http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader(object+strings.Repeat(" ", 100))), int64(len(object)+10)), http.StatusRequestEntityTooLarge, "request body too large"},
		{"the body times out", io.MultiReader(strings.NewReader(object), iotest.ErrReader(os.ErrDeadlineExceeded)), http.StatusRequestTimeout, "request timed out: the body did not arrive in time"},
		{"the connection breaks", io.MultiReader(strings.NewReader(`{"query": `), iotest.ErrReader(errors.New("connection reset"))), http.StatusBadRequest, "the request body could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/graphql", tc.body)
			r.Header.Set("Content-Type", "application/json")
			got, status, msg := postParams(r)
			if got != nil || status != tc.status || msg != tc.msg {
				t.Errorf("%+v %d %q, want %d %q", got, status, msg, tc.status, tc.msg)
			}
		})
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

// BenchmarkPostParams: a lookup's body, as bench/loadgen sends it.
//
//	go test -run '^$' -bench BenchmarkPostParams -benchmem ./graph
func BenchmarkPostParams(b *testing.B) {
	body := []byte(`{"query":"query Lookup($name: String!) { organisation(name: $name) { id name abbreviation kind aliases } }","variables":{"name":"Coördinatiecentrum Mensenhandel"}}`)
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if p, _, msg := postParams(r); p == nil {
			b.Fatal(msg)
		}
	}
}
