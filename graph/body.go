package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-json-experiment/json/jsontext"
)

// The request body is read with jsontext, the tokenizer of encoding/json/v2: a lookup's body
// is some 150 bytes, and encoding/json's Decoder (a buffer per request, the value scanned
// once for its end and again to decode it, the whole object decoded into a map before its
// fields are looked at) took 10 % of the CPU of a served lookup.

// bodyOptions decode as encoding/json did: the last of repeated names wins, and invalid
// UTF-8 in a string becomes U+FFFD.
var bodyOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// bodyDecoders keep their buffers from one request to the next.
var bodyDecoders = sync.Pool{New: func() any { return new(jsontext.Decoder) }}

// maxPooledBody: a decoder that read a body longer than this is dropped rather than pooled,
// so that one large request does not keep a large buffer.
const maxPooledBody = 16 << 10

// Errors of bodies that are JSON but not a GraphQL request's object.
var (
	errTrailingData = errors.New("data after the JSON object")
	errNotObject    = errors.New("the JSON value is not an object")
)

// bodyField is what the body said of one of the request's fields: nothing (or null), a value
// of the right type, or a value of the wrong type.
type bodyField uint8

const (
	fieldAbsent bodyField = iota
	fieldSet
	fieldWrongType
)

// decodeBody reads a POST body: one JSON object, whose query and operationName are strings
// and whose variables and extensions are objects (numbers kept as json.Number, as gqlgen
// expects), each of them null or absent if not given. Other names are skipped. The whole
// body is read and checked before a field of the wrong type is reported, as decoding it
// whole would; null is an object without fields. hasQuery: the query was given (a string,
// empty or not); wrong names the first field (in the order above) whose value was of the
// wrong type.
func decodeBody(body io.Reader) (p *graphql.RawParams, hasQuery bool, wrong string, err error) {
	d := bodyDecoders.Get().(*jsontext.Decoder)
	d.Reset(body, bodyOptions...)
	defer func() {
		pooled := d.InputOffset() <= maxPooledBody
		d.Reset(eofReader{}) // drop the body
		if pooled {
			bodyDecoders.Put(d)
		}
	}()
	p = &graphql.RawParams{}
	var query, operationName, variables, extensions bodyField
	switch d.PeekKind() {
	case 'n':
		if _, err := d.ReadToken(); err != nil {
			return nil, false, "", err
		}
	case '{':
		if _, err := d.ReadToken(); err != nil {
			return nil, false, "", err
		}
		for d.PeekKind() != '}' {
			name, err := d.ReadToken()
			if err != nil {
				return nil, false, "", err
			}
			switch name.String() {
			case "query":
				query, err = readString(d, &p.Query)
			case "operationName":
				operationName, err = readString(d, &p.OperationName)
			case "variables":
				variables, err = readObject(d, &p.Variables)
			case "extensions":
				extensions, err = readObject(d, &p.Extensions)
			default:
				err = d.SkipValue()
			}
			if err != nil {
				return nil, false, "", err
			}
		}
		if _, err := d.ReadToken(); err != nil {
			return nil, false, "", err
		}
	case 0: // an empty body or a syntax error, which the read reports
		_, err := d.ReadToken()
		return nil, false, "", err
	default:
		if err := d.SkipValue(); err != nil {
			return nil, false, "", err
		}
		return nil, false, "", errNotObject
	}
	switch _, err := d.ReadToken(); {
	case err == nil:
		return nil, false, "", errTrailingData
	case err != io.EOF:
		return nil, false, "", err
	}
	for _, f := range []struct {
		name  string
		state bodyField
	}{{"query", query}, {"operationName", operationName}, {"variables", variables}, {"extensions", extensions}} {
		if f.state == fieldWrongType {
			return nil, false, f.name, nil
		}
	}
	return p, query == fieldSet, "", nil
}

// readString reads a string or null into s (null: "").
func readString(d *jsontext.Decoder, s *string) (bodyField, error) {
	return readField(d, '"', s, func(d *jsontext.Decoder) (string, error) {
		tok, err := d.ReadToken()
		if err != nil {
			return "", err
		}
		return tok.String(), nil
	})
}

// readObject reads an object or null into m (null: nil).
func readObject(d *jsontext.Decoder, m *map[string]any) (bodyField, error) {
	return readField(d, '{', m, func(d *jsontext.Decoder) (map[string]any, error) {
		v, err := readValue(d)
		m, _ := v.(map[string]any)
		return m, err
	})
}

// readField reads a value of the given kind into dst with read, or null (dst's zero value);
// a value of another kind is skipped.
func readField[T any](d *jsontext.Decoder, kind jsontext.Kind, dst *T, read func(*jsontext.Decoder) (T, error)) (bodyField, error) {
	switch d.PeekKind() {
	case kind:
		v, err := read(d)
		*dst = v
		return fieldSet, err
	case 'n':
		_, err := d.ReadToken()
		var zero T
		*dst = zero
		return fieldAbsent, err
	default:
		return fieldWrongType, d.SkipValue()
	}
}

// readValue reads one JSON value as encoding/json decodes it into an any with UseNumber:
// objects as map[string]any, arrays as []any, numbers as json.Number.
func readValue(d *jsontext.Decoder) (any, error) {
	tok, err := d.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case 'n':
		return nil, nil
	case 'f', 't':
		return tok.Bool(), nil
	case '"':
		return tok.String(), nil
	case '0':
		return json.Number(tok.String()), nil
	case '{':
		m := map[string]any{}
		for d.PeekKind() != '}' {
			tok, err := d.ReadToken()
			if err != nil {
				return nil, err
			}
			name := tok.String() // before the next read voids the token
			v, err := readValue(d)
			if err != nil {
				return nil, err
			}
			m[name] = v
		}
		_, err := d.ReadToken()
		return m, err
	default: // '['
		a := []any{}
		for d.PeekKind() != ']' {
			v, err := readValue(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.ReadToken()
		return a, err
	}
}

// decodeObject decodes one JSON object, as readValue does: a GET request's variables or
// extensions.
func decodeObject(b []byte) (map[string]any, error) {
	d := jsontext.NewDecoder(bytes.NewReader(b), bodyOptions...)
	if d.PeekKind() != '{' {
		return nil, errNotObject
	}
	v, err := readValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.ReadToken(); err != io.EOF {
		return nil, errTrailingData
	}
	return v.(map[string]any), nil
}

// eofReader is an empty body, for a pooled decoder to hold instead of the last one.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
