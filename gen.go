package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"beleidsgraaf/gen"
)

const genUsage = `Usage: beleidsgraaf gen [--docs N] [--seed S] OUT/

Writes N synthetic letters of the corpus's family (both layouts, with footnotes, motions,
actielijn sections, budget tables, organisations and signatures) into OUT/, as
gen_000000.txt, gen_000001.txt, ... The same seed gives the same letters, and the first N
letters of a bigger corpus are the corpus of N. Earlier gen_*.txt files in OUT/ are removed
first, so OUT/ holds exactly this corpus. For benchmarks and scale tests (BENCHMARKS.md).

`

// runGen implements "beleidsgraaf gen": the synthetic corpus generator of package gen.
func runGen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, genUsage)
		fs.PrintDefaults()
	}
	docs := fs.Int("docs", 100, "number of letters to write")
	seed := fs.Uint64("seed", 1, "seed of the generator")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 || *docs < 0 {
		fs.Usage()
		return 2
	}
	out := fs.Arg(0)
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintln(stderr, "beleidsgraaf gen:", err)
		return 1
	}
	old, _ := filepath.Glob(filepath.Join(out, "gen_*.txt"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			fmt.Fprintln(stderr, "beleidsgraaf gen:", err)
			return 1
		}
	}
	start := time.Now()
	n, err := gen.Write(out, *seed, *docs)
	if err != nil {
		fmt.Fprintln(stderr, "beleidsgraaf gen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d letters (%.1f MB, seed %d) to %s in %.1fs\n", *docs, float64(n)/1e6, *seed, out, time.Since(start).Seconds())
	return 0
}
