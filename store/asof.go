package store

// ExistsAsOf reports whether a node or edge whose since date (kg.Node.Since, kg.Edge.Since)
// is since is in the graph on the date asOf (yyyy-mm-dd): since is set and on or before
// it. An empty asOf is every date: everything exists. A node or edge without a since (only
// undated documents state it) is in no view as of a date.
func ExistsAsOf(since, asOf string) bool {
	return asOf == "" || since != "" && since <= asOf
}
