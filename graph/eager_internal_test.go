package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/storetest"
)

// TestEagerAnswersAsFieldByField: answers whose objects are written eagerly are the bytes
// of the same answers made field by field: texts that need escaping (quotes, backslashes,
// control characters, < > &, U+2028) and one longer than a chunk of the arena, nulls,
// enums, dates, numbers, aliases, __typename, fragments, interfaces, and objects that
// cannot be eager beside those that can. And eagerly, a neighbourhood is made of far fewer
// allocations, so the eager path is the one taken.
func TestEagerAnswersAsFieldByField(t *testing.T) {
	g := storetest.Fixture()
	// Mentioned far more often than the cost model estimates (MentionsEstimate), so that
	// the cost counted while the answer is written can pass a limit the estimate was under.
	var many []kg.Evidence
	for i := range 6 * MentionsEstimate {
		many = append(many, kg.Evidence{Document: "doc:long", Quote: "Voortgangsbrief", Start: 20 * i, End: 20*i + 15})
	}
	g.Nodes = append(g.Nodes,
		kg.Node{ID: "org:odd", Label: kg.Organisation, Name: "Stichting \"Aan\\Zet\" <b>&\u2028\x01 – ’ €", Mentions: many,
			Aliases: []string{"\"Aan\\Zet\"", "<b>&\u2028", "", "Aan Zet"}},
		kg.Node{ID: "doc:long", Label: kg.Document, Name: "lang", Props: map[string]any{kg.PropTitle: strings.Repeat("Voortgangsbrief \"x\" ", 2000), kg.PropDate: "2024-01-02", kg.PropKind: "LETTER"}},
	)
	st := memory.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h := NewHandler(st, Options{})
	queries := []string{
		`{ neighbourhood(id: "org:comensha", depth: 2, limit: 200) { nodes { __typename id label name a: name ... on Document { title date kind number } } edges { id type from to t: type } } }`,
		`{ documents(first: 50) { edges { cursor node { id title date kind dossier number citation } } } }`,
		`{ documents(first: 50) { edges { node { id ...D } } } } fragment D on Document { title t: title date }`,
		`{ search(text: "mensenhandel", first: 20) { score node { __typename id label name } } }`,
		`{ search(text: "Aan Zet", first: 5) { node { id name } } }`,
		`{ organisations(first: 50) { edges { node { id name abbreviation kind } } } }`,
		`{ organisations(first: 50) { edges { node { id aliases a: aliases } } } }`,
		`{ organisation(name: "Aan Zet") { id name abbreviation kind aliases } }`,
		`{ motions(first: 20) { edges { node { submitterNames aliases } } } }`,
		`{ motions(first: 20) { edges { node { id name citation submitters { id name label } } } } }`,
		`{ node(id: "doc:long") { id ... on Document { title date kind } } }`,
	}
	answer := func(q string) []byte {
		t.Helper()
		body := postQuery(h, q)
		if !bytes.HasPrefix(body, []byte(`{"data":`)) || bytes.Contains(body, []byte(`"errors"`)) {
			t.Fatalf("%s: %.300s", q, body)
		}
		return body
	}
	defer fieldByField.Store(false)
	for _, q := range queries {
		fieldByField.Store(true)
		want := answer(q)
		fieldByField.Store(false)
		if got := answer(q); !bytes.Equal(got, want) {
			t.Errorf("%s:\n eager %.400s\nfields %.400s", q, got, want)
		}
	}
	// Under limits on the answer's bytes and its cost, alone and together, stopped where
	// one passes: the same answer both ways, the one error or the whole data. The aliased
	// query's two root fields run at once, writing eager objects into one arena; the
	// mentions' documents are eager objects in a list whose cost is estimated before the
	// operation runs and counted while it runs, so limits from that estimate up stop it, or
	// not, while it runs.
	aliased := `{ a: neighbourhood(id: "org:comensha", depth: 2, limit: 200) { nodes { x: name y: name z: id __typename } }` +
		` b: neighbourhood(id: "org:ckm", depth: 2, limit: 200) { edges { t: type id u: type } nodes { label } } }`
	mentions := `{ node(id: "org:odd") { ... on Organisation { name mentions { quote document { id date kind } } } } }`
	for _, q := range []string{queries[0], aliased, mentions} {
		// The estimate, from the error of a limit below it (and above the fields selected,
		// which are refused first).
		var estimate int
		low := postQuery(NewHandler(st, Options{ComplexityLimit: 50}), q)
		if _, err := fmt.Sscanf(string(low), `{"errors":[{"message":"operation has complexity %d`, &estimate); err != nil {
			t.Fatalf("%.60s: no estimate in the answer to a limit of 50: %v: %.200s", q, err, low)
		}
		for _, limit := range []struct{ bytes, cost int }{
			{100, 0}, {500, 0}, {2000, 0}, {5000, 0}, {1 << 20, 0},
			{1 << 20, estimate}, {1 << 20, estimate + 10}, {3000, estimate + 10}, {1 << 20, 2 * estimate}, {1 << 20, 4 * estimate},
		} {
			limited := NewHandler(st, Options{MaxResponseBytes: int64(limit.bytes), ComplexityLimit: limit.cost})
			var answers [2][]byte
			for i, off := range []bool{true, false} {
				fieldByField.Store(off)
				answers[i] = postQuery(limited, q)
			}
			if !bytes.Equal(answers[0], answers[1]) {
				t.Errorf("%+v, %.60s:\n eager %.300s\nfields %.300s", limit, q, answers[1], answers[0])
			}
		}
	}
	fieldByField.Store(false)

	// Field by field, each node and edge is an allocation of its own (its objectAnswer).
	if raceDetector {
		return
	}
	var hood struct {
		Data struct {
			Neighbourhood struct{ Nodes, Edges []json.RawMessage }
		}
	}
	if err := json.Unmarshal(answer(queries[0]), &hood); err != nil {
		t.Fatal(err)
	}
	objects := float64(len(hood.Data.Neighbourhood.Nodes) + len(hood.Data.Neighbourhood.Edges))
	// A collection empties the pools the eager path takes its buffers from: none runs
	// while allocations are counted.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	allocs := func(off bool) float64 {
		fieldByField.Store(off)
		return testing.AllocsPerRun(5, func() { answer(queries[0]) })
	}
	if eager, byField := allocs(false), allocs(true); byField-eager < objects/2 {
		t.Errorf("a neighbourhood of %v nodes and edges: %v allocations eagerly, %v field by field; the eager path is not taken", objects, eager, byField)
	}
}

// TestAnswerArena: objects written one after another, some dropped halfway, some larger
// than a chunk and moved to a new chunk as they grow, concurrently, each keep their JSON
// whatever is written after them.
func TestAnswerArena(t *testing.T) {
	var a answerArena
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 9))
			var objs []*eagerObject
			var want []string
			for i := range 500 {
				a.open()
				n := r.IntN(4)
				if r.IntN(50) == 0 {
					n = 3 + r.IntN(3) // and a long text
				}
				var b strings.Builder
				b.WriteByte('{')
				for f := range n {
					a.key(fmt.Sprintf("f%d", f))
					text := strings.Repeat(fmt.Sprintf("g%d-%d ", g, i), 1+r.IntN(3))
					if f >= 3 {
						text = strings.Repeat("x", arenaChunk+r.IntN(arenaChunk))
					}
					a.text(text)
					if f > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `"f%d":%q`, f, text)
				}
				if r.IntN(5) == 0 {
					a.abort()
					continue
				}
				b.WriteByte('}')
				objs = append(objs, a.close().(*eagerObject))
				want = append(want, b.String())
			}
			for i, o := range objs {
				var got bytes.Buffer
				o.MarshalGQL(&got)
				if got.String() != want[i] {
					t.Errorf("goroutine %d, object %d: %.200s, want %.200s", g, i, got.String(), want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestEagerInAScopeIsEagerSelection: the verdict a scope keeps is the one eagerSelection
// gives for the fields at hand, as the fields collected under the scope change: another
// selection, another type, the same fields in another slice, fields collected elsewhere.
func TestEagerInAScopeIsEagerSelection(t *testing.T) {
	op := memoOperation(t, `{ motions { edges { node { name ... on Node { id } ... on Motion { citation submitters { name } } } } } }`, nil)
	edges := op.Operation.SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
	node := edges.SelectionSet[0].(*ast.Field)
	leaves := func(name string) bool { return name == "name" || name == "id" || name == "citation" }
	none := func(string) bool { return false }
	m := newOperationMemo(op.Doc)
	scope := &fieldScope{Context: context.Background()}
	steps := []struct {
		sel       ast.SelectionSet
		satisfies []string
		object    string // whose eager fields eager says
		eager     func(string) bool
	}{
		{node.SelectionSet, []string{"Motion", "Node"}, "Motion", leaves}, // submitters is not a leaf
		{node.SelectionSet, []string{"Motion", "Node"}, "Motion", leaves},
		{node.SelectionSet, []string{"Person", "Node"}, "Person", leaves}, // name and id: eager
		{node.SelectionSet, []string{"Person", "Node"}, "Person", leaves},
		{node.SelectionSet, []string{"Person", "Node"}, "Thing", none}, // the same fields, judged for another type
		{edges.SelectionSet, []string{"MotionEdge"}, "MotionEdge", none},
		{node.SelectionSet, []string{"Motion", "Node"}, "Motion", leaves},
	}
	for i, s := range steps {
		fields := m.collectIn(scope, op, s.sel, s.satisfies)
		if got, want := eagerIn(scope, s.object, fields, s.eager), eagerSelection(fields, s.eager); got != want {
			t.Errorf("step %d (%v): eagerIn %v, eagerSelection %v", i, names(fields), got, want)
		}
		// Fields the scope did not collect (a copy) are judged on their own.
		other := slices.Clone(fields)
		if got, want := eagerIn(scope, s.object, other, leaves), eagerSelection(other, leaves); got != want {
			t.Errorf("step %d, a copy: eagerIn %v, eagerSelection %v", i, got, want)
		}
	}
	fields := m.collectIn(scope, op, node.SelectionSet, []string{"Person", "Node"})
	if !eagerIn(scope, "Person", fields, leaves) {
		t.Fatal("a person's name and id are not eager")
	}
	fieldByField.Store(true)
	defer fieldByField.Store(false)
	if eagerIn(scope, "Person", fields, leaves) {
		t.Error("eager with eager objects turned off")
	}
}

// TestAnswersAfterTheirBytesAreGivenBack: an answer's bytes and its eager objects' chunks
// go back to their pools once the answer is written (answerdata.go, eager.go); scribbled
// over there, nothing of them shows in any answer, of any size, one after another or at
// once.
func TestAnswersAfterTheirBytesAreGivenBack(t *testing.T) {
	g := storetest.Fixture()
	for i := range 120 { // a page of letters of many KB
		g.Nodes = append(g.Nodes, kg.Node{ID: fmt.Sprintf("doc:many-%03d", i), Label: kg.Document, Name: fmt.Sprintf("brief %d", i),
			Props: map[string]any{kg.PropTitle: fmt.Sprintf("Voortgangsbrief %d over de aanpak van mensenhandel, met een lange titel", i), kg.PropDate: "2024-01-02", kg.PropKind: "LETTER"}})
	}
	g.Nodes = append(g.Nodes, kg.Node{ID: "doc:long", Label: kg.Document, Name: "lang",
		Props: map[string]any{kg.PropTitle: strings.Repeat("Voortgangsbrief \"x\" ", 3000), kg.PropDate: "2024-01-02", kg.PropKind: "LETTER"}})
	for _, id := range []string{"doc:mid-1", "doc:mid-2"} { // each 40 KB: larger than a chunk, and than what the first leaves of its buffer
		g.Nodes = append(g.Nodes, kg.Node{ID: id, Label: kg.Document, Name: "half", Props: map[string]any{kg.PropTitle: strings.Repeat("Voortgangsbrief ", 2500), kg.PropKind: "LETTER"}})
	}
	st := memory.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h := NewHandler(st, Options{})
	queries := []string{
		`{ documents(first: 100) { edges { cursor node { id title date kind } } } }`,
		`{ node(id: "doc:long") { id ... on Document { title date } } }`,
		`{ neighbourhood(id: "org:comensha", depth: 2, limit: 200) { nodes { id label name } edges { id type from to } } }`,
		`{ neighbourhood(id: "org:comensha", depth: 1, limit: 20) { nodes { id name } } }`,
		`{ documents(first: 50) { edges { cursor node { id title date kind } } } }`,
		`{ motions(first: 20) { edges { node { id name citation submitters { id name } } } } }`,
		`{ search(text: "mensenhandel", first: 20) { score node { __typename id label name } } }`,
		`{ organisation(name: "Comensha") { id name } }`,
		// Large objects one after the other in the arena: the third outgrows the buffer that
		// holds the first two.
		`{ nodes(ids: ["doc:mid-1", "doc:mid-2", "doc:long"]) { ... on Document { title } } }`,
	}
	answer := func(q string) string {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": `+strconv.Quote(q)+`}`))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		return w.Body.String()
	}
	want := map[string]string{}
	for _, q := range queries {
		want[q] = answer(q)
		if !strings.Contains(want[q], `"data":{`) || strings.Contains(want[q], "#") {
			t.Fatalf("%s: %.300s", q, want[q])
		}
	}
	if len(want[queries[0]]) < 2*minAnswerData || len(want[queries[1]]) < 16*minAnswerData {
		t.Fatalf("answers of %d and %d bytes take no pooled buffers of several classes", len(want[queries[0]]), len(want[queries[1]]))
	}
	scribbleReleased.Store(true)
	defer scribbleReleased.Store(false)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3 * len(queries) {
				q := queries[(g+i)%len(queries)]
				if got := answer(q); got != want[q] {
					t.Errorf("%s: %.300s, want %.300s", q, got, want[q])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestAnswerDataClasses: a buffer taken holds what was asked, and one given back goes to
// the class of buffers it holds; the classes reach maxPooledAnswer.
func TestAnswerDataClasses(t *testing.T) {
	if got := minAnswerData << (answerDataClasses - 1); got != maxPooledAnswer {
		t.Fatalf("the largest class holds %d bytes, not maxPooledAnswer (%d)", got, maxPooledAnswer)
	}
	for _, n := range []int64{0, 1, 100, minAnswerData - 1, minAnswerData, minAnswerData + 1, 3 * minAnswerData, 49 << 10, 64 << 10, maxPooledAnswer - 1, maxPooledAnswer, maxPooledAnswer + 1, 4 << 20} {
		b := answerData(n)
		if int64(cap(b)) < n || len(b) != 0 {
			t.Errorf("answerData(%d): len %d, cap %d", n, len(b), cap(b))
		}
		if n >= minAnswerData && n <= maxPooledAnswer {
			k := takeClass(n)
			if size := int64(minAnswerData) << k; size < n || k > 0 && size/2 >= n || k >= answerDataClasses {
				t.Errorf("takeClass(%d) = %d (%d bytes)", n, k, size)
			}
		}
		recycleAnswerData(b)
	}
	for _, c := range []int{minAnswerData, minAnswerData + 1, 2*minAnswerData - 1, 2 * minAnswerData, 50 << 10, maxPooledAnswer} {
		k := giveClass(c)
		if size := minAnswerData << k; size > c || 2*size <= c || k >= answerDataClasses {
			t.Errorf("giveClass(%d) = %d (%d bytes)", c, k, size)
		}
	}
}

// TestArenaRelease: the arena's chunks go back to their pool, and what is written after is
// written whole into chunks of its own.
func TestArenaRelease(t *testing.T) {
	var a answerArena
	var objs []graphql.Marshaler
	for i := range 10000 { // some 13 chunks: past the arena's room for eight
		a.open()
		a.key("id")
		a.text(fmt.Sprintf("node-%d", i))
		objs = append(objs, a.close())
	}
	if len(a.chunks) < 9 {
		t.Fatalf("%d chunks taken for 10 000 objects", len(a.chunks))
	}
	for i, o := range objs {
		var b bytes.Buffer
		o.MarshalGQL(&b)
		if want := fmt.Sprintf(`{"id":"node-%d"}`, i); b.String() != want {
			t.Fatalf("object %d: %s, want %s", i, b.String(), want)
		}
	}
	a.release()
	if len(a.chunks) != 0 || a.buf != nil || a.objs != nil {
		t.Fatalf("after release: %d chunks, %d bytes, %d objects", len(a.chunks), len(a.buf), len(a.objs))
	}
	a.open()
	a.key("name")
	a.text("again")
	var b bytes.Buffer
	a.close().MarshalGQL(&b)
	if b.String() != `{"name":"again"}` || len(a.chunks) != 1 {
		t.Fatalf("after release: %s in %d chunks", b.String(), len(a.chunks))
	}
	a.release()
}

// TestTextBytesIsText: a text written from bytes (an appender's) is the text written from
// the string, escapes and all.
func TestTextBytesIsText(t *testing.T) {
	for _, s := range []string{"", "org:comensha|HOLDS|actielijn:6", "a\"b", "tab\there", "\u2028 – ’ €", "\x01\x1f", strings.Repeat("lang|", 40), "\xff"} {
		var a, b answerArena
		a.open()
		a.text(s)
		want := a.close()
		b.open()
		b.textBytes([]byte(s))
		got := b.close()
		var gw, ww bytes.Buffer
		got.MarshalGQL(&gw)
		want.MarshalGQL(&ww)
		if gw.String() != ww.String() {
			t.Errorf("%q: %s from bytes, %s from the string", s, gw.String(), ww.String())
		}
	}
}

// TestEagerObjectStopsBeforeALongField: sixteen aliases of a long text in one eager object
// (an attacker's query) are checked by the guard before each is written once the tally has
// grown, not once the object is: past the answer's limit, no more of them is written.
func TestEagerObjectStopsBeforeALongField(t *testing.T) {
	title := strings.Repeat("Voortgangsbrief ", 4000) // 64 KB
	doc, ok := model.Wrap(&kg.Node{ID: "doc:long", Label: kg.Document, Name: "lang",
		Props: map[string]any{kg.PropTitle: title}}).(*model.Document)
	if !ok {
		t.Fatal("not a document")
	}
	var fields []graphql.CollectedField
	for i := range maxEagerFields {
		fields = append(fields, graphql.CollectedField{Field: &ast.Field{Alias: fmt.Sprintf("t%d", i), Name: "title"}})
	}
	for _, c := range []struct {
		name     string
		maxBytes int64
		stopped  bool
	}{
		{"under the limit", 4 << 20, false},
		{"past it at the first", 10 << 10, true},
		{"past it at the fourth", 200 << 10, true},
	} {
		stop, cancel := context.WithCancel(context.Background())
		g := &guard{maxBytes: c.maxBytes, stop: stop, stopNow: cancel}
		ec := &executionContext{guard: g}
		m := ec.eager_Document(context.Background(), fields, doc)
		if stopped := m == nil; stopped != c.stopped {
			t.Fatalf("%s: stopped %v, want %v", c.name, stopped, c.stopped)
		}
		if !c.stopped {
			var b bytes.Buffer
			m.MarshalGQL(&b)
			if b.Len() < maxEagerFields*len(title) {
				t.Fatalf("%s: %d bytes written", c.name, b.Len())
			}
			continue
		}
		// Stopped by the field that would pass the limit, before it was written: what was
		// counted and what the arena holds are at most the limit and that one field.
		if counted := g.bytes.Load(); counted > c.maxBytes+int64(len(title))+64 {
			t.Errorf("%s: %d bytes counted for a limit of %d", c.name, counted, c.maxBytes)
		}
		if held := len(ec.arena.buf); int64(held) > c.maxBytes {
			t.Errorf("%s: the arena holds %d bytes for a limit of %d", c.name, held, c.maxBytes)
		}
		if stop.Err() == nil || g.cause(stop) != errTooLarge {
			t.Errorf("%s: stopped by %v (%v)", c.name, g.cause(stop), stop.Err())
		}
	}
}

// postQuery posts a query to h and returns the answer's body.
func postQuery(h http.Handler, q string) []byte {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": `+strconv.Quote(q)+`}`))
	r.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(w, r)
	return w.Body.Bytes()
}

// awayStore is a store that is not in process, as Neo4j is: a loader sends its keys on a
// goroutine of its own, and they answer a little later, so that an eager object's
// relationship field may find its keys not loaded yet.
type awayStore struct{ store.Reader }

func (a awayStore) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	time.Sleep(time.Millisecond)
	return a.Reader.Neighbours(ctx, q)
}

func (a awayStore) CountNeighbours(ctx context.Context, q store.NeighbourQuery) ([]int, error) {
	time.Sleep(time.Millisecond)
	return a.Reader.CountNeighbours(ctx, q)
}

// letters is a dossier of letters that respond to motions, each submitted by some members:
// a nested answer of some size.
var letters = func() *kg.Graph {
	b := kg.NewBuilder()
	ev := func(doc string) []kg.Evidence { return []kg.Evidence{{Document: doc, Quote: "zie de motie"}} }
	for p := range 12 {
		b.Node(kg.Node{ID: fmt.Sprintf("person:lid-%d", p), Label: kg.Person, Name: fmt.Sprintf("Kamerlid \"%d\"", p)})
	}
	for m := range 40 {
		id := fmt.Sprintf("motion:99999-%d", m)
		b.Node(kg.Node{ID: id, Label: kg.Motion, Name: fmt.Sprintf("motie %d", m), Props: map[string]any{kg.PropDossier: "99 999", kg.PropNumber: int64(m)}})
		for k := range 1 + m%3 {
			b.Edge(kg.Edge{From: fmt.Sprintf("person:lid-%d", (m+k)%12), Type: kg.Submitted, To: id, Evidence: ev("doc:99999-1")})
		}
	}
	for d := range 12 {
		id := fmt.Sprintf("doc:99999-%d", d)
		b.Node(kg.Node{ID: id, Label: kg.Document, Name: fmt.Sprintf("brief %d", d), Props: map[string]any{kg.PropTitle: fmt.Sprintf("Brief <%d>", d), kg.PropDate: fmt.Sprintf("2030-01-%02d", d+1), kg.PropKind: "LETTER"}})
		for k := range 8 {
			b.Edge(kg.Edge{From: id, Type: kg.RespondsTo, To: fmt.Sprintf("motion:99999-%d", (3*d+k)%40), Evidence: ev(id)})
		}
	}
	return b.Graph()
}()

// TestEagerWholeAnswersAsFieldByField: objects written eagerly with their objects inline —
// connections, edges, nodes of an interface, relationship fields (lists, single nodes,
// connections with totalCount and pageInfo, involvements) — are the bytes of the answers
// made field by field, on a store in process and on one that is not (its keys are loaded
// while the objects above them are written, and waited for), also where an element of a
// list cannot be eager (a motion's status takes arguments; an evidence's document has a
// resolver), where arguments are invalid, and under limits on bytes and cost. And a
// nested answer of letters, motions and submitters is made of far fewer allocations
// eagerly: the eager path is the one taken.
func TestEagerWholeAnswersAsFieldByField(t *testing.T) {
	g := storetest.Fixture()
	g.Nodes, g.Edges = append(g.Nodes, letters.Nodes...), append(g.Edges, letters.Edges...)
	g.Nodes = append(g.Nodes, kg.Node{ID: "doc:long-letter", Label: kg.Document, Name: "lang", Props: map[string]any{kg.PropTitle: strings.Repeat("Voortgangsbrief ", 3000), kg.PropKind: "LETTER"}})
	g.Edges = append(g.Edges, kg.Edge{From: "doc:long-letter", Type: kg.RespondsTo, To: "motion:28638-224", Evidence: []kg.Evidence{{Document: "doc:long-letter", Quote: "Voortgangsbrief"}}})
	mem := memory.New()
	if err := mem.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	nested := `{ documents(first: 10, orderBy: [{field: DATE, direction: DESC}]) { edges { node { id title respondsTo(first: 10) { edges { node { ... on Motion { name citation submitters { name } } } } } } } } }`
	queries := []string{
		nested,
		`{ documents(first: 10) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id cites(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor type direction from to node { id label ... on Document { title citedBy(first: 1) { edges { node { id } } } } } } } respondsTo { edges { node { __typename ... on Motion { name status } ... on Report { title } } } } } } } }`,
		`{ node(id: "person:bikker") { ... on Person { name submitted { name submitters { name party { name } } } party { name } offices { name } signed(first: 1) { title } } } }`,
		`{ node(id: "action:17") { ... on Action { title involved { role organisation { name } evidence { quote document { id } } } } } }`,
		`{ node(id: "actielijn:6") { ... on Actielijn { title plan { name } involved { role organisation { name abbreviation } evidence { quote start end } } actions { name holders { name } involved { role organisation { id } } } } } }`,
		`{ motions(first: 20) { edges { node { id a: submitters { name } b: submitters(first: 1) { id } submittersConnection { totalCount edges { node { name } } } } } } }`,
		`{ neighbourhood(id: "org:comensha", depth: 2, limit: 200) { nodes { id label name } edges { id type from to } } }`,
		`{ search(text: "mensenhandel", first: 20) { score node { __typename id label name ... on Motion { submitters { name } } } } }`,
		// Root fields at once writing whole objects into one arena, aliases of one field
		// with other arguments, a fragment, and introspection beside them.
		`{ __schema { queryType { name } } a: documents(first: 6) { edges { node { ...D } } } b: documents(first: 3, orderBy: [{field: DATE, direction: DESC}]) { edges { cursor node { ...D x: title } } } }
		 fragment D on Document { id t: title respondsTo(first: 4) { totalCount edges { node { __typename ... on Motion { n: name citation s: submitters { name } s1: submitters(first: 1) { id } } } } } }`,
	}
	bad := []string{
		`{ motions(first: 5) { edges { node { name submitters(first: -1) { name } } } } }`,
		`{ documents(first: 3) { edges { node { id respondsTo(first: 2, last: 2) { edges { node { id } } } } } } }`,
	}
	defer fieldByField.Store(false)
	both := func(h http.Handler, q string) (eager, byField []byte) {
		fieldByField.Store(true)
		byField = postQuery(h, q)
		fieldByField.Store(false)
		return postQuery(h, q), byField
	}
	for _, st := range []struct {
		name string
		st   store.Reader
	}{{"in process", mem}, {"away", awayStore{mem}}} {
		t.Run(st.name, func(t *testing.T) {
			if store.IsInProcess(st.st) == (st.name == "away") {
				t.Fatalf("%s: in process %v", st.name, store.IsInProcess(st.st))
			}
			h := NewHandler(st.st, Options{Introspection: true})
			for _, q := range queries {
				eager, byField := both(h, q)
				if !bytes.Equal(eager, byField) {
					t.Errorf("%.80s:\n eager %.600s\nfields %.600s", q, eager, byField)
				}
				if bytes.Contains(eager, []byte(`"errors"`)) || !bytes.Contains(eager, []byte(`"name"`)) && !bytes.Contains(eager, []byte(`"id"`)) {
					t.Errorf("%.80s: %.300s", q, eager)
				}
			}
			for _, q := range bad {
				eager, byField := both(h, q)
				if !bytes.Equal(eager, byField) || !bytes.Contains(eager, []byte(`"errors"`)) {
					t.Errorf("%.80s:\n eager %.600s\nfields %.600s", q, eager, byField)
				}
			}
			for _, limit := range []struct{ bytes, cost int }{{100, 0}, {300, 0}, {1000, 0}, {0, 30}, {0, 200}, {500, 200}} {
				limited := NewHandler(st.st, Options{MaxResponseBytes: int64(limit.bytes), ComplexityLimit: limit.cost, Introspection: true})
				for _, q := range queries {
					if eager, byField := both(limited, q); !bytes.Equal(eager, byField) {
						t.Errorf("%+v, %.60s:\n eager %.300s\nfields %.300s", limit, q, eager, byField)
					}
				}
			}
			// A letter's long title is passed to the guard before the letter is written whole;
			// the motion below it cannot be eager (status takes arguments), so the letter is
			// made field by field, and counted again: what was passed is given back, and a
			// limit the answer is well under does not stop it.
			long := `{ node(id: "doc:long-letter") { ... on Document { title respondsTo { edges { node { ... on Motion { name status } } } } } } }`
			whole, _ := both(h, long)
			if !bytes.Contains(whole, []byte(`"status":"ADOPTED"`)) {
				t.Fatalf("%.200s", whole)
			}
			limited := NewHandler(st.st, Options{MaxResponseBytes: int64(len(whole)) * 3 / 2})
			if eager, byField := both(limited, long); !bytes.Equal(eager, byField) || !bytes.Equal(eager, whole) {
				t.Errorf("a limit of 1.5 times the answer:\n eager %.300s\nfields %.300s", eager, byField)
			}
			if raceDetector {
				return
			}
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
			allocs := func(off bool) float64 {
				fieldByField.Store(off)
				return testing.AllocsPerRun(5, func() { postQuery(h, nested) })
			}
			eager, byField := allocs(false), allocs(true)
			t.Logf("nested: %v allocations eagerly, %v field by field", eager, byField)
			if eager > byField*4/5 {
				t.Errorf("nested: %v allocations eagerly, %v field by field; the eager path is not taken", eager, byField)
			}
		})
	}
}

// TestArenaFloat: a finite Float is written as gqlgen's marshaller writes it; an infinite
// or NaN one is not written, and refused (gqlgen reports it as an error).
func TestArenaFloat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1.0 / 3, 123456789, 1e20, 1e21, 1.5e-7, 5e-324, math.MaxFloat64, 17.25} {
		var a answerArena
		if !a.float(f) {
			t.Fatalf("%v refused", f)
		}
		var want bytes.Buffer
		graphql.MarshalFloatContext(f).MarshalGQLContext(context.Background(), &want)
		if string(a.buf) != want.String() {
			t.Errorf("%v: %s, want %s", f, a.buf, want.String())
		}
	}
	for _, f := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		var a answerArena
		if a.float(f) || len(a.buf) != 0 {
			t.Errorf("%v: written %q", f, a.buf)
		}
		if err := graphql.MarshalFloatContext(f).MarshalGQLContext(context.Background(), io.Discard); err == nil {
			t.Errorf("%v: gqlgen writes it", f)
		}
	}
}

// Eager writers get an object's resolver without making it again: one set per schema,
// made once, and a schema's own (a test server beside the real one keeps its resolvers).
func TestObjectResolversAreMadeOncePerSchema(t *testing.T) {
	a, b := &Resolver{}, &Resolver{}
	ecOf := func(r *Resolver) *executionContext {
		return newExecutionContext(nil, NewExecutableSchema(Config{Resolvers: r}).(*executableSchema), nil)
	}
	ea, eb := ecOf(a), ecOf(b)
	ra := ea.objectResolvers()
	if ea.objectResolvers() != ra {
		t.Error("made again for the same schema")
	}
	if m, ok := ra.Motion().(*motionResolver); !ok || m.Resolver != a {
		t.Errorf("Motion() = %#v, want the schema's own resolver", ra.Motion())
	}
	if m := eb.objectResolvers().Motion().(*motionResolver); m.Resolver != b {
		t.Error("another schema got the first schema's resolvers")
	}
	if m := ea.objectResolvers().Motion().(*motionResolver); m.Resolver != a {
		t.Error("the first schema got the other's resolvers back")
	}
	if n := testing.AllocsPerRun(100, func() { _ = eb.objectResolvers().Document() }); n != 0 {
		t.Errorf("%v allocations to get a resolver", n)
	}
}

// An enum is written as its MarshalGQL writes it, at a chunk's end too; one that must be
// escaped, longer than its room, is written through the arena, never appended past it.
func TestArenaEnum(t *testing.T) {
	for _, v := range []model.RelationType{"HOLDS", "", "a\"b", "é", model.RelationType(strings.Repeat("\x01", 40))} {
		for _, room := range []int{len(v) + 3, len(v) + 4, len(v) + 10, 1000} {
			var a answerArena
			// Objects written before leave room bytes of the chunk to the one with the enum.
			for left := arenaChunk - room; left > 0; {
				a.open()
				n := min(left, arenaChunk/2-10) - 2
				_, _ = a.WriteString(strings.Repeat("x", max(n, 0)))
				a.close()
				left -= max(n, 0) + 2
			}
			a.open()
			appendEnum(&a, v)
			var want bytes.Buffer
			v.MarshalGQL(&want)
			if got := a.buf[len(a.buf)-want.Len():]; string(got) != want.String() {
				t.Errorf("%q with %d bytes left: %s, want %s", v, room, got, want.String())
			}
			owned := false
			for _, c := range a.chunks {
				owned = owned || unsafe.SliceData(a.buf) == &c[0]
			}
			if !owned || len(a.chunks) == 0 {
				t.Errorf("%q with %d bytes left: the object left the arena's chunks", v, room)
			}
			a.abort()
			a.release()
		}
	}
}
