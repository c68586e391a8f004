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
	WithTotal bool
}

// Prepare validates q and resolves its defaults, filter values and cursor. Errors wrap
// ErrInvalidQuery or are ErrBadCursor.
func (q ListQuery) Prepare() (PreparedList, error) {
	p := PreparedList{Label: q.Label, First: q.First, WithTotal: q.WithTotal}
	if q.Label != "" {
		if err := CheckLabels(q.Label); err != nil {
			return p, err
		}
	}
	if err := checkFirst(q.First); err != nil {
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
	return checkFirst(q.First)
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
