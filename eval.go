package main

import (
	"fmt"
	"io"

	"beleidsgraaf/evaluation"
	"beleidsgraaf/kg"
)

// The gold file covers the bundled corpus and the loader's own test letters.
const defaultGold = "loader/testdata/gold.json"

var defaultEvalPaths = []string{defaultCorpus, "loader/testdata"}

// runEval extracts the graph of cfg.Paths and prints its scores against the gold file.
func runEval(cfg config, stdout io.Writer) error {
	gold, err := evaluation.ReadGold(cfg.Gold)
	if err != nil {
		return fmt.Errorf("reading the gold file: %w", err)
	}
	g := loadGraph(cfg.Paths)
	r := evaluation.Evaluate(g, gold)
	r.WriteTable(stdout)
	if cfg.Diff {
		fmt.Fprintln(stdout)
		r.WriteDiff(stdout)
	}
	if cfg.Gold != defaultGold || !sameStrings(cfg.Paths, defaultEvalPaths) {
		return nil
	}
	// the default run also scores Kamerstukken of every kind, from many dossiers and sites
	kinds, err := evaluation.ReadGold(kamerstukkenGold)
	if err != nil {
		return fmt.Errorf("reading the gold file: %w", err)
	}
	kamerstukken := loadGraph([]string{kamerstukkenDir})
	kr := evaluation.EvaluateKinds(kamerstukken, kinds)
	fmt.Fprintf(stdout, "\nKamerstukken of every kind (%s, %d documents):\n\n", kamerstukkenDir, len(kinds.Documents))
	kr.WriteTable(stdout)
	if cfg.Diff {
		fmt.Fprintln(stdout)
		kr.WriteDiff(stdout)
	}
	return writeStatusEval(cfg, stdout, g, kamerstukken)
}

// The hand-made status steps of the corpus and letters, and of the Kamerstukken.
const (
	statusGold             = "loader/testdata/status-gold.json"
	kamerstukkenStatusGold = kamerstukkenDir + "/status-gold.json"
)

// writeStatusEval prints the scores of the motions' and commitments' status steps.
func writeStatusEval(cfg config, stdout io.Writer, corpus, kamerstukken *kg.Graph) error {
	sg, err := evaluation.ReadStatusGold(statusGold)
	if err != nil {
		return fmt.Errorf("reading the status gold file: %w", err)
	}
	ksg, err := evaluation.ReadStatusGold(kamerstukkenStatusGold)
	if err != nil {
		return fmt.Errorf("reading the status gold file: %w", err)
	}
	cr, kr := evaluation.EvaluateStatus(corpus, sg), evaluation.EvaluateStatus(kamerstukken, ksg)
	all := cr.Add(kr)
	fmt.Fprintf(stdout, "\nStatus steps of motions and commitments (%s, %s):\n\n", statusGold, kamerstukkenStatusGold)
	evaluation.WriteStatusHeader(stdout)
	cr.WriteRow(stdout, "corpus and letters")
	kr.WriteRow(stdout, "Kamerstukken")
	all.WriteRow(stdout, "**all**")
	if cfg.Diff {
		fmt.Fprintln(stdout)
		all.WriteDiff(stdout)
	}
	return nil
}

// Real Kamerstukken of every kind, layout and dossier, with their own gold.
const (
	kamerstukkenDir  = "loader/testdata/kamerstukken"
	kamerstukkenGold = kamerstukkenDir + "/gold.json"
)

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
