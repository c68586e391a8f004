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
	return nil
}
