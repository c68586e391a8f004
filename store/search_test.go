package store

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

func TestParseSearch(t *testing.T) {
	p := ParseSearch("  CoMensha, comensha — Coördinatie!")
	want := SearchPattern{Phrase: "comensha comensha coordinatie", Terms: []string{"comensha", "coordinatie"}, Cite: "comensha comensha coordinatie"}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got %#v, want %#v", p, want)
	}
	if p := ParseSearch(" -- "); len(p.Terms) != 0 {
		t.Errorf("punctuation only: terms %q", p.Terms)
	}
}

// TestCitationSpellings: a Kamerstuk citation in any spelling is one citation key.
func TestCitationSpellings(t *testing.T) {
	for _, tc := range []struct{ q, cite string }{
		{"28 638, nr. 224", "28638 224"},
		{"28638-224", "28638 224"},
		{"Kamerstuk 28 638 nr 224", "28638 224"},
		{"kamerstukken 28638, nr. 224", "28638 224"},
		{"motie 28 638 nr. 224", "28638 224"},
		{"28 638 nummer 224", "28638 224"},
		{"motie 224", "motie 224"},
		{"2024D03838", "2024d03838"},
		{"28 638", "28 638"},
		{"286 38 224", "286 38 224"},
		{"28 638 nr 224 mensenhandel", "28 638 nr 224 mensenhandel"},
	} {
		if got := ParseSearch(tc.q).Cite; got != tc.cite {
			t.Errorf("%q: cite %q, want %q", tc.q, got, tc.cite)
		}
	}
}

func TestOneTypo(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"comensa", "comensha", true},   // dropped
		{"comensha", "comensa", true},   // added
		{"comenzha", "comensha", true},  // changed
		{"cmoensha", "comensha", true},  // swapped
		{"comensha", "comensha", false}, // equal: no typo
		{"comnsa", "comensha", false},   // two
		{"cmoenhsa", "comensha", false}, // two swaps
		{"coördinatie", "coordinatie", true},
		{"ab", "ba", true},
		{"", "a", true},
	} {
		if got := oneTypo(tc.a, tc.b); got != tc.want {
			t.Errorf("oneTypo(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestScoreTiers(t *testing.T) {
	doc := &kg.Node{ID: "doc:1", Label: kg.Document, Name: "Voortgang mensenhandel", Aliases: []string{"Voortgangsbrief"},
		Props: map[string]any{kg.PropTitle: "Brief over arbeidsuitbuiting", kg.PropText: "Het CKM schreef over uitbuiting.", kg.PropAbbreviation: "VB"}}
	doc.Props[kg.PropDossier], doc.Props[kg.PropNumber], doc.Props[kg.PropKenmerk], doc.Props[kg.PropTKNumber] = "28 638", int64(257), "5012345", "2024D03838"
	org := &kg.Node{ID: "org:1", Label: kg.Organisation, Name: "Stichting", Props: map[string]any{kg.PropText: "ckm"}}
	ref := &kg.Node{ID: "doc:28638-233", Label: kg.Document, Name: "Kamerstuk 28 638, nr. 233",
		Props: map[string]any{kg.PropKind: kg.DocReference, kg.PropDossier: "28 638", kg.PropNumber: int64(233)}}
	motion := &kg.Node{ID: "motion:28638-224", Label: kg.Motion, Name: "motie-Mutluer c.s.",
		Props: map[string]any{kg.PropDossier: "28 638", kg.PropNumber: int64(224)}}
	proposal := &kg.Node{ID: "proposal:20", Label: kg.Proposal, Name: "Verken in samenwerking met gemeenten, de VNG, OCW en onderwijs op welke wijze"}
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
		// One typo: one tier lower than where the word is found; not for short words or numbers.
		{doc, "voortgnag", ScoreTitle, true},
		{doc, "arbeidsuitbuitin", ScoreTitle, true}, // a prefix of the title's word: exact
		{doc, "arbeidsuitbuitng", ScoreText, true},
		{doc, "schreff", ScoreTypo, true},
		{doc, "voortgnag mensenhandel", ScoreTitle, true},
		{doc, "ckn", 0, false},
		// Citations.
		{doc, "28 638, nr. 257", ScoreExact, true},
		{doc, "28638-257", ScoreExact, true},
		{doc, "5012345", ScoreExact, true},
		{doc, "2024D03838", ScoreExact, true},
		{ref, "Kamerstuk 28 638, nr. 233", ScorePrefix, true},
		{motion, "28 638 nr 224", ScoreExact, true},
		{motion, "motie 224", ScoreExact, true},
		{motion, "motie 225", 0, false},
		// A long name ranks as a title.
		{proposal, "gemeenten", ScoreTitle, true},
		{proposal, "verken in samenwerking", ScoreTitle, true},
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
	// A word never spans two fields: "agang" would only be found across "voortgang\nbrief";
	// a word of the key one typo away is as good (the Neo4j store asks its full-text index
	// for "*word* OR word~1").
	for _, q := range []string{"gbrief", "agang", "comensha", "comensa", "titel tekst", "a titel", "tekts"} {
		_, ok := NewSearchDoc(n).Score(ParseSearch(q))
		all := true
		for _, w := range ParseSearch(q).Terms {
			all = all && (strings.Contains(key, w) || typoCandidate(w) &&
				slices.ContainsFunc(strings.Fields(key), func(k string) bool { return oneTypo(w, k) }))
		}
		if ok != all {
			t.Errorf("%q: Score says %v, SearchKey says %v", q, ok, all)
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
