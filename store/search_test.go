package store

import (
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

func TestParseSearch(t *testing.T) {
	p := ParseSearch("  CoMensha, comensha — Coördinatie!")
	want := SearchPattern{Phrase: "comensha comensha coordinatie", Terms: []string{"comensha", "coordinatie"}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got %#v, want %#v", p, want)
	}
	if p := ParseSearch(" -- "); len(p.Terms) != 0 {
		t.Errorf("punctuation only: terms %q", p.Terms)
	}
}

func TestScoreTiers(t *testing.T) {
	doc := &kg.Node{ID: "doc:1", Label: kg.Document, Name: "Voortgang mensenhandel", Aliases: []string{"Voortgangsbrief"},
		Props: map[string]any{kg.PropTitle: "Brief over arbeidsuitbuiting", kg.PropText: "Het CKM schreef over uitbuiting.", kg.PropAbbreviation: "VB"}}
	org := &kg.Node{ID: "org:1", Label: kg.Organisation, Name: "Stichting", Props: map[string]any{kg.PropText: "ckm"}}
	tests := []struct {
		n     *kg.Node
		q     string
		score float64
		ok    bool
	}{
		{doc, "voortgang mensenhandel", ScoreExact, true},
		{doc, "VB", ScoreExact, true},
		{doc, "voortgangsbrief", ScoreExact, true},
		{doc, "voortgang", ScorePrefix, true},
		{doc, "voortgangsb", ScorePrefix, true},
		{doc, "mensenhandel voortgang", ScoreName, true},
		{doc, "mensenhandel arbeidsuitbuiting", ScoreTitle, true},
		{doc, "mensenhandel ckm", ScoreText, true},
		{doc, "arbeidsuitbuiting ckm", ScoreText, true},
		{doc, "mensenhandel politie", 0, false},
		{org, "ckm", 0, false}, // only Documents are searched by text
		{doc, "", 0, false},
	}
	for _, tc := range tests {
		got, ok := NewSearchDoc(tc.n).Score(ParseSearch(tc.q))
		if got != tc.score || ok != tc.ok {
			t.Errorf("%s %q: score %v %v, want %v %v", tc.n.ID, tc.q, got, ok, tc.score, tc.ok)
		}
	}
}

func TestSearchKeyAgreesWithScore(t *testing.T) {
	n := &kg.Node{ID: "doc:1", Label: kg.Document, Name: "Voortgang", Aliases: []string{"Brief A"},
		Props: map[string]any{kg.PropTitle: "Titel", kg.PropText: "Tekst over CoMensha."}}
	key := SearchKey(n)
	if key != "voortgang\nbrief a\ntitel\ntekst over comensha" {
		t.Errorf("SearchKey = %q", key)
	}
	// A word never spans two fields: "agang" would only be found across "voortgang\nbrief".
	for _, q := range []string{"gbrief", "comensha", "titel tekst", "a titel"} {
		_, ok := NewSearchDoc(n).Score(ParseSearch(q))
		all := true
		for _, w := range ParseSearch(q).Terms {
			all = all && strings.Contains(key, w)
		}
		if ok != all {
			t.Errorf("%q: Score says %v, SearchKey CONTAINS says %v", q, ok, all)
		}
	}
}

func TestTextSnippet(t *testing.T) {
	long := strings.Repeat("woord ", 40) + "Het Coördinatiecentrum (CoMensha) meldt. " + strings.Repeat("slot ", 40)
	tests := []struct {
		name, text string
		terms      []string
		want       string
	}{
		{"short text whole, whitespace collapsed", "Een  korte\n\ntekst over CoMensha.", []string{"comensha"}, "Een korte tekst over CoMensha."},
		{"no match: the start", "Begin van de tekst.", []string{"xyz"}, "Begin van de tekst."},
		// The match starts at rune 264; the window at 204, a word start, and ends at 364,
		// inside "slot", so it ends before that word.
		{"window cut at words", long, []string{"comensha"},
			"…" + strings.Repeat("woord ", 6) + "Het Coördinatiecentrum (CoMensha) meldt. " + strings.TrimSpace(strings.Repeat("slot ", 16)) + "…"},
		// The match starts at rune 244; the window at 184, inside a "woord", so it starts
		// after that word.
		{"accented match", long, []string{"coordinatiecentrum"},
			"…" + strings.Repeat("woord ", 9) + "Het Coördinatiecentrum (CoMensha) meldt. " + strings.TrimSpace(strings.Repeat("slot ", 12)) + "…"},
		{"earliest of several words", "aaa bbb ccc", []string{"ccc", "bbb"}, "aaa bbb ccc"},
		{"near the end the window moves left", strings.Repeat("x ", 100) + "einde", []string{"einde"},
			"…" + strings.Repeat("x ", 77) + "einde"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := TextSnippet(tc.text, tc.terms); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// foldOffsets must fold exactly as kg.Fold, or snippets would point at the wrong place.
func TestFoldOffsetsMatchesFold(t *testing.T) {
	for _, s := range []string{
		"", "Coördinatiecentrum tegen Mensenhandel (CoMensha)", "GL/PvdA", "  --  ", "mensen-\nhandel",
		"Ĳsselmeer Æbelø ß café naïef", "e\u0301te\u0301", "Kamerstuk 28 638, nr. 257", "ǅemal ΣΊΣΥΦΟΣ Ωmega", "쐈 한국어",
	} {
		folded, pos := foldOffsets(s)
		if folded != kg.Fold(s) {
			t.Errorf("foldOffsets(%q) = %q, kg.Fold = %q", s, folded, kg.Fold(s))
		}
		if len(pos) != len(folded) {
			t.Errorf("%q: %d offsets for %d bytes", s, len(pos), len(folded))
		}
	}
}

func FuzzFoldOffsets(f *testing.F) {
	f.Add("Coördinatiecentrum (CoMensha)")
	f.Add("naïef café")
	f.Fuzz(func(t *testing.T, s string) {
		folded, pos := foldOffsets(s)
		if len(pos) != len(folded) {
			t.Fatalf("%d offsets for %d bytes", len(pos), len(folded))
		}
		// Snippets must never panic, whatever the text.
		_ = TextSnippet(s, ParseSearch(s).Terms)
		_ = folded
	})
}
