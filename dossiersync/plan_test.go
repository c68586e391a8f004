package dossiersync

import (
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/source/polite"
	"beleidsgraaf/source/sru"
	"beleidsgraaf/source/tkodata"
)

func ptr[T any](v T) *T { return &v }

func TestPlan(t *testing.T) {
	c := tkodata.New("https://tk.example/OData/v4/2.0/", polite.New(1))
	dossier := []tkodata.Kamerstukdossier{{Nummer: 28638}}
	docs := []tkodata.Document{
		{ID: "m1", Soort: "Motie", Volgnummer: ptr(224), Datum: "2023-09-27T00:00:00+02:00", ApiGewijzigdOp: "2023-10-04T08:00:00Z",
			ContentType: "application/pdf", Kamerstukdossier: dossier, Onderwerp: "Motie van het lid Mutluer c.s.",
			Zaak: []tkodata.Zaak{{Soort: "Motie", ZaakActor: []tkodata.Actor{{ActorNaam: "Mutluer", ActorFractie: "GroenLinks-PvdA", Relatie: "Indiener"}, {ActorNaam: "Griffie", Relatie: "Voortouwcommissie"}},
				Besluit: []tkodata.Besluit{
					{ID: "b2", BesluitTekst: "Aangenomen.", Status: "Besluit", Agendapunt: &tkodata.Agendapunt{Activiteit: &tkodata.Activiteit{Datum: "2023-10-03T00:00:00+02:00"}},
						Stemming: []tkodata.Stemming{
							{ID: "s1", Soort: "Voor", ActorFractie: "VVD", FractieGrootte: ptr(28), FractieID: ptr("f1")},
							{ID: "s2", Soort: "Tegen", ActorFractie: "PVV", FractieGrootte: ptr(17), FractieID: ptr("f2")},
							{ID: "s3", Soort: "Voor", ActorNaam: "Wilders", ActorFractie: "PVV", PersoonID: ptr("p1")},    // a member's vote
							{ID: "s4", Soort: "Tegen", ActorFractie: "SP", FractieGrootte: ptr(9), Vergissing: ptr(true)}, // by mistake
							{ID: "s5", Soort: "Onthouding", ActorFractie: "DENK"},                                         // no such choice
						}},
					{ID: "b1", BesluitTekst: "Aangehouden.", Status: "Besluit", Agendapunt: &tkodata.Agendapunt{Activiteit: &tkodata.Activiteit{Datum: "2023-09-26T00:00:00+02:00"}}},
					{ID: "b3", BesluitTekst: "Aangenomen.", Status: "Voorstel"}, // a proposal, no decision
					{ID: "b4", BesluitTekst: "Verworpen.", Status: "Besluit", Verwijderd: true},
				}},
				{Soort: "Brief regering", Besluit: []tkodata.Besluit{{ID: "bx", BesluitTekst: "Voor kennisgeving aangenomen.", Status: "Besluit"}}}},
		},
		{ID: "m1-again", Soort: "Motie", Volgnummer: ptr(224), Kamerstukdossier: dossier, Onderwerp: "a second listing of the same"},
		{ID: "gone", Soort: "Brief regering", Volgnummer: ptr(225), Kamerstukdossier: dossier, Verwijderd: true},
		{ID: "v1", Soort: "Verslag van een commissiedebat", Volgnummer: ptr(226), Kamerstukdossier: dossier, ContentType: "text/html", GewijzigdOp: "2024-01-01T00:00:00+01:00"},
		{ID: "x1", Soort: "Brief Kamer", DocumentNummer: "2024D01234", ContentType: "application/pdf"}, // no number in the dossier
	}
	recs := []sru.Record{
		{Identifier: "kst-28638-224", Dossier: "28638", Number: 224, Kind: "Motie", Title: "Mensenhandel; Motie", Modified: "2023-10-05", XMLURL: "https://repo.example/kst-28638-224.xml"},
		{Identifier: "kst-28638-227", Dossier: "28638", Number: 227, Kind: "Brief", Title: "Mensenhandel; Brief regering", Issued: "2024-02-02", Modified: "2024-02-03", XMLURL: "https://repo.example/kst-28638-227.xml"},
		{Identifier: "kst-31015-1", Dossier: "31015", Number: 1, XMLURL: "https://repo.example/kst-31015-1.xml"}, // another dossier
		{Identifier: "kst-28638-228", Dossier: "28638", Number: 228}, // no XML
	}
	items := plan(28638, docs, recs, c, "https://downloads.example/")
	byStem := map[string]item{}
	var stems []string
	for _, it := range items {
		byStem[it.stem] = it
		stems = append(stems, it.stem)
	}
	if want := []string{"kst-28638-224", "kst-28638-226", "kst-28638-227", "tk-2024d01234"}; len(stems) != len(want) || stems[0] != want[0] || stems[1] != want[1] || stems[2] != want[2] || stems[3] != want[3] {
		t.Fatalf("stems = %v, want %v", stems, want)
	}

	m := byStem["kst-28638-224"]
	if m.ext != ".xml" || m.url != "https://repo.example/kst-28638-224.xml" || m.version != "sru 2023-10-05" {
		t.Errorf("the motion comes as its XML: %+v", m)
	}
	s := m.meta
	if s.Source != "tkodata+sru" || s.Kind != kg.DocMotion || s.Date != "2023-09-27" || s.Title != "Motie van het lid Mutluer c.s." || s.Record != "https://tk.example/OData/v4/2.0/Document(m1)" {
		t.Errorf("metadata = %+v", s)
	}
	if len(s.Submitters) != 1 || s.Submitters[0].Party != "GroenLinks-PvdA" {
		t.Errorf("submitters = %+v: the indiener only", s.Submitters)
	}
	if len(s.Decisions) != 2 || s.Decisions[0].Result != kg.DecisionHeld || s.Decisions[1].Result != kg.DecisionAdopted || s.Decisions[1].Date != "2023-10-03" {
		t.Fatalf("decisions = %+v: held then adopted, the proposal, the deleted one and the letter's left out", s.Decisions)
	}
	votes := s.Decisions[1].Votes
	if len(votes) != 2 || votes[0].Party != "PVV" || votes[0].Vote != kg.VoteAgainst || votes[0].Seats != 17 ||
		votes[1].Party != "VVD" || votes[1].Record != "https://tk.example/OData/v4/2.0/Stemming(s1)" {
		t.Errorf("votes = %+v: the fracties' only, by party", votes)
	}

	v := byStem["kst-28638-226"]
	if v.ext != ".html" || v.url != "https://downloads.example/Document(v1)/resource" || v.meta.Kind != kg.DocDebate || v.meta.Source != "tkodata" {
		t.Errorf("the debate report comes as its original file from the download base: %+v", v)
	}
	b := byStem["kst-28638-227"]
	if b.meta.Source != "sru" || b.meta.Kind != kg.DocLetter || b.meta.Date != "2024-02-02" || b.meta.Number != 227 {
		t.Errorf("a Kamerstuk only the search knows: %+v", b.meta)
	}
	if x := byStem["tk-2024d01234"]; x.ext != ".pdf" || x.meta.Number != 0 {
		t.Errorf("a document without a number in the dossier: %+v", x)
	}
}
