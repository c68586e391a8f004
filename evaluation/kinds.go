package evaluation

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"beleidsgraaf/kg"
)

// KindReport scores Kamerstukken of every kind, per document kind: their metadata (dossier,
// number, date, kind), the persons they name, the offices that sign them, the date of the
// debate a report is about, and whether two copies of one Kamerstuk are one Document.
type KindReport struct {
	Metadata, Persons, Signers, DebateDates map[string]Score // by document kind
	SameDocument                            Score
	Misses                                  []string
}

// EvaluateKinds scores g against the gold of Kamerstukken of every kind.
func EvaluateKinds(g *kg.Graph, gold *Gold) *KindReport {
	r := &KindReport{Metadata: map[string]Score{}, Persons: map[string]Score{}, Signers: map[string]Score{}, DebateDates: map[string]Score{}}
	byFile := map[string]*kg.Node{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.Label != kg.Document || n.Str(kg.PropSourceFile) == "" {
			continue
		}
		byFile[n.Str(kg.PropSourceFile)] = n
		for _, f := range n.Strings(kg.PropAlsoFrom) {
			byFile[f] = n
		}
	}
	for _, d := range gold.Documents {
		n := byFile[d.File]
		miss := func(what, got, want string) {
			r.Misses = append(r.Misses, fmt.Sprintf("%s %s: got %q, want %q", d.File, what, got, want))
		}
		// metadata: the four fields of a Kamerstuk's identity
		m := r.Metadata[d.Kind]
		var number int64
		var got [4]string
		if n != nil {
			number, _ = n.Int(kg.PropNumber)
			got = [4]string{n.Str(kg.PropDossier), fmt.Sprint(number), n.Str(kg.PropDate), n.Str(kg.PropKind)}
		}
		want := [4]string{d.Dossier, fmt.Sprint(d.Number), d.Date, d.Kind}
		for i, name := range []string{"dossier", "number", "date", "kind"} {
			if got[i] == want[i] {
				m.TP++
			} else {
				m.FN++
				miss(name, got[i], want[i])
			}
		}
		r.Metadata[d.Kind] = m
		id := ""
		if n != nil {
			id = n.ID
		}
		// persons: named in the document (a mention with evidence in it)
		gotPersons := map[string]bool{}
		for _, p := range g.Nodes {
			if p.Label != kg.Person {
				continue
			}
			for _, ev := range p.Mentions {
				if ev.Document == id {
					gotPersons[p.ID] = true
					break
				}
			}
		}
		r.Persons[d.Kind] = compareSets(r.Persons[d.Kind], d.File+" person", toSet(d.Entities["Person"]), gotPersons, &r.Misses)
		// signing offices: SIGNED_BY an office, or by a person who holds it (said in the document)
		gotSigners := map[string]bool{}
		for _, e := range g.Edges {
			if e.From != id || e.Type != kg.SignedBy {
				continue
			}
			if strings.HasPrefix(e.To, "office:") {
				gotSigners[e.To] = true
				continue
			}
			for _, h := range g.Edges {
				if h.From == e.To && h.Type == kg.HoldsOffice && evidenceIn(h, id) {
					gotSigners[h.To] = true
				}
			}
		}
		r.Signers[d.Kind] = compareSets(r.Signers[d.Kind], d.File+" signer", toSet(d.Signers), gotSigners, &r.Misses)
		if d.DebateDate != "" {
			gotDates := map[string]bool{}
			for _, e := range g.Edges {
				if e.From == id && strings.HasPrefix(e.To, "event:") && len(e.To) >= 10 {
					gotDates[e.To[len(e.To)-10:]] = true
				}
			}
			r.DebateDates[d.Kind] = compareSets(r.DebateDates[d.Kind], d.File+" debate date", map[string]bool{d.DebateDate: true}, gotDates, &r.Misses)
		}
		if d.SameAs != "" && d.File < d.SameAs {
			if n != nil && n == byFile[d.SameAs] {
				r.SameDocument.TP++
			} else {
				r.SameDocument.FN++
				miss("same document as "+d.SameAs, id, "one node")
			}
		}
	}
	sort.Strings(r.Misses)
	return r
}

func evidenceIn(e kg.Edge, doc string) bool {
	for _, ev := range e.Evidence {
		if ev.Document == doc {
			return true
		}
	}
	return false
}

func compareSets(s Score, where string, want, got map[string]bool, misses *[]string) Score {
	for k := range want {
		if got[k] {
			s.TP++
		} else {
			s.FN++
			*misses = append(*misses, where+" missed: "+k)
		}
	}
	for k := range got {
		if !want[k] {
			s.FP++
			*misses = append(*misses, where+" extra: "+k)
		}
	}
	return s
}

// Total sums a measure over the kinds.
func (r *KindReport) Total(m map[string]Score) Score { return total(m) }

// WriteTable prints the scores per document kind as a Markdown table.
func (r *KindReport) WriteTable(w io.Writer) {
	fmt.Fprintln(w, "| kind | metadata (dossier, number, date, kind) | persons P / R | signing offices P / R | debate date |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	cell := func(s Score) string {
		if s.TP+s.FN+s.FP == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f / %.2f (%d of %d)", s.Precision(), s.Recall(), s.TP, s.TP+s.FN)
	}
	meta := func(s Score) string { return fmt.Sprintf("%d of %d (%.2f)", s.TP, s.TP+s.FN, s.Recall()) }
	date := func(s Score) string {
		if s.TP+s.FN == 0 {
			return "–"
		}
		return fmt.Sprintf("%d of %d", s.TP, s.TP+s.FN)
	}
	for _, k := range sortedKeys(r.Metadata) {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", k, meta(r.Metadata[k]), cell(r.Persons[k]), cell(r.Signers[k]), date(r.DebateDates[k]))
	}
	fmt.Fprintf(w, "| **all** | %s | %s | %s | %s |\n", meta(total(r.Metadata)), cell(total(r.Persons)), cell(total(r.Signers)), date(total(r.DebateDates)))
	fmt.Fprintf(w, "\nThe same Kamerstuk from two sites as one Document: %d of %d.\n", r.SameDocument.TP, r.SameDocument.TP+r.SameDocument.FN)
}

// WriteDiff lists what the graph missed and what it added.
func (r *KindReport) WriteDiff(w io.Writer) {
	for _, m := range r.Misses {
		fmt.Fprintln(w, m)
	}
}
