package store

import (
	"fmt"
	"slices"
	"time"

	"beleidsgraaf/kg"
)

// Normalize checks a filter against the contract and returns a copy ready to evaluate:
// FieldName values folded with kg.Fold, integers as int64 and []int64, IN lists as
// []string or []int64. Both stores evaluate the normalised copy, so that "Coördinatie",
// int(4) and []int{4} mean the same everywhere. A nil filter stays nil. Errors wrap
// ErrInvalidQuery.
func (f *Filter) Normalize() (*Filter, error) {
	if f == nil {
		return nil, nil
	}
	set := 0
	if f.Field != "" || f.Op != "" || f.Value != nil {
		set++
	}
	if f.Rel != nil {
		set++
	}
	if len(f.And) > 0 {
		set++
	}
	if len(f.Or) > 0 {
		set++
	}
	if f.Not != nil {
		set++
	}
	if set > 1 {
		return nil, fmt.Errorf("%w: a filter sets exactly one of a comparison, rel, and, or, not", ErrInvalidQuery)
	}
	out := &Filter{}
	var err error
	switch {
	case f.Rel != nil:
		out.Rel, err = f.Rel.normalize()
	case len(f.And) > 0:
		out.And, err = normalizeAll(f.And)
	case len(f.Or) > 0:
		out.Or, err = normalizeAll(f.Or)
	case f.Not != nil:
		out.Not, err = f.Not.Normalize()
		if err == nil && out.Not == nil {
			out.Not = &Filter{}
		}
	case set == 1:
		out.Field, out.Op = f.Field, f.Op
		out.Value, err = normalizeValue(f.Field, f.Op, f.Value)
		if err == nil && f.AsOf != "" {
			out.AsOf, err = normalizeAsOf(f.Field, f.AsOf)
		}
	}
	if f.AsOf != "" && f.Field == "" && err == nil {
		err = fmt.Errorf("%w: asOf is set on a filter that compares no field", ErrInvalidQuery)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func normalizeAll(fs []*Filter) ([]*Filter, error) {
	out := make([]*Filter, 0, len(fs))
	for _, f := range fs {
		n, err := f.Normalize()
		if err != nil {
			return nil, err
		}
		if n == nil {
			n = &Filter{}
		}
		out = append(out, n)
	}
	return out, nil
}

func (r *RelFilter) normalize() (*RelFilter, error) {
	if err := CheckTypes(r.Types); err != nil {
		return nil, err
	}
	if err := CheckDirection(r.Direction); err != nil {
		return nil, err
	}
	other, err := r.Other.Normalize()
	if err != nil {
		return nil, err
	}
	dir := r.Direction
	if dir == "" {
		dir = Both
	}
	if r.AsOf != "" {
		if _, err := time.Parse(time.DateOnly, r.AsOf); err != nil {
			return nil, fmt.Errorf("%w: asOf %q is not a date (yyyy-mm-dd)", ErrInvalidQuery, r.AsOf)
		}
	}
	return &RelFilter{Types: slices.Clone(r.Types), Direction: dir, Other: other, AsOf: r.AsOf}, nil
}

func normalizeValue(field Field, op Op, v any) (any, error) {
	sp, err := spec(field)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(sp.ops, op) {
		return nil, fmt.Errorf("%w: field %q does not support %q", ErrInvalidQuery, field, op)
	}
	bad := func() error { // made only when wanted: two a filtered list, every request
		return fmt.Errorf("%w: field %q %s needs %s", ErrInvalidQuery, field, op, valueKind(sp.integer, op == OpIn))
	}
	if op == OpIn {
		var out any
		var ok bool
		if sp.integer {
			out, ok = intList(v)
		} else {
			var l []string
			l, ok = stringList(v)
			for i := range l {
				if l[i], err = normalizeString(field, l[i]); err != nil {
					return nil, err
				}
			}
			out = l
		}
		if !ok {
			return nil, bad()
		}
		// Sorted and without repeats, so that a node is tested by binary search.
		switch l := out.(type) {
		case []string:
			slices.Sort(l)
			out = slices.Compact(l)
		case []int64:
			slices.Sort(l)
			out = slices.Compact(l)
		}
		return out, nil
	}
	if sp.integer {
		n, ok := intValue(v)
		if !ok {
			return nil, bad()
		}
		return n, nil
	}
	s, ok := v.(string)
	if l, isLabel := v.(kg.Label); isLabel {
		s, ok = string(l), true
	}
	if !ok {
		return nil, bad()
	}
	return normalizeString(field, s)
}

func normalizeString(field Field, s string) (string, error) {
	switch field {
	case FieldName:
		return kg.Fold(s), nil
	case FieldLabel:
		if !kg.Label(s).Valid() {
			return "", fmt.Errorf("%w: unknown label %q", ErrInvalidQuery, s)
		}
	}
	return s, nil
}

func valueKind(integer, list bool) string {
	switch {
	case integer && list:
		return "a list of integers"
	case integer:
		return "an integer"
	case list:
		return "a list of strings"
	}
	return "a string"
}

func intValue(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

func intList(v any) ([]int64, bool) {
	switch x := v.(type) {
	case []int64:
		return slices.Clone(x), true
	case []int:
		out := make([]int64, len(x))
		for i, n := range x {
			out[i] = int64(n)
		}
		return out, true
	}
	return nil, false
}

func stringList(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return slices.Clone(x), true
	case []kg.Label:
		out := make([]string, len(x))
		for i, l := range x {
			out[i] = string(l)
		}
		return out, true
	}
	return nil, false
}

// normalizeAsOf checks a comparison's AsOf: a status compared as of a valid date.
func normalizeAsOf(field Field, asOf string) (string, error) {
	if field != FieldStatus {
		return "", fmt.Errorf("%w: field %q cannot be compared as of a date (only %q)", ErrInvalidQuery, field, FieldStatus)
	}
	if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return "", fmt.Errorf("%w: asOf %q is not a date (yyyy-mm-dd)", ErrInvalidQuery, asOf)
	}
	return asOf, nil
}

// DatedSteps are a node's dated status steps in their order (kg.SortSteps: by date), each
// as "yyyy-mm-dd STATUS": what a store that cannot decode the history in a query (Neo4j)
// keeps to compare a status as of a date (Filter.AsOf). nil when the node has none.
func DatedSteps(n *kg.Node) []string {
	if _, ok := n.Prop(kg.PropStatusHistory); !ok {
		return nil
	}
	var out []string
	for _, s := range n.Steps() {
		if s.Date != "" {
			out = append(out, s.Date+" "+s.Status)
		}
	}
	return out
}
