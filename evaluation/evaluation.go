// Package evaluation scores an extracted graph against a hand-written gold standard:
// precision, recall and F1 per entity label, per relation type, for citations, and the
// share of document metadata that is exactly right.
package evaluation

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"beleidsgraaf/kg"
)

// Gold is the hand-written truth for a set of documents.
type Gold struct {
	Documents []GoldDocument `json:"documents"`
	Notes     []string       `json:"notes,omitempty"`
}

// GoldDocument is what one document says, by the ID scheme of package kg.
type GoldDocument struct {
	File    string `json:"file"`
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	Kenmerk string `json:"kenmerk"`
	Dossier string `json:"dossier"`
	Number  int64  `json:"number"`
	// for Kamerstukken of every kind (loader/testdata/kamerstukken)
	TKNumber   string   `json:"tkNumber,omitempty"`
	SameAs     string   `json:"sameAs,omitempty"`
	Signers    []string `json:"signers,omitempty"`
	DebateDate string   `json:"debateDate,omitempty"`

	Entities  map[string][]string `json:"entities"`
	Relations [][3]string         `json:"relations"`
	Citations []string            `json:"citations"`
}

// ReadGold reads a gold file.
func ReadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// Score counts true positives, false positives and false negatives.
type Score struct{ TP, FP, FN int }

func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }
func (s Score) Recall() float64    { return ratio(s.TP, s.TP+s.FN) }
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *Score) add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

// Report is the outcome of one evaluation. Misses and Extras name the items behind the
// false negatives and false positives, so a low score can be read, not just seen.
type Report struct {
	Entities  map[string]Score
	Relations map[string]Score
	Citations Score
	Metadata  Score // TP: fields right; FN: fields wrong or missing
	Misses    []string
	Extras    []string
}

// EntityTotal sums the entity scores; RelationTotal the relation scores.
func (r *Report) EntityTotal() Score   { return total(r.Entities) }
func (r *Report) RelationTotal() Score { return total(r.Relations) }

func total(m map[string]Score) Score {
	var s Score
	for _, v := range m {
		s.add(v)
	}
	return s
}

// Evaluate scores g against gold, document by document: an entity counts for a document
// when the graph has a mention of it in that document; a relation when the graph has the
// edge with evidence in that document; citations are the document's CITES edges.
func Evaluate(g *kg.Graph, gold *Gold) *Report {
	r := &Report{Entities: map[string]Score{}, Relations: map[string]Score{}}
	byID := map[string]*kg.Node{}
	for i := range g.Nodes {
		byID[g.Nodes[i].ID] = &g.Nodes[i]
	}
	for _, d := range gold.Documents {
		labels := map[string]bool{}
		for l := range d.Entities {
			labels[l] = true
		}
		predicted := map[string]map[string]bool{}
		for _, n := range g.Nodes {
			if n.ID == d.ID || !labels[string(n.Label)] || !inScope(n.ID) {
				continue
			}
			for _, ev := range n.Mentions {
				if ev.Document == d.ID {
					set(predicted, string(n.Label))[n.ID] = true
					break
				}
			}
		}
		for l := range labels {
			want := toSet(d.Entities[l])
			r.Entities[l] = r.compare(r.Entities[l], d.File+" "+l, want, predicted[l])
		}
		relTypes := map[string]bool{}
		wantRels := map[string]map[string]bool{}
		for _, rel := range d.Relations {
			relTypes[rel[1]] = true
			set(wantRels, rel[1])[rel[0]+" "+rel[2]] = true
		}
		gotRels := map[string]map[string]bool{}
		var gotCites []string
		for _, e := range g.Edges {
			inDoc := false
			for _, ev := range e.Evidence {
				inDoc = inDoc || ev.Document == d.ID
			}
			switch {
			case e.Type == kg.Cites && e.From == d.ID:
				gotCites = append(gotCites, e.To)
			case inDoc && e.Type != kg.Mentions && e.Type != kg.Cites && inScope(e.From) && inScope(e.To):
				set(gotRels, string(e.Type))[e.From+" "+e.To] = true
				relTypes[string(e.Type)] = true
			}
		}
		for t := range relTypes {
			r.Relations[t] = r.compare(r.Relations[t], d.File+" "+t, wantRels[t], gotRels[t])
		}
		r.Citations = r.compare(r.Citations, d.File+" CITES", toSet(d.Citations), toSet(gotCites))
		r.Metadata.add(metadata(d, byID[d.ID], &r.Misses))
	}
	sort.Strings(r.Misses)
	sort.Strings(r.Extras)
	return r
}

// inScope leaves out what the gold does not annotate: toezeggingen without a number, whose
// IDs an annotator cannot predict.
func inScope(id string) bool {
	key, ok := strings.CutPrefix(id, "commitment:")
	if !ok {
		return true
	}
	for _, c := range key {
		if c < '0' || c > '9' {
			return false
		}
	}
	return key != ""
}

func (r *Report) compare(s Score, where string, want, got map[string]bool) Score {
	for k := range want {
		if got[k] {
			s.TP++
		} else {
			s.FN++
			r.Misses = append(r.Misses, where+": "+k)
		}
	}
	for k := range got {
		if !want[k] {
			s.FP++
			r.Extras = append(r.Extras, where+": "+k)
		}
	}
	return s
}

func metadata(d GoldDocument, n *kg.Node, misses *[]string) Score {
	var s Score
	if n == nil {
		*misses = append(*misses, d.File+" metadata: no document "+d.ID)
		s.FN += 6
		return s
	}
	number, _ := n.Int(kg.PropNumber)
	fields := []struct{ name, want, got string }{
		{"kind", d.Kind, n.Str(kg.PropKind)},
		{"title", d.Title, n.Str(kg.PropTitle)},
		{"date", d.Date, n.Str(kg.PropDate)},
		{"kenmerk", d.Kenmerk, n.Str(kg.PropKenmerk)},
		{"dossier", d.Dossier, n.Str(kg.PropDossier)},
		{"number", fmt.Sprint(d.Number), fmt.Sprint(number)},
	}
	for _, f := range fields {
		if f.want == f.got {
			s.TP++
		} else {
			s.FN++
			*misses = append(*misses, fmt.Sprintf("%s metadata %s: got %q, want %q", d.File, f.name, f.got, f.want))
		}
	}
	return s
}

func set(m map[string]map[string]bool, k string) map[string]bool {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	return m[k]
}

func toSet(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// WriteTable prints the scores as a Markdown table.
func (r *Report) WriteTable(w io.Writer) {
	fmt.Fprintln(w, "| what | gold | found | correct | precision | recall | F1 |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	row := func(name string, s Score) {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %.2f | %.2f | %.2f |\n", name, s.TP+s.FN, s.TP+s.FP, s.TP, s.Precision(), s.Recall(), s.F1())
	}
	for _, l := range sortedKeys(r.Entities) {
		row("entity "+l, r.Entities[l])
	}
	row("**entities**", r.EntityTotal())
	for _, t := range sortedKeys(r.Relations) {
		row("relation "+t, r.Relations[t])
	}
	row("**relations**", r.RelationTotal())
	row("**citations**", r.Citations)
	fmt.Fprintf(w, "| **document metadata** | %d fields | | %d | | %.2f | |\n", r.Metadata.TP+r.Metadata.FN, r.Metadata.TP, r.Metadata.Recall())
}

// WriteDiff lists what the graph missed and what it added beyond the gold.
func (r *Report) WriteDiff(w io.Writer) {
	for _, m := range r.Misses {
		fmt.Fprintln(w, "missed:", m)
	}
	for _, x := range r.Extras {
		fmt.Fprintln(w, "extra: ", x)
	}
}

func sortedKeys(m map[string]Score) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return strings.ToLower(keys[i]) < strings.ToLower(keys[j]) })
	return keys
}
