package store

import (
	"slices"
	"strings"

	"beleidsgraaf/kg"
)

// Match evaluates a filter made by Normalize on one node: the reference semantics that
// the Cypher translation of the Neo4j store must agree with. nameKey is NameKey(n) and
// nameKeys NameKeys(n), passed in because stores keep them precomputed. rel answers a
// relation test for n, since that needs the graph around n.
func (f *Filter) Match(n *kg.Node, nameKey string, nameKeys []string, rel func(*RelFilter) bool) bool {
	switch {
	case f == nil:
		return true
	case f.Rel != nil:
		return rel(f.Rel)
	case len(f.And) > 0:
		for _, g := range f.And {
			if !g.Match(n, nameKey, nameKeys, rel) {
				return false
			}
		}
		return true
	case len(f.Or) > 0:
		for _, g := range f.Or {
			if g.Match(n, nameKey, nameKeys, rel) {
				return true
			}
		}
		return false
	case f.Not != nil:
		return !f.Not.Match(n, nameKey, nameKeys, rel)
	case f.Field == "":
		return true
	}
	return f.compare(n, nameKey, nameKeys)
}

func (f *Filter) compare(n *kg.Node, nameKey string, nameKeys []string) bool {
	if f.AsOf != "" { // normalised: a status as of a date
		v, ok := kg.StatusAsOf(n.Steps(), f.AsOf)
		return ok && matchString(f.Op, v, f.Value)
	}
	switch f.Field {
	case FieldName:
		if f.Op == OpContains || f.Op == OpStartsWith {
			return slices.ContainsFunc(nameKeys, func(k string) bool { return matchString(f.Op, k, f.Value) })
		}
		return matchString(f.Op, nameKey, f.Value)
	case FieldID:
		return matchString(f.Op, n.ID, f.Value)
	case FieldLabel:
		return matchString(f.Op, string(n.Label), f.Value)
	case FieldNumber:
		v, ok := n.Int(string(f.Field))
		return ok && matchInt(f.Op, v, f.Value)
	}
	v, ok := n.LookupStr(string(f.Field))
	return ok && matchString(f.Op, v, f.Value)
}

func matchString(op Op, v string, want any) bool {
	switch op {
	case OpIn: // sorted by Normalize
		_, found := slices.BinarySearch(want.([]string), v)
		return found
	case OpEq:
		return v == want.(string)
	case OpContains:
		return strings.Contains(v, want.(string))
	case OpStartsWith:
		return strings.HasPrefix(v, want.(string))
	case OpGte:
		return v >= want.(string)
	case OpLte:
		return v <= want.(string)
	}
	return false
}

func matchInt(op Op, v int64, want any) bool {
	switch op {
	case OpIn:
		_, found := slices.BinarySearch(want.([]int64), v)
		return found
	case OpEq:
		return v == want.(int64)
	case OpGte:
		return v >= want.(int64)
	case OpLte:
		return v <= want.(int64)
	}
	return false
}
