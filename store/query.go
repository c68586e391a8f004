package store

import (
	"fmt"

	"beleidsgraaf/kg"
)

// PreparedList is a ListQuery checked and made explicit, the same way for every store.
type PreparedList struct {
	Label     kg.Label // "" for every label
	Where     *Filter  // normalised (Normalize); nil matches all
	Order     []Order  // effective (EffectiveOrder)
	After     []any    // sort values of the After cursor; nil for the first page
	First     int      // 0: no limit
	Backward  bool     // the page is the Last rows before Before
	Before    []any    // sort values of the Before cursor; nil: from the end
	Last      int      // 0: no limit
	WithTotal bool
	NoCursors bool // the page's cursors are not made
}

// Prepare validates q and resolves its defaults, filter values and cursor. Errors wrap
// ErrInvalidQuery or are ErrBadCursor.
func (q ListQuery) Prepare() (PreparedList, error) {
	p := PreparedList{Label: q.Label, First: q.First, Last: q.Last, Backward: q.Backward(), WithTotal: q.WithTotal, NoCursors: q.NoCursors}
	if q.Label != "" {
		if err := CheckLabels(q.Label); err != nil {
			return p, err
		}
	}
	if err := checkPage(q.First, q.After, q.Last, q.Before); err != nil {
		return p, err
	}
	var err error
	if p.Where, err = q.Where.Normalize(); err != nil {
		return p, err
	}
	if p.Order, err = EffectiveOrder(q.Order); err != nil {
		return p, err
	}
	if q.After != "" {
		if p.After, err = DecodeListCursor(q.After, p.Order); err != nil {
			return p, err
		}
	}
	if q.Before != "" {
		if p.Before, err = DecodeListCursor(q.Before, p.Order); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Validate checks labels, types, direction and First.
func (q NeighbourQuery) Validate() error {
	if err := CheckTypes(q.Types); err != nil {
		return err
	}
	if err := CheckLabels(q.OtherLabels...); err != nil {
		return err
	}
	if err := CheckDirection(q.Direction); err != nil {
		return err
	}
	return checkPage(q.First, q.After, q.Last, q.Before)
}

// Validate checks labels and First.
func (q SearchQuery) Validate() error {
	if err := CheckLabels(q.Labels...); err != nil {
		return err
	}
	return checkFirst(q.First)
}

// Validate checks types and Limit.
func (q SubgraphQuery) Validate() error {
	if err := CheckTypes(q.Types); err != nil {
		return err
	}
	if q.Limit < 0 {
		return fmt.Errorf("%w: negative limit", ErrInvalidQuery)
	}
	return nil
}

func checkFirst(first int) error {
	if first < 0 {
		return fmt.Errorf("%w: negative first", ErrInvalidQuery)
	}
	return nil
}

// checkPage checks the page of a list or neighbour query: sizes not negative, and one
// direction only.
func checkPage(first int, after string, last int, before string) error {
	if err := checkFirst(first); err != nil {
		return err
	}
	if last < 0 {
		return fmt.Errorf("%w: negative last", ErrInvalidQuery)
	}
	if (first > 0 || after != "") && (last > 0 || before != "") {
		return fmt.Errorf("%w: a page goes forward (first, after) or backward (last, before), not both", ErrInvalidQuery)
	}
	return nil
}
