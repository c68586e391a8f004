package dossiersync

import (
	"fmt"
	"mime"
	"sort"
	"strconv"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/source/sru"
	"beleidsgraaf/source/tkodata"
)

// item is one document to have in DIR: where its file comes from, what version of it the
// source holds, and the metadata file to write beside it.
type item struct {
	stem    string // "kst-28638-224": the names of the document and its metadata file
	ext     string // ".xml", ".pdf", …
	url     string
	version string // changes when the source's document does
	meta    loader.Sidecar
}

func (it item) file() string { return it.stem + it.ext }

// plan joins the two listings into the documents to fetch, in stem order: a Kamerstuk the
// search knows comes as its officielebekendmakingen XML; one only the Kamer's API knows, as
// its original file. The API's metadata wins where both state something, because it also
// knows the motions' decisions and votes.
func plan(dossier int, docs []tkodata.Document, recs []sru.Record, odata *tkodata.Client, downloadBase string) []item {
	byStem := map[string]*item{}
	order := []string{}
	add := func(st string) *item {
		if it, ok := byStem[st]; ok {
			return it
		}
		it := &item{stem: st}
		byStem[st] = it
		order = append(order, st)
		return it
	}
	for _, r := range recs {
		if r.Number <= 0 || r.XMLURL == "" || dossierNumber(r.Dossier) != dossier {
			continue
		}
		it := add(fmt.Sprintf("kst-%d-%d", dossier, r.Number))
		it.ext, it.url, it.version = ".xml", r.XMLURL, "sru "+r.Modified
		it.meta = sruSidecar(r)
	}
	for _, d := range docs {
		if d.Verwijderd {
			continue
		}
		st := "tk-" + strings.ToLower(kg.Slug(d.DocumentNummer))
		if d.Volgnummer != nil && *d.Volgnummer > 0 && inDossier(d, dossier) {
			st = fmt.Sprintf("kst-%d-%d", dossier, *d.Volgnummer)
		} else if d.DocumentNummer == "" {
			st = "tk-" + kg.Slug(d.ID)
		}
		it := add(st)
		if it.meta.Source == "tkodata" || it.meta.Source == "tkodata+sru" {
			continue // the same Kamerstuk twice in the listing: the first stands
		}
		meta := odataSidecar(dossier, d, odata)
		if it.url == "" { // no XML: the original file
			it.ext, it.url = extension(d.ContentType), tkodata.ResourceURL(downloadBase, d.ID)
			it.version = "tk " + firstNonEmpty(d.ApiGewijzigdOp, d.GewijzigdOp)
		} else {
			meta.Source = "tkodata+sru"
			meta.Title = firstNonEmpty(meta.Title, it.meta.Title)
			meta.Date = firstNonEmpty(meta.Date, it.meta.Date)
		}
		it.meta = meta
	}
	sort.Strings(order)
	out := make([]item, 0, len(order))
	for _, st := range order {
		it := byStem[st]
		it.meta.File, it.meta.FileURL, it.meta.Modified = it.file(), it.url, it.version
		out = append(out, *it)
	}
	return out
}

func dossierNumber(s string) int {
	n, _ := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	return n
}

func inDossier(d tkodata.Document, dossier int) bool {
	for _, k := range d.Kamerstukdossier {
		if k.Nummer == dossier {
			return true
		}
	}
	return len(d.Kamerstukdossier) == 0 // not expanded: the filter put it here
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// day is the date part of an OData date-time ("2023-10-03T00:00:00+02:00"): the date as the
// Kamer wrote it, in its own time zone.
func day(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return ""
}

// extension is the file extension for a document's content type; the loader reads .pdf,
// .html, .xml, .txt and .docx, and leaves other files (a .doc) aside with a warning.
func extension(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ".bin"
	}
	switch mt {
	case "application/pdf":
		return ".pdf"
	case "text/html":
		return ".html"
	case "application/xml", "text/xml":
		return ".xml"
	case "text/plain":
		return ".txt"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return ".docx"
	case "application/msword":
		return ".doc"
	}
	return ".bin"
}

// kindOf maps a source's document kind ("Motie", "Brief regering", "Verslag van een
// commissiedebat", or the search's subrubriek "Motie", "Brief") to the graph's; "" leaves
// the kind to the text.
func kindOf(stated string) string {
	s := strings.ToLower(stated)
	switch {
	case strings.HasPrefix(s, "motie"):
		return kg.DocMotion
	case strings.HasPrefix(s, "brief"):
		return kg.DocLetter
	case strings.HasPrefix(s, "lijst van vragen en antwoorden"):
		return kg.DocQAList
	case strings.HasPrefix(s, "verslag") && (strings.Contains(s, "debat") || strings.Contains(s, "algemeen overleg")):
		return kg.DocDebate
	}
	return ""
}

func sruSidecar(r sru.Record) loader.Sidecar {
	return loader.Sidecar{Source: "sru", Record: r.RecordURL, Dossier: strconv.Itoa(dossierNumber(r.Dossier)), Number: r.Number,
		Date: firstNonEmpty(r.Issued, r.Date), Kind: kindOf(r.Kind), StatedKind: r.Kind, Title: r.Title}
}

func odataSidecar(dossier int, d tkodata.Document, c *tkodata.Client) loader.Sidecar {
	s := loader.Sidecar{Source: "tkodata", Record: c.EntityURL("Document", d.ID), Dossier: strconv.Itoa(dossier),
		Date: day(d.Datum), Kind: kindOf(d.Soort), StatedKind: d.Soort, Title: firstNonEmpty(d.Onderwerp, d.Titel)}
	if d.Volgnummer != nil && inDossier(d, dossier) {
		s.Number = *d.Volgnummer
	}
	for _, a := range d.DocumentActor {
		s.Signers = append(s.Signers, loader.SidecarActor{Name: a.ActorNaam, Party: a.ActorFractie, Role: a.Relatie, Function: a.Functie})
	}
	if len(d.Activiteit) > 0 {
		a := d.Activiteit[0]
		s.Activity = &loader.SidecarActivity{Kind: a.Soort, Date: day(a.Datum), Subject: a.Onderwerp, Record: c.EntityURL("Activiteit", a.ID)}
	}
	for _, z := range d.Zaak {
		if z.Verwijderd || !strings.EqualFold(z.Soort, "Motie") {
			continue // decisions on letters ("voor kennisgeving aangenomen") are no motion's
		}
		for _, a := range z.ZaakActor {
			if strings.EqualFold(a.Relatie, "Indiener") || strings.EqualFold(a.Relatie, "Medeindiener") {
				s.Submitters = append(s.Submitters, loader.SidecarActor{Name: a.ActorNaam, Party: a.ActorFractie, Role: a.Relatie, Function: a.Functie})
			}
		}
		for _, b := range z.Besluit {
			if b.Verwijderd || b.Status != "" && b.Status != "Besluit" {
				continue // a proposal for a decision is not one
			}
			s.Decisions = append(s.Decisions, decision(b, c))
		}
	}
	sort.SliceStable(s.Decisions, func(i, j int) bool {
		if s.Decisions[i].Date != s.Decisions[j].Date {
			return s.Decisions[i].Date < s.Decisions[j].Date
		}
		return s.Decisions[i].Record < s.Decisions[j].Record
	})
	return s
}

func decision(b tkodata.Besluit, c *tkodata.Client) loader.SidecarDecision {
	d := loader.SidecarDecision{Result: result(b.BesluitTekst, b.BesluitSoort), Text: strings.TrimSpace(b.BesluitTekst), Record: c.EntityURL("Besluit", b.ID)}
	if b.Agendapunt != nil && b.Agendapunt.Activiteit != nil {
		d.Date = day(b.Agendapunt.Activiteit.Datum)
	}
	for _, v := range b.Stemming {
		choice := voteChoice(v.Soort)
		party := firstNonEmpty(v.ActorFractie, v.ActorNaam)
		// a fractie's vote; a roll call's votes per member and votes cast by mistake are not
		// the fractie's position
		if v.Verwijderd || v.PersoonID != nil || v.Vergissing != nil && *v.Vergissing || choice == "" || party == "" {
			continue
		}
		vote := loader.SidecarVote{Party: party, Vote: choice, Record: c.EntityURL("Stemming", v.ID)}
		if v.FractieGrootte != nil {
			vote.Seats = *v.FractieGrootte
		}
		d.Votes = append(d.Votes, vote)
	}
	sort.SliceStable(d.Votes, func(i, j int) bool { return d.Votes[i].Party < d.Votes[j].Party })
	return d
}

// result reads a decision: its text ("Aangenomen.", "Verworpen.", "Aangehouden.") or, when
// the text says nothing known, its kind ("Stemmen - aangenomen").
func result(text, kind string) string {
	for _, s := range []string{text, kind} {
		s = strings.ToLower(s)
		switch {
		case strings.Contains(s, "aangenomen") && !strings.Contains(s, "kennisgeving"):
			return kg.DecisionAdopted
		case strings.Contains(s, "verworpen"):
			return kg.DecisionRejected
		case strings.Contains(s, "aangehouden") || strings.Contains(s, "aanhouden"):
			return kg.DecisionHeld
		case strings.Contains(s, "ingetrokken") || strings.Contains(s, "intrekken"):
			return kg.DecisionWithdrawn
		}
	}
	return kg.DecisionOther
}

func voteChoice(soort string) string {
	switch strings.ToLower(strings.TrimSpace(soort)) {
	case "voor":
		return kg.VoteFor
	case "tegen":
		return kg.VoteAgainst
	case "niet deelgenomen":
		return kg.VoteNotParticipated
	}
	return ""
}
