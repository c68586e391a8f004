package store

import "beleidsgraaf/kg"

// ExistsAsOf reports whether a node or edge with these properties is in the graph on the
// date asOf (yyyy-mm-dd): its kg.PropSince is set and on or before it. An empty asOf is
// every date: everything exists. A node or edge without a since (only undated documents
// state it) is in no view as of a date.
func ExistsAsOf(props map[string]any, asOf string) bool {
	if asOf == "" {
		return true
	}
	s, _ := props[kg.PropSince].(string)
	return s != "" && s <= asOf
}
