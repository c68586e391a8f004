package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

func TestLookupAliasesAndAccents(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	for _, name := range []string{"CoMensha", "comensha", "Coordinatiecentrum tegen Mensenhandel", "COÖRDINATIECENTRUM TEGEN MENSENHANDEL"} {
		var resp struct {
			Organisation *struct{ ID, Name string }
		}
		mustDo(t, c, `query($n: String!) { organisation(name: $n) { id name } }`, &resp, client.Var("n", name))
		if resp.Organisation == nil || resp.Organisation.ID != "org:comensha" {
			t.Errorf("organisation(%q) = %+v, want org:comensha", name, resp.Organisation)
		}
	}
	var resp struct {
		CKM       struct{ ID, Abbreviation string }
		Alias     struct{ ID string }
		Person    struct{ ID, Name string }
		Party     struct{ ID string }
		Nobody    *struct{ ID string }
		Lookup    []struct{ ID, Label string }
		Actielijn struct {
			Number int
			Title  string
		}
	}
	mustDo(t, c, `{
		CKM: organisation(name: "ckm") { id abbreviation }
		Alias: organisation(name: "Centrum Kinderhandel en Mensenhandel") { id }
		Person: person(name: "yesilgoz zegerius") { id name }
		Party: party(name: "christenunie") { id }
		Nobody: organisation(name: "Nobody at all") { id }
		Lookup: lookup(label: Organisation, name: "JENV") { id label }
		Actielijn: actielijn(number: 6) { number title }
	}`, &resp)
	if resp.CKM.ID != "org:ckm" || resp.CKM.Abbreviation != "CKM" || resp.Alias.ID != "org:ckm" {
		t.Errorf("CKM lookups: %+v %+v", resp.CKM, resp.Alias)
	}
	if resp.Person.ID != "person:yesilgoz" || resp.Person.Name != "Yeşilgöz-Zegerius" {
		t.Errorf("person: %+v", resp.Person)
	}
	if resp.Party.ID != "party:cu" || resp.Nobody != nil {
		t.Errorf("party %+v, nobody %+v", resp.Party, resp.Nobody)
	}
	if len(resp.Lookup) != 1 || resp.Lookup[0].ID != "org:jenv" || resp.Lookup[0].Label != "Organisation" {
		t.Errorf("lookup: %+v", resp.Lookup)
	}
	if resp.Actielijn.Number != 6 || resp.Actielijn.Title != "Aanpak van loverboys" {
		t.Errorf("actielijn: %+v", resp.Actielijn)
	}
}

func TestNodeInterfaceAndProperties(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var resp struct {
		Node struct {
			Typename   string `json:"__typename"`
			ID, Label  string
			Kind       string
			Date       string
			Citation   string
			SourceFile string
			Dossier    string
			Number     int
			Kenmerk    string
			Motion     struct{ ID string }
		}
		Nodes  []*struct{ ID string }
		Doc    struct{ ID string }
		Motion struct {
			Name           string
			Dossier        string
			Number         int
			Citation       string
			DateSubmitted  string
			DateAdopted    string
			Status         string
			Request        string
			CoSigned       bool
			SubmitterNames []string
			Document       struct{ ID, Kind string }
		}
		Action struct {
			Budget      []struct{ Year, Euro int }
			BudgetTotal int
		}
	}
	mustDo(t, c, `{
		node(id: "doc:28638-257") { __typename id label ... on Document { kind date citation sourceFile dossier number kenmerk motion { id } } }
		nodes(ids: ["org:fier", "org:nope", "actielijn:4"]) { id }
		Doc: document(dossier: "28638", number: 260) { id }
		motion(dossier: "28638", number: 224) { name dossier number citation dateSubmitted dateAdopted status request coSigned submitterNames document { id kind } }
		action(number: 17) { budget { year euro } budgetTotal }
	}`, &resp)
	n := resp.Node
	if n.Typename != "Document" || n.Label != "Document" || n.Kind != "LETTER" || n.Date != "2024-02-02" ||
		n.Citation != "Kamerstuk 28 638, nr. 257" || n.SourceFile != "257.txt" || n.Dossier != "28 638" || n.Number != 257 || n.Kenmerk != "5123456" {
		t.Errorf("node: %+v", n)
	}
	if n.Motion.ID != "" {
		t.Errorf("a letter is no motion: %+v", n.Motion)
	}
	if len(resp.Nodes) != 3 || resp.Nodes[0].ID != "org:fier" || resp.Nodes[1] != nil || resp.Nodes[2].ID != "actielijn:4" {
		t.Errorf("nodes: %+v", resp.Nodes)
	}
	if resp.Doc.ID != "doc:28638-260" {
		t.Errorf("document by dossier: %+v", resp.Doc)
	}
	m := resp.Motion
	if m.Name != "motie-Mutluer c.s." || m.Citation != "Kamerstuk 28 638, nr. 224" || m.Status != "ADOPTED" ||
		m.DateSubmitted != "2023-09-27" || m.DateAdopted != "2023-10-03" || !m.CoSigned ||
		!slices.Equal(m.SubmitterNames, []string{"Mutluer", "Bikker"}) || m.Document.ID != "doc:28638-224" || m.Document.Kind != "MOTION" {
		t.Errorf("motion: %+v", m)
	}
	if len(resp.Action.Budget) != 2 || resp.Action.Budget[1].Year != 2025 || resp.Action.Budget[1].Euro != 150000 || resp.Action.BudgetTotal != 250000 {
		t.Errorf("budget: %+v", resp.Action)
	}
}

type pageResp struct {
	Organisations struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct{ ID string }
		}
		PageInfo struct {
			HasNextPage     bool
			HasPreviousPage bool
			EndCursor       string
		}
	}
}

func (p pageResp) ids() []string {
	var out []string
	for _, e := range p.Organisations.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

func TestConnectionPaginationAndTotalCount(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	q := `query($after: String) { organisations(first: 2, after: $after, orderBy: {field: ID}) {
		totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`
	var all []string
	var after any
	for page := 0; ; page++ {
		var resp pageResp
		mustDo(t, c, q, &resp, client.Var("after", after))
		if resp.Organisations.TotalCount != 5 {
			t.Errorf("totalCount = %d, want 5", resp.Organisations.TotalCount)
		}
		if got := resp.Organisations.PageInfo.HasPreviousPage; got != (page > 0) {
			t.Errorf("page %d: hasPreviousPage = %v", page, got)
		}
		all = append(all, resp.ids()...)
		if !resp.Organisations.PageInfo.HasNextPage {
			break
		}
		if n := len(resp.Organisations.Edges); n != 2 {
			t.Fatalf("page %d has %d edges", page, n)
		}
		after = resp.Organisations.PageInfo.EndCursor
		if resp.Organisations.Edges[1].Cursor != after {
			t.Errorf("endCursor %v is not the last edge's cursor", after)
		}
	}
	want := []string{"org:ckm", "org:comensha", "org:fier", "org:jenv", "org:politie"}
	if !slices.Equal(all, want) {
		t.Errorf("paged ids = %v, want %v", all, want)
	}

	// totalCount is only computed when selected.
	cs.reset()
	mustDo(t, c, `{ organisations(first: 1) { edges { node { id } } } }`, &pageResp{})
	if len(cs.lists) != 1 || cs.lists[0].WithTotal {
		t.Errorf("list without totalCount: %+v", cs.lists)
	}
	cs.reset()
	var resp pageResp
	mustDo(t, c, `{ organisations { totalCount } }`, &resp)
	if len(cs.lists) != 1 || !cs.lists[0].WithTotal || resp.Organisations.TotalCount != 5 {
		t.Errorf("list with totalCount: %+v, total %d", cs.lists, resp.Organisations.TotalCount)
	}

	// first: 0 returns no edges but says whether there are any.
	mustDo(t, c, `{ organisations(first: 0) { edges { node { id } } pageInfo { hasNextPage } } }`, &resp)
	if len(resp.Organisations.Edges) != 0 || !resp.Organisations.PageInfo.HasNextPage {
		t.Errorf("first 0: %+v", resp.Organisations)
	}
}

// A list reads its cursors from the store only when the query shows one, however it
// selects it: by alias, in a fragment, in pageInfo, under @skip.
func TestListReadsCursorsOnlyWhenSelected(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	var ref pageResp
	mustDo(t, c, `{ organisations(first: 2, orderBy: {field: ID}) { edges { cursor } pageInfo { startCursor endCursor } } }`, &ref)
	if len(ref.Organisations.Edges) != 2 {
		t.Fatalf("reference page: %+v", ref.Organisations)
	}
	first, last := ref.Organisations.Edges[0].Cursor, ref.Organisations.Edges[1].Cursor
	const list = `organisations(first: 2, orderBy: {field: ID})`
	cases := []struct {
		name, query string
		cursors     []string // the cursors the answer must show, in order
		reads       bool     // the store is asked for cursors
	}{
		{"nodes only", `{ ` + list + ` { edges { node { id } } } }`, nil, false},
		{"totalCount and hasNextPage", `{ ` + list + ` { totalCount pageInfo { hasNextPage hasPreviousPage } } }`, nil, false},
		{"edge cursors", `{ ` + list + ` { edges { cursor } } }`, []string{first, last}, true},
		{"edge cursors by alias", `{ ` + list + ` { edges { c: cursor } } }`, []string{first, last}, true},
		{"endCursor alone", `{ ` + list + ` { pageInfo { endCursor } } }`, []string{last}, true},
		{"startCursor alone", `{ ` + list + ` { pageInfo { startCursor } } }`, []string{first}, true},
		{"cursor in a fragment of a fragment", `{ ` + list + ` { ...C } } fragment C on OrganisationConnection { edges { ...E } } fragment E on OrganisationEdge { cursor }`, []string{first, last}, true},
		{"cursor in an inline fragment", `{ ` + list + ` { edges { ... on OrganisationEdge { cursor } } } }`, []string{first, last}, true},
		{"one alias without, one with", `{ a: ` + list + ` { edges { node { id } } } b: ` + list + ` { pageInfo { endCursor } } }`, []string{last}, true},
		{"skipped cursor: read, not shown", `{ ` + list + ` { edges { node { id } cursor @skip(if: true) } } }`, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs.reset()
			resp, err := c.RawPost(tc.query)
			if err != nil || len(resp.Errors) > 0 {
				t.Fatalf("%v %s", err, resp.Errors)
			}
			answer, _ := json.Marshal(resp.Data)
			var shown []string
			for _, m := range regexp.MustCompile(`"(?:c|cursor|startCursor|endCursor)":("[^"]*"|null)`).FindAllSubmatch(answer, -1) {
				var cur string
				if err := json.Unmarshal(m[1], &cur); err != nil || cur == "" {
					t.Errorf("a cursor shown as %s", m[1])
				}
				shown = append(shown, cur)
			}
			if !slices.Equal(shown, tc.cursors) {
				t.Errorf("cursors shown %q, want %q (answer %s)", shown, tc.cursors, answer)
			}
			reads := false
			for _, q := range cs.lists {
				reads = reads || !q.NoCursors
			}
			if len(cs.lists) == 0 || reads != tc.reads {
				t.Errorf("store asked for cursors: %v, want %v (%+v)", reads, tc.reads, cs.lists)
			}
		})
	}
}

func TestFiltersAndOrder(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	ids := func(q string) []string {
		t.Helper()
		var resp map[string]struct {
			Edges []struct{ Node struct{ ID string } }
		}
		mustDo(t, c, q, &resp)
		var out []string
		for _, conn := range resp {
			for _, e := range conn.Edges {
				out = append(out, e.Node.ID)
			}
		}
		return out
	}
	cases := []struct {
		query string
		want  []string
	}{
		{`{ documents(where: {date: {gte: "2024-01-01", lte: "2024-12-31"}}, orderBy: {field: DATE, direction: DESC}) { edges { node { id } } } }`,
			[]string{"doc:28638-260", "doc:28638-257"}},
		{`{ documents(where: {kind: {in: [MOTION, REFERENCE]}}, orderBy: {field: ID}) { edges { node { id } } } }`,
			[]string{"doc:28638-224", "doc:35300-25"}},
		{`{ documents(where: {dossier: {eq: "28638"}, number: {gte: 250}}, orderBy: {field: NUMBER}) { edges { node { id } } } }`,
			[]string{"doc:28638-257", "doc:28638-260"}},
		{`{ organisations(where: {name: {contains: "mensenhandel"}}, orderBy: {field: ID}) { edges { node { id } } } }`,
			[]string{"org:ckm", "org:comensha"}},
		{`{ organisations(where: {OR: [{name: {startsWith: "fier"}}, {id: {eq: "org:politie"}}]}, orderBy: {field: ID}) { edges { node { id } } } }`,
			[]string{"org:fier", "org:politie"}},
		{`{ organisations(where: {NOT: {id: {in: ["org:ckm", "org:comensha", "org:fier"]}}}, orderBy: {field: ID, direction: DESC}) { edges { node { id } } } }`,
			[]string{"org:politie", "org:jenv"}},
		{`{ organisations(where: {related: {types: [HOLDS], direction: OUT, other: {id: {eq: "actielijn:6"}}}}, orderBy: {field: ID}) { edges { node { id } } } }`,
			[]string{"org:comensha", "org:fier"}},
		{`{ organisations(where: {related: {types: [HOLDS, EXECUTES], direction: OUT, other: {label: {eq: Action}}}}, orderBy: {field: DEGREE, direction: DESC}) { edges { node { id } } } }`,
			[]string{"org:jenv", "org:comensha", "org:politie"}},
		{`{ actielijnen(where: {number: {lte: 6}}, orderBy: {field: NUMBER, direction: DESC}) { edges { node { id } } } }`,
			[]string{"actielijn:6", "actielijn:4"}},
		{`{ motions(where: {status: {eq: ADOPTED}}) { edges { node { id } } } }`,
			[]string{"motion:28638-224"}},
		{`{ persons(where: {kind: {eq: MP}, AND: [{related: {types: [SUBMITTED], other: {id: {eq: "motion:28638-233"}}}}]}) { edges { node { id } } } }`,
			[]string{"person:bikker"}},
	}
	for _, tc := range cases {
		if got := ids(tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("%s\n got %v\nwant %v", tc.query, got, tc.want)
		}
	}
}

// TestMotionDates: motions filter on dateSubmitted and dateAdopted, and `orderBy: DATE`
// means the date submitted.
func TestMotionDates(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	cases := []struct {
		query string
		want  []string
	}{
		{`{ motions(where: {dateSubmitted: {gte: "2023-10-01"}}, orderBy: {field: DATE}) { edges { node { id } } } }`,
			[]string{"motion:28638-233"}},
		{`{ motions(orderBy: {field: DATE}) { edges { node { id } } } }`,
			[]string{"motion:28638-224", "motion:28638-233"}},
		{`{ motions(orderBy: {field: DATE, direction: DESC}) { edges { node { id } } } }`,
			[]string{"motion:28638-233", "motion:28638-224"}},
		{`{ motions(where: {dateAdopted: {lte: "2023-12-31"}}) { edges { node { id } } } }`,
			[]string{"motion:28638-224"}},
		// A missing date fails the test, so NOT of it holds: 233 was never adopted.
		{`{ motions(where: {NOT: {dateAdopted: {gte: "2023-01-01"}}}) { edges { node { id } } } }`,
			[]string{"motion:28638-233"}},
	}
	for _, tc := range cases {
		var resp struct {
			Motions struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		mustDo(t, c, tc.query, &resp)
		var got []string
		for _, e := range resp.Motions.Edges {
			got = append(got, e.Node.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s\n got %v\nwant %v", tc.query, got, tc.want)
		}
	}
}

func TestNestedRelationsWithEvidence(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var resp struct {
		Organisation struct {
			Holds struct {
				TotalCount int
				Edges      []struct {
					Type, Direction, From, To string
					Relation                  struct{ ID, From, To string }
					Node                      struct {
						Typename string `json:"__typename"`
						ID       string
						Number   int
					}
					Evidence []struct {
						Quote      string
						Start, End int
						DocumentID string
						Document   struct{ Citation, Date string }
					}
				}
			}
		}
	}
	mustDo(t, c, `{ organisation(name: "CoMensha") { holds { totalCount edges {
		type direction from to relation { id from to }
		node { __typename id ... on Actielijn { number } ... on Action { number } }
		evidence { quote start end documentId document { citation date } } } } } }`, &resp)
	h := resp.Organisation.Holds
	if h.TotalCount != 2 || len(h.Edges) != 2 {
		t.Fatalf("holds: %+v", h)
	}
	got := map[string]int{}
	for _, e := range h.Edges {
		got[e.Node.Typename] = e.Node.Number
		if e.Type != "HOLDS" || e.Direction != "OUT" || e.From != "org:comensha" || e.Relation.ID != e.From+"|HOLDS|"+e.To || e.Relation.From != e.From || e.Relation.To != e.To {
			t.Errorf("edge: %+v", e)
		}
		if len(e.Evidence) != 1 {
			t.Fatalf("evidence: %+v", e.Evidence)
		}
		ev := e.Evidence[0]
		if ev.DocumentID != "doc:28638-257" || ev.Document.Citation != "Kamerstuk 28 638, nr. 257" || ev.Document.Date != "2024-02-02" {
			t.Errorf("evidence document: %+v", ev)
		}
		if []rune(text257)[ev.Start] != 'H' || ev.End-ev.Start != len([]rune(ev.Quote)) || !strings.Contains(ev.Quote, "actiehouder") {
			t.Errorf("evidence offsets: %+v", ev)
		}
	}
	if got["Actielijn"] != 6 || got["Action"] != 17 {
		t.Errorf("held: %v", got)
	}

	// Both directions, role fields and their connection twins, and the generic relations field.
	var r2 struct {
		Actielijn struct {
			Holders           []struct{ Name string }
			HoldersConnection struct {
				TotalCount int
				Edges      []struct {
					Direction string
					Node      struct{ Name string }
					Evidence  []struct{ Quote string }
				}
			}
			Plan    struct{ ID string }
			Actions []struct{ Number int }
		}
		Action struct {
			InvolvedConnection struct {
				Edges []struct {
					Type string
					Node struct{ ID string }
				}
			}
			Actielijn struct{ Number int }
		}
		Motion struct {
			Submitters []struct {
				Name, Kind, PartyName string
				Party                 struct{ Name string }
			}
			RespondedToBy []struct{ ID string }
			SubmittedIn   struct {
				Edges []struct{ Node struct{ Date string } }
			}
		}
		Person struct {
			Submitted           []struct{ ID string }
			SubmittedConnection struct{ TotalCount int }
			Party               struct{ Name string }
			PartyConnection     struct {
				Edges []struct{ Node struct{ Name string } }
			}
		}
		Document struct {
			Cites struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Signatories []struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
		Cited struct {
			CitedBy struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		Node struct {
			Relations struct {
				TotalCount int
				Edges      []struct {
					Type, Direction string
					Node            struct{ ID string }
				}
			}
		}
	}
	mustDo(t, c, `{
		actielijn(number: 6) {
			holders { name }
			holdersConnection { totalCount edges { direction node { name } evidence { quote } } }
			plan { id }
			actions { number }
		}
		action(number: 17) {
			involvedConnection { edges { type node { id } } }
			actielijn { number }
		}
		motion(dossier: "28 638", number: 224) {
			submitters { name kind partyName party { name } }
			respondedToBy { id }
			submittedIn { edges { node { date } } }
		}
		person(name: "Bikker") { submitted { id } submittedConnection { totalCount } party { name } partyConnection { edges { node { name } } } }
		document(id: "doc:28638-260") { cites { edges { node { id } } } }
		Cited: document(id: "doc:28638-257") { citedBy { edges { node { id } } } }
		node(id: "org:jenv") { relations(direction: OUT, types: [HOLDS, COORDINATES], first: 2) { totalCount edges { type direction node { id } } } }
	}`, &r2)
	if h := r2.Actielijn.Holders; len(h) != 2 || h[0].Name != "CoMensha" || h[1].Name != "Fier" {
		t.Errorf("holders: %+v", h)
	}
	if hc := r2.Actielijn.HoldersConnection; hc.TotalCount != 2 || len(hc.Edges) != 2 || hc.Edges[0].Node.Name != "CoMensha" ||
		hc.Edges[0].Direction != "IN" || len(hc.Edges[1].Evidence) != 1 || hc.Edges[1].Evidence[0].Quote != "Fier is actiehouder van actielijn 6." {
		t.Errorf("holdersConnection: %+v", hc)
	}
	if p := r2.Actielijn.Plan; p.ID != "actionplan:samen-tegen-mensenhandel" {
		t.Errorf("plan: %+v", p)
	}
	if a := r2.Actielijn.Actions; len(a) != 1 || a[0].Number != 17 {
		t.Errorf("actions: %+v", a)
	}
	if r2.Action.Actielijn.Number != 6 {
		t.Errorf("actielijn of action 17: %+v", r2.Action.Actielijn)
	}
	var roles []string
	for _, e := range r2.Action.InvolvedConnection.Edges {
		roles = append(roles, e.Node.ID+" "+e.Type)
	}
	slices.Sort(roles)
	if want := []string{"org:comensha EXECUTES", "org:comensha HOLDS", "org:jenv COORDINATES"}; !slices.Equal(roles, want) {
		t.Errorf("involvedConnection = %v, want %v", roles, want)
	}
	if s := r2.Motion.Submitters; len(s) != 2 || s[0].Name != "Bikker" || s[0].Kind != "MP" || s[0].Party.Name != "CU" ||
		s[1].PartyName != "GL/PvdA" || s[1].Party.Name != "GL/PvdA" {
		t.Errorf("submitters: %+v", s)
	}
	if d := r2.Motion.RespondedToBy; len(d) != 1 || d[0].ID != "doc:28638-257" {
		t.Errorf("respondedToBy: %+v", d)
	}
	if e := r2.Motion.SubmittedIn.Edges; len(e) != 1 || e[0].Node.Date != "2023-09-27" {
		t.Errorf("submittedIn: %+v", e)
	}
	p := r2.Person
	if len(p.Submitted) != 2 || p.Submitted[0].ID != "motion:28638-233" || p.SubmittedConnection.TotalCount != 2 ||
		p.Party.Name != "CU" || len(p.PartyConnection.Edges) != 1 || p.PartyConnection.Edges[0].Node.Name != "CU" {
		t.Errorf("person: %+v", p)
	}
	if e := r2.Document.Cites.Edges; len(e) != 1 || e[0].Node.ID != "doc:28638-257" {
		t.Errorf("cites: %+v", e)
	}
	if e := r2.Cited.CitedBy.Edges; len(e) != 1 || e[0].Node.ID != "doc:28638-260" {
		t.Errorf("citedBy: %+v", e)
	}
	rel := r2.Node.Relations
	if rel.TotalCount != 3 || len(rel.Edges) != 2 || rel.Edges[0].Type != "COORDINATES" || rel.Edges[0].Direction != "OUT" {
		t.Errorf("relations: %+v", rel)
	}

	// Single role fields are null when there is no such edge; lists are empty.
	var r3 struct {
		Actielijn struct {
			Plan    *struct{ ID string }
			Holders []struct{ Name string }
		}
		Person struct{ Party *struct{ Name string } }
	}
	mustDo(t, c, `{ actielijn(number: 4) { plan { id } holders(first: 0) { name } } person(name: "Yesilgoz") { party { name } } }`, &r3)
	if r3.Actielijn.Plan == nil || len(r3.Actielijn.Holders) != 0 || r3.Person.Party != nil {
		t.Errorf("actielijn 4 and the minister: %+v", r3)
	}
}

// TestUsersQuestions runs the questions of the product issues exactly as users write them.
func TestUsersQuestions(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var acceptance struct {
		Organisation struct{ Name string }
		Actielijn    *struct{ Title string }
		Motion       *struct{ Submitters []struct{ Name string } }
	}
	mustDo(t, c, `{ organisation(name: "comensha") { name } actielijn(number: 2) { title } motion(dossier: "28 638", number: 231) { submitters { name } } }`, &acceptance)
	if acceptance.Organisation.Name != "CoMensha" || acceptance.Actielijn != nil || acceptance.Motion != nil {
		t.Errorf("acceptance query: %+v", acceptance)
	}

	var actielijn struct {
		Actielijn struct {
			Title    string
			Holders  []struct{ Name string }
			Involved []struct {
				Organisation struct{ Name string }
				Role         string
				Evidence     []struct {
					Quote    string
					Document struct{ Citation, Date string }
				}
			}
		}
	}
	mustDo(t, c, `{ actielijn(number: 6) { title holders { name } involved { organisation { name } role evidence { quote document { citation date } } } } }`, &actielijn)
	a := actielijn.Actielijn
	if a.Title != "Aanpak van loverboys" || len(a.Holders) != 2 || len(a.Involved) != 2 ||
		a.Involved[0].Organisation.Name != "CoMensha" || a.Involved[0].Role != "HOLDS" || a.Involved[1].Organisation.Name != "Fier" ||
		len(a.Involved[0].Evidence) != 1 || a.Involved[0].Evidence[0].Document.Citation != "Kamerstuk 28 638, nr. 257" {
		t.Errorf("actielijn 6: %+v", a)
	}

	// One entry per (organisation, role): by organisation name, then HOLDS, EXECUTES,
	// COMMISSIONED, COORDINATES.
	var action struct {
		Action struct {
			Involved []struct {
				Organisation struct{ ID string }
				Role         string
			}
		}
	}
	mustDo(t, c, `{ action(number: 17) { involved { organisation { id } role } } }`, &action)
	var got []string
	for _, inv := range action.Action.Involved {
		got = append(got, inv.Organisation.ID+" "+inv.Role)
	}
	if want := []string{"org:comensha HOLDS", "org:comensha EXECUTES", "org:jenv COORDINATES"}; !slices.Equal(got, want) {
		t.Errorf("involved in action 17 = %v, want %v", got, want)
	}
	mustDo(t, c, `{ action(number: 17) { involved(first: 1) { organisation { id } role } } }`, &action)
	if inv := action.Action.Involved; len(inv) != 1 || inv[0].Organisation.ID != "org:comensha" || inv[0].Role != "HOLDS" {
		t.Errorf("involved(first: 1): %+v", inv)
	}

	var motion struct {
		Motion struct {
			Name       string
			Submitters []struct {
				Name  string
				Party struct{ Name string }
			}
			RespondedToBy []struct{ Title, Date string }
		}
	}
	mustDo(t, c, `{ motion(dossier: "28 638", number: 224) { name submitters { name party { name } } respondedToBy { title date } } }`, &motion)
	m := motion.Motion
	if m.Name != "motie-Mutluer c.s." || len(m.Submitters) != 2 || m.Submitters[1].Party.Name != "GL/PvdA" ||
		len(m.RespondedToBy) != 1 || m.RespondedToBy[0].Date != "2024-02-02" {
		t.Errorf("motion 224: %+v", m)
	}

	var person struct {
		Person struct {
			Submitted []struct {
				Name   string
				Number int
			}
		}
	}
	mustDo(t, c, `{ person(name: "Bikker") { submitted { name number } } }`, &person)
	if s := person.Person.Submitted; len(s) != 2 || s[0].Number != 233 || s[1].Number != 224 {
		t.Errorf("Bikker submitted: %+v", s)
	}

	var org struct {
		Organisation struct {
			Holds struct {
				Edges []struct {
					Node     struct{ Number int }
					Evidence []struct{ Quote string }
				}
			}
			Executes struct {
				Edges []struct{ Node struct{ ID string } }
			}
			MemberOf    struct{ TotalCount int }
			MentionedIn struct {
				Edges []struct{ Node struct{ Citation string } }
			}
		}
	}
	mustDo(t, c, `{ organisation(name: "CoMensha") {
		holds { edges { node { ... on Actielijn { number } } evidence { quote document { citation } } } }
		executes { edges { node { id } evidence { quote } } }
		memberOf { totalCount edges { node { name } } }
		mentionedIn(first: 5) { edges { node { citation } evidence { quote } } } } }`, &org)
	o := org.Organisation
	if len(o.Holds.Edges) != 2 || o.Holds.Edges[0].Node.Number != 6 || len(o.Holds.Edges[0].Evidence) != 1 ||
		len(o.Executes.Edges) != 1 || o.Executes.Edges[0].Node.ID != "action:17" || o.MemberOf.TotalCount != 0 {
		t.Errorf("CoMensha: %+v", o)
	}
}

// TestRoleFieldLimits: a role field's first is capped like a connection's.
func TestRoleFieldLimits(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	errs := do(t, c, `{ actielijn(number: 6) { holders(first: 501) { name } } }`, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "first must be between 0 and 500") || errs[0].Extensions["code"] != graph.CodeBadUserInput {
		t.Errorf("holders(first: 501): %+v", errs)
	}
	var resp struct {
		Actielijn struct{ Holders []struct{ Name string } }
	}
	mustDo(t, c, `{ actielijn(number: 6) { holders(first: 1) { name } } }`, &resp)
	if h := resp.Actielijn.Holders; len(h) != 1 || h[0].Name != "CoMensha" {
		t.Errorf("holders(first: 1): %+v", h)
	}
}

func TestRelationPaging(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	type holders struct {
		Actielijn struct {
			HoldersConnection struct {
				Edges    []struct{ Node struct{ ID string } }
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
	}
	q := `query($after: String) { actielijn(number: 6) { holdersConnection(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`
	var p1, p2 holders
	mustDo(t, c, q, &p1)
	mustDo(t, c, q, &p2, client.Var("after", p1.Actielijn.HoldersConnection.PageInfo.EndCursor))
	h1, h2 := p1.Actielijn.HoldersConnection, p2.Actielijn.HoldersConnection
	if len(h1.Edges) != 1 || !h1.PageInfo.HasNextPage || h1.Edges[0].Node.ID != "org:comensha" {
		t.Errorf("page 1: %+v", h1)
	}
	if len(h2.Edges) != 1 || h2.PageInfo.HasNextPage || h2.Edges[0].Node.ID != "org:fier" {
		t.Errorf("page 2: %+v", h2)
	}
}

// TestStoreCallsPerLevel proves the dataloaders: a nested query costs one store call per
// nesting level, however many parents the level has.
func TestStoreCallsPerLevel(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	cases := []struct {
		name  string
		query string
		max   int
	}{
		{"organisations → holds → node → holdersConnection", `{ organisations { edges { node { name
			holds { edges { type node { id
				... on Actielijn { number holdersConnection { edges { node { name } } } }
				... on Action { number holdersConnection { edges { node { name } } } } } } } } } } }`, 3},
		{"… with totalCount at every level", `{ organisations(first: 100) { totalCount edges { node { name
			holds(first: 20) { totalCount edges { node { id
				... on Actielijn { holdersConnection(first: 20) { totalCount edges { node { name } } } }
				... on Action { holdersConnection(first: 20) { totalCount edges { node { name } } } } } } } } } } }`, 5},
		{"… with evidence documents", `{ organisations { edges { node { name
			holds { edges { evidence { quote document { citation } } node { id
				... on Actielijn { holdersConnection { edges { node { name } } } } } } } } } } }`, 4},
		{"organisations → mentions → document", `{ organisations { edges { node { name
			mentions { quote document { citation } } } } } }`, 2},
		{"persons → submittedConnection → submittersConnection → partyConnection", `{ persons(first: 10) { edges { node { name
			submittedConnection(first: 10) { edges { node { name submittersConnection(first: 10) { edges { node { name
				partyConnection(first: 5) { edges { node { name } } } } } } } } } } } } }`, 4},
		// Role fields: plain lists and single nodes batch and prefetch like connections.
		{"motions → submitters → submitted (lists)", `{ motions { edges { node {
			submitters { name submitted { name } } } } } }`, 3},
		{"persons → submitted → submitters → party (lists and a single node)", `{ persons(first: 10) { edges { node { name
			submitted(first: 10) { name submitters(first: 10) { name party { name } } } } } } }`, 4},
		{"organisations → holds → node → holders (list)", `{ organisations { edges { node { name
			holds { edges { node { ... on Actielijn { holders { name } } ... on Action { holders { name } } } } } } } } }`, 3},
		{"actielijnen → involved → organisation → holds, with evidence documents", `{ actielijnen { edges { node {
			involved { role evidence { quote document { citation } } organisation { name holds { totalCount } } } } } } }`, 4},
		{"a role field and its twin share one call (plan is another)", `{ actielijnen { edges { node {
			holders { name } holdersConnection { edges { evidence { quote } } } plan { name } } } } }`, 3},
		// Root fields: their keys, and the keys of the nodes they found, go out together.
		{"two lookups by name → holds", `{ a: organisation(name: "comensha") { holds { totalCount } }
			b: organisation(name: "fier") { holds { totalCount } } }`, 2},
		{"three lookups by ID and number → holders → holds", `{ a: actielijn(number: 6) { holders { name holds { totalCount } } }
			b: node(id: "org:fier") { ... on Organisation { holds { edges { node { id } } } } }
			c: nodes(ids: ["org:comensha", "actielijn:6"]) { ... on Organisation { holds { edges { node { id } } } } } }`, 4},
		{"search → node → holds", `{ search(text: "comensha") { node { ... on Organisation { holds { totalCount } } } } }`, 2},
		{"neighbourhood → nodes → holds", `{ neighbourhood(id: "actielijn:6") { nodes { ... on Organisation { holds { totalCount } } } } }`, 2},
	}
	for _, tc := range cases {
		cs.reset()
		mustDo(t, c, tc.query, nil)
		n, calls := cs.summary()
		t.Logf("%s: %d store calls (%s)", tc.name, n, calls)
		if n > tc.max {
			t.Errorf("%s: %d store calls (%s), want at most %d", tc.name, n, calls, tc.max)
		}
	}
}

// TestStoreCallsPerLevelAsOf: relation fields asked as of a date cost what they cost without
// one: the prefetched keys carry the date the resolvers will ask for.
func TestStoreCallsPerLevelAsOf(t *testing.T) {
	g := fixture()
	// The fixture mentions few nodes; a node is in a view as of a date from its first
	// mention, so every node is mentioned here where the first relation's evidence stands.
	for i := range g.Nodes {
		if g.Nodes[i].Label != kg.Document && len(g.Nodes[i].Mentions) == 0 {
			g.Nodes[i].Mentions = g.Edges[0].Evidence[:1]
		}
	}
	kg.StampSince(g)
	st := memory.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	cs := newCountingStore(st)
	c := newClient(cs, graph.Options{})
	const query = `{ organisations(asOf: "2025-12-31") { edges { node { name
		holds(asOf: "2025-12-31") { totalCount edges { node { id
			... on Actielijn { holdersConnection(asOf: "2025-12-31") { totalCount edges { node { name } } } } } } } } } } }`
	var resp struct {
		Organisations struct {
			Edges []struct {
				Node struct {
					Holds struct{ TotalCount int }
				}
			}
		}
	}
	mustDo(t, c, query, &resp)
	held := 0
	for _, e := range resp.Organisations.Edges {
		held += e.Node.Holds.TotalCount
	}
	if held == 0 {
		t.Fatal("no organisation holds anything as of the date: the case tests nothing")
	}
	if n, calls := cs.summary(); n > 5 {
		t.Errorf("%d store calls (%s), want at most 5, as without asOf", n, calls)
	}
}

// TestBadArgumentBesideLoads: a root field that fails on its arguments before its resolver
// runs gives back its place in the scheduler, so the keys of the other root field go out
// (were it kept, the operation would wait for its deadline).
func TestBadArgumentBesideLoads(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	errs := do(t, c, `{ a: motions(where: {dateSubmitted: {gte: "not a date"}}) { totalCount }
		b: organisation(name: "comensha") { holds { totalCount } } }`, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != graph.CodeBadUserInput {
		t.Errorf("errors %+v", errs)
	}
	if n, calls := cs.summary(); calls != "Lookup,CountNeighbours" {
		t.Errorf("%d store calls (%s), want Lookup,CountNeighbours", n, calls)
	}
}

// TestStoreCallsManyParents checks that batching does not depend on timing: with hundreds
// of parents per level, each level still costs one call (the loaders prefetch).
func TestStoreCallsManyParents(t *testing.T) {
	b := kg.NewBuilder()
	ev := kg.Evidence{Document: "doc:x", Quote: "q", Start: 0, End: 1}
	b.Node(kg.Node{ID: "doc:x", Label: kg.Document, Name: "x"})
	for i := range 40 {
		b.Node(kg.Node{ID: kg.ActielijnID(i), Label: kg.Actielijn, Name: fmt.Sprintf("Actielijn %d", i)})
	}
	for i := range 300 {
		id := kg.OrganisationID(fmt.Sprintf("org %03d", i))
		b.Node(kg.Node{ID: id, Label: kg.Organisation, Name: fmt.Sprintf("Org %03d", i)})
		for j := range 3 {
			b.Edge(kg.Edge{Type: kg.Holds, From: id, To: kg.ActielijnID((i + j*7) % 40), Evidence: []kg.Evidence{ev}})
		}
	}
	st := memory.New()
	if err := st.Replace(context.Background(), b.Graph()); err != nil {
		t.Fatal(err)
	}
	cs := newCountingStore(st)
	c := newClient(cs, graph.Options{})
	var resp struct {
		Organisations struct {
			Edges []struct {
				Node struct {
					Holds struct {
						Edges []struct {
							Node struct {
								HoldersConnection struct{ TotalCount int }
							}
						}
					}
				}
			}
		}
	}
	mustDo(t, c, `{ organisations(first: 300) { edges { node { name holds(first: 5) { edges { node {
		... on Actielijn { number holdersConnection(first: 5) { totalCount edges { node { name } evidence { document { name } } } } } } } } } } } }`, &resp)
	n, calls := cs.summary()
	t.Logf("300 organisations → 900 holds → holders with evidence: %d store calls (%s)", n, calls)
	if n > 5 { // List; Neighbours (holds); Neighbours and CountNeighbours (holders); Nodes (evidence)
		t.Errorf("%d store calls (%s), want 5", n, calls)
	}
	if len(resp.Organisations.Edges) != 300 || resp.Organisations.Edges[0].Node.Holds.Edges[0].Node.HoldersConnection.TotalCount == 0 {
		t.Errorf("unexpected answer")
	}

	// The same through plain lists: List; Neighbours (holds); Neighbours (holders);
	// CountNeighbours (the holders' holds).
	cs.reset()
	var lists struct {
		Organisations struct {
			Edges []struct {
				Node struct {
					Holds struct {
						Edges []struct {
							Node struct {
								Holders []struct{ Holds struct{ TotalCount int } }
							}
						}
					}
				}
			}
		}
	}
	mustDo(t, c, `{ organisations(first: 300) { edges { node { name holds(first: 5) { edges { node {
		... on Actielijn { holders(first: 5) { name holds { totalCount } } } } } } } } } }`, &lists)
	n, calls = cs.summary()
	t.Logf("300 organisations → 900 holds → holders (list) → holds count: %d store calls (%s)", n, calls)
	if n > 4 {
		t.Errorf("%d store calls (%s), want 4", n, calls)
	}
	if h := lists.Organisations.Edges[0].Node.Holds.Edges[0].Node.Holders; len(h) != 5 || h[0].Holds.TotalCount != 3 {
		t.Errorf("unexpected answer: %+v", h)
	}
}

func TestErrorsAreMasked(t *testing.T) {
	secret := errors.New("dial tcp 10.0.0.7:7687: password for user neo4j rejected")
	c := newClient(failingStore{Reader: newStore(t), err: secret}, graph.Options{})
	for _, q := range []string{
		`{ organisations { edges { node { id } } } }`,
		`{ organisation(name: "CoMensha") { id } }`,
		`{ node(id: "org:fier") { id } }`,
		`{ stats { totalNodes } }`,
	} {
		errs := do(t, c, q, nil)
		if len(errs) != 1 || errs[0].Message != "internal error" || errs[0].Extensions["code"] != graph.CodeInternal {
			t.Errorf("%s: errors %+v, want one masked internal error", q, errs)
		}
		if fmt.Sprint(errs) != "" && strings.Contains(fmt.Sprint(errs), "10.0.0.7") {
			t.Errorf("%s: internal detail leaked: %+v", q, errs)
		}
	}

	unavailable := fmt.Errorf("bolt: connection refused at 10.0.0.7: %w", store.ErrUnavailable)
	c = newClient(failingStore{Reader: newStore(t), err: unavailable}, graph.Options{})
	errs := do(t, c, `{ organisations { edges { node { id } } } }`, nil)
	if len(errs) != 1 || errs[0].Message != "store unavailable" || errs[0].Extensions["code"] != graph.CodeStoreUnavailable {
		t.Errorf("unavailable: %+v", errs)
	}

	// Client mistakes keep their message.
	c = newClient(newStore(t), graph.Options{})
	errs = do(t, c, `{ documents(where: {date: {gte: "2024-13-45"}}) { totalCount } }`, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "2024-13-45") {
		t.Errorf("bad date: %+v", errs)
	}
	errs = do(t, c, `{ organisations(first: 5000) { totalCount } }`, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "first must be between 0 and") || errs[0].Extensions["code"] != graph.CodeBadUserInput {
		t.Errorf("bad first: %+v", errs)
	}
	errs = do(t, c, `{ document(id: "doc:1", number: 3) { id } }`, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "either id or both dossier and number") {
		t.Errorf("bad document args: %+v", errs)
	}
}

func TestPanicsAreMasked(t *testing.T) {
	c := newClient(panickingStore{newStore(t)}, graph.Options{})
	errs := do(t, c, `{ stats { totalNodes } }`, nil)
	if len(errs) != 1 || errs[0].Message != "internal error" {
		t.Errorf("panic: %+v", errs)
	}
}

type panickingStore struct{ store.Reader }

func (panickingStore) Stats(context.Context) (store.Stats, error) {
	panic("secret panic detail")
}

func TestBadCursor(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	for _, q := range []string{
		`{ organisations(after: "not-a-cursor") { edges { node { id } } } }`,
		`{ actielijn(number: 6) { holdersConnection(after: "not-a-cursor") { edges { node { id } } } } }`,
	} {
		errs := do(t, c, q, nil)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Message, "invalid cursor") || errs[0].Extensions["code"] != graph.CodeBadCursor {
			t.Errorf("%s: %+v", q, errs)
		}
	}
}

func TestLimits(t *testing.T) {
	depth := newClient(newStore(t), graph.Options{MaxDepth: 5})
	complexity := newClient(newStore(t), graph.Options{ComplexityLimit: 500})
	limitError := func(c *client.Client, q, code, text string) {
		t.Helper()
		resp, err := c.RawPost(q)
		if err != nil { // gqlgen answers 422 for some operation errors
			if !strings.Contains(err.Error(), text) || !strings.Contains(err.Error(), code) {
				t.Errorf("%s: %v", q, err)
			}
			return
		}
		var errs []gqlError
		_ = json.Unmarshal(resp.Errors, &errs)
		if len(errs) != 1 || !strings.Contains(errs[0].Message, text) || errs[0].Extensions["code"] != code || resp.Data != nil {
			t.Errorf("%s: data %v, errors %+v", q, resp.Data, errs)
		}
	}
	limitError(depth, `{ organisations { edges { node { holds { edges { node { id } } } } } } }`,
		graph.CodeDepthLimit, "operation has depth 7, which exceeds the limit of 5")
	// Fragments count towards depth.
	limitError(depth, `query { organisations { ...E } } fragment E on OrganisationConnection { edges { node { holds { edges { node { id } } } } } }`,
		graph.CodeDepthLimit, "exceeds the limit of 5")
	// Within the depth limit, but 1000 organisations' names cost more than 500.
	limitError(complexity, `{ organisations(first: 1000) { edges { node { name } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", "exceeds the limit of 500")
	// Small pages pass.
	mustDo(t, complexity, `{ organisations(first: 5) { edges { node { name } } } }`, nil)
	mustDo(t, depth, `{ organisations { edges { node { name } } } }`, nil)
}

func TestIntrospection(t *testing.T) {
	q := `{ __schema { queryType { name } } }`
	errs := do(t, newClient(newStore(t), graph.Options{Introspection: true}), q, nil)
	if len(errs) != 0 {
		t.Errorf("introspection on: %+v", errs)
	}
	errs = do(t, newClient(newStore(t), graph.Options{}), q, nil)
	if len(errs) == 0 {
		t.Errorf("introspection off: no error")
	}
}

func TestSearchSubgraphAndStats(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var resp struct {
		Search []struct {
			Score   float64
			Snippet string
			Node    struct{ ID, Label string }
		}
		Neighbourhood struct {
			Nodes []struct{ ID, Label, Name string }
			Edges []struct {
				ID, Type, From, To string
				Evidence           []struct{ Quote string }
			}
		}
		ShortestPath struct {
			Nodes []struct{ ID string }
			Edges []struct{ Type string }
		}
		Stats struct {
			Nodes []struct {
				Label string
				Count int
			}
			Edges []struct {
				Type  string
				Count int
			}
			TotalNodes, TotalEdges int
		}
	}
	mustDo(t, c, `{
		search(text: "kinderhandel", labels: [Organisation]) { score snippet node { id label } }
		neighbourhood(id: "actielijn:6", depth: 1) { nodes { id label name } edges { id type from to evidence { quote } } }
		shortestPath(from: "org:fier", to: "org:comensha") { nodes { id } edges { type } }
		stats { nodes { label count } edges { type count } totalNodes totalEdges }
	}`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].Node.ID != "org:ckm" || resp.Search[0].Score <= 0 {
		t.Errorf("search: %+v", resp.Search)
	}
	var nIDs []string
	for _, n := range resp.Neighbourhood.Nodes {
		nIDs = append(nIDs, n.ID)
	}
	slices.Sort(nIDs)
	if want := []string{"actielijn:6", "action:17", "actionplan:samen-tegen-mensenhandel", "org:comensha", "org:fier"}; !slices.Equal(nIDs, want) {
		t.Errorf("neighbourhood nodes = %v, want %v", nIDs, want)
	}
	if len(resp.Neighbourhood.Edges) < 4 || len(resp.Neighbourhood.Edges[0].Evidence) == 0 {
		t.Errorf("neighbourhood edges: %+v", resp.Neighbourhood.Edges)
	}
	if p := resp.ShortestPath; len(p.Nodes) != 3 || p.Nodes[0].ID != "org:fier" || p.Nodes[2].ID != "org:comensha" || len(p.Edges) != 2 {
		t.Errorf("shortestPath: %+v", p)
	}
	s := resp.Stats
	if len(s.Nodes) != 14 || s.Nodes[0].Label != "Document" || s.Nodes[0].Count != 4 || len(s.Edges) != len(kg.RelTypes) || s.TotalNodes != 24 || s.TotalEdges != 26 {
		t.Errorf("stats: %+v", s)
	}

	errs := do(t, c, `{ neighbourhood(id: "org:fier", depth: 9) { nodes { id } } }`, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "depth must be between 1 and 3") {
		t.Errorf("neighbourhood depth: %+v", errs)
	}
}

// searchSpy records the search queries a store is asked.
type searchSpy struct {
	store.Reader
	asked []store.SearchQuery
}

func (s *searchSpy) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	s.asked = append(s.asked, q)
	return s.Reader.Search(ctx, q)
}

// TestSnippetsOnlyWhenSelected: the store cuts snippets only for a query that shows them.
func TestSnippetsOnlyWhenSelected(t *testing.T) {
	spy := &searchSpy{Reader: newStore(t)}
	c := newClient(spy, graph.Options{})
	var resp struct {
		Search []struct{ Snippet *string }
	}
	mustDo(t, c, `{ search(text: "mensenhandel", first: 1) { node { id } } }`, nil)
	mustDo(t, c, `{ search(text: "mensenhandel", first: 1) { ... on SearchHit { snippet } } }`, &resp)
	if len(spy.asked) != 2 || !spy.asked[0].NoSnippets || spy.asked[1].NoSnippets {
		t.Errorf("asked %+v", spy.asked)
	}
	if len(resp.Search) != 1 || resp.Search[0].Snippet == nil || *resp.Search[0].Snippet == "" {
		t.Errorf("snippet not shown: %+v", resp)
	}
}

// TestLightReads: a list or neighbourhood that selects neither text nor mentions asks the
// store for light nodes, and does not keep them for other fields; one that selects either,
// in any alias or fragment, asks for whole nodes.
func TestLightReads(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	for _, tc := range []struct {
		query string
		light bool
	}{
		{`{ documents(first: 2) { edges { node { id title } } } }`, true},
		{`{ documents(first: 2) { edges { node { id text } } } }`, false},
		{`{ documents(first: 2) { a: edges { node { id } } b: edges { node { ... on Node { mentions { quote } } } } } }`, false},
		{`{ documents(first: 2) { totalCount } }`, true},
		{`{ documents(first: 2) { ...E } } fragment E on DocumentConnection { edges { node { ...T } } } fragment T on Document { text }`, false},
		{`{ documents(first: 2) { ...E } } fragment E on DocumentConnection { edges { n: node { ...T } } } fragment T on Document { title }`, true},
	} {
		cs.reset()
		mustDo(t, c, tc.query, nil)
		if len(cs.lists) != 1 || cs.lists[0].Light != tc.light {
			t.Errorf("%s: lists %+v, want light %v", tc.query, cs.lists, tc.light)
		}
	}
	// Relationship fields: a connection by its edges' nodes, a role field by its nodes.
	for _, tc := range []struct {
		query string
		light bool
	}{
		{`{ node(id: "doc:28638-257") { ... on Document { respondsTo(first: 2) { edges { node { id name } } } } } }`, true},
		{`{ node(id: "doc:28638-257") { ... on Document { respondsTo(first: 2) { edges { node { ... on Node { mentions { quote } } } } } } } }`, false},
		{`{ node(id: "doc:28638-257") { ... on Document { signatories { id name } } } }`, true},
		{`{ node(id: "doc:28638-257") { ... on Document { signatories { id mentions { quote } } } } }`, false},
	} {
		cs.reset()
		mustDo(t, c, tc.query, nil)
		if len(cs.nbs) != 1 || cs.nbs[0].Light != tc.light {
			t.Errorf("%s: neighbour queries %+v, want light %v", tc.query, cs.nbs, tc.light)
		}
	}
	// A light node is not what node(id:) then finds: its text is there.
	var resp struct {
		Documents struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Node struct{ Text string }
	}
	mustDo(t, c, `{ documents(first: 1, orderBy: [{field: ID}]) { edges { node { id } } } node(id: "doc:28638-257") { ... on Document { text } } }`, &resp)
	if resp.Node.Text == "" {
		t.Errorf("text of a listed document: %+v", resp)
	}
}

// @defer is in the schema (gqlgen's prelude), but the server answers in one response: the
// deferred fields are in it, as the incremental delivery proposal allows a server to do.
// They once came back null, their deferred answers never sent.
func TestDeferredFragmentsAreAnsweredInOneResponse(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	var resp struct {
		Stats     struct{ TotalNodes int }
		Actielijn struct {
			ID      string
			Holders []struct{ ID, Name string }
		}
	}
	mustDo(t, c, `{ ... @defer { stats { totalNodes } }
		actielijn(number: 6) { id ... @defer(label: "holders") { holders { name ... @defer { id } } } } }`, &resp)
	if resp.Stats.TotalNodes == 0 || resp.Actielijn.ID != "actielijn:6" || len(resp.Actielijn.Holders) == 0 {
		t.Fatalf("deferred fields missing: %+v", resp)
	}
	for _, h := range resp.Actielijn.Holders {
		if h.ID == "" || h.Name == "" {
			t.Errorf("holder %+v: a deferred field is missing", h)
		}
	}
}

// An error in an element of a list carries that element's index in its path (the elements
// of a list share one field context, its index moved on from one to the next).
func TestErrorsInListElementsHaveTheirIndex(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	q := `{ nodes(ids: ["org:comensha", "actielijn:6", "org:fier"]) {
		id
		... on Organisation { holds(after: "not-a-cursor") { edges { node { id } } } }
		... on Actielijn { holdersConnection(after: "not-a-cursor") { edges { node { id } } } }
	} }`
	errs := do(t, c, q, nil)
	got := map[string]bool{}
	for _, e := range errs {
		got[fmt.Sprint(e.Path)] = true
	}
	for _, want := range []string{"[nodes 0 holds]", "[nodes 1 holdersConnection]", "[nodes 2 holds]"} {
		if !got[want] {
			t.Errorf("no error at %s; errors at %v", want, got)
		}
	}
	if len(errs) != 3 {
		t.Errorf("%d errors, want 3: %+v", len(errs), errs)
	}
}

// The field contexts below a list are made for its first element and used again by the
// next ones (scope.go): an error two lists deep still carries both elements' indexes, and
// fields of different types under one list, or of one type under two aliases, keep their
// own.
func TestErrorsInNestedListsHaveBothIndexes(t *testing.T) {
	c := newClient(newStore(t), graph.Options{})
	const shape = `{ organisations(first: 10) { edges { node { id holds { edges { node { id
		... on Actielijn { a: holdersConnection%[1]s { edges { node { id } } } }
		... on Action { b: holdersConnection%[1]s { edges { node { id } } } c: holdersConnection%[1]s { edges { node { id } } } } } } } } } } }`
	var resp struct {
		Organisations struct {
			Edges []struct {
				Node struct {
					ID    string
					Holds struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
			}
		}
	}
	mustDo(t, c, fmt.Sprintf(shape, ""), &resp)
	want := map[string]bool{}
	for i, o := range resp.Organisations.Edges {
		for j, h := range o.Node.Holds.Edges {
			aliases := []string{"a"}
			if strings.HasPrefix(h.Node.ID, "action:") {
				aliases = []string{"b", "c"}
			}
			for _, a := range aliases {
				want[fmt.Sprintf("[organisations edges %d node holds edges %d node %s]", i, j, a)] = true
			}
		}
	}
	if len(want) < 6 {
		t.Fatalf("the fixture holds too little to tell indexes apart: %v", want)
	}
	errs := do(t, c, fmt.Sprintf(shape, `(after: "not-a-cursor")`), nil)
	got := map[string]bool{}
	for _, e := range errs {
		got[fmt.Sprint(e.Path)] = true
	}
	if len(errs) != len(want) || len(got) != len(want) {
		t.Errorf("%d errors at %d paths, want one at each of %d", len(errs), len(got), len(want))
	}
	for p := range want {
		if !got[p] {
			t.Errorf("no error at %s; errors at %v", p, got)
		}
	}
}

// An object below a list may select more fields than a scope keeps (maxScopeChildren) and a
// prefetch keeps keys for (maxFieldLoads), through aliases and fragments: the fields past
// those bounds answer as they do alone, and cost no more store calls than three do.
func TestManyAliasesPastTheKeptBounds(t *testing.T) {
	cs := newCountingStore(newStore(t))
	c := newClient(cs, graph.Options{})
	type answer struct {
		Organisations struct {
			Edges []struct{ Node map[string]json.RawMessage }
		}
	}
	query := func(aliases int) string {
		var q strings.Builder
		q.WriteString(`fragment F on Organisation { f: holds(first: 2) { totalCount edges { node { id } } } }
			{ organisations(first: 10) { edges { node { id ...F`)
		for i := range aliases {
			fmt.Fprintf(&q, " a%d: holds(first: %d) { totalCount edges { node { id } } }", i, 1+i%3)
		}
		q.WriteString(" } } } }")
		return q.String()
	}
	cs.reset()
	mustDo(t, c, query(3), nil)
	few, _ := cs.summary()
	const aliases = 24 // past both bounds (16)
	var many answer
	cs.reset()
	mustDo(t, c, query(aliases), &many)
	if n, calls := cs.summary(); n != few {
		t.Errorf("%d store calls (%s), want the %d of three aliases", n, calls, few)
	}
	if len(many.Organisations.Edges) < 3 {
		t.Fatalf("too few organisations to tell elements apart: %d", len(many.Organisations.Edges))
	}
	for first := 1; first <= 3; first++ {
		var one answer
		mustDo(t, c, fmt.Sprintf(`{ organisations(first: 10) { edges { node { id a: holds(first: %d) { totalCount edges { node { id } } } } } } }`, first), &one)
		for e, edge := range many.Organisations.Edges {
			want := string(one.Organisations.Edges[e].Node["a"])
			for i := range aliases {
				if got := string(edge.Node[fmt.Sprint("a", i)]); 1+i%3 == first && got != want {
					t.Errorf("organisation %d, a%d: %s, want %s", e, i, got, want)
				}
			}
			if got := string(edge.Node["f"]); first == 2 && got != want {
				t.Errorf("organisation %d, f (a fragment): %s, want %s", e, got, want)
			}
		}
	}
}
