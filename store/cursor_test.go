package store

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

func TestListCursorRoundTrip(t *testing.T) {
	order, err := EffectiveOrder([]Order{{Field: FieldDate, Desc: true}, {Field: FieldNumber}, {Field: FieldDegree}})
	if err != nil {
		t.Fatal(err)
	}
	tests := [][]any{
		{"2024-02-02", int64(257), int64(5), "voortgang", "doc:28638-257"},
		{nil, nil, int64(0), "", "doc:x"},
		{"<&>", int64(-9007199254740993), int64(1), "coordinatiecentrum", "org:comensha"}, // beyond float64 precision
	}
	for _, vals := range tests {
		c := EncodeListCursor(order, vals)
		got, err := DecodeListCursor(c, order)
		if err != nil {
			t.Fatalf("decode %v: %v", vals, err)
		}
		if !reflect.DeepEqual(got, vals) {
			t.Errorf("round trip: got %#v, want %#v", got, vals)
		}
	}
}

func TestListCursorRejects(t *testing.T) {
	byName, _ := EffectiveOrder(nil)
	byNumber, _ := EffectiveOrder([]Order{{Field: FieldNumber}})
	good := EncodeListCursor(byName, []any{"a", "b"})
	tests := []struct {
		name   string
		cursor string
		order  []Order
	}{
		{"garbage", "!!", byName},
		{"not JSON", "bm90IGpzb24", byName},
		{"trailing data", good + "e30", byName},
		{"other order", good, byNumber},
		{"neighbour cursor", EncodeNeighbourCursor(NeighbourKey{Type: kg.Holds}), byName},
		{"string where an integer belongs", EncodeListCursor(byNumber, []any{"x", "a", "b"}), byNumber},
		{"missing where a value must be", EncodeListCursor(byName, []any{nil, "b"}), byName},
		{"too few values", encodeCursor(cursorJSON{Kind: cursorList, Order: OrderSignature(byName), Vals: []any{"a"}}), byName},
		{"fraction", encodeCursor(cursorJSON{Kind: cursorList, Order: OrderSignature(byNumber), Vals: []any{1.5, "a", "b"}}), byNumber},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := DecodeListCursor(tc.cursor, tc.order); !errors.Is(err, ErrBadCursor) {
				t.Errorf("error %v, want ErrBadCursor", err)
			}
		})
	}
}

func TestNeighbourCursor(t *testing.T) {
	for _, k := range []NeighbourKey{
		{Type: kg.Holds, OtherKey: "actie 23", OtherID: "action:23"},
		{Type: kg.RelatesTo, OtherKey: "voorstel 2", OtherID: "proposal:2", Incoming: true},
	} {
		got, err := DecodeNeighbourCursor(EncodeNeighbourCursor(k))
		if err != nil || got != k {
			t.Errorf("round trip %+v: got %+v, %v", k, got, err)
		}
	}
	order, _ := EffectiveOrder(nil)
	for _, bad := range []string{"", "x", EncodeListCursor(order, []any{"a", "b"}),
		encodeCursor(cursorJSON{Kind: cursorNeighbour, Vals: []any{"HOLDS", "a", "b", int64(2)}})} {
		if _, err := DecodeNeighbourCursor(bad); !errors.Is(err, ErrBadCursor) {
			t.Errorf("%q: error %v, want ErrBadCursor", bad, err)
		}
	}
}

func TestNeighbourKeyCompare(t *testing.T) {
	// In order: each key comes strictly before the next.
	keys := []NeighbourKey{
		{Type: kg.Cites, OtherKey: "z", OtherID: "z"},
		{Type: kg.Holds, OtherKey: "actie 23", OtherID: "action:23"},
		{Type: kg.Holds, OtherKey: "actielijn 4", OtherID: "actielijn:4"},
		{Type: kg.Holds, OtherKey: "actielijn 4", OtherID: "actielijn:5"},
		{Type: kg.Holds, OtherKey: "actielijn 4", OtherID: "actielijn:5", Incoming: true},
	}
	for i := range keys {
		for j := range keys {
			got := keys[i].Compare(keys[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("Compare(%d, %d) = %d, want %d", i, j, got, want)
			}
		}
	}
}

// TestEncodeCursorIsJSONMarshal pins the hand-written cursor encoder to the bytes of
// json.Marshal, which both stores and every cursor handed out so far were made with.
func TestEncodeCursorIsJSONMarshal(t *testing.T) {
	tests := []cursorJSON{
		{Kind: cursorList, Order: "date:desc,id", Vals: []any{"2024-02-02", int64(257), nil, "doc:28638-257"}},
		{Kind: cursorList, Vals: []any{}},
		{Kind: cursorList, Vals: nil},
		{Kind: cursorNeighbour, Vals: []any{"HOLDS", "coördinatiecentrum", "org:<b>&\"x\"\\", int64(1)}},
		{Kind: cursorList, Order: "name", Vals: []any{"tab\there\u2028\u00e9\x7f", "\xff invalid", int64(-9007199254740993), true, 1.5}},
	}
	// Each byte the fast path must leave to json.Marshal, alone in a value.
	for _, s := range []string{"a<b", "a>b", "a&b", `a"b`, `a\b`, "a\nb", "a\x00b", "é", "\u2029", "\xfe"} {
		tests = append(tests, cursorJSON{Kind: cursorList, Order: s, Vals: []any{s}})
	}
	for _, c := range tests {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		want := base64.RawURLEncoding.EncodeToString(b)
		if got := encodeCursor(c); got != want {
			g, _ := base64.RawURLEncoding.DecodeString(got)
			t.Errorf("encodeCursor(%#v) = %s, json.Marshal gives %s", c, g, b)
		}
	}
}

// TestEncodeNeighbourCursorIsEncodeCursor: the neighbour cursor written directly is the
// cursor encodeCursor (so json.Marshal) makes of the same values, long keys too.
func TestEncodeNeighbourCursorIsEncodeCursor(t *testing.T) {
	long := strings.Repeat("coördinatiecentrum tegen mensenhandel ", 12)
	for _, k := range []NeighbourKey{
		{Type: "HOLDS", OtherKey: "comensha", OtherID: "org:comensha", Incoming: true},
		{Type: "MENTIONS", OtherKey: "", OtherID: "doc:28638-257"},
		{Type: "CITES", OtherKey: "a<b>&\"c\"", OtherID: "doc:x\\y"},
		{Type: "MEMBER_OF", OtherKey: long, OtherID: "org:" + long, Incoming: true},
	} {
		in := int64(0)
		if k.Incoming {
			in = 1
		}
		want := encodeCursor(cursorJSON{Kind: cursorNeighbour, Vals: []any{string(k.Type), k.OtherKey, k.OtherID, in}})
		if got := EncodeNeighbourCursor(k); got != want {
			t.Errorf("EncodeNeighbourCursor(%+v) = %s, want %s", k, got, want)
		}
		if back, err := DecodeNeighbourCursor(EncodeNeighbourCursor(k)); err != nil || back != k {
			t.Errorf("round trip of %+v: %+v, %v", k, back, err)
		}
	}
}

// TestListCursorsAreEncodeCursor: a list's cursors, their shared start encoded once, are
// the cursors encodeCursor (so json.Marshal) makes, whatever the start's length modulo
// three, the values, and a signature that needs escaping.
func TestListCursorsAreEncodeCursor(t *testing.T) {
	vals := [][]any{
		nil,
		{},
		{"2025-12-27", "reactie op het rapport verborgen arbeid in enschede 2016", "doc:kenmerk-4914452"},
		{int64(257), nil, "a<b>&\"c\"\\", "é\u2028", "\xff"},
		{strings.Repeat("lang ", 80), strings.Repeat("x", 200)}, // past the stack buffers
	}
	var sigs []string
	for n := range 6 { // every length modulo three, twice
		sigs = append(sigs, "date:desc"+strings.Repeat(",id", n))
	}
	sigs = append(sigs, "na<me", "")
	for _, sig := range sigs {
		c := ListCursors{signature: sig}
		if sig != "" {
			c = newListCursorsOf(sig)
		}
		for _, v := range vals {
			want := encodeCursor(cursorJSON{Kind: cursorList, Order: sig, Vals: v})
			if got := c.Encode(v); got != want {
				g, _ := base64.RawURLEncoding.DecodeString(got)
				w, _ := base64.RawURLEncoding.DecodeString(want)
				t.Errorf("signature %q, values %v: %s, want %s", sig, v, g, w)
			}
		}
	}
	// NewListCursors of real orders, decoded back.
	for _, order := range [][]Order{{{Field: "date", Desc: true}}, {{Field: "name"}}, nil} {
		c := NewListCursors(order)
		want := encodeCursor(cursorJSON{Kind: cursorList, Order: OrderSignature(order), Vals: []any{"x"}})
		if got := c.Encode([]any{"x"}); got != want {
			t.Errorf("order %v: %s, want %s", order, got, want)
		}
	}
}
