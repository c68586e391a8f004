package graph

import "beleidsgraaf/graph/model"

// Every connection pages both ways (Relay's cursor connections): forward with first and
// after, backward with last and before, on keyset cursors the store makes. A page goes
// one way: a mix is refused, as the stores refuse it.

// pageArgs are a connection field's paging arguments as given; nil: not given (or null).
type pageArgs struct {
	first  *int
	after  *string
	last   *int
	before *string
}

// window is a checked page: n items after cursor, or, backward, the n items before it
// (before the end when cursor is "").
type window struct {
	n         int
	cursor    string
	backward  bool
	hasCursor bool // a cursor was given: items lie beyond it in the other direction
}

// window checks the arguments against a default and a maximum page size.
func (a pageArgs) window(def, max int) (window, error) {
	forward, backward := a.first != nil || a.after != nil, a.last != nil || a.before != nil
	if forward && backward {
		return window{}, inputErrorf("a page goes forward (first, after) or backward (last, before), not both")
	}
	if backward {
		n, err := sizeArg("last", a.last, def, max)
		return window{n: n, cursor: deref(a.before), backward: true, hasCursor: a.before != nil}, err
	}
	n, err := sizeArg("first", a.first, def, max)
	return window{n: n, cursor: deref(a.after), hasCursor: a.after != nil}, err
}

// trim cuts a page the store answered with one item more than asked (which says whether
// more lie beyond it) to the window and returns whether more do.
func trim[T any](w window, items []T) ([]T, bool) {
	if len(items) <= w.n {
		return items, false
	}
	if w.backward { // the extra item is the first: the furthest from the cursor
		return items[len(items)-w.n:], true
	}
	return items[:w.n], true
}

// pageInfo is the PageInfo of a page of w with these item cursors, more saying whether
// items lie beyond the page in the direction of paging.
func (w window) pageInfo(cursors []string, more bool) *model.PageInfo {
	next, previous := w.beyond(more)
	return model.NewPageInfo(cursors, next, previous)
}

// beyond says whether items lie after and before a page of w, more saying whether they
// lie beyond it in the direction of paging: in the other, there are when it pages from a
// cursor.
func (w window) beyond(more bool) (next, previous bool) {
	if w.backward {
		return w.hasCursor, more
	}
	return more, w.hasCursor
}
