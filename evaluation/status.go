package evaluation

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"beleidsgraaf/kg"
)

// StatusGold is the hand-written list of status steps of the motions and commitments of
// a set of documents: which step each document states, with its date.
type StatusGold struct {
	Notes []string `json:"notes,omitempty"`
	// Documents are the documents read for the gold: a step with evidence in one of them
	// is scored, whether the gold lists it or not.
	Documents []string   `json:"documents"`
	Steps     []GoldStep `json:"steps"`
}

// GoldStep is one step as a reader finds it: the motion or commitment, its status, the date
// ("" when the text gives none) and the document that states it. The quote points the
// reader to the sentence; it is not scored.
type GoldStep struct {
	Node     string `json:"node"`
	Status   string `json:"status"`
	Date     string `json:"date"`
	Document string `json:"document"`
	Quote    string `json:"quote,omitempty"`
}

func (s GoldStep) key() string {
	date := s.Date
	if date == "" {
		date = "undated"
	}
	return fmt.Sprintf("%s %s %s in %s", s.Node, s.Status, date, s.Document)
}

// ReadStatusGold reads a status gold file.
func ReadStatusGold(path string) (*StatusGold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g StatusGold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// StatusReport is the score of the status steps: one item per (node, status, date,
// document), with the items behind the false negatives and positives.
type StatusReport struct {
	Steps  Score
	Misses []string
	Extras []string
}

// EvaluateStatus scores the status steps of g's motions and commitments against gold.
// Several sentences of one document stating the same step count once.
func EvaluateStatus(g *kg.Graph, gold *StatusGold) *StatusReport {
	inScope := map[string]bool{}
	for _, d := range gold.Documents {
		inScope[d] = true
	}
	want := map[string]bool{}
	for _, s := range gold.Steps {
		want[s.key()] = true
	}
	got := map[string]bool{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.Label != kg.Motion && n.Label != kg.Commitment {
			continue
		}
		for _, s := range n.Steps() {
			if inScope[s.Evidence.Document] {
				got[GoldStep{Node: n.ID, Status: s.Status, Date: s.Date, Document: s.Evidence.Document}.key()] = true
			}
		}
	}
	r := &StatusReport{}
	for k := range want {
		if got[k] {
			r.Steps.TP++
		} else {
			r.Steps.FN++
			r.Misses = append(r.Misses, k)
		}
	}
	for k := range got {
		if !want[k] {
			r.Steps.FP++
			r.Extras = append(r.Extras, k)
		}
	}
	sort.Strings(r.Misses)
	sort.Strings(r.Extras)
	return r
}

// Add sums two reports (the bundled corpus and the Kamerstukken).
func (r *StatusReport) Add(o *StatusReport) *StatusReport {
	out := &StatusReport{Steps: r.Steps}
	out.Steps.add(o.Steps)
	out.Misses = append(append(out.Misses, r.Misses...), o.Misses...)
	out.Extras = append(append(out.Extras, r.Extras...), o.Extras...)
	return out
}

// WriteRow writes the report as a row of the status table.
func (r *StatusReport) WriteRow(w io.Writer, name string) {
	s := r.Steps
	fmt.Fprintf(w, "| %s | %d | %d | %d | %.2f | %.2f | %.2f |\n", name, s.TP+s.FN, s.TP+s.FP, s.TP, s.Precision(), s.Recall(), s.F1())
}

// WriteStatusHeader writes the header of the status table.
func WriteStatusHeader(w io.Writer) {
	fmt.Fprintln(w, "| status steps (status, date, document) | gold | found | right | precision | recall | F1 |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
}

// WriteDiff lists the missed and the extra steps.
func (r *StatusReport) WriteDiff(w io.Writer) {
	for _, m := range r.Misses {
		fmt.Fprintln(w, "missed step:", m)
	}
	for _, x := range r.Extras {
		fmt.Fprintln(w, "extra step: ", x)
	}
}
