package graph_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/graph"
)

// pageJSON is a connection page as the API answers it.
type pageJSON struct {
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

func (p pageJSON) ids() []string {
	out := []string{}
	for _, e := range p.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

// walkConnection pages through a connection both ways with page size size: forward with
// first/after, backward with last/before from the end. It checks pageInfo on every page
// and returns the IDs of each walk in list order.
func walkConnection(t *testing.T, c *client.Client, query string, get func(map[string]any) pageJSON, size int) (forward, backward []string) {
	t.Helper()
	walk := func(sizeArg, cursorArg string, backward bool) [][]string {
		t.Helper()
		var pages [][]string
		cursor := ""
		for i := 0; i <= 50; i++ {
			args := fmt.Sprintf("%s: %d", sizeArg, size)
			if cursor != "" {
				args += fmt.Sprintf(", %s: %q", cursorArg, cursor)
			}
			var data map[string]any
			mustDo(t, c, fmt.Sprintf(query, args), &data)
			p := get(data)
			pages = append(pages, p.ids())
			checkEnds(t, p)
			more, cursorGiven, next := p.PageInfo.HasNextPage, p.PageInfo.HasPreviousPage, p.PageInfo.EndCursor
			if backward {
				more, cursorGiven, next = p.PageInfo.HasPreviousPage, p.PageInfo.HasNextPage, p.PageInfo.StartCursor
			}
			if cursorGiven != (i > 0) {
				t.Errorf("%s page %d: pageInfo %+v", sizeArg, i, p.PageInfo)
			}
			if !more {
				break
			}
			cursor = *next
		}
		return pages
	}
	for _, p := range walk("first", "after", false) {
		forward = append(forward, p...)
	}
	pages := walk("last", "before", true)
	for i := len(pages) - 1; i >= 0; i-- {
		backward = append(backward, pages[i]...)
	}
	return forward, backward
}

// checkEnds: startCursor and endCursor are the first and the last edge's cursor.
func checkEnds(t *testing.T, p pageJSON) {
	t.Helper()
	if len(p.Edges) == 0 {
		if p.PageInfo.StartCursor != nil || p.PageInfo.EndCursor != nil {
			t.Errorf("empty page with cursors: %+v", p.PageInfo)
		}
		return
	}
	if p.PageInfo.StartCursor == nil || *p.PageInfo.StartCursor != p.Edges[0].Cursor ||
		p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor {
		t.Errorf("startCursor/endCursor are not the first and last edge's cursors: %+v", p.PageInfo)
	}
}

func field(data map[string]any, path ...string) pageJSON {
	var v any = data
	for _, k := range path {
		v = v.(map[string]any)[k]
	}
	var p pageJSON
	remarshal(v, &p)
	return p
}

// TestPagingBothWays walks top-level lists in every order and relation connections at
// every page size, forward and backward: each walk yields the whole list, no gap, no
// duplicate, with hasNextPage, hasPreviousPage, startCursor and endCursor right.
func TestPagingBothWays(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var lists []struct{ name, query string }
	for _, f := range []string{"ID", "NAME", "DATE", "NUMBER", "DEGREE"} {
		for _, dir := range []string{"ASC", "DESC"} {
			for _, l := range []string{"organisations", "documents", "actielijnen", "motions"} {
				lists = append(lists, struct{ name, query string }{l + " " + f + " " + dir,
					`{ l: ` + l + `(%s, orderBy: [{field: ` + f + `, direction: ` + dir + `}]) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`})
			}
		}
	}
	lists = append(lists,
		struct{ name, query string }{"relations of J&V", `{ l: node(id: "org:jenv") { ... on Organisation { c: relations(%s) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`},
		struct{ name, query string }{"holdersConnection", `{ l: node(id: "actielijn:6") { ... on Actielijn { c: holdersConnection(%s) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`},
		struct{ name, query string }{"submittersConnection", `{ l: node(id: "motion:28638-224") { ... on Motion { c: submittersConnection(%s) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`},
	)
	for _, tc := range lists {
		get := func(d map[string]any) pageJSON {
			if c, ok := d["l"].(map[string]any)["c"]; ok {
				var p pageJSON
				remarshal(c, &p)
				return p
			}
			return field(d, "l")
		}
		all, _ := walkConnection(t, c, tc.query, get, 500)
		if len(all) < 2 {
			t.Fatalf("%s: %d items: too few to test paging", tc.name, len(all))
		}
		for size := 1; size <= len(all)+1; size++ {
			fwd, back := walkConnection(t, c, tc.query, get, size)
			if !slices.Equal(fwd, all) {
				t.Errorf("%s, pages of %d forward: %v, want %v", tc.name, size, fwd, all)
			}
			if !slices.Equal(back, all) {
				t.Errorf("%s, pages of %d backward: %v, want %v", tc.name, size, back, all)
			}
		}
	}
}

func TestPagingArgumentsRefused(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	for _, tc := range []struct{ name, query, code, message string }{
		{"first and last", `{ organisations(first: 1, last: 1) { edges { cursor } } }`, graph.CodeBadUserInput, "not both"},
		{"after and before", `{ organisations(after: "x", before: "y") { edges { cursor } } }`, graph.CodeBadUserInput, "not both"},
		{"first and before on a relation", `{ node(id: "org:jenv") { ... on Organisation { holds(first: 1, before: "x") { edges { cursor } } } } }`, graph.CodeBadUserInput, "not both"},
		{"last too large", `{ organisations(last: 1001) { edges { cursor } } }`, graph.CodeBadUserInput, "last must be between 0 and 1000"},
		{"negative last on a relation", `{ node(id: "org:jenv") { ... on Organisation { holds(last: -1) { edges { cursor } } } } }`, graph.CodeBadUserInput, "last must be between 0 and 500"},
		{"a bad before cursor", `{ organisations(last: 1, before: "nonsense") { edges { cursor } } }`, graph.CodeBadCursor, "cursor"},
		{"a list cursor as before of a relation", `{ node(id: "org:jenv") { ... on Organisation { holds(before: "eyJrIjoibCIsInYiOltdfQ") { edges { cursor } } } } }`, graph.CodeBadCursor, "cursor"},
	} {
		errs := do(t, c, tc.query, nil)
		if len(errs) != 1 || errs[0].Extensions["code"] != tc.code || !strings.Contains(errs[0].Message, tc.message) {
			t.Errorf("%s: %+v, want one %s error saying %q", tc.name, errs, tc.code, tc.message)
		}
	}
	// last: 0 says whether any items exist, as first: 0 does.
	var d struct {
		Organisations pageJSON
	}
	mustDo(t, c, `{ organisations(last: 0) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, &d)
	if len(d.Organisations.Edges) != 0 || !d.Organisations.PageInfo.HasPreviousPage || d.Organisations.PageInfo.HasNextPage {
		t.Errorf("last: 0: %+v", d.Organisations)
	}
}

// remarshal decodes a value of a decoded JSON answer into out.
func remarshal(v any, out any) {
	b, _ := json.Marshal(v)
	_ = json.Unmarshal(b, out)
}
