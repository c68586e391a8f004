package store

import (
	"cmp"
	"fmt"
	"strings"

	"beleidsgraaf/kg"
)

// DefaultOrder is the order of a list that asks for none: name key, then ID.
var DefaultOrder = []Order{{Field: FieldName}, {Field: FieldID}}

// EffectiveOrder validates a list order and completes it into a total order: the given
// fields, then name key ascending unless name is among them, then ID ascending unless ID is
// among them. Fields after ID are dropped, since IDs are unique and nothing after them can
// matter. A field given twice, or one that cannot be ordered by, is ErrInvalidQuery.
//
// Tie-breaks are ascending even in a descending list, so that "newest first" lists equal
// dates in name order, the order a reader expects.
func EffectiveOrder(order []Order) ([]Order, error) {
	out := make([]Order, 0, len(order)+2)
	seen := map[Field]bool{}
	for _, o := range order {
		s, err := spec(o.Field)
		if err != nil {
			return nil, err
		}
		if !s.order {
			return nil, fmt.Errorf("%w: cannot order by %q", ErrInvalidQuery, o.Field)
		}
		if seen[o.Field] {
			return nil, fmt.Errorf("%w: field %q ordered by twice", ErrInvalidQuery, o.Field)
		}
		seen[o.Field] = true
		out = append(out, o)
		if o.Field == FieldID {
			return out, nil
		}
	}
	if !seen[FieldName] {
		out = append(out, Order{Field: FieldName})
	}
	return append(out, Order{Field: FieldID}), nil
}

// OrderSignature names an effective order, e.g. "date:desc,name,id". Cursors carry it so
// that a cursor is only accepted by a list in the same order.
func OrderSignature(order []Order) string {
	return string(AppendOrderSignature(make([]byte, 0, 32), order))
}

// AppendOrderSignature appends OrderSignature(order) to dst.
func AppendOrderSignature(dst []byte, order []Order) []byte {
	for i, o := range order {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, o.Field...)
		if o.Desc {
			dst = append(dst, ":desc"...)
		}
	}
	return dst
}

// SortValues are a node's values for an effective order: one per field, each a string,
// an int64, or nil where the property is missing or of another kind. nameKey is
// NameKey(n) and degree its degree, passed in because stores keep them precomputed.
func SortValues(order []Order, n *kg.Node, nameKey string, degree int) []any {
	vals := make([]any, len(order))
	for i, o := range order {
		vals[i] = SortValue(o.Field, n, nameKey, degree)
	}
	return vals
}

// SortValue is one of SortValues. A property's value is returned as the node holds it, not
// boxed again: a list's binary searches read thousands of them.
func SortValue(f Field, n *kg.Node, nameKey string, degree int) any {
	switch f {
	case FieldID:
		return n.ID
	case FieldName:
		return nameKey
	case FieldDegree:
		return int64(degree)
	}
	v, _ := n.Prop(string(f))
	switch v.(type) {
	case int64:
		if f == FieldNumber {
			return v
		}
	case string:
		if f != FieldNumber {
			return v
		}
	}
	return nil
}

// CompareSortValues compares two rows' SortValues under an effective order: negative when
// a comes first. A missing value (nil) comes after every present value whatever the
// direction, and equals another missing value; strings compare bytewise, which is code
// point order and, for the folded keys and ISO dates stored here, also Neo4j's order.
func CompareSortValues(order []Order, a, b []any) int {
	for i, o := range order {
		if c := compareValue(a[i], b[i], o.Desc); c != 0 {
			return c
		}
	}
	return 0
}

func compareValue(a, b any, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	var c int
	switch x := a.(type) {
	case string:
		c = strings.Compare(x, b.(string))
	case int64:
		c = cmp.Compare(x, b.(int64))
	}
	if desc {
		return -c
	}
	return c
}
