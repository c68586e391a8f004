package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"beleidsgraaf/kg"
	"beleidsgraaf/store/memory"
)

// The test graph: a hand-built slice of the domain, small enough to know every answer.

const text257 = `Den Haag, 2 februari 2024

Hierbij informeer ik uw Kamer over de voortgang van het programma Samen tegen mensenhandel. In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht meer zicht te krijgen op arbeidsuitbuiting. De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat van 27 september 2023.

Het Coördinatiecentrum tegen Mensenhandel (CoMensha) is actiehouder van actielijn 6 en van actie 17. Fier is actiehouder van actielijn 6. Het ministerie van Justitie en Veiligheid is actiehouder van actielijn 4 en van actie 23 en coördineert actie 17. CoMensha voert actie 17 uit. De politie voert actie 23 uit. Ook het CKM is betrokken.

De Minister van Justitie en Veiligheid,
D. Yeşilgöz-Zegerius`

const text260 = `Den Haag, 4 juli 2024

Met deze brief reageer ik op het rapport Van kwaad tot erger van het CKM, dat in opdracht van het ministerie van Justitie en Veiligheid is geschreven. Eerder schreef ik uw Kamer over de voortgang (Kamerstuk 28 638, nr. 257).`

var texts = map[string]string{"doc:28638-257": text257, "doc:28638-260": text260}

// ev is the evidence of quote in a document, with rune offsets.
func ev(doc, quote string) kg.Evidence {
	text := texts[doc]
	i := strings.Index(text, quote)
	if i < 0 {
		panic(fmt.Sprintf("quote %q not in %s", quote, doc))
	}
	start := utf8.RuneCountInString(text[:i])
	return kg.Evidence{Document: doc, Quote: quote, Start: start, End: start + utf8.RuneCountInString(quote)}
}

func fixture() *kg.Graph {
	b := kg.NewBuilder()
	node := func(id string, l kg.Label, name string, props map[string]any, aliases ...string) {
		b.Node(kg.Node{ID: id, Label: l, Name: name, Props: props, Aliases: aliases})
	}
	edge := func(from string, t kg.RelType, to string, e kg.Evidence) {
		b.Edge(kg.Edge{Type: t, From: from, To: to, Evidence: []kg.Evidence{e}})
	}
	const d257, d260 = "doc:28638-257", "doc:28638-260"

	node(d257, kg.Document, "Voortgang programma Samen tegen mensenhandel", map[string]any{
		kg.PropKind: kg.DocLetter, kg.PropTitle: "Voortgang programma Samen tegen mensenhandel",
		kg.PropDate: "2024-02-02", kg.PropDossier: "28 638", kg.PropNumber: int64(257),
		kg.PropCitation: "Kamerstuk 28 638, nr. 257", kg.PropSourceFile: "257.txt", kg.PropText: text257,
		kg.PropKenmerk: "5123456",
	})
	node(d260, kg.Document, "Reactie op het rapport Van kwaad tot erger", map[string]any{
		kg.PropKind: kg.DocLetter, kg.PropTitle: "Reactie op het rapport Van kwaad tot erger",
		kg.PropDate: "2024-07-04", kg.PropDossier: "28 638", kg.PropNumber: int64(260),
		kg.PropCitation: "Kamerstuk 28 638, nr. 260", kg.PropSourceFile: "260.txt", kg.PropText: text260,
	})
	node("doc:28638-224", kg.Document, "Kamerstuk 28 638, nr. 224", map[string]any{
		kg.PropKind: kg.DocMotion, kg.PropDate: "2023-09-27", kg.PropDossier: "28 638",
		kg.PropNumber: int64(224), kg.PropCitation: "Kamerstuk 28 638, nr. 224",
	})
	node("doc:35300-25", kg.Document, "Kamerstuk 35 300, nr. 25", map[string]any{
		kg.PropKind: kg.DocReference, kg.PropDossier: "35 300", kg.PropNumber: int64(25),
	})

	node("org:comensha", kg.Organisation, "CoMensha", map[string]any{kg.PropKind: "NGO"}, "Coördinatiecentrum tegen Mensenhandel")
	node("org:ckm", kg.Organisation, "Centrum tegen Kinderhandel en Mensenhandel",
		map[string]any{kg.PropAbbreviation: "CKM"}, "Centrum Kinderhandel en Mensenhandel")
	node("org:fier", kg.Organisation, "Fier", nil)
	node("org:jenv", kg.Organisation, "Ministerie van Justitie en Veiligheid",
		map[string]any{kg.PropAbbreviation: "JenV", kg.PropKind: "MINISTRY"})
	node("org:politie", kg.Organisation, "Politie", nil)

	node("actionplan:samen-tegen-mensenhandel", kg.ActionPlan, "Samen tegen mensenhandel",
		map[string]any{kg.PropTitle: "Actieplan programma Samen tegen mensenhandel", kg.PropDate: "2018-04-01"})
	node("actielijn:4", kg.Actielijn, "Meer zicht op arbeidsuitbuiting", map[string]any{kg.PropNumber: int64(4), kg.PropTitle: "Meer zicht op arbeidsuitbuiting"})
	node("actielijn:6", kg.Actielijn, "Aanpak van loverboys", map[string]any{kg.PropNumber: int64(6), kg.PropTitle: "Aanpak van loverboys"})
	node("actielijn:10", kg.Actielijn, "Internationale samenwerking", map[string]any{kg.PropNumber: int64(10)})
	node("action:17", kg.Action, "Registratie van meldingen", map[string]any{
		kg.PropNumber: int64(17), kg.PropTitle: "Registratie van meldingen",
		kg.PropBudgetYears: []int64{2024, 2025}, kg.PropBudgetEuro: []int64{100000, 150000},
	})
	node("action:23", kg.Action, "Opsporing", map[string]any{kg.PropNumber: int64(23)})

	node("person:mutluer", kg.Person, "Mutluer", map[string]any{kg.PropKind: kg.PersonMP, kg.PropParty: "GL/PvdA"})
	node("person:bikker", kg.Person, "Bikker", map[string]any{kg.PropKind: kg.PersonMP, kg.PropParty: "CU"})
	node("person:yesilgoz", kg.Person, "Yeşilgöz-Zegerius", map[string]any{kg.PropKind: kg.PersonMinister, kg.PropInitials: "D."})
	node("party:gl-pvda", kg.Party, "GL/PvdA", nil)
	node("party:cu", kg.Party, "CU", nil, "ChristenUnie")

	node("motion:28638-224", kg.Motion, "motie-Mutluer c.s.", map[string]any{
		kg.PropDossier: "28 638", kg.PropNumber: int64(224), kg.PropDateSubmitted: "2023-09-27",
		kg.PropDateAdopted: "2023-10-03", kg.PropStatus: kg.MotionAdopted, kg.PropCoSigned: true,
		kg.PropSubmitters: []string{"Mutluer", "Bikker"}, kg.PropRequest: "meer zicht te krijgen op arbeidsuitbuiting",
	})
	node("motion:28638-233", kg.Motion, "motie-Kuik/Bikker", map[string]any{
		kg.PropDossier: "28 638", kg.PropNumber: int64(233), kg.PropDateSubmitted: "2023-11-30",
		kg.PropStatus: kg.MotionSubmitted,
	})
	node("event:tweeminutendebat-2023-09-27", kg.Event, "tweeminutendebat 27 september 2023",
		map[string]any{kg.PropKind: "tweeminutendebat", kg.PropDate: "2023-09-27"})
	node("report:ckm-van-kwaad-tot-erger", kg.Report, "Van kwaad tot erger", map[string]any{kg.PropTitle: "Van kwaad tot erger"})

	holds6 := ev(d257, "Het Coördinatiecentrum tegen Mensenhandel (CoMensha) is actiehouder van actielijn 6 en van actie 17.")
	edge("org:comensha", kg.Holds, "actielijn:6", holds6)
	edge("org:comensha", kg.Holds, "action:17", holds6)
	edge("org:comensha", kg.Executes, "action:17", ev(d257, "CoMensha voert actie 17 uit."))
	edge("org:fier", kg.Holds, "actielijn:6", ev(d257, "Fier is actiehouder van actielijn 6."))
	jenv := ev(d257, "Het ministerie van Justitie en Veiligheid is actiehouder van actielijn 4 en van actie 23 en coördineert actie 17.")
	edge("org:jenv", kg.Holds, "actielijn:4", jenv)
	edge("org:jenv", kg.Holds, "action:23", jenv)
	edge("org:jenv", kg.Coordinates, "action:17", jenv)
	edge("org:politie", kg.Executes, "action:23", ev(d257, "De politie voert actie 23 uit."))
	edge("org:ckm", kg.Published, "report:ckm-van-kwaad-tot-erger", ev(d260, "het rapport Van kwaad tot erger van het CKM"))
	edge("org:jenv", kg.Commissioned, "report:ckm-van-kwaad-tot-erger",
		ev(d260, "dat in opdracht van het ministerie van Justitie en Veiligheid is geschreven"))

	partOf := ev(d257, "het programma Samen tegen mensenhandel")
	edge("actielijn:4", kg.PartOf, "actionplan:samen-tegen-mensenhandel", partOf)
	edge("actielijn:6", kg.PartOf, "actionplan:samen-tegen-mensenhandel", partOf)
	edge("actielijn:10", kg.PartOf, "actionplan:samen-tegen-mensenhandel", partOf)
	edge("action:17", kg.PartOf, "actielijn:6", holds6)
	edge("action:23", kg.PartOf, "actielijn:4", jenv)

	submitted := ev(d257, "De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat van 27 september 2023.")
	edge("person:mutluer", kg.Submitted, "motion:28638-224", submitted)
	edge("person:bikker", kg.Submitted, "motion:28638-224", submitted)
	edge("person:bikker", kg.Submitted, "motion:28638-233", submitted)
	edge("person:mutluer", kg.MemberOf, "party:gl-pvda", submitted)
	edge("person:bikker", kg.MemberOf, "party:cu", submitted)
	edge("motion:28638-224", kg.SubmittedIn, "event:tweeminutendebat-2023-09-27", submitted)
	edge(d257, kg.RespondsTo, "motion:28638-224",
		ev(d257, "In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht meer zicht te krijgen op arbeidsuitbuiting."))
	edge(d257, kg.SignedBy, "person:yesilgoz", ev(d257, "D. Yeşilgöz-Zegerius"))
	edge(d257, kg.Mentions, "org:ckm", ev(d257, "Ook het CKM is betrokken."))
	edge(d260, kg.Cites, d257, ev(d260, "Kamerstuk 28 638, nr. 257"))
	edge(d260, kg.RespondsTo, "report:ckm-van-kwaad-tot-erger", ev(d260, "Met deze brief reageer ik op het rapport Van kwaad tot erger van het CKM"))

	// Mentions of nodes.
	b.Node(kg.Node{ID: "org:comensha", Label: kg.Organisation, Mentions: []kg.Evidence{ev(d257, "CoMensha voert actie 17 uit.")}})
	return b.Graph()
}

// newStore returns a memory store holding the fixture.
func newStore(t *testing.T) *memory.Store {
	t.Helper()
	st := memory.New()
	if err := st.Replace(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	return st
}
