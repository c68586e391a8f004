package evaluation

import (
	"strings"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
)

// TestStatusScoring checks the arithmetic: steps are matched on (node, status, date,
// document), out-of-scope documents are not scored, repeats count once.
func TestStatusScoring(t *testing.T) {
	ev := func(doc string, start int) kg.Evidence {
		return kg.Evidence{Document: doc, Quote: "q", Start: start, End: start + 1}
	}
	n := kg.Node{ID: "motion:1-2", Label: kg.Motion, Name: "m"}
	n.SetHistory([]kg.StatusStep{
		{Status: kg.MotionSubmitted, Date: "2024-01-01", Evidence: ev("doc:a", 0)},
		{Status: kg.MotionAdopted, Date: "2024-01-09", Evidence: ev("doc:a", 5)}, // wrong date
		{Status: kg.MotionCompleted, Date: "2024-03-01", Evidence: ev("doc:b", 0)},
		{Status: kg.MotionCompleted, Date: "2024-03-01", Evidence: ev("doc:b", 9)}, // the same step again
		{Status: kg.MotionInProgress, Date: "2024-02-01", Evidence: ev("doc:elsewhere", 0)},
	}, kg.MotionSubmitted)
	g := &kg.Graph{Nodes: []kg.Node{n}}
	gold := &StatusGold{Documents: []string{"doc:a", "doc:b"}, Steps: []GoldStep{
		{Node: "motion:1-2", Status: kg.MotionSubmitted, Date: "2024-01-01", Document: "doc:a"},
		{Node: "motion:1-2", Status: kg.MotionAdopted, Date: "2024-01-08", Document: "doc:a"},
		{Node: "motion:1-2", Status: kg.MotionCompleted, Date: "2024-03-01", Document: "doc:b"},
	}}
	r := EvaluateStatus(g, gold)
	if r.Steps != (Score{TP: 2, FP: 1, FN: 1}) {
		t.Errorf("score %+v, misses %v, extras %v", r.Steps, r.Misses, r.Extras)
	}
}

// TestStatusAgainstGold holds the status steps of the bundled corpus, loader/testdata's
// letters and the Kamerstukken to recall ≥ 0.90 at precision ≥ 0.90 on the hand-made gold.
func TestStatusAgainstGold(t *testing.T) {
	score := func(gold string, paths ...string) *StatusReport {
		sg, err := ReadStatusGold(gold)
		if err != nil {
			t.Fatal(err)
		}
		g, errs := loader.LoadPaths(paths...)
		if errs = loader.Failures(errs); len(errs) > 0 {
			t.Fatal(errs)
		}
		return EvaluateStatus(g, sg)
	}
	corpus := score("../loader/testdata/status-gold.json", "../corpus", "../loader/testdata")
	kamerstukken := score("../loader/testdata/kamerstukken/status-gold.json", "../loader/testdata/kamerstukken")
	all := corpus.Add(kamerstukken)
	var table strings.Builder
	WriteStatusHeader(&table)
	corpus.WriteRow(&table, "corpus and letters")
	kamerstukken.WriteRow(&table, "Kamerstukken")
	all.WriteRow(&table, "**all**")
	all.WriteDiff(&table)
	t.Log("\n" + table.String())
	if p, r := all.Steps.Precision(), all.Steps.Recall(); p < 0.90 || r < 0.90 {
		t.Errorf("status steps: precision %.3f, recall %.3f; target 0.90 each", p, r)
	}
}
