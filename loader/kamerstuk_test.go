package loader

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

// TestKamerstukHeads reads the head of a Kamerstuk in each site's layout: dossier, number,
// kind and date, whatever the dossier.
func TestKamerstukHeads(t *testing.T) {
	cases := []struct {
		name, text       string
		dossier, kind    string
		number           int
		date, tk, office string
	}{
		{"officielebekendmakingen, motion", "Kamerstuk\n\nDatum publicatieOrganisatieVergaderjaarDossier- en ondernummer\nTweede Kamer der Staten-Generaal2018-201928638 nr. 167\n\n28 638 Mensenhandel\n\nNr. 167 MOTIE VAN HET LID KUIK C.S.\n\nVoorgesteld 4 juli 2019\n\nDe Kamer,\n",
			"28 638", kg.DocMotion, 167, "2019-07-04", "", ""},
		{"a budget chapter with a Roman numeral", "Tweede Kamer der Staten-Generaal2020-202135570-VI nr. 50\n\n35 570 VI Vaststelling van de begrotingsstaten\n\nNr. 50 MOTIE VAN DE LEDEN KUIK EN VAN DER GRAAF\n\nVoorgesteld 26 november 2020\n",
			"35 570 VI", kg.DocMotion, 50, "2020-11-26", "", ""},
		{"an EU council dossier with a suffix", "21 501-20 Europese Raad\n\nNr. 1234 BRIEF VAN DE MINISTER-PRESIDENT\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 3 maart 2024\n",
			"21 501-20", kg.DocLetter, 1234, "2024-03-03", "", ""},
		{"older layout, number on its own line", "31 702\nStaat van de Europese Unie 2008–2009\n\nnr. 11\nMOTIE VAN HET LID WIEGMAN-VAN MEPPELEN SCHEPPINK C.S.\n\nVoorgesteld 6 november 2008\n",
			"31 702", kg.DocMotion, 11, "2008-11-06", "", ""},
		{"openkamer, debate report", "Kamerstuk 28638-144\n\nVerslag van een algemeen overleg\n\n144 VERSLAG VAN EEN ALGEMEEN OVERLEG\n\nVastgesteld 15 juni 2016\n\nDe vaste commissie heeft op 26 april 2016 overleg gevoerd.\n",
			"28 638", kg.DocDebate, 144, "2016-06-15", "", ""},
		{"tkconv, letter", "Brief regering\n\nNummer: 2020D27680, datum: 2020-07-01, bijgewerkt: 2024-02-19 10:56, versie: 3\n\nOnderdeel van kamerstukdossier 28638 -183 Mensenhandel .\n\nEerste ondertekenaar: J.R.V.A. Dijkhoff, minister van Defensie (Ooit VVD kamerlid)\n\nDe tekst van de brief.\n",
			"28 638", kg.DocLetter, 183, "2020-07-01", "2020D27680", "office:minister-van-defensie"},
		{"written questions, wrapped", "Vragen van de leden Segers en Voordewind (beiden ChristenUnie) aan de Minister van\nJustitie en Veiligheid over de brandbrief (ingezonden\n27 mei 2019).\n\nVraag 1\n\nKent u de brief?\n",
			"", kg.DocQuestions, 0, "2019-05-27", "", ""},
		{"answers", "Vragen van het lid Mutluer (GroenLinks-PvdA) aan de Staatssecretaris van Justitie en Veiligheid over uitbuiting (ingezonden 12 maart 2024).\n\nAntwoord van staatssecretaris Van der Burg (Justitie en Veiligheid) (ontvangen 3 april 2024).\n\nVraag 1\n",
			"", kg.DocAnswers, 0, "2024-04-03", "", "office:staatssecretaris-van-justitie-en-veiligheid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, errs := Load([]File{{Name: "x.txt", Data: []byte(c.text)}})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var doc *kg.Node
			for i := range g.Nodes {
				if g.Nodes[i].Label == kg.Document && g.Nodes[i].Str(kg.PropSourceFile) == "x.txt" {
					doc = &g.Nodes[i]
				}
			}
			if doc == nil {
				t.Fatal("no document")
			}
			got := []any{doc.Str(kg.PropDossier), doc.Str(kg.PropKind), doc.Props[kg.PropNumber], doc.Str(kg.PropDate), doc.Str(kg.PropTKNumber)}
			var number any
			if c.number > 0 {
				number = int64(c.number)
			}
			want := []any{c.dossier, c.kind, number, c.date, c.tk}
			if !slices.Equal(got, want) {
				t.Errorf("dossier, kind, number, date, tk number\n got  %v\n want %v", got, want)
			}
			if c.office != "" {
				var offices []string
				for _, e := range g.Edges {
					if e.Type == kg.HoldsOffice {
						offices = append(offices, e.To)
					}
				}
				if !slices.Contains(offices, c.office) {
					t.Errorf("offices held %v, want %s", offices, c.office)
				}
			}
		})
	}
}

// TestKamerstukFacts reads what a Kamerstuk states about itself, by its kind.
func TestKamerstukFacts(t *testing.T) {
	motion := "28 638 Mensenhandel\n\nNr. 167 MOTIE VAN DE LEDEN KUIK EN VAN DER GRAAF\n\nVoorgesteld 4 juli 2019\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering, een kader te formuleren,\n\nen gaat over tot de orde van de dag.\n\nKuik\n\nDe Graaf\n"
	report := "28 638 Mensenhandel\n\nNr. 221 VERSLAG VAN EEN COMMISSIEDEBAT\n\nVastgesteld 19 juni 2023\n\nDe vaste commissie voor Justitie en Veiligheid heeft op 17 mei 2023 overleg gevoerd met de heer Van der Burg, Staatssecretaris van Justitie en Veiligheid, over:\n\nDe griffier van de commissie,\n\nBrood\n\nAanwezig zijn drie leden der Kamer, te weten: Bikker, Van der Staaij en Verkuijlen,\n\nen de heer Van der Burg, Staatssecretaris van Justitie en Veiligheid.\n\nAanvang 10.00 uur.\n"
	questions := "Vragen van de leden Ceder, Bikker (beiden ChristenUnie) Van den Berg en Kuik (beiden CDA) aan de staatssecretaris van Justitie en Veiligheid en de staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties over mensenhandel (ingezonden 30 juni 2021).\n\n1. Bent u bekend met het bericht?\n"
	letter := "32 317 JBZ-Raad\n\nNr. 760 BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR RECHTSBESCHERMING EN DE STAATSSECRETARIS JUSTITIE EN VEILIGHEID\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 30 mei 2022\n\nHierbij bieden wij uw Kamer de agenda aan.\n\nDe Minister van Justitie en Veiligheid,\n\nD. Yeşilgöz-Zegerius\n"
	g, errs := Load([]File{{Name: "motion.txt", Data: []byte(motion)}, {Name: "report.txt", Data: []byte(report)},
		{Name: "questions.txt", Data: []byte(questions)}, {Name: "letter.txt", Data: []byte(letter)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	has := map[string]bool{}
	for _, e := range g.Edges {
		has[e.From+" "+string(e.Type)+" "+e.To] = true
	}
	for _, want := range []string{
		// the motion's own Kamerstuk: the Motion, its submitters as the heading names them
		"person:kuik SUBMITTED motion:28638-167", "person:van-der-graaf SUBMITTED motion:28638-167",
		// the debate report: the debate, who took part, the minister's office
		"doc:28638-221 MENTIONS event:commissiedebat-2023-05-17",
		"person:bikker ATTENDED event:commissiedebat-2023-05-17", "person:van-der-staaij ATTENDED event:commissiedebat-2023-05-17",
		"person:verkuijlen ATTENDED event:commissiedebat-2023-05-17", "person:van-der-burg ATTENDED event:commissiedebat-2023-05-17",
		"person:van-der-burg HOLDS_OFFICE office:staatssecretaris-van-justitie-en-veiligheid",
		"doc:28638-221 MENTIONS person:brood",
		// written questions: who asked, with their party, and whom
		"person:ceder MEMBER_OF party:christenunie", "person:bikker MEMBER_OF party:christenunie",
		"person:van-den-berg MEMBER_OF party:cda", "person:kuik MEMBER_OF party:cda",
		"doc:questions ADDRESSED_TO office:staatssecretaris-van-justitie-en-veiligheid",
		"doc:questions ADDRESSED_TO office:staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties",
		// a shared heading: the offices no signatory holds sign themselves
		"doc:32317-760 SIGNED_BY office:minister-voor-rechtsbescherming",
		"doc:32317-760 SIGNED_BY office:staatssecretaris-van-justitie-en-veiligheid",
		"doc:32317-760 SIGNED_BY person:yesilgoz-zegerius",
	} {
		if !has[want] {
			t.Errorf("missing %s", want)
		}
	}
	for _, unwanted := range []string{"doc:32317-760 SIGNED_BY office:minister-van-justitie-en-veiligheid", "person:de-graaf SUBMITTED motion:28638-167"} {
		if has[unwanted] {
			t.Errorf("unexpected %s", unwanted)
		}
	}
	m := g.Node("motion:28638-167")
	if m == nil || m.Str(kg.PropDateSubmitted) != "2019-07-04" || !strings.HasPrefix(m.Str(kg.PropRequest), "een kader te formuleren") {
		t.Errorf("motion %+v", m)
	}
}

// TestSameKamerstukFromTwoSites loads one letter saved from two sites: one Document that
// names both files, read from the fuller text.
func TestSameKamerstukFromTwoSites(t *testing.T) {
	ob := "28 638 Mensenhandel\n\nNr. 183 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 1 juli 2020\n\nHierbij informeer ik u over het programma.\n"
	tkconv := "Brief regering\n\nNummer: 2020D27680, datum: 2020-07-01\n\nOnderdeel van kamerstukdossier 28638 -183 Mensenhandel .\n\n" + ob + "\nEen tweede alinea die de andere kopie niet heeft.\n"
	g, errs := Load([]File{{Name: "ob.txt", Data: []byte(ob)}, {Name: "tkconv.txt", Data: []byte(tkconv)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	docs := 0
	for _, n := range g.Nodes {
		if n.Label == kg.Document && n.Str(kg.PropSourceFile) != "" {
			docs++
		}
	}
	d := g.Node("doc:28638-183")
	if docs != 1 || d == nil || d.Str(kg.PropSourceFile) != "tkconv.txt" || !slices.Equal(d.Strings(kg.PropAlsoFrom), []string{"ob.txt"}) {
		t.Errorf("%d documents; %+v", docs, d)
	}
}

// TestWarningsNameFileAndField: what the head of a Kamerstuk should give and did not is a
// warning naming the file and the field; a directory's other files are named as skipped.
func TestWarningsNameFileAndField(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"motion.txt": "MOTIE VAN HET LID KUIK\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering iets te doen,\n\nen gaat over tot de orde van de dag.\n\nKuik\n",
		"notes.odt":  "not a document the loader reads",
		".hidden":    "ignored",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs := LoadPaths(dir)
	var got []string
	for _, err := range errs {
		w, ok := err.(*Warning)
		if !ok {
			t.Fatalf("not a warning: %v", err)
		}
		got = append(got, w.Error())
	}
	slices.Sort(got)
	want := []string{"motion.txt: no Kamerstuk number found (MOTION)", "motion.txt: no date found (MOTION)", "motion.txt: no dossier found (MOTION)",
		"notes.odt: skipped: the loader reads " + strings.Join(Extensions, ", ") + " files"}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n got  %q\n want %q", got, want)
	}
	if _, errs := LoadPaths(t.TempDir()); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no documents") {
		t.Errorf("an empty directory: %v", errs)
	}
}

// TestLetterSectionIsNoKind: a letter's section headed "Motie van het lid …" is a letter.
func TestLetterSectionIsNoKind(t *testing.T) {
	letter := "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDatum 25 februari 2025\nOnderwerp Moties\n\nGeachte voorzitter,\n\nMotie van het lid Koster over een meldplicht\n\nDe motie van het lid Koster is aangenomen.\n\nVragen van het lid Bakker over opvang\n\nDeze vragen zijn beantwoord.\n"
	g, _ := Load([]File{{Name: "letter.txt", Data: []byte(letter)}})
	for _, n := range g.Nodes {
		if n.Label == kg.Document && n.Str(kg.PropSourceFile) == "letter.txt" && n.Str(kg.PropKind) != kg.DocLetter {
			t.Errorf("kind %s, want LETTER", n.Str(kg.PropKind))
		}
	}
}

// TestOfficieleBekendmakingenXML reads a Kamerstuk in the XML the site publishes: its
// metadata from the XML, its text laid out as the site's page, its footnotes tied.
func TestOfficieleBekendmakingenXML(t *testing.T) {
	data, err := os.ReadFile("testdata/kamerstukken/ob-kst-28638-167.xml")
	if err != nil {
		t.Fatal(err)
	}
	letter := `<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><metadata><meta name="OVERHEIDop.dossiernummer" content="36200 VI"/><meta name="OVERHEIDop.ondernummer" content="12"/></metadata>
<kamerstuk><stuk><titel>BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID</titel>
<algemeen><vrije-tekst><tekst><al>Hierbij informeer ik u over de <nadruk type="cur">aanpak</nadruk> van mensenhandel.<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Kamerstuk 28 638, nr. 251.</noot.al></noot></al></tekst></vrije-tekst></algemeen>
<slotformule><al>De Staatssecretaris van Justitie en Veiligheid,</al></slotformule><ondertekening><naam>E. van der Burg</naam></ondertekening></stuk></kamerstuk></officiele-publicatie>`
	g, errs := Load([]File{{Name: "kst-28638-167.xml", Data: data}, {Name: "kst-36200-VI-12.xml", Data: []byte(letter)}})
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	m := g.Node("doc:28638-167")
	if m == nil || m.Str(kg.PropKind) != kg.DocMotion || m.Str(kg.PropDate) != "2019-07-04" {
		t.Fatalf("motion document %+v", m)
	}
	if got := g.Node("motion:28638-167"); got == nil || !slices.Equal(got.Strings(kg.PropSubmitters), []string{"Kuik", "Segers", "Van Wijngaarden"}) {
		t.Errorf("motion %+v", got)
	}
	l := g.Node("doc:36200-vi-12")
	if l == nil || l.Str(kg.PropDossier) != "36 200 VI" || l.Str(kg.PropKind) != kg.DocLetter {
		t.Fatalf("letter %+v", l)
	}
	if text := l.Str(kg.PropText); !strings.Contains(text, "de aanpak van mensenhandel.¹") {
		t.Errorf("text %q", text)
	}
	cites, signed := false, false
	for _, e := range g.Edges {
		cites = cites || e.From == "doc:36200-vi-12" && e.Type == kg.Cites && e.To == "doc:28638-251"
		signed = signed || e.From == "doc:36200-vi-12" && e.Type == kg.SignedBy && e.To == "person:van-der-burg"
	}
	if !cites || !signed {
		t.Errorf("footnote citation %v, signatory %v", cites, signed)
	}
}
