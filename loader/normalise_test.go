package loader

import (
	"strings"
	"testing"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		name, in string
		body     []string // each must appear in the body
		absent   []string // none may appear in the body
		notes    map[int]string
	}{
		{
			name: "hyphenation at line breaks, kept before a conjunction",
			in: "De aanpak van mensen-\nhandel in de keten vraagt om een brede en langdurige inzet van alle\n" +
				"partners in het sociaal-, zorg-\nen veiligheidsdomein en de wetenschap in het algemeen.\n",
			body: []string{"mensenhandel", "zorg- en veiligheidsdomein"},
		},
		{
			name:  "superscript footnotes are separated and tied to markers",
			in:    "In het Actieplan¹ staat het.\n\n¹ Zie kamerstuk 28 638, nr. 233.\n\nVerder gaat het.\n",
			body:  []string{"In het Actieplan¹ staat het.", "Verder gaat het."},
			notes: map[int]string{1: "Zie kamerstuk 28 638, nr. 233."},
		},
		{
			name: "repeated letterhead furniture is dropped and the broken paragraph rejoined",
			in: "Datum 1 mei 2024\n\nDit is een zin die doorloopt op de\n\nDirectie X\nAfdeling Y\n\nDatum\n2 mei 2024\n\nvolgende pagina.\n\n" +
				"Directie X\nAfdeling Y\n\nDatum\n2 mei 2024\n\nSlot.\n",
			body:   []string{"Dit is een zin die doorloopt op de volgende pagina."},
			absent: []string{"Directie X", "2 mei 2024"},
		},
		{
			name: "plain-digit markers of PDF text become superscripts when the footnote exists",
			in: "Dit geldt voor de strafrechtelijke aanpak van mensenhandel1. De afgelopen jaren is er\n" +
				"flink geïnvesteerd in de opsporing en vervolging van mensenhandelaren in het land.\n\n" +
				"1 Kamerstuk 28 638, nr. 200.\n",
			body:  []string{"mensenhandel¹."},
			notes: map[int]string{1: "Kamerstuk 28 638, nr. 200."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := Normalise([]byte(tt.in))
			body := txt.Body
			if i := strings.Index(body, "\n\nVoetnoten"); i >= 0 {
				body = body[:i]
			}
			for _, w := range tt.body {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(body, w) {
					t.Errorf("body still has %q:\n%s", w, body)
				}
			}
			for n, want := range tt.notes {
				got, _, ok := txt.FootnoteText(n)
				if !ok || got != want {
					t.Errorf("footnote %d = %q, want %q", n, got, want)
				}
				found := false
				for _, m := range txt.Markers {
					found = found || m.N == n
				}
				if !found {
					t.Errorf("no marker for footnote %d", n)
				}
			}
		})
	}
}

func TestSentences(t *testing.T) {
	txt := Normalise([]byte("De motie is op 3 oktober jl. aangenomen. Zie Kamerstuk 28 638, nr. 233. De Staatssecretaris, E. van der Burg, schrijft o.a. dit. Einde!"))
	var got []string
	for _, s := range Segment(txt) {
		got = append(got, txt.Body[s.Start:s.End])
	}
	want := []string{"De motie is op 3 oktober jl. aangenomen.", "Zie Kamerstuk 28 638, nr. 233.", "De Staatssecretaris, E. van der Burg, schrijft o.a. dit.", "Einde!"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
}
