package storetest

import (
	"fmt"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

type hit struct {
	id      string
	score   float64
	snippet string
}

// Scores are the tiers of package store: 1.0 exact name, alias or abbreviation; 0.8 a
// name starts with the query; 0.6 every word in the names; 0.4 needs the title; 0.2 needs
// the document text. Ties: name key, then ID.
func testSearch(t *testing.T, s store.Store) {
	tests := []struct {
		q    store.SearchQuery
		want []hit
	}{
		{store.SearchQuery{Text: "CoMensha"}, []hit{
			{orgCoMensha, 1.0, "CoMensha"},
			{doc257, 0.2, "…volgde later. Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke slachtoffers. Actielijn 4, Meer zicht op…"},
		}},
		{store.SearchQuery{Text: "  COMENSHA! "}, []hit{
			{orgCoMensha, 1.0, "CoMensha"},
			{doc257, 0.2, "…volgde later. Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke slachtoffers. Actielijn 4, Meer zicht op…"},
		}},
		{store.SearchQuery{Text: "mensenhandel"}, []hit{
			{orgCKM, 0.6, "Centrum tegen Kinderhandel en Mensenhandel"},
			{orgCoMensha, 0.6, "Coördinatiecentrum tegen Mensenhandel"},
			{orgNRM, 0.6, "Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen"},
			{plan, 0.6, "Samen tegen mensenhandel"},
			{event2709, 0.6, "Tweeminutendebat Mensenhandel"},
			{doc257, 0.6, "Voortgang aanpak mensenhandel"},
			{action18, 0.4, "Versterken van het Expertisecentrum Mensenhandel en Mensensmokkel"},
			{doc260, 0.2, "…ik op het rapport Van kwaad tot erger van het CKM over mensenhandel van minderjarigen, dat in opdracht van het ministerie van Justitie en Veiligheid is…"},
		}},
		{store.SearchQuery{Text: "mensenhandel", First: 3}, []hit{
			{orgCKM, 0.6, "Centrum tegen Kinderhandel en Mensenhandel"},
			{orgCoMensha, 0.6, "Coördinatiecentrum tegen Mensenhandel"},
			{orgNRM, 0.6, "Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen"},
		}},
		{store.SearchQuery{Text: "mensenhandel", Labels: []kg.Label{kg.Document}}, []hit{
			{doc257, 0.6, "Voortgang aanpak mensenhandel"},
			{doc260, 0.2, "…ik op het rapport Van kwaad tot erger van het CKM over mensenhandel van minderjarigen, dat in opdracht van het ministerie van Justitie en Veiligheid is…"},
		}},
		{store.SearchQuery{Text: "nationaal"}, []hit{
			{orgNRM, 0.8, "Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen"},
			{doc260, 0.6, "Reactie op het rapport van de Nationaal Rapporteur"},
		}},
		{store.SearchQuery{Text: "CKM"}, []hit{
			{orgCKM, 1.0, "CKM"},
			{docAnnex, 0.2, "…een meldplicht voor uitzendbureaus, in samenwerking met het CKM. Voorstel 1 sluit aan bij actielijn 4 en bij voorstel 2. Voorstel 2: registratie van…"},
			{doc260, 0.2, "…brief reageer ik op het rapport Van kwaad tot erger van het CKM over mensenhandel van minderjarigen, dat in opdracht van het ministerie van Justitie en…"},
		}},
		{store.SearchQuery{Text: "arbeidsuitbuiting"}, []hit{
			{action17, 0.4, "Campagne tegen arbeidsuitbuiting"},
			{al4, 0.4, "Meer zicht op arbeidsuitbuiting"},
			{doc257, 0.2, "…224) is de regering verzocht om meer zicht te krijgen op arbeidsuitbuiting. De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat…"},
		}},
		{store.SearchQuery{Text: "comensha arbeidsuitbuiting"}, []hit{
			{doc257, 0.2, "…224) is de regering verzocht om meer zicht te krijgen op arbeidsuitbuiting. De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat…"},
		}},
		{store.SearchQuery{Text: "mutluer tweeminutendebat"}, []hit{
			{doc257, 0.2, "…van het programma Samen tegen mensenhandel. In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht om meer zicht te krijgen op…"},
		}},
		{store.SearchQuery{Text: "actie 17"}, []hit{
			{action17, 1.0, "Actie 17"},
			{doc257, 0.2, "…registreert de meldingen van mogelijke slachtoffers. Actielijn 4, Meer zicht op arbeidsuitbuiting, is onderdeel van het programma, net als actielijn 6 en…"},
		}},
		{store.SearchQuery{Text: "actielijn"}, []hit{
			{al10, 0.8, "Actielijn 10"},
			{al4, 0.8, "Actielijn 4"},
			{al6, 0.8, "Actielijn 6"},
			{docAnnex, 0.2, "…in samenwerking met het CKM. Voorstel 1 sluit aan bij actielijn 4 en bij voorstel 2. Voorstel 2: registratie van uitzendbureaus; het sluit aan bij…"},
			{doc257, 0.2, "…registreert de meldingen van mogelijke slachtoffers. Actielijn 4, Meer zicht op arbeidsuitbuiting, is onderdeel van het programma, net als actielijn 6 en…"},
		}},
		{store.SearchQuery{Text: "bikker"}, []hit{
			{personBikker, 1.0, "Bikker"},
			{motion233, 0.6, "motie-Kuik en Bikker"},
			{doc257, 0.2, "…zicht te krijgen op arbeidsuitbuiting. De leden Mutluer en Bikker dienden de motie in tijdens het tweeminutendebat Mensenhandel van 27 september 2023; de motie…"},
		}},
		{store.SearchQuery{Text: "Coördinatiecentrum"}, []hit{
			{orgCoMensha, 0.8, "Coördinatiecentrum tegen Mensenhandel"},
			{doc257, 0.2, "…en Bikker (Kamerstuk 28 638, nr. 233) volgde later. Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke…"},
		}},
		{store.SearchQuery{Text: "politie"}, []hit{
			{orgPolitie, 1.0, "Politie"},
			{doc257, 0.2, "…uit. De Nederlandse Arbeidsinspectie is actiehouder van actie 18. De politie voert actie 23 uit. De Staatssecretaris van Justitie en Veiligheid, Teun Struycken"},
		}},
		{store.SearchQuery{Text: "kwaad erger"}, []hit{
			{reportCKM, 0.6, "Van kwaad tot erger"},
			{doc260, 0.2, "…4 juli 2024 Met deze brief reageer ik op het rapport Van kwaad tot erger van het CKM over mensenhandel van minderjarigen, dat in opdracht van het ministerie…"},
		}},
		// One typo, a tier lower; a word found exactly elsewhere in the node is not corrected.
		{store.SearchQuery{Text: "comensa"}, []hit{
			{orgCoMensha, 0.4, "Stichting CoMensha"}, // the first name that holds the word
			{doc257, 0.1, "…volgde later. Het Coördinatiecentrum tegen Mensenhandel (CoMensha) registreert de meldingen van mogelijke slachtoffers. Actielijn 4, Meer zicht op…"},
		}},
		{store.SearchQuery{Text: "arbeidsuitbuitng campagne"}, []hit{
			{action17, 0.2, "Campagne tegen arbeidsuitbuiting"},
		}},
		// Citations in any spelling lead to the motion or the document itself; a
		// document known only by reference follows its motion.
		{store.SearchQuery{Text: "28638-224"}, []hit{
			{motion224, 1.0, "motie-Mutluer c.s."},
		}},
		{store.SearchQuery{Text: "Kamerstuk 28 638, nr. 233"}, []hit{
			{motion233, 1.0, "motie-Kuik en Bikker"},
			{doc233, 0.8, "Kamerstuk 28 638, nr. 233"},
			{doc257, 0.2, "…Samen tegen mensenhandel. In de motie-Mutluer c.s. (Kamerstuk 28 638, nr. 224) is de regering verzocht om meer zicht te krijgen op arbeidsuitbuiting. De…"},
		}},
		{store.SearchQuery{Text: "motie 224", First: 1}, []hit{
			{motion224, 1.0, "motie-Mutluer c.s."},
		}},
		{store.SearchQuery{Text: "5012345"}, []hit{
			{doc257, 1.0, "Kamerstuk 28 638, nr. 257"},
		}},
		{store.SearchQuery{Text: "Politie", Labels: []kg.Label{kg.Person}}, []hit{}},
		{store.SearchQuery{Text: "onvindbaar"}, []hit{}},
		{store.SearchQuery{Text: ""}, []hit{}},
		{store.SearchQuery{Text: " -- "}, []hit{}},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("%q labels=%v first=%d", tc.q.Text, tc.q.Labels, tc.q.First)
		t.Run(name, func(t *testing.T) {
			got, err := s.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			hits := []hit{}
			for _, h := range got {
				hits = append(hits, hit{h.Node.ID, h.Score, h.Snippet})
				checkNodes(t, h.Node)
			}
			equal(t, "hits", hits, tc.want)
		})
	}
}
