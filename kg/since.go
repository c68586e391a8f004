package kg

// PropSince is the date from which a node or an edge is in the graph: a node from its first
// mention (a document from its own date), an edge from its earliest evidence, both by the
// dates of the documents the evidence stands in. A motion or commitment is there from its
// earliest dated status step too, when that is older: a motion submitted on 27 September
// and first mentioned in a letter of December stood in the graph of October, as its
// status(asOf:) of October says. A node or edge whose evidence stands only in undated
// documents has none: no view of the graph as of a date includes it.
const PropSince = "since"

// Since is the node's PropSince, "" when it has none.
func (n *Node) Since() string { return n.Str(PropSince) }

// Since is the edge's PropSince, "" when it has none.
func (e *Edge) Since() string { s, _ := e.Props[PropSince].(string); return s }

// StampSince sets PropSince on every node and edge of g that has dated evidence.
func StampSince(g *Graph) {
	docDate := map[string]string{}
	for _, n := range g.Nodes {
		if n.Label == Document {
			if d := n.Str(PropDate); d != "" {
				docDate[n.ID] = d
			}
		}
	}
	earliest := func(first string, evs []Evidence) string {
		for _, ev := range evs {
			if d := docDate[ev.Document]; d != "" && (first == "" || d < first) {
				first = d
			}
		}
		return first
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		since := docDate[n.ID] // a document is in the graph from its own date
		if since == "" {
			since = earliest("", n.Mentions)
			if step := firstDatedStep(n); step != "" && (since == "" || step < since) {
				since = step
			}
		}
		if since != "" {
			if n.Props == nil {
				n.Props = map[string]any{}
			}
			n.Props[PropSince] = since
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		if since := earliest("", e.Evidence); since != "" {
			if e.Props == nil {
				e.Props = map[string]any{}
			}
			e.Props[PropSince] = since
		}
	}
}

// firstDatedStep is the date of a node's earliest dated status step, "" when it has none.
func firstDatedStep(n *Node) string {
	if _, ok := n.Prop(PropStatusHistory); !ok {
		return ""
	}
	first := ""
	for _, st := range n.Steps() {
		if st.Date != "" && (first == "" || st.Date < first) {
			first = st.Date
		}
	}
	return first
}
