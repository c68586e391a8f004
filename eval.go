package main

import (
	"fmt"
	"io"

	"beleidsgraaf/evaluation"
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
	r := evaluation.Evaluate(loadGraph(cfg.Paths), gold)
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
	kr := evaluation.EvaluateKinds(loadGraph([]string{kamerstukkenDir}), kinds)
	fmt.Fprintf(stdout, "\nKamerstukken of every kind (%s, %d documents):\n\n", kamerstukkenDir, len(kinds.Documents))
	kr.WriteTable(stdout)
	if cfg.Diff {
		fmt.Fprintln(stdout)
		kr.WriteDiff(stdout)
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
