package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"

	"beleidsgraaf/kg"
)

// Cursors are opaque to API users but not secret: base64url (unpadded) of a small JSON
// object holding the kind of list, the order signature and the sort values of the row.
// Keyset paging needs nothing else, so a cursor stays meaningful across a Replace and both
// stores make and read the same cursors.

const (
	cursorList      = "l"
	cursorNeighbour = "n"
)

type cursorJSON struct {
	Kind  string `json:"k"`
	Order string `json:"o,omitempty"`
	Vals  []any  `json:"v"`
}

// encodeCursor writes c as json.Marshal would and encodes it. Every row of a page and
// every relation edge gets a cursor, so it is written by hand: through json.Marshal the
// cursors were 12 % of the CPU of a list page (BenchmarkQuery/list). The bytes are
// json.Marshal's (TestEncodeCursorIsJSONMarshal): values it would write otherwise (a string
// that needs escaping, a type other than string, int64 and nil) go through it.
func encodeCursor(c cursorJSON) string {
	var buf [256]byte
	b := append(buf[:0], `{"k":`...)
	b = appendJSONString(b, c.Kind)
	if c.Order != "" {
		b = append(b, `,"o":`...)
		b = appendJSONString(b, c.Order)
	}
	b = append(b, `,"v":`...)
	if c.Vals == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, v := range c.Vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONValue(b, v)
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	out := make([]byte, base64.RawURLEncoding.EncodedLen(len(b)))
	base64.RawURLEncoding.Encode(out, b)
	return string(out)
}

// appendJSONValue appends v as json.Marshal writes it.
func appendJSONValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case int64:
		return strconv.AppendInt(b, v, 10)
	}
	return appendMarshalled(b, v)
}

// appendJSONString appends s as json.Marshal writes it: as it is when every byte is
// printable ASCII that JSON and json.Marshal's HTML escaping leave alone (IDs, folded
// keys, dates, relation types), otherwise through json.Marshal. The bytes are looked up in
// a table (jsonPlain): the seven comparisons a byte were a tenth of a list page's
// instructions, its cursors holding each row's folded title.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !jsonPlain[s[i]] {
			return appendMarshalled(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonPlain says which bytes json.Marshal writes as they are in a string.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func appendMarshalled(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil { // only strings, int64 and nil go in: cannot happen
		panic(fmt.Sprintf("store: encode cursor: %v", err))
	}
	return append(b, j...)
}

func decodeCursor(s, kind string) (cursorJSON, error) {
	var c cursorJSON
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, ErrBadCursor
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // keep int64 exact
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil || dec.More() || c.Kind != kind {
		return c, ErrBadCursor
	}
	return c, nil
}

// EncodeListCursor makes the cursor of a row of a list: order is the effective order and
// vals the row's SortValues.
func EncodeListCursor(order []Order, vals []any) string {
	return NewListCursors(order).Encode(vals)
}

// ListCursors encodes the cursors of the rows of one list, as EncodeListCursor does, with
// what they share made once: the JSON of every cursor of the list starts with its kind and
// the order's signature, `{"k":"l","o":"date:desc,name,id","v":[`, and base64 encodes each
// three bytes on their own, so the start's base64, to a multiple of three bytes, is the
// start of every cursor's.
type ListCursors struct {
	signature string
	head      string // the base64 of the start, to a multiple of three bytes
	rest      string // the start's bytes that head leaves out (0 to 2)
}

func NewListCursors(order []Order) ListCursors { return newListCursorsOf(OrderSignature(order)) }

func newListCursorsOf(sig string) ListCursors {
	if sig == "" { // encodeCursor leaves the signature out
		return ListCursors{signature: sig}
	}
	start := appendJSONString([]byte(`{"k":"l","o":`), sig)
	start = append(start, `,"v":[`...)
	cut := len(start) - len(start)%3
	return ListCursors{sig, base64.RawURLEncoding.EncodeToString(start[:cut]), string(start[cut:])}
}

// Encode is EncodeListCursor of the list's order.
func (c ListCursors) Encode(vals []any) string {
	if vals == nil || c.head == "" { // a zero ListCursors
		return encodeCursor(cursorJSON{Kind: cursorList, Order: c.signature, Vals: vals})
	}
	var buf [256]byte
	b := append(buf[:0], c.rest...)
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONValue(b, v)
	}
	b = append(b, "]}"...)
	var room [512]byte
	out := append(room[:0], c.head...)
	return string(base64.RawURLEncoding.AppendEncode(out, b))
}

// DecodeListCursor reads a cursor made by EncodeListCursor for the same effective order
// and returns its sort values, typed as SortValues types them. Anything else is
// ErrBadCursor.
func DecodeListCursor(s string, order []Order) ([]any, error) {
	c, err := decodeCursor(s, cursorList)
	if err != nil {
		return nil, err
	}
	if c.Order != OrderSignature(order) || len(c.Vals) != len(order) {
		return nil, ErrBadCursor
	}
	vals := make([]any, len(order))
	for i, o := range order {
		sp := fieldSpecs[o.Field]
		v, ok := typed(c.Vals[i], sp.integer, sp.optional)
		if !ok {
			return nil, ErrBadCursor
		}
		vals[i] = v
	}
	return vals, nil
}

// typed turns a decoded JSON value into the Go type of a sort value.
func typed(v any, integer, optional bool) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, optional
	case string:
		return x, !integer
	case json.Number:
		if !integer {
			return nil, false
		}
		n, err := x.Int64()
		return n, err == nil
	}
	return nil, false
}

// NeighbourKey is the position of an edge in a node's neighbour list, which is ordered by
// Type, the other node's name key, the other node's ID, then outgoing before incoming.
// Incoming is true when the queried node is the edge's To and not its From, so a
// self-loop is outgoing. (In Cypher: ORDER BY type(r), m.nameKey, m.id,
// CASE startNode(r) WHEN n THEN 0 ELSE 1 END.)
type NeighbourKey struct {
	Type     kg.RelType
	OtherKey string
	OtherID  string
	Incoming bool
}

// Compare orders two keys: negative when k comes first.
func (k NeighbourKey) Compare(o NeighbourKey) int {
	switch {
	case k.Type != o.Type:
		return cmpString(string(k.Type), string(o.Type))
	case k.OtherKey != o.OtherKey:
		return cmpString(k.OtherKey, o.OtherKey)
	case k.OtherID != o.OtherID:
		return cmpString(k.OtherID, o.OtherID)
	case k.Incoming == o.Incoming:
		return 0
	case o.Incoming:
		return -1
	}
	return 1
}

func cmpString(a, b string) int {
	if a < b {
		return -1
	}
	return 1
}

// EncodeNeighbourCursor makes the cursor of a Neighbour: encodeCursor's bytes for
// {Kind: "n", Vals: [type, other key, other ID, 0 or 1]}, written without boxing the
// values (every edge of a relation page gets one, selected or not: 8 % of the CPU of the
// nested bench query).
func EncodeNeighbourCursor(k NeighbourKey) string {
	var buf [256]byte
	b := append(buf[:0], `{"k":"n","v":[`...)
	b = appendJSONString(b, string(k.Type))
	b = append(b, ',')
	b = appendJSONString(b, k.OtherKey)
	b = append(b, ',')
	b = appendJSONString(b, k.OtherID)
	if k.Incoming {
		b = append(b, ",1]}"...)
	} else {
		b = append(b, ",0]}"...)
	}
	var out [344]byte // base64 of 256 bytes
	if n := base64.RawURLEncoding.EncodedLen(len(b)); n <= len(out) {
		base64.RawURLEncoding.Encode(out[:n], b)
		return string(out[:n])
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeNeighbourCursor reads a cursor made by EncodeNeighbourCursor; anything else is
// ErrBadCursor.
func DecodeNeighbourCursor(s string) (NeighbourKey, error) {
	c, err := decodeCursor(s, cursorNeighbour)
	if err != nil || len(c.Vals) != 4 {
		return NeighbourKey{}, ErrBadCursor
	}
	var str [3]string
	for i := range str {
		v, ok := c.Vals[i].(string)
		if !ok {
			return NeighbourKey{}, ErrBadCursor
		}
		str[i] = v
	}
	in, ok := typed(c.Vals[3], true, false)
	if !ok || (in != int64(0) && in != int64(1)) {
		return NeighbourKey{}, ErrBadCursor
	}
	return NeighbourKey{Type: kg.RelType(str[0]), OtherKey: str[1], OtherID: str[2], Incoming: in == int64(1)}, nil
}
