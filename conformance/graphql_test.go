package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"beleidsgraaf/graph"
	"beleidsgraaf/internal/testlock"
	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/neo4j"
)

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if os.Getenv("NEO4J_URI") != "" {
		release, err := testlock.Neo4j(os.Getenv("NEO4J_URI")) // the store/neo4j tests use the same database
		if err != nil {
			panic(err)
		}
		code := m.Run()
		release()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// backend is one store under test with a way to count its round trips.
type backend struct {
	name   string
	st     store.Reader
	counts func() int64
}

var (
	corpusOnce  sync.Once
	corpusGraph *kg.Graph
)

func bundledCorpus(t *testing.T) *kg.Graph {
	corpusOnce.Do(func() {
		g, errs := loader.LoadPaths("../corpus")
		if errs = loader.Failures(errs); len(errs) > 0 {
			t.Fatalf("loading the corpus: %v", errs)
		}
		corpusGraph = g
	})
	return corpusGraph
}

// backends returns the memory store always and Neo4j when NEO4J_URI is set, both holding
// the bundled corpus.
func backends(t *testing.T) []backend { return backendsOf(t, bundledCorpus(t)) }

// backendsOf is backends holding g.
func backendsOf(t *testing.T, g *kg.Graph) []backend {
	t.Helper()
	ctx := context.Background()
	mem := memory.New()
	if err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64 // Neo4j counts its own statements
	counted := store.Observe(mem, func(string) func(error) { calls.Add(1); return nil })
	out := []backend{{name: "memory", st: counted, counts: calls.Load}}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Log("NEO4J_URI not set: comparing against Neo4j is skipped (scripts/neo4j/start.sh starts one)")
		return out
	}
	db, err := neo4j.Open(ctx, neo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatalf("opening Neo4j: %v", err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	if err := db.Replace(ctx, g); err != nil {
		t.Fatalf("loading the graph into Neo4j: %v", err)
	}
	return append(out, backend{name: "neo4j", st: db, counts: db.Queries})
}

// post runs one GraphQL query over HTTP and returns the raw response body.
func post(t *testing.T, h http.Handler, query string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// queries are the users' questions and the API's corners, each with the most store round
// trips it may cost (one per nesting level that reaches the store) and text its answer
// must contain (written by hand from the bundled letters).
var queries = []struct {
	name      string
	query     string
	maxTrips  int64
	mustHave  []string
	wantError bool
}{
	{"lookup by alias, accents and case", `{ organisation(name: "coordinatiecentrum tegen mensenhandel") { id name } }`, 1,
		[]string{`"id":"org:comensha"`}, false},
	{"actielijn by number", `{ actielijn(number: 2) { title } }`, 1,
		[]string{`"title":"Vergroten van de meldingsbereidheid"`}, false},
	{"motion by dossier and number", `{ motion(dossier: "28 638", number: 231) { name dateSubmitted dateAdopted status } }`, 1,
		[]string{`"name":"motie-Bikker/Verkuilen"`, `"dateAdopted":"2023-10-03"`}, false},
	{"who holds actielijn 6, with evidence", `{ actielijn(number: 6) { relations(types: [HOLDS], direction: IN) { edges { node { id } evidence { quote document { id } } } } } }`, 3,
		[]string{`"id":"org:fier"`, `"id":"org:defence-for-children"`, `zijn actiehouder van deze actielijn`, `"id":"doc:28638-257"`}, false},
	{"one relation from both ends: the same relation id, the edges without one", `{ organisation(name: "Fier") { holds { edges { direction relation { id type from to } node { id } } } } actielijn(number: 6) { holdersConnection { edges { direction relation { id type from to } node { id } } } } }`, 4,
		[]string{`"direction":"OUT","relation":{"id":"org:fier|HOLDS|actielijn:6","type":"HOLDS","from":"org:fier","to":"actielijn:6"},"node":{"id":"actielijn:6"}`, `"direction":"IN","relation":{"id":"org:fier|HOLDS|actielijn:6","type":"HOLDS","from":"org:fier","to":"actielijn:6"},"node":{"id":"org:fier"}`}, false},
	{"backward: the last two motions by number, then the two before", `{ a: motions(last: 2, orderBy: [{field: NUMBER}]) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id number } } } b: organisations(last: 2, before: "eyJrIjoibCIsIm8iOiJuYW1lLGlkIiwidiI6WyJmaWVyIiwib3JnOmZpZXIiXX0") { pageInfo { hasNextPage hasPreviousPage } edges { node { id } } } }`, 2,
		[]string{`"hasNextPage":false,"hasPreviousPage":true`, `"hasNextPage":true,"hasPreviousPage":true`}, false},
	{"backward over a relation: who submitted motion 224, last first", `{ motion(dossier: "28 638", number: 224) { submittersConnection(last: 1) { pageInfo { hasNextPage hasPreviousPage startCursor } edges { node { id } relation { id } } } } }`, 3,
		[]string{`"hasNextPage":false,"hasPreviousPage":true`}, false},
	{"three levels over all organisations", `{ organisations(first: 100) { totalCount edges { node { name holds: relations(types: [HOLDS], direction: OUT) { edges { node { id name relations(types: [PART_OF], direction: OUT) { edges { node { id } } } } } } } } } }`, 4,
		[]string{`"totalCount":`}, false},
	{"documents citing Kamerstuk 28 638, nr. 233", `{ node(id: "doc:28638-233") { ... on Document { citation citedBy(first: 10) { totalCount edges { node { id } } } } } }`, 3,
		[]string{`"id":"doc:kenmerk-6013609"`, `"id":"doc:kenmerk-5155148"`}, false},
	{"a page walk with cursors", `{ motions(first: 3, orderBy: [{field: NUMBER, direction: DESC}]) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, 1,
		[]string{`"hasNextPage":true`}, false},
	{"search across names and text", `{ search(text: "kinderhandel", first: 5) { score snippet node { id } } }`, 1,
		[]string{`"id":"org:ckm"`}, false},
	{"neighbourhood for the explorer", `{ neighbourhood(id: "actielijn:4", depth: 1, limit: 50) { nodes { id label } edges { id type from to } } }`, 1,
		[]string{`"id":"org:dsp-groep"`}, false},
	{"shortest path between two organisations", `{ shortestPath(from: "org:fier", to: "org:vng") { nodes { id } edges { type } } }`, 1,
		[]string{`"id":"org:fier"`, `"id":"org:vng"`}, false},
	{"motions by date submitted", `{ motions(first: 5, where: { dateSubmitted: { gte: "2023-09-01" } }, orderBy: [{field: DATE, direction: DESC}]) { totalCount edges { node { id dateSubmitted } } } }`, 1,
		[]string{`"id":"motion:28638-244"`, `"dateSubmitted":"2023-09-27"`}, false},
	{"the acceptance question", `{ organisation(name: "comensha") { name } actielijn(number: 2) { title } motion(dossier: "28 638", number: 231) { submitters { name } } }`, 3, // three root lookups of different kinds, then one level
		[]string{`"name":"CoMensha"`, `"title":"Vergroten van de meldingsbereidheid"`, `"submitters":[{"name":"Bikker"},{"name":"Verkuilen"}]`}, false},
	{"statistics", `{ stats { nodes { label count } edges { type count } } }`, 1, []string{`"label":"Organisation"`}, false},
	// Light reads: the text and mentions are read when selected, in any alias.
	{"a page of letters with their text and mentions", `{ documents(first: 2, orderBy: [{field: DATE, direction: DESC}]) { a: edges { node { id } } b: edges { node { ... on Document { text } mentions { quote } } } } }`, 1,
		[]string{`"text":"`}, false},
	{"a neighbourhood with mentions and text", `{ neighbourhood(id: "actielijn:4", depth: 1, limit: 6) { nodes { id ... on Node { mentions { quote } } ... on Document { text } } } }`, 1,
		[]string{`"mentions":[{"quote":`}, false},
	{"search hits with their mentions", `{ search(text: "comensha", first: 2) { score node { id mentions { quote } } } }`, 1,
		[]string{`"mentions":[{"quote":`}, false},
	{"a light page, then the same node whole", `{ organisations(first: 1, orderBy: [{field: ID}]) { edges { node { id } } } n: organisations(first: 1, orderBy: [{field: ID}]) { edges { node { mentions { quote } } } } }`, 2,
		[]string{`"mentions":[{"quote":`}, false},
	{"an invalid cursor is a clear error", `{ motions(first: 2, after: "not-a-cursor") { edges { node { id } } } }`, 1, []string{`cursor`}, true},

	// The users' questions, exactly as they ask them.
	{"users: actielijn 6, its holders and everyone involved, with evidence", `{ actielijn(number: 6) { id title holders { id name } involved { organisation { id name } role evidence { quote document { id citation date } } } } }`, 4, // node; holders and involved (two relation groups); evidence documents
		[]string{`"holders":[{"id":"org:defence-for-children","name":"Defence for Children"},{"id":"org:fier","name":"Fier"}]`, `"role":"HOLDS"`, `"citation":"Kamerstuk 28 638, nr. 257"`}, false},
	{"users: what CoMensha holds, executes, is a member of and is mentioned in", `{ organisation(name: "CoMensha") { id holds { edges { node { id ... on Actielijn { number } } } } executes { edges { node { id } } } memberOf { edges { node { id name } } } mentionedIn(first: 5) { edges { node { id title } } } } }`, 5, // lookup; four relation groups
		[]string{`"executes":{"edges":[{"node":{"id":"actielijn:`, `"memberOf":{"edges":[{"node":{"id":"org:regiegroep","name":"`, `"mentionedIn":{"edges":[{"node":{"id":"doc:`}, false},
	{"users: motion 28 638, nr. 224, its submitters and their parties, and the letters on it", `{ motion(dossier: "28 638", number: 224) { id name submitters { id name party { id name } } respondedToBy { id title date } } }`, 4, // node; submitters and respondedToBy; party
		[]string{`"name":"motie-Mutluer c.s."`, `{"id":"person:mutluer","name":"Mutluer","party":{"id":"party:gl-pvda","name":"GL/PvdA"}}`, `"respondedToBy":[{"id":"doc:kenmerk-6013609","title":"`}, false},
	{"users: documents citing Kamerstuk 28 638, nr. 233", `{ documents(where: { cites: { dossier: "28 638", number: 233 } }) { edges { node { id title } } } }`, 1,
		[]string{`"id":"doc:kenmerk-6013609"`, `"id":"doc:kenmerk-5155148"`}, false},
	{"users: what Bikker submitted", `{ person(name: "Bikker") { id submitted { id name number } } }`, 2,
		[]string{`"submitted":[{"id":"motion:bikker","name":"motie-`, `"number":231`}, false},

	// Filters: every kind of test, on both stores.
	{"filter: name equals, folded", `{ organisations(where: {name: {eq: "comensha"}}) { totalCount edges { node { id } } } }`, 1,
		[]string{`"totalCount":1,"edges":[{"node":{"id":"org:comensha"}}]`}, false},
	{"filter: id in, unknown ids ignored", `{ organisations(where: {id: {in: ["org:ckm", "org:comensha", "org:nope"]}}, orderBy: [{field: ID, direction: DESC}]) { edges { node { id } } } }`, 1,
		[]string{`"edges":[{"node":{"id":"org:comensha"}},{"node":{"id":"org:ckm"}}]`}, false},
	{"filter: name in", `{ parties(where: {name: {in: ["cu", "GL/PvdA", "nobody"]}}, orderBy: [{field: NAME}]) { edges { node { name } } } }`, 1,
		[]string{`{"name":"CU"}`, `{"name":"GL/PvdA"}`}, false},
	{"filter: contains matches aliases, accent-insensitively", `{ organisations(where: {name: {contains: "coordinatiecentrum"}}) { edges { node { id } } } }`, 1,
		[]string{`"id":"org:comensha"`}, false},
	{"filter: startsWith matches abbreviations", `{ organisations(where: {name: {startsWith: "ckm"}}) { edges { node { id } } } }`, 1,
		[]string{`"id":"org:ckm"`}, false},
	{"filter: document date range, newest first", `{ documents(where: {date: {gte: "2023-10-01", lte: "2024-12-31"}}, orderBy: [{field: DATE, direction: DESC}]) { totalCount edges { node { id date } } } }`, 1,
		[]string{`{"id":"doc:kenmerk-5155148","date":"2024-02-02"}`, `"date":"2023-12-18"`}, false},
	{"filter: document date equals", `{ documents(where: {date: {eq: "2024-02-02"}}) { edges { node { id } } } }`, 1,
		[]string{`"edges":[{"node":{"id":"doc:kenmerk-5155148"}}]`}, false},
	{"filter: motions adopted before a date, by status", `{ motions(where: {dateAdopted: {lte: "2023-10-31"}, status: {in: [ADOPTED, IN_PROGRESS, COMPLETED]}}, orderBy: [{field: NUMBER}]) { edges { node { id status dateAdopted } } } }`, 1,
		[]string{`"id":"motion:28638-229"`, `"id":"motion:28638-231"`}, false},
	{"filter: motion status equals", `{ motions(where: {status: {eq: ADOPTED}}, orderBy: [{field: NUMBER}]) { totalCount edges { node { id } } } }`, 1,
		[]string{`"id":"motion:29628-963"`}, false},
	{"history: a motion's steps, its status as of dates, its furthest status", `{ motion(dossier: "28638", number: 231) { status furthestStatus before: status(asOf: "2023-09-01") submitted: status(asOf: "2023-09-30") adopted: status(asOf: "2023-10-03") statusHistory { date status evidence { document { id } quote } } } }`, 2,
		[]string{`"status":"COMPLETED"`, `"before":null`, `"submitted":"SUBMITTED"`, `"adopted":"ADOPTED"`,
			`{"date":"2023-10-03","status":"ADOPTED","evidence":{"document":{"id":"doc:kenmerk-6013609"},"quote":"De motie is op 3 oktober jl. aangenomen`}, false},
	{"as of a date: a root list keeps the nodes mentioned or submitted by then", `{ motions(asOf: "2024-01-01", orderBy: [{field: ID}]) { totalCount edges { node { id since status(asOf: "2024-01-01") } } } }`, 1,
		[]string{`"totalCount":9`, `{"id":"motion:28638-231","since":"2023-09-27","status":"COMPLETED"}`, `{"id":"motion:29628-963","since":"2020-07-02","status":"ADOPTED"}`}, false},
	{"as of a date: a list's status filters test the status then", `{ motions(asOf: "2023-10-05", where: {status: {eq: ADOPTED}}, orderBy: [{field: ID}]) { totalCount edges { node { id status(asOf: "2023-10-05") } } } commitments(asOf: "2023-12-01", where: {open: true}, orderBy: [{field: ID}]) { totalCount edges { node { id openThen: open(asOf: "2023-12-01") } } } }`, 2,
		[]string{`"motions":{"totalCount":3,"edges":[{"node":{"id":"motion:28638-229","status":"ADOPTED"}},{"node":{"id":"motion:28638-231","status":"ADOPTED"}},{"node":{"id":"motion:29628-963","status":"ADOPTED"}}]}`,
			`"commitments":{"totalCount":2,`}, false},
	{"as of a date: since on nodes and relations", `{ actielijn(number: 6) { since relations(first: 10) { edges { relation { type from since } } } } }`, 2,
		[]string{`"since":"2025-07-04","relations"`, `{"type":"HOLDS","from":"org:fier","since":"2025-07-04"}`}, false},
	{"changes around a node", `{ changes(from: "2024-01-01", to: "2025-12-31", around: "actielijn:6") { nodes { id since } relations { type from to since } motionSteps { step { date } } } }`, 2,
		[]string{`{"id":"actielijn:6","since":"2025-07-04"}`, `{"type":"HOLDS","from":"org:fier","to":"actielijn:6","since":"2025-07-04"}`}, false},
	{"changes in the whole graph, with status steps", `{ changes(from: "2024-06-01", to: "2025-12-31", first: 5) { nodes { id } relations { type } motionSteps { motion { id } step { date status } } commitmentSteps { commitment { id } step { date status evidence { quote } } } } }`, 4,
		[]string{`{"motion":{"id":"motion:bikker-mutluer-tseggai-van-nispen"},"step":{"date":"2025-07-04","status":"IN_PROGRESS"}}`,
			`{"commitment":{"id":"commitment:u-twee-keer-per-jaar-wordt-geinformeerd-over"},"step":{"date":"2024-06-17","status":"MADE","evidence":{"quote":"Bij het aanbieden`}, false},
	{"open commitments with the office that made them, oldest first", `{ commitments(where: {open: true}, orderBy: [{field: DATE}]) { totalCount edges { node { id date madeBy { id } } } } }`, 2,
		[]string{`"totalCount":3`, `{"id":"commitment:in-het-programma-samen-tegen-mensenhandel-terug-te","date":"2023-01-19","madeBy":{"id":"office:staatssecretaris-van-justitie-en-veiligheid"}}`}, false},
	{"history: commitments with their steps, open or not", `{ commitments(first: 20, orderBy: [{field: ID}]) { edges { node { id status furthestStatus open openThen: open(asOf: "2023-12-01") statusHistory { date status } } } } }`, 1,
		[]string{`{"id":"commitment:118836","status":"FULFILLED","furthestStatus":"FULFILLED","open":false,"openThen":false,"statusHistory":[{"date":"2023-12-18","status":"FULFILLED"},{"date":null,"status":"MADE"}]}`,
			`"id":"commitment:u-nader-te-informeren-over-de-stand-van","status":"REPORTED","furthestStatus":"REPORTED","open":true,"openThen":true`}, false},
	{"filter: number range within a dossier typed without a space", `{ motions(where: {dossier: {eq: "28638"}, number: {gte: 230, lte: 245}}, orderBy: [{field: NUMBER, direction: DESC}]) { totalCount edges { node { id number } } } }`, 1,
		[]string{`{"id":"motion:28638-245","number":245}`, `{"id":"motion:28638-231","number":231}`}, false},
	{"filter: number in or at least", `{ actions(where: {OR: [{number: {in: [1, 2]}}, {number: {gte: 30}}]}, orderBy: [{field: NUMBER}]) { edges { node { number } } } }`, 1,
		[]string{`{"number":1}`, `{"number":2}`, `{"number":30}`}, false},
	{"filter: document kinds, one excluded with NOT", `{ documents(where: {kind: {in: [LETTER, MEMO]}, NOT: {kind: {eq: MEMO}}}, orderBy: [{field: DATE}]) { edges { node { id kind date } } } }`, 1,
		[]string{`"kind":"LETTER"`}, false},
	{"filter: person kind", `{ persons(where: {kind: {eq: MP}}, orderBy: [{field: NAME}]) { totalCount edges { node { name kind } } } }`, 1,
		[]string{`"kind":"MP"`}, false},
	{"filter: AND, OR and NOT nested", `{ organisations(where: {AND: [{name: {contains: "mensenhandel"}}, {NOT: {id: {eq: "org:ckm"}}}], OR: [{related: {types: [MEMBER_OF], direction: OUT}}, {name: {startsWith: "co"}}]}, orderBy: [{field: ID}]) { edges { node { id } } } }`, 1,
		[]string{`"id":"org:comensha"`}, false},
	{"filter: organisations that hold or execute something in actielijn 4", `{ organisations(where: {related: {types: [HOLDS, EXECUTES], direction: OUT, other: {OR: [{id: {eq: "actielijn:4"}}, {related: {types: [PART_OF], direction: OUT, other: {id: {eq: "actielijn:4"}}}}]}}}, orderBy: [{field: NAME}]) { totalCount edges { node { id } } } }`, 1,
		[]string{`"id":"org:comensha"`, `"id":"org:dsp-groep"`}, false},
	{"filter: persons who submitted a motion a letter responds to", `{ persons(where: {related: {types: [SUBMITTED], direction: OUT, other: {related: {types: [RESPONDS_TO], direction: IN, other: {id: {eq: "doc:kenmerk-5155148"}}}}}}, orderBy: [{field: NAME}]) { edges { node { name } } } }`, 1,
		[]string{`{"name":"Bikker"}`, `{"name":"Mutluer"}`}, false},
	{"filter: the label at the other end", `{ organisations(where: {related: {types: [MEMBER_OF], direction: IN, other: {label: {eq: Organisation}}}}, orderBy: [{field: ID}]) { edges { node { id } } } }`, 1,
		[]string{`"id":"org:`}, false},
	{"filter: nodes without a relation (NOT related)", `{ actielijnen(where: {NOT: {related: {types: [HOLDS], direction: IN}}}, orderBy: [{field: NUMBER}]) { edges { node { number } } } }`, 1,
		[]string{`{"number":1}`}, false},
	{"filter: cites, dossier without a space, with a date", `{ documents(where: {cites: {dossier: "28638", number: 233}, date: {gte: "2024-01-01"}}) { totalCount edges { node { id } } } }`, 1,
		[]string{`"totalCount":1,"edges":[{"node":{"id":"doc:kenmerk-5155148"}}]`}, false},
	{"filter: a bad date is a clear error", `{ documents(where: {date: {gte: "2024-13-45"}}) { totalCount } }`, 0,
		[]string{`2024-13-45`}, true},

	// Order.
	{"order: by degree, most connected first", `{ organisations(first: 5, orderBy: [{field: DEGREE, direction: DESC}]) { edges { node { id } } } }`, 1,
		[]string{`"id":"org:comensha"`}, false},
	{"order: by date ascending, undated last", `{ documents(first: 6, orderBy: [{field: DATE}]) { edges { node { id date } } } }`, 1,
		[]string{`"date":"2023-10-06"}},{"node":{"id":"doc:kenmerk-6013609","date":"2023-12-18"}}`, `"date":null`}, false},
	{"order: by name descending", `{ parties(orderBy: [{field: NAME, direction: DESC}]) { edges { node { name } } } }`, 1,
		[]string{`"name":"SP"}},{"node":{"name":"GL/PvdA"}},{"node":{"name":"CU"}`}, false},
	{"order: two keys, date then number", `{ motions(orderBy: [{field: DATE, direction: DESC}, {field: NUMBER, direction: DESC}]) { edges { node { id dateSubmitted number } } } }`, 1,
		[]string{`"id":"motion:28638-231","dateSubmitted":"2023-09-27"`}, false},
	{"order: events by date", `{ events(where: {date: {gte: "2023-01-01"}}, orderBy: [{field: DATE}]) { edges { node { id date } } } }`, 1,
		[]string{`"date":"2023-01-19"`}, false},
	{"order: actions by number descending", `{ actions(first: 3, orderBy: [{field: NUMBER, direction: DESC}]) { edges { node { number } } } }`, 1,
		[]string{`"edges":[{"node":{"number":`}, false},

	// Cursors: keyset paging, the first and the last page, empty pages, bad cursors.
	// @endCursor(name) stands for the endCursor of the earlier answer of that name.
	{"cursor: first page by degree", `{ organisations(first: 4, orderBy: [{field: DEGREE, direction: DESC}]) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, 1,
		[]string{`"hasNextPage":true,"hasPreviousPage":false`}, false},
	{"cursor: second page by degree", `{ organisations(first: 4, after: @endCursor(cursor: first page by degree), orderBy: [{field: DEGREE, direction: DESC}]) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, 1,
		[]string{`"hasNextPage":true,"hasPreviousPage":true`}, false},
	{"cursor: first page by date, dated documents", `{ documents(first: 3, orderBy: [{field: DATE, direction: DESC}]) { pageInfo { hasNextPage endCursor } edges { node { id date } } } }`, 1,
		[]string{`"date":"2025-07-04"`}, false},
	{"cursor: the next page crosses from dated to undated documents", `{ documents(first: 3, after: @endCursor(cursor: first page by date, dated documents), orderBy: [{field: DATE, direction: DESC}]) { pageInfo { hasNextPage endCursor } edges { node { id date } } } }`, 1,
		[]string{`"date":"2023-10-06"}}`, `"date":null`}, false},
	{"cursor: and onwards through the undated", `{ documents(first: 3, after: @endCursor(cursor: the next page crosses from dated to undated documents), orderBy: [{field: DATE, direction: DESC}]) { pageInfo { hasNextPage endCursor } edges { node { id date } } } }`, 1,
		[]string{`"hasNextPage":true`, `"date":null`}, false},
	{"cursor: actielijnen, first of two pages", `{ actielijnen(first: 4, orderBy: [{field: NUMBER}]) { pageInfo { hasNextPage endCursor } edges { node { number } } } }`, 1,
		[]string{`"hasNextPage":true`, `{"number":4}`}, false},
	{"cursor: actielijnen, the last page", `{ actielijnen(first: 4, after: @endCursor(cursor: actielijnen, first of two pages), orderBy: [{field: NUMBER}]) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { number } } } }`, 1,
		[]string{`"hasNextPage":false,"hasPreviousPage":true`, `"edges":[{"node":{"number":5}},{"node":{"number":6}}]`}, false},
	{"cursor: after the last item comes an empty page", `{ actielijnen(first: 4, after: @endCursor(cursor: actielijnen, the last page), orderBy: [{field: NUMBER}]) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { number } } } }`, 1,
		[]string{`{"pageInfo":{"hasNextPage":false,"hasPreviousPage":true,"startCursor":null,"endCursor":null},"edges":[]}`}, false},
	{"cursor: a filter that matches nothing", `{ organisations(where: {name: {eq: "nobody at all"}}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } }`, 1,
		[]string{`{"totalCount":0,"pageInfo":{"hasNextPage":false,"hasPreviousPage":false,"startCursor":null,"endCursor":null},"edges":[]}`}, false},
	{"cursor: first 0 tells whether any exist", `{ organisations(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, 1,
		[]string{`"pageInfo":{"hasNextPage":true,"endCursor":null},"edges":[]`}, false},
	{"cursor: a cursor made for another order is refused", `{ motions(first: 2, after: @endCursor(a page walk with cursors), orderBy: [{field: NAME}]) { edges { node { id } } } }`, 1,
		[]string{`"BAD_CURSOR"`, `invalid cursor`}, true},
	{"cursor: relation connection, first page", `{ organisation(name: "CoMensha") { mentionedIn(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } } }`, 3, // lookup; neighbours and their count
		[]string{`"hasNextPage":true,"hasPreviousPage":false`}, false},
	{"cursor: relation connection, next page", `{ organisation(name: "CoMensha") { mentionedIn(first: 2, after: @endCursor(cursor: relation connection, first page)) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } } }`, 2,
		[]string{`"hasPreviousPage":true`}, false},
	{"cursor: a list cursor is no relation cursor", `{ organisation(name: "CoMensha") { mentionedIn(after: @endCursor(cursor: first page by degree)) { edges { node { id } } } } }`, 2,
		[]string{`"BAD_CURSOR"`}, true},
	{"cursor: garbage on a relation connection", `{ organisation(name: "CoMensha") { mentionedIn(after: "bm90LWEtY3Vyc29y") { edges { node { id } } } } }`, 2,
		[]string{`"BAD_CURSOR"`}, true},

	// Visualisation.
	{"neighbourhood: two hops over some types, limited", `{ neighbourhood(id: "actielijn:4", depth: 2, types: [PART_OF, EXECUTES, HOLDS], limit: 15) { nodes { id label name } edges { id type from to evidence { quote } } } }`, 1,
		[]string{`"id":"actielijn:4","label":"Actielijn"`, `"type":"EXECUTES"`}, false},
	{"neighbourhood: an unknown node is empty", `{ neighbourhood(id: "org:nope") { nodes { id } edges { id } } }`, 1,
		[]string{`{"neighbourhood":{"nodes":[],"edges":[]}}`}, false},
	{"shortest path: with evidence and its documents", `{ shortestPath(from: "person:bikker", to: "org:comensha") { nodes { id label name } edges { id type from to evidence { quote document { citation } } } } }`, 2,
		[]string{`"id":"person:bikker"`, `"id":"org:comensha"`}, false},
	{"shortest path: none within maxLength", `{ shortestPath(from: "org:fier", to: "org:vng", maxLength: 1) { nodes { id } edges { id } } }`, 1,
		[]string{`{"shortestPath":{"nodes":[],"edges":[]}}`}, false},
	{"search: labels, ranked, with snippets", `{ search(text: "mensenhandel", labels: [Report, Organisation], first: 8) { score snippet node { id label name } } }`, 1,
		[]string{`"snippet":"`, `"label":"Organisation"`}, false},
}

// endCursorRef is a placeholder in a query for the endCursor of an earlier answer.
var endCursorRef = regexp.MustCompile(`@endCursor\(([^)]*)\)`)

// withCursors replaces @endCursor(name) with the (first) endCursor of the earlier answer
// of that name, as a GraphQL string.
func withCursors(t *testing.T, query string, earlier map[string]string) string {
	return endCursorRef.ReplaceAllStringFunc(query, func(ref string) string {
		name := endCursorRef.FindStringSubmatch(ref)[1]
		var cursor string
		if m := regexp.MustCompile(`"endCursor":("[^"]*")`).FindStringSubmatch(earlier[name]); m != nil {
			cursor = m[1]
		}
		if cursor == "" {
			t.Fatalf("no endCursor in the answer of %q: %s", name, earlier[name])
		}
		return cursor
	})
}

func TestGraphQLAnswersAlikeOnBothStores(t *testing.T) {
	bs := backends(t)
	answers := make([]map[string]string, len(bs))
	for i, b := range bs {
		h := graph.NewHandler(b.st, graph.Options{Introspection: true, ComplexityLimit: graph.DefaultComplexityLimit, MaxDepth: graph.DefaultMaxDepth})
		answers[i] = map[string]string{}
		for _, q := range queries {
			t.Run(b.name+"/"+q.name, func(t *testing.T) {
				before := b.counts()
				got := post(t, h, withCursors(t, q.query, answers[i]))
				trips := b.counts() - before
				answers[i][q.name] = string(got)
				if trips > q.maxTrips {
					t.Errorf("%d store round trips, at most %d allowed", trips, q.maxTrips)
				}
				hasErrors := bytes.Contains(got, []byte(`"errors"`))
				if hasErrors != q.wantError {
					t.Errorf("errors: %v, want %v: %s", hasErrors, q.wantError, got)
				}
				for _, w := range q.mustHave {
					if !strings.Contains(string(got), w) {
						t.Errorf("answer lacks %s: %.600s", w, got)
					}
				}
				t.Logf("%s: %d round trips", q.name, trips)
			})
		}
	}
	for i := 1; i < len(bs); i++ {
		for _, q := range queries {
			if answers[i][q.name] != answers[0][q.name] {
				t.Errorf("%s answers %q differently from %s:\n%s\n%s", bs[i].name, q.name, bs[0].name, answers[i][q.name], answers[0][q.name])
			}
		}
	}
}
