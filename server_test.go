package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

func testGraph() *kg.Graph {
	b := kg.NewBuilder()
	ev := kg.Evidence{Document: "doc:28638-257", Quote: "CoMensha is actiehouder van actielijn 6.", Start: 10, End: 50}
	b.Node(kg.Node{ID: "doc:28638-257", Label: kg.Document, Name: "Voortgangsbrief", Props: map[string]any{
		kg.PropDate: "2024-02-02", kg.PropDossier: "28 638", kg.PropNumber: int64(257), kg.PropKind: kg.DocLetter,
	}})
	b.Node(kg.Node{ID: "org:comensha", Label: kg.Organisation, Name: "CoMensha",
		Aliases: []string{"Coördinatiecentrum tegen Mensenhandel"}, Props: map[string]any{kg.PropKind: "NGO", kg.PropAbbreviation: "CoMensha"},
		Mentions: []kg.Evidence{ev}})
	b.Node(kg.Node{ID: "actielijn:6", Label: kg.Actielijn, Name: "Aanpak van loverboys", Props: map[string]any{kg.PropNumber: int64(6)}})
	b.Edge(kg.Edge{Type: kg.Holds, From: "org:comensha", To: "actielijn:6", Props: map[string]any{"since": "2024"}, Evidence: []kg.Evidence{ev}})
	return b.Graph()
}

func testStore(t *testing.T) *memory.Store {
	t.Helper()
	st := memory.New()
	if err := st.Replace(context.Background(), testGraph()); err != nil {
		t.Fatal(err)
	}
	return st
}

func testConfig() config {
	return config{Introspection: true, MaxBodyBytes: 1 << 16, Timeout: 5 * time.Second}
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// pingFails is a store whose Ping fails.
type pingFails struct{ store.Reader }

func (pingFails) Ping(context.Context) error { return store.ErrUnavailable }

// slowStats is a store whose Stats blocks until the request's context ends.
type slowStats struct{ store.Reader }

func (slowStats) Stats(ctx context.Context) (store.Stats, error) {
	<-ctx.Done()
	return store.Stats{}, ctx.Err()
}

func TestHealthAndReadiness(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	if w := get(t, h, "/healthz"); w.Code != 200 || strings.TrimSpace(w.Body.String()) != "ok" {
		t.Errorf("/healthz: %d %q", w.Code, w.Body)
	}
	if w := get(t, h, "/readyz"); w.Code != 200 {
		t.Errorf("/readyz: %d %q", w.Code, w.Body)
	}
	down := newWebHandler(pingFails{testStore(t)}, testConfig())
	if w := get(t, down, "/readyz"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz of a failing store: %d", w.Code)
	}
	if w := get(t, down, "/healthz"); w.Code != 200 {
		t.Errorf("/healthz of a failing store: %d", w.Code)
	}
}

func TestSchemaDownload(t *testing.T) {
	w := get(t, newWebHandler(testStore(t), testConfig()), "/graphql/schema.graphql")
	sdl := w.Body.String()
	for _, want := range []string{"interface Node", "type Organisation implements Node", "scalar Date",
		"enum RelationType", "organisations(", "actiehouder"} {
		if !strings.Contains(sdl, want) {
			t.Errorf("schema lacks %q", want)
		}
	}
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("schema: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	cfg := testConfig()
	cfg.Introspection = false
	if w := get(t, newWebHandler(testStore(t), cfg), "/graphql/schema.graphql"); w.Code != 404 {
		t.Errorf("schema without introspection: %d", w.Code)
	}
}

func TestGraphQLRoutes(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())

	// POST through gqlgen's client.
	c := client.New(h, client.Path("/graphql"))
	var resp struct {
		Organisation struct {
			ID    string
			Holds struct {
				Edges []struct {
					Node     struct{ ID string }
					Evidence []struct{ Quote string }
				}
			}
		}
	}
	c.MustPost(`{ organisation(name: "coordinatiecentrum tegen mensenhandel") { id holds { edges { node { id } evidence { quote } } } } }`, &resp)
	if resp.Organisation.ID != "org:comensha" || len(resp.Organisation.Holds.Edges) != 1 ||
		resp.Organisation.Holds.Edges[0].Evidence[0].Quote == "" {
		t.Errorf("POST: %+v", resp)
	}

	// GET with a query answers JSON; a browser gets GraphiQL.
	w := get(t, h, "/graphql?query=%7Bstats%7BtotalNodes%7D%7D", "Accept", "application/json")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"totalNodes":3`) {
		t.Errorf("GET query: %d %s", w.Code, w.Body)
	}
	w = get(t, h, "/graphql", "Accept", "text/html,application/xhtml+xml")
	if w.Code != 200 || !strings.Contains(strings.ToLower(w.Body.String()), "graphiql") {
		t.Errorf("GraphiQL: %d", w.Code)
	}

	// The landing page, and nothing else at other paths.
	if w := get(t, h, "/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Beleidsgraaf") {
		t.Errorf("landing: %d", w.Code)
	}
	if w := get(t, h, "/nope"); w.Code != 404 {
		t.Errorf("/nope: %d", w.Code)
	}
}

func TestRequestLimits(t *testing.T) {
	cfg := testConfig()
	cfg.MaxBodyBytes = 1000
	cfg.Timeout = 50 * time.Millisecond
	h := newWebHandler(slowStats{testStore(t)}, cfg)

	body := `{"query": "{ stats { totalNodes } }", "variables": {"pad": "` + strings.Repeat("x", 2000) + `"}}`
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d %s", w.Code, w.Body)
	}

	var out struct{ Errors []struct{ Message string } }
	c := client.New(h, client.Path("/graphql"))
	raw, err := c.RawPost(`{ stats { totalNodes } }`)
	if err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(raw.Errors, &out.Errors)
	if len(out.Errors) != 1 || out.Errors[0].Message != "request timed out" {
		t.Errorf("timeout: %s", raw.Errors)
	}
}

func TestCORS(t *testing.T) {
	preflight := func(h http.Handler, origin string) string {
		r := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "POST")
		r.Header.Set("Access-Control-Request-Headers", "content-type")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	same := newWebHandler(testStore(t), testConfig())
	if got := preflight(same, "https://explorer.example"); got != "" {
		t.Errorf("CORS off: Access-Control-Allow-Origin %q", got)
	}
	cfg := testConfig()
	cfg.CORSOrigins = []string{"https://explorer.example"}
	h := newWebHandler(testStore(t), cfg)
	if got := preflight(h, "https://explorer.example"); got != "https://explorer.example" {
		t.Errorf("allowed origin: %q", got)
	}
	if got := preflight(h, "https://evil.example"); got != "" {
		t.Errorf("other origin: %q", got)
	}
}

// keyOrder returns the keys of the JSON object at the decoder's position, in order, and
// skips the values.
func keyOrder(t *testing.T, dec *json.Decoder) []string {
	t.Helper()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("want an object, got %v %v", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestExportJSONShape(t *testing.T) {
	g := testGraph()
	var buf bytes.Buffer
	if err := writeExportJSON(&buf, g); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	_ = writeExportJSON(&again, g)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("export is not deterministic")
	}

	var doc struct {
		Nodes []map[string]json.RawMessage
		Edges []map[string]json.RawMessage
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, buf.String())
	}
	if len(doc.Nodes) != 3 || len(doc.Edges) != 1 {
		t.Fatalf("export has %d nodes, %d edges", len(doc.Nodes), len(doc.Edges))
	}

	// Key order, node by node and edge by edge, in the graph's order.
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.Token() // {
	if tok, _ := dec.Token(); tok != "nodes" {
		t.Fatalf("first key %v, want nodes", tok)
	}
	dec.Token() // [
	wantNodes := [][]string{
		{"id", "label", "name", "aliases", "number", "mentions"},
		{"id", "label", "name", "aliases", "date", "dossier", "kind", "number", "mentions"},
		{"id", "label", "name", "aliases", "abbreviation", "kind", "mentions"},
	}
	var ids []string
	for i, want := range wantNodes {
		if got := keyOrder(t, dec); !slices.Equal(got, want) {
			t.Errorf("node %d keys = %v, want %v", i, got, want)
		}
		var id string
		_ = json.Unmarshal(doc.Nodes[i]["id"], &id)
		ids = append(ids, id)
	}
	if !slices.Equal(ids, []string{"actielijn:6", "doc:28638-257", "org:comensha"}) {
		t.Errorf("node order %v", ids)
	}
	dec.Token() // ]
	if tok, _ := dec.Token(); tok != "edges" {
		t.Fatalf("second key %v, want edges", tok)
	}
	dec.Token() // [
	if got, want := keyOrder(t, dec), []string{"type", "from", "to", "since", "evidence"}; !slices.Equal(got, want) {
		t.Errorf("edge keys = %v, want %v", got, want)
	}

	// Values.
	org := doc.Nodes[2]
	var aliases []string
	var mentions, evidence []map[string]any
	_ = json.Unmarshal(org["aliases"], &aliases)
	_ = json.Unmarshal(org["mentions"], &mentions)
	_ = json.Unmarshal(doc.Edges[0]["evidence"], &evidence)
	if len(aliases) != 1 || aliases[0] != "Coördinatiecentrum tegen Mensenhandel" || string(org["label"]) != `"Organisation"` {
		t.Errorf("org: %v", org)
	}
	if string(doc.Nodes[0]["aliases"]) != "[]" || string(doc.Nodes[0]["mentions"]) != "[]" || string(doc.Nodes[0]["number"]) != "6" {
		t.Errorf("actielijn: aliases %s mentions %s number %s", doc.Nodes[0]["aliases"], doc.Nodes[0]["mentions"], doc.Nodes[0]["number"])
	}
	if len(mentions) != 1 || len(evidence) != 1 || evidence[0]["document"] != "doc:28638-257" ||
		evidence[0]["start"] != float64(10) || evidence[0]["end"] != float64(50) || evidence[0]["quote"] == "" {
		t.Errorf("evidence: %v / %v", mentions, evidence)
	}
	e := doc.Edges[0]
	if string(e["type"]) != `"HOLDS"` || string(e["from"]) != `"org:comensha"` || string(e["to"]) != `"actielijn:6"` {
		t.Errorf("edge: %v", e)
	}
	evDec := json.NewDecoder(bytes.NewReader(doc.Edges[0]["evidence"]))
	evDec.Token()
	if got, want := keyOrder(t, evDec), []string{"document", "quote", "start", "end"}; !slices.Equal(got, want) {
		t.Errorf("evidence keys = %v, want %v", got, want)
	}
}

func TestExportGraphML(t *testing.T) {
	var buf bytes.Buffer
	if err := writeExportGraphML(&buf, testGraph()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML is not XML: %v", err)
	}
	if len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 1 || doc.Graph.Edges[0].Source != "org:comensha" {
		t.Errorf("GraphML: %+v", doc)
	}
}

func TestRunExportCommand(t *testing.T) {
	dir := t.TempDir()
	text := "Datum 2 februari 2024\n\nOnderwerp Voortgang\n\nCoMensha is actiehouder van actielijn 6.\n"
	if err := os.WriteFile(filepath.Join(dir, "brief.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"export", "--format", "json", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("export exited %d: %s", code, stderr.String())
	}
	var doc map[string][]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("export output is not JSON: %v\n%s", err, stdout.String())
	}
	if _, ok := doc["nodes"]; !ok {
		t.Errorf("no nodes key: %s", stdout.String())
	}
	if _, ok := doc["edges"]; !ok {
		t.Errorf("no edges key: %s", stdout.String())
	}

	if code := run(context.Background(), []string{"export", "--format", "csv", dir}, io.Discard, &stderr); code != 2 {
		t.Errorf("unknown format exited %d", code)
	}
}

func TestNeo4jUnreachable(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1") // nothing listens there
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", t.TempDir()}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "opening Neo4j at bolt://127.0.0.1:1") {
		t.Errorf("serve with an unreachable Neo4j: exit %d, %s", code, stderr.String())
	}

	t.Setenv("NEO4J_URI", "")
	stderr.Reset()
	code = run(context.Background(), []string{"load", t.TempDir()}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "--neo4j") {
		t.Errorf("load without Neo4j: exit %d, %s", code, stderr.String())
	}
}

func TestConfigFromEnvironment(t *testing.T) {
	t.Setenv("PORT", "9123")
	t.Setenv("LISTEN_HOST", "")
	t.Setenv("CORS_ORIGINS", "https://a.example, https://b.example")
	t.Setenv("NEO4J_URI", "bolt://db:7687")
	t.Setenv("NEO4J_DATABASE", "graaf")
	cfg, err := parseFlags("serve", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9123" || !slices.Equal(cfg.CORSOrigins, []string{"https://a.example", "https://b.example"}) ||
		cfg.Neo4j.URI != "bolt://db:7687" || cfg.Neo4j.Database != "graaf" || cfg.Neo4j.User != "neo4j" ||
		!cfg.Introspection || !slices.Equal(cfg.Paths, []string{"corpus"}) {
		t.Errorf("config: %+v", cfg)
	}
	cfg, err = parseFlags("serve", []string{"--addr", ":7000", "--introspection=false", "--cors-origins", "", "docs"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":7000" || cfg.Introspection || cfg.CORSOrigins != nil || !slices.Equal(cfg.Paths, []string{"docs"}) {
		t.Errorf("flags: %+v", cfg)
	}
}

func TestLoadStrictRefusesBrokenDocuments(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Onderwerp Een brief\n\nCoMensha werkt samen met Fier.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.4 truncated"), 0o644)
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1") // never reached: strict fails first
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"load", "--strict", dir}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "--strict: 1 document(s)") || !strings.Contains(stderr.String(), "broken.pdf") {
		t.Errorf("load --strict: exit %d, %s", code, stderr.String())
	}
}
