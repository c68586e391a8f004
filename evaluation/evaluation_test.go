package evaluation

import (
	"os"
	"strings"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
)

// TestScoring checks the arithmetic on a tiny graph and gold.
func TestScoring(t *testing.T) {
	b := kg.NewBuilder()
	ev := kg.Evidence{Document: "doc:a", Quote: "q", Start: 0, End: 1}
	b.Node(kg.Node{ID: "doc:a", Label: kg.Document, Name: "A", Props: map[string]any{kg.PropKind: kg.DocLetter, kg.PropDate: "2024-01-02"}, Mentions: []kg.Evidence{ev}})
	b.Node(kg.Node{ID: "org:x", Label: kg.Organisation, Name: "X", Mentions: []kg.Evidence{ev}})
	b.Node(kg.Node{ID: "org:y", Label: kg.Organisation, Name: "Y", Mentions: []kg.Evidence{ev}})
	b.Node(kg.Node{ID: "actielijn:1", Label: kg.Actielijn, Name: "1", Mentions: []kg.Evidence{ev}})
	b.Edge(kg.Edge{Type: kg.Holds, From: "org:x", To: "actielijn:1", Evidence: []kg.Evidence{ev}})
	b.Edge(kg.Edge{Type: kg.Holds, From: "org:y", To: "actielijn:1", Evidence: []kg.Evidence{ev}})
	gold := &Gold{Documents: []GoldDocument{{
		File: "a.txt", ID: "doc:a", Kind: kg.DocLetter, Date: "2024-01-02",
		Entities:  map[string][]string{"Organisation": {"org:x", "org:z"}},
		Relations: [][3]string{{"org:x", "HOLDS", "actielijn:1"}},
	}}}
	r := Evaluate(b.Graph(), gold)
	if got := r.Entities["Organisation"]; got != (Score{TP: 1, FP: 1, FN: 1}) {
		t.Errorf("entities %+v", got)
	}
	if got := r.Relations["HOLDS"]; got != (Score{TP: 1, FP: 1, FN: 0}) {
		t.Errorf("relations %+v", got)
	}
	if r.Metadata.FN != 0 || r.Metadata.TP != 6 {
		t.Errorf("metadata %+v %v", r.Metadata, r.Misses)
	}
	if p := r.Relations["HOLDS"].Precision(); p != 0.5 {
		t.Errorf("precision %v", p)
	}
}

// TestAgainstGold evaluates the loader on the hand-written gold for the bundled corpus and
// our own letters, prints the table, and holds the targets of the extraction issue.
func TestAgainstGold(t *testing.T) {
	gold, err := ReadGold("../loader/testdata/gold.json")
	if os.IsNotExist(err) {
		t.Fatal("no gold file")
	}
	if err != nil {
		t.Fatal(err)
	}
	g, errs := loader.LoadPaths("../corpus", "../loader/testdata")
	if errs = loader.Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	r := Evaluate(g, gold)
	var table strings.Builder
	r.WriteTable(&table)
	t.Log("\n" + table.String())
	if testing.Verbose() {
		var diff strings.Builder
		r.WriteDiff(&diff)
		t.Log("\n" + diff.String())
	}
	ent, rel := r.EntityTotal(), r.RelationTotal()
	checks := []struct {
		what  string
		value float64
		min   float64
	}{
		{"entity F1", ent.F1(), 0.90},
		{"relation recall", rel.Recall(), 0.80},
		{"relation precision", rel.Precision(), 0.85},
		{"citation F1", r.Citations.F1(), 0.95},
		{"document metadata", r.Metadata.Recall(), 1.0},
	}
	for _, c := range checks {
		if c.value < c.min {
			t.Errorf("%s %.3f, target %.2f", c.what, c.value, c.min)
		}
	}
}

// TestKamerstukkenOfEveryKind scores the loader on real Kamerstukken of every kind, site and
// dossier (loader/testdata/kamerstukken) and holds the targets of the issue on them.
func TestKamerstukkenOfEveryKind(t *testing.T) {
	gold, err := ReadGold("../loader/testdata/kamerstukken/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	g, errs := loader.LoadPaths("../loader/testdata/kamerstukken")
	if errs = loader.Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	r := EvaluateKinds(g, gold)
	var table strings.Builder
	r.WriteTable(&table)
	t.Log("\n" + table.String())
	meta, persons, signers := total(r.Metadata), total(r.Persons), total(r.Signers)
	if meta.Recall() < 0.95 {
		t.Errorf("metadata %.2f, target 0.95", meta.Recall())
	}
	if persons.Recall() < 0.90 || persons.Precision() < 0.90 {
		t.Errorf("persons P %.2f R %.2f, target 0.90", persons.Precision(), persons.Recall())
	}
	if signers.Recall() < 0.90 || signers.Precision() < 0.90 {
		t.Errorf("signing offices P %.2f R %.2f, target 0.90", signers.Precision(), signers.Recall())
	}
	if r.SameDocument.FN > 0 {
		t.Errorf("the same Kamerstuk from two sites is not one Document")
	}
	if t.Failed() || testing.Verbose() {
		var diff strings.Builder
		r.WriteDiff(&diff)
		t.Log("\n" + diff.String())
	}
}
