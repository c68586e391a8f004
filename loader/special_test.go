package loader

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"beleidsgraaf/gen"
)

// TestQuotesAreCapped loads a text with no sentence end and thousands of footnote markers,
// each citing a Kamerstuk: every quote is at most MaxQuote characters and its offsets
// cover exactly the quote, so the graph grows with the facts, not with facts × text.
func TestQuotesAreCapped(t *testing.T) {
	var body, notes strings.Builder
	body.WriteString("Onderwerp Zonder einde\n\n")
	const n = 2000
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&body, "woord en nog een woord zonder punt%s ", toSuperscript(i))
		fmt.Fprintf(&notes, "%s Kamerstuk 28 638, nr. %d.\n\n", toSuperscript(i), i)
	}
	body.WriteString("\n\n")
	body.WriteString(notes.String())
	g, errs := Load([]File{{Name: "endless.txt", Data: []byte(body.String())}})
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	cites, evidence := 0, 0
	for _, e := range g.Edges {
		for _, ev := range e.Evidence {
			evidence++
			if c := utf8.RuneCountInString(ev.Quote); c > MaxQuote || ev.End-ev.Start != c {
				t.Fatalf("%s: quote of %d characters at [%d,%d)", e.ID(), c, ev.Start, ev.End)
			}
		}
		if e.Type == "CITES" {
			cites++
		}
	}
	if cites < n/2 {
		t.Errorf("%d citations of %d: the cap lost facts", cites, n)
	}
	out, _ := json.Marshal(g)
	if limit := 4 * len(body.String()) * 10; len(out) > limit {
		t.Errorf("export of %d bytes for %d bytes of text", len(out), len(body.String()))
	}
	t.Logf("%d citations, %d pieces of evidence, export %d KB for %d KB of text", cites, evidence, len(out)>>10, body.Len()>>10)
}

// TestSameGraphOnAnyNumberOfCores loads the corpus, the Kamerstukken of every kind and 300
// generated letters with one core and with four: the graphs are byte-identical.
func TestSameGraphOnAnyNumberOfCores(t *testing.T) {
	files, errs := ReadDirs("../corpus", "testdata", "testdata/kamerstukken")
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, f := range gen.Corpus(3, 300) {
		files = append(files, File{Name: f.Name, Data: f.Data})
	}
	var outs [][]byte
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		g, _ := Load(files)
		runtime.GOMAXPROCS(prev)
		out, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if string(outs[0]) != string(outs[1]) {
		t.Error("the graph differs between GOMAXPROCS 1 and 4")
	}
}

func TestProgress(t *testing.T) {
	var seen []Progress
	g, errs := Options{Progress: func(p Progress) { seen = append(seen, p) }}.LoadPaths("../corpus")
	if errs = Failures(errs); len(errs) > 0 || g == nil {
		t.Fatal(errs)
	}
	if len(seen) != 5 {
		t.Fatalf("%d progress reports for 5 documents", len(seen))
	}
	for i, p := range seen {
		if p.Done != i+1 || p.Total != 5 || (i > 0 && p.Bytes <= seen[i-1].Bytes) {
			t.Errorf("report %d: %+v", i, p)
		}
	}
}
