package memory

import (
	"sync"

	"beleidsgraaf/store"
)

// A list's filter, once its tests on the sort key have become a range (ranges.go), is
// tested on every row of the range for totalCount: letters of a kind from a date on test
// each letter's kind, a property map lookup each (11 % of the CPU of such a list page).
// Equality tests on string properties — kind, status, dossier — are tested on a column
// instead: the property's value for every node, made once per snapshot and property when
// a filter first asks for it.

// column is one string property of every node.
type column struct {
	once sync.Once
	vals []string
	has  nodeSet // the node has the property, as a string
}

type columnCache struct {
	mu sync.Mutex
	m  map[string]*column
}

// column returns the column of property name, made on first use.
func (s *snapshot) column(name string) *column {
	s.columns.mu.Lock()
	if s.columns.m == nil {
		s.columns.m = map[string]*column{}
	}
	c, ok := s.columns.m[name]
	if !ok {
		c = &column{}
		s.columns.m[name] = c
	}
	s.columns.mu.Unlock()
	c.once.Do(func() {
		c.vals, c.has = make([]string, len(s.nodes)), newNodeSet(len(s.nodes))
		for i := range s.nodes {
			if v, ok := s.nodes[i].LookupStr(name); ok {
				c.vals[i] = v
				c.has.add(int32(i))
			}
		}
	})
	return c
}

// equalityTest is one test of an equality conjunction: the node's property, read from its
// column, is want.
type equalityTest struct {
	field string
	col   *column
	want  string
}

// equalityPart splits a filter, one test or a conjunction, into its equality tests on
// string properties but the field skip and the rest of it (nil: nothing is left to test).
func (s *snapshot) equalityPart(f *store.Filter, skip store.Field) (tests []equalityTest, rest *store.Filter) {
	if f == nil || len(f.Or) > 0 || f.Not != nil || f.Rel != nil {
		return nil, f
	}
	conj := f.And
	if f.Field != "" {
		conj = []*store.Filter{f}
	}
	var left []*store.Filter
	for _, c := range conj {
		if want, ok := c.Value.(string); ok && c.Field != skip && plainStringEquality(c) {
			tests = append(tests, equalityTest{string(c.Field), s.column(string(c.Field)), want})
		} else {
			left = append(left, c)
		}
	}
	switch {
	case len(tests) == 0:
		return nil, f
	case len(left) == 0:
		return tests, nil
	case len(left) == 1:
		return tests, left[0]
	}
	return tests, &store.Filter{And: left}
}

// passes reports whether node i passes every test.
func passes(tests []equalityTest, i int32) bool {
	for _, t := range tests {
		if !t.col.has.has(i) || t.col.vals[i] != t.want {
			return false
		}
	}
	return true
}

// equalities returns, for a filter that is one equality test on a string property or a
// conjunction of them, a test on node numbers that answers as f.Match does; nil for any
// other filter, which the caller tests with f.Match.
func (s *snapshot) equalities(f *store.Filter) func(int32) bool {
	tests, rest := s.equalityPart(f, "")
	if len(tests) == 0 || rest != nil {
		return nil
	}
	return func(i int32) bool { return passes(tests, i) }
}

// plainStringEquality reports whether f is a test that store.Filter.Match answers by
// comparing the node's property f.Field, read as a string, with f.Value: an equality on a
// field that is a plain property (not the name, ID, label or number, which Match reads
// otherwise, nor a status as of a date).
func plainStringEquality(f *store.Filter) bool {
	if f.Op != store.OpEq || f.AsOf != "" || f.Rel != nil || len(f.And) > 0 || len(f.Or) > 0 || f.Not != nil {
		return false
	}
	switch f.Field {
	case "", store.FieldName, store.FieldID, store.FieldLabel, store.FieldNumber:
		return false
	}
	return true
}
