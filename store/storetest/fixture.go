package storetest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"beleidsgraaf/kg"
)

// The fixture is a small, hand-made slice of the real domain: the voortgangsbrief of
// 2 February 2024 and its annex, a reply to a CKM report, the motions they answer, and
// the actielijnen and actions of the plan with their actiehouders. It is small enough to
// work out every expected answer by hand, and it holds the awkward cases on purpose:
// accented names, aliases and abbreviations, a self-citation (a self-loop), two edges of
// one type in opposite directions between the same nodes, a node without edges, nodes
// without the property a list is ordered by, and a list-valued budget.

// Node IDs, so that expectations read as IDs rather than as string literals.
const (
	orgCoMensha   = "org:comensha"
	orgCKM        = "org:ckm"
	orgJenV       = "org:jenv"
	orgNLA        = "org:nla"
	orgPolitie    = "org:politie"
	orgNRM        = "org:nrm"
	personBikker  = "person:bikker"
	personMutluer = "person:mutluer"
	personStruyck = "person:struycken"
	officeStas    = "office:staatssecretaris-van-justitie-en-veiligheid"
	motion224     = "motion:28638-224"
	motion233     = "motion:28638-233"
	doc257        = "doc:28638-257"
	doc260        = "doc:28638-260"
	doc233        = "doc:28638-233"
	docAnnex      = "doc:2024d03521"
	al4           = "actielijn:4"
	al6           = "actielijn:6"
	al10          = "actielijn:10"
	plan          = "actionplan:samen-tegen-mensenhandel"
	action17      = "action:17"
	action18      = "action:18"
	action23      = "action:23"
	reportCKM     = "report:ckm-van-kwaad-tot-erger"
	proposal1     = "proposal:1"
	proposal2     = "proposal:2"
	event2709     = "event:tweeminutendebat-2023-09-27"
	law273f       = "law:artikel-273f-sr"
)

const text257 = `Den Haag, 2 februari 2024

Geachte voorzitter,

Hierbij informeer ik uw Kamer over de voortgang van het programma Samen tegen mensenhandel. In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht om meer zicht te krijgen op arbeidsuitbuiting. De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat Mensenhandel van 27 september 2023; de motie van de leden Kuik en Bikker (Kamerstuk 28 638, nr. 233) volgde later. Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke slachtoffers.

Actielijn 4, Meer zicht op arbeidsuitbuiting, is onderdeel van het programma, net als actielijn 6 en actielijn 10. Actie 17 en actie 18 vallen onder actielijn 4; actie 23 valt onder actielijn 6. Het ministerie van Justitie en Veiligheid is actiehouder van actielijn 4 en van actie 23 en coördineert actie 17. CoMensha voert actie 17 uit. De Nederlandse Arbeidsinspectie is actiehouder van actie 18. De politie voert actie 23 uit.

De Staatssecretaris van Justitie en Veiligheid,
Teun Struycken`

const text260 = `Den Haag, 4 juli 2024

Met deze brief reageer ik op het rapport Van kwaad tot erger van het CKM over mensenhandel van minderjarigen, dat in opdracht van het ministerie van Justitie en Veiligheid is geschreven. Ook de Nationaal Rapporteur heeft hierover bericht.

Eerder schreef ik uw Kamer over de voortgang (Kamerstuk 28 638, nr. 257). Deze brief is Kamerstuk 28 638, nr. 260.`

const textAnnex = `Bijlage bij Kamerstuk 28 638, nr. 257

Voorstel 1: een meldplicht voor uitzendbureaus, in samenwerking met het CKM. Voorstel 1 sluit aan bij actielijn 4 en bij voorstel 2. Voorstel 2: registratie van uitzendbureaus; het sluit aan bij voorstel 1.`

var texts = map[string]string{doc257: text257, doc260: text260, docAnnex: textAnnex}

// ev is the evidence of quote in a document's text, with rune offsets as the loader
// records them.
func ev(doc, quote string) kg.Evidence {
	text := texts[doc]
	i := strings.Index(text, quote)
	if i < 0 {
		panic(fmt.Sprintf("storetest: quote %q not in %s", quote, doc))
	}
	start := utf8.RuneCountInString(text[:i])
	return kg.Evidence{Document: doc, Quote: quote, Start: start, End: start + utf8.RuneCountInString(quote)}
}

// Fixture returns a fresh copy of the conformance graph. It is exported so that other
// packages' tests (the GraphQL layer, a future store) can use the same small graph.
func Fixture() *kg.Graph {
	b := kg.NewBuilder()
	node := func(id string, l kg.Label, name string, aliases []string, props map[string]any, mentions ...kg.Evidence) {
		b.Node(kg.Node{ID: id, Label: l, Name: name, Aliases: aliases, Props: props, Mentions: mentions})
	}
	edge := func(from string, t kg.RelType, to string, evidence ...kg.Evidence) {
		b.Edge(kg.Edge{From: from, Type: t, To: to, Evidence: evidence})
	}

	node(orgCoMensha, kg.Organisation, "Coördinatiecentrum tegen Mensenhandel", []string{"Stichting CoMensha"},
		map[string]any{kg.PropAbbreviation: "CoMensha", kg.PropKind: "NGO"},
		ev(doc257, "Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke slachtoffers."))
	node(orgCKM, kg.Organisation, "Centrum tegen Kinderhandel en Mensenhandel", []string{"Centrum Kinderhandel en Mensenhandel"},
		map[string]any{kg.PropAbbreviation: "CKM", kg.PropKind: "NGO"})
	node(orgJenV, kg.Organisation, "Ministerie van Justitie en Veiligheid", nil,
		map[string]any{kg.PropAbbreviation: "JenV", kg.PropKind: "MINISTRY"})
	node(orgNLA, kg.Organisation, "Nederlandse Arbeidsinspectie", []string{"Inspectie SZW"},
		map[string]any{kg.PropAbbreviation: "NLA", kg.PropKind: "INSPECTORATE"})
	node(orgPolitie, kg.Organisation, "Politie", []string{"Nationale Politie"},
		map[string]any{kg.PropKind: "POLICE"})
	node(orgNRM, kg.Organisation, "Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen", nil,
		map[string]any{kg.PropAbbreviation: "NRM", kg.PropKind: "RAPPORTEUR"})

	node(personBikker, kg.Person, "Mirjam Bikker", []string{"Bikker"},
		map[string]any{kg.PropKind: kg.PersonMP, kg.PropParty: "ChristenUnie"})
	node(personMutluer, kg.Person, "Songül Mutluer", []string{"Mutluer"},
		map[string]any{kg.PropKind: kg.PersonMP, kg.PropParty: "GroenLinks-PvdA"})
	node(personStruyck, kg.Person, "Teun Struycken", []string{"Struycken"},
		map[string]any{kg.PropKind: kg.PersonStaatssecretaris})
	node(officeStas, kg.Office, "Staatssecretaris van Justitie en Veiligheid", nil,
		map[string]any{kg.PropTitle: "Staatssecretaris van Justitie en Veiligheid"})

	node(motion224, kg.Motion, "motie-Mutluer c.s.", nil, map[string]any{
		kg.PropDossier: "28 638", kg.PropNumber: int64(224), kg.PropDateSubmitted: "2023-09-27",
		kg.PropStatus: kg.MotionAdopted, kg.PropCoSigned: true, kg.PropSubmitters: []string{"Mutluer", "Bikker"},
		kg.PropRequest: "verzoekt de regering meer zicht te krijgen op arbeidsuitbuiting",
		kg.PropStatusHistory: kg.EncodeSteps([]kg.StatusStep{
			{Status: kg.MotionSubmitted, Date: "2023-09-27", Evidence: kg.Evidence{Document: doc257, Quote: "ingediend"}},
			{Status: kg.MotionAdopted, Date: "2023-10-03", Evidence: kg.Evidence{Document: doc257, Quote: "aangenomen"}},
		}),
	}, ev(doc257, "In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224)"))
	node(motion233, kg.Motion, "motie-Kuik en Bikker", []string{"Kamerstuk 28 638, nr. 233"}, map[string]any{
		kg.PropDossier: "28 638", kg.PropNumber: int64(233), kg.PropStatus: kg.MotionSubmitted,
		kg.PropSubmitters: []string{"Kuik", "Bikker"},
		kg.PropStatusHistory: kg.EncodeSteps([]kg.StatusStep{
			{Status: kg.MotionSubmitted, Date: "2024-01-10", Evidence: kg.Evidence{Document: doc257, Quote: "ingediend"}},
			{Status: kg.MotionHeld, Evidence: kg.Evidence{Document: doc257, Quote: "aangehouden"}},
		}),
	})

	node(doc257, kg.Document, "Voortgang aanpak mensenhandel", nil, map[string]any{
		kg.PropKind: kg.DocLetter, kg.PropTitle: "Voortgang aanpak mensenhandel", kg.PropDate: "2024-02-02",
		kg.PropDossier: "28 638", kg.PropNumber: int64(257), kg.PropCitation: "Kamerstuk 28 638, nr. 257",
		kg.PropKenmerk: "5012345", kg.PropSourceFile: "001_b8d66ee18e56825f.txt", kg.PropText: text257,
	})
	node(doc260, kg.Document, "Reactie op het rapport van de Nationaal Rapporteur", nil, map[string]any{
		kg.PropKind: kg.DocLetter, kg.PropTitle: "Reactie op het rapport van de Nationaal Rapporteur",
		kg.PropDate: "2024-07-04", kg.PropDossier: "28 638", kg.PropNumber: int64(260),
		kg.PropCitation: "Kamerstuk 28 638, nr. 260", kg.PropSourceFile: "003_3b4b77d0646e1d2f.txt", kg.PropText: text260,
	})
	node(doc233, kg.Document, "Kamerstuk 28 638, nr. 233", nil, map[string]any{
		kg.PropKind: kg.DocReference, kg.PropDossier: "28 638", kg.PropNumber: int64(233),
		kg.PropCitation: "Kamerstuk 28 638, nr. 233",
	})
	node(docAnnex, kg.Document, "Bijlage voorstellen extra acties", nil, map[string]any{
		kg.PropKind: kg.DocAnnex, kg.PropTitle: "Bijlage voorstellen extra acties", kg.PropDate: "2024-02-02",
		kg.PropSourceFile: "002_ac874827bdd69c8f.txt", kg.PropText: textAnnex,
	})

	node(plan, kg.ActionPlan, "Samen tegen mensenhandel", []string{"Actieplan programma Samen tegen mensenhandel"},
		map[string]any{kg.PropTitle: "Actieplan programma Samen tegen mensenhandel"})
	node(al4, kg.Actielijn, "Actielijn 4", nil, map[string]any{kg.PropNumber: int64(4), kg.PropTitle: "Meer zicht op arbeidsuitbuiting"})
	node(al6, kg.Actielijn, "Actielijn 6", nil, map[string]any{kg.PropNumber: int64(6), kg.PropTitle: "Slachtoffers beter beschermen"})
	node(al10, kg.Actielijn, "Actielijn 10", nil, map[string]any{kg.PropNumber: int64(10), kg.PropTitle: "Internationale samenwerking"})
	node(action17, kg.Action, "Actie 17", nil, map[string]any{
		kg.PropNumber: int64(17), kg.PropTitle: "Campagne tegen arbeidsuitbuiting",
		kg.PropBudgetYears: []int64{2024, 2025}, kg.PropBudgetEuro: []int64{250000, 300000},
	})
	node(action18, kg.Action, "Actie 18", nil, map[string]any{
		kg.PropNumber: int64(18), kg.PropTitle: "Versterken van het Expertisecentrum Mensenhandel en Mensensmokkel",
	})
	node(action23, kg.Action, "Actie 23", nil, map[string]any{
		kg.PropNumber: int64(23), kg.PropTitle: "Opvang voor slachtoffers",
		kg.PropBudgetYears: []int64{2024}, kg.PropBudgetEuro: []int64{1200000},
	})
	node(reportCKM, kg.Report, "Van kwaad tot erger", nil, map[string]any{kg.PropTitle: "Van kwaad tot erger", kg.PropDate: "2023-06-01"})
	node(proposal1, kg.Proposal, "Voorstel 1", nil, map[string]any{
		kg.PropNumber: int64(1), kg.PropTitle: "Meldplicht voor uitzendbureaus", kg.PropEstimatedCost: 1.5e6, kg.PropAppraisal: "kansrijk",
	})
	node(proposal2, kg.Proposal, "Voorstel 2", nil, map[string]any{kg.PropNumber: int64(2), kg.PropTitle: "Registratie van uitzendbureaus"})
	node(event2709, kg.Event, "Tweeminutendebat Mensenhandel", nil, map[string]any{kg.PropKind: "DEBATE", kg.PropDate: "2023-09-27"})
	node(law273f, kg.Legislation, "artikel 273f Sr", nil, map[string]any{kg.PropCitationText: "artikel 273f Sr"})

	struycken := ev(doc257, "De Staatssecretaris van Justitie en Veiligheid,\nTeun Struycken")
	edge(doc257, kg.SignedBy, personStruyck, struycken)
	edge(personStruyck, kg.HoldsOffice, officeStas, struycken)
	edge(doc257, kg.RespondsTo, motion224, ev(doc257, "In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht"))
	edge(doc257, kg.Cites, doc233, ev(doc257, "(Kamerstuk 28 638, nr. 233)"))
	// Two sentences state one mention; added in reverse order, the builder sorts them.
	edge(doc257, kg.Mentions, orgCoMensha, ev(doc257, "CoMensha voert actie 17 uit."))
	edge(doc257, kg.Mentions, orgCoMensha, ev(doc257, "Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert"))
	edge(doc260, kg.Cites, doc257, ev(doc260, "(Kamerstuk 28 638, nr. 257)"))
	edge(doc260, kg.RespondsTo, reportCKM, ev(doc260, "Met deze brief reageer ik op het rapport Van kwaad tot erger"))
	edge(doc260, kg.Cites, doc260, ev(doc260, "Deze brief is Kamerstuk 28 638, nr. 260."))
	edge(doc260, kg.Mentions, orgNRM, ev(doc260, "Ook de Nationaal Rapporteur heeft hierover bericht."))
	edge(docAnnex, kg.Mentions, orgCKM, ev(docAnnex, "in samenwerking met het CKM"))

	indieners := ev(doc257, "De leden Mutluer en Bikker dienden de motie in")
	edge(personMutluer, kg.Submitted, motion224, indieners)
	edge(personBikker, kg.Submitted, motion224, indieners)
	edge(personBikker, kg.Submitted, motion233, ev(doc257, "de motie van de leden Kuik en Bikker (Kamerstuk 28 638, nr. 233)"))
	edge(motion224, kg.SubmittedIn, event2709, ev(doc257, "tijdens het tweeminutendebat Mensenhandel van 27 september 2023"))

	lines := ev(doc257, "Actielijn 4, Meer zicht op arbeidsuitbuiting, is onderdeel van het programma, net als actielijn 6 en actielijn 10.")
	edge(al4, kg.PartOf, plan, lines)
	edge(al6, kg.PartOf, plan, lines)
	edge(al10, kg.PartOf, plan, lines)
	actions := ev(doc257, "Actie 17 en actie 18 vallen onder actielijn 4; actie 23 valt onder actielijn 6.")
	edge(action17, kg.PartOf, al4, actions)
	edge(action18, kg.PartOf, al4, actions)
	edge(action23, kg.PartOf, al6, actions)
	jenv := ev(doc257, "Het ministerie van Justitie en Veiligheid is actiehouder van actielijn 4 en van actie 23 en coördineert actie 17.")
	// Edges may carry properties too; this one checks that they round-trip.
	b.Edge(kg.Edge{From: orgJenV, Type: kg.Holds, To: al4, Props: map[string]any{"section": "Actielijn 4"}, Evidence: []kg.Evidence{jenv}})
	edge(orgJenV, kg.Holds, action23, jenv)
	edge(orgJenV, kg.Coordinates, action17, jenv)
	edge(orgNLA, kg.Holds, action18, ev(doc257, "De Nederlandse Arbeidsinspectie is actiehouder van actie 18."))
	edge(orgCoMensha, kg.Executes, action17, ev(doc257, "CoMensha voert actie 17 uit."))
	edge(orgPolitie, kg.Executes, action23, ev(doc257, "De politie voert actie 23 uit."))
	edge(orgCKM, kg.Published, reportCKM, ev(doc260, "het rapport Van kwaad tot erger van het CKM"))
	edge(orgJenV, kg.Commissioned, reportCKM, ev(doc260, "in opdracht van het ministerie van Justitie en Veiligheid"))

	edge(proposal1, kg.RelatesTo, proposal2, ev(docAnnex, "Voorstel 1 sluit aan bij actielijn 4 en bij voorstel 2."))
	edge(proposal2, kg.RelatesTo, proposal1, ev(docAnnex, "het sluit aan bij voorstel 1"))
	edge(proposal1, kg.RelatesTo, al4, ev(docAnnex, "Voorstel 1 sluit aan bij actielijn 4 en bij voorstel 2."))
	return b.Graph()
}
