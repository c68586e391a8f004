package conformance

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"beleidsgraaf/dossiersync"
	"beleidsgraaf/graph"
	"beleidsgraaf/loader"
	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sourcetest"
)

// TestDecisionsAlikeOnBothStores: a dossier synced from the services' stand-in, loaded,
// answers the motions' decisions and votes byte for byte alike from both stores.
func TestDecisionsAlikeOnBothStores(t *testing.T) {
	srv := sourcetest.New(sourcetest.Generate(20))
	defer srv.Close()
	dir := t.TempDir()
	client := polite.New(4)
	client.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	if _, err := dossiersync.Run(context.Background(), dossiersync.Options{Dossier: sourcetest.Dossier, Dir: dir,
		ODataURL: srv.ODataURL(), SRUURL: srv.SRUURL(), Client: client}); err != nil {
		t.Fatal(err)
	}
	g, errs := loader.LoadPaths(dir)
	if errs = loader.Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	const query = `{ motions(first: 100, orderBy: [{field: NUMBER}]) { edges { node { id status
		decisions { date result text source evidence { documentId quote start end document { id kind } } votes { vote seats party { id name } } }
		votes { party { id name mentions { quote } } vote seats source evidence { quote } } } } } }`
	var answers [][]byte
	for _, b := range backendsOf(t, g) {
		h := graph.NewHandler(b.st, graph.Options{Introspection: true, ComplexityLimit: graph.DefaultComplexityLimit, MaxDepth: graph.DefaultMaxDepth})
		before := b.counts()
		got := post(t, h, query)
		// motions; their votes' parties; the evidence documents: one trip each
		if trips := b.counts() - before; trips > 4 {
			t.Errorf("%s: %d store round trips, at most 4", b.name, trips)
		}
		for _, want := range []string{`"result":"ADOPTED"`, `"result":"HELD"`, `"vote":"FOR"`, `"name":"GroenLinks-PvdA"`, `/Besluit(`, `"kind":"MOTION"`} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("%s: answer lacks %s: %.800s", b.name, want, got)
			}
		}
		if bytes.Contains(got, []byte(`"errors"`)) {
			t.Fatalf("%s: %s", b.name, got)
		}
		answers = append(answers, got)
	}
	for i := 1; i < len(answers); i++ {
		if !bytes.Equal(answers[i], answers[0]) {
			t.Errorf("the stores answer differently:\n%s\n%s", answers[i], answers[0])
		}
	}
	if strings.Count(string(answers[0]), `"status"`) != 8 {
		t.Errorf("want 8 motions in a 20-Kamerstuk dossier: %.300s", answers[0])
	}
}
