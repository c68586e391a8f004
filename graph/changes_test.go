package graph_test

import (
	"strings"
	"testing"

	"beleidsgraaf/graph"
)

// TestTimeArgumentsRefuseBadInput: dates that are no dates, a period that ends before it
// starts and a page too large are refused with BAD_USER_INPUT, naming the argument.
func TestTimeArgumentsRefuseBadInput(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	for _, tc := range []struct{ name, query, wantIn string }{
		{"a month 13", `{ motions(asOf: "2024-13-01") { totalCount } }`, "is not a date"},
		{"not a date on a relation field", `{ node(id: "org:comensha") { relations(asOf: "soon") { totalCount } } }`, "is not a date"},
		{"not a date on neighbourhood", `{ neighbourhood(id: "org:comensha", asOf: "2024-02-30") { nodes { id } } }`, "is not a date"},
		{"from after to", `{ changes(from: "2024-12-31", to: "2024-01-01") { nodes { id } } }`, "must not be after"},
		{"too many", `{ changes(from: "2024-01-01", to: "2024-12-31", first: 1001) { nodes { id } } }`, "between"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := do(t, c, tc.query, nil)
			if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, tc.wantIn) {
				t.Errorf("errors %+v, want one BAD_USER_INPUT saying %q", errs, tc.wantIn)
			}
		})
	}
	// well-formed: answered, even where the fixture has no dates (nothing is in the graph then)
	var out struct {
		Changes struct{ Nodes []struct{ ID string } }
		Motions struct{ TotalCount int }
	}
	mustDo(t, c, `{ changes(from: "2024-01-01", to: "2024-12-31") { nodes { id } } motions(asOf: "2024-01-01") { totalCount } }`, &out)
	if len(out.Changes.Nodes) != 0 || out.Motions.TotalCount != 0 {
		t.Errorf("a graph without since: %+v", out)
	}
}
