// Package tkodata reads the Tweede Kamer's open data: the OData v4 API of the
// gegevensmagazijn (https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/). It lists the
// Documents of a Kamerstukdossier with, expanded in the same request, the Zaken they belong
// to (a motion, a letter, a bill), their submitters (ZaakActor), the decisions on them
// (Besluit, with the voting session's date through Agendapunt → Activiteit) and the votes
// per fractie (Stemming). The entity and property names are the API's own; see
// source/sourcetest/testdata/README.md for where each shape was learnt.
package tkodata

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"beleidsgraaf/source/polite"
)

// DefaultBaseURL is the public OData v4 service.
const DefaultBaseURL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"

// Document is a parliamentary document as the API states it.
type Document struct {
	ID             string `json:"Id"`
	Soort          string `json:"Soort"` // "Motie", "Brief regering", "Verslag van een commissiedebat", …
	DocumentNummer string `json:"DocumentNummer"`
	Titel          string `json:"Titel"`
	Onderwerp      string `json:"Onderwerp"`
	Datum          string `json:"Datum"` // "2023-10-03T00:00:00+02:00"
	Volgnummer     *int   `json:"Volgnummer"`
	Vergaderjaar   string `json:"Vergaderjaar"`
	ContentType    string `json:"ContentType"`
	ContentLength  *int64 `json:"ContentLength"`
	GewijzigdOp    string `json:"GewijzigdOp"`
	ApiGewijzigdOp string `json:"ApiGewijzigdOp"`
	Verwijderd     bool   `json:"Verwijderd"`

	Kamerstukdossier []Kamerstukdossier `json:"Kamerstukdossier"`
	DocumentActor    []Actor            `json:"DocumentActor"`
	Zaak             []Zaak             `json:"Zaak"`
	Activiteit       []Activiteit       `json:"Activiteit"`
}

// Kamerstukdossier is a dossier ("28638": Mensenhandel).
type Kamerstukdossier struct {
	ID         string  `json:"Id"`
	Nummer     int     `json:"Nummer"`
	Toevoeging *string `json:"Toevoeging"`
	Titel      string  `json:"Titel"`
}

// Actor is a DocumentActor or ZaakActor: a person, fractie or committee in a role.
type Actor struct {
	ActorNaam    string `json:"ActorNaam"`
	ActorFractie string `json:"ActorFractie"`
	Functie      string `json:"Functie"`
	Relatie      string `json:"Relatie"` // "Indiener", "Medeindiener", "Ondertekenaar", …
}

// Zaak is a matter: a motion, a letter, a bill.
type Zaak struct {
	ID         string    `json:"Id"`
	Nummer     string    `json:"Nummer"`
	Soort      string    `json:"Soort"`
	Titel      string    `json:"Titel"`
	Onderwerp  string    `json:"Onderwerp"`
	Volgnummer int       `json:"Volgnummer"`
	GestartOp  string    `json:"GestartOp"`
	Verwijderd bool      `json:"Verwijderd"`
	ZaakActor  []Actor   `json:"ZaakActor"`
	Besluit    []Besluit `json:"Besluit"`
}

// Besluit is a decision on a Zaak: "Aangenomen.", "Verworpen.", "Aangehouden.".
type Besluit struct {
	ID             string      `json:"Id"`
	BesluitSoort   string      `json:"BesluitSoort"`
	BesluitTekst   string      `json:"BesluitTekst"`
	StemmingsSoort *string     `json:"StemmingsSoort"`
	Status         string      `json:"Status"`
	Opmerking      *string     `json:"Opmerking"`
	Verwijderd     bool        `json:"Verwijderd"`
	Stemming       []Stemming  `json:"Stemming"`
	Agendapunt     *Agendapunt `json:"Agendapunt"`
}

// Agendapunt is an item on the agenda of an activity (the voting session).
type Agendapunt struct {
	ID         string      `json:"Id"`
	Onderwerp  string      `json:"Onderwerp"`
	Activiteit *Activiteit `json:"Activiteit"`
}

// Activiteit is a debate, a meeting, a voting session.
type Activiteit struct {
	ID        string `json:"Id"`
	Soort     string `json:"Soort"` // "Tweeminutendebat", "Commissiedebat", "Stemmingen", …
	Nummer    string `json:"Nummer"`
	Onderwerp string `json:"Onderwerp"`
	Datum     string `json:"Datum"`
}

// Stemming is one fractie's (or, in a roll call, one member's) vote on a Besluit.
type Stemming struct {
	ID             string  `json:"Id"`
	Soort          string  `json:"Soort"` // "Voor", "Tegen", "Niet deelgenomen"
	FractieGrootte *int    `json:"FractieGrootte"`
	FractieStemmen *int    `json:"FractieStemmen"`
	ActorNaam      string  `json:"ActorNaam"`
	ActorFractie   string  `json:"ActorFractie"`
	Vergissing     *bool   `json:"Vergissing"`
	FractieID      *string `json:"Fractie_Id"`
	PersoonID      *string `json:"Persoon_Id"`
	Verwijderd     bool    `json:"Verwijderd"`
}

// page is one page of a collection; @odata.nextLink names the next, absent on the last.
type page[T any] struct {
	Value    []T    `json:"value"`
	NextLink string `json:"@odata.nextLink"`
}

// Client asks one OData service.
type Client struct {
	Base string // ends in "/"
	HTTP *polite.Client
}

// New returns a client of the service at base (DefaultBaseURL for the public one).
func New(base string, c *polite.Client) *Client {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return &Client{Base: base, HTTP: c}
}

// maxPage is the most a page of JSON may weigh: the service pages at 250 entities, and a
// page of documents with their zaken, decisions and votes is a few megabytes at most.
const maxPage = 64 << 20

// expandDocument is what a document brings along: its dossiers, its actors, its zaken with
// their submitters and decisions (each with the fracties' votes and the activity it was
// taken in), and the activities it belongs to. Deleted zaken, decisions and votes come
// along too and are left out by the reader (Verwijderd): a $filter inside $expand is
// standard OData v4, but one option less the service must support.
const expandDocument = "Kamerstukdossier,DocumentActor,Activiteit," +
	"Zaak($expand=ZaakActor,Besluit($expand=Stemming,Agendapunt($expand=Activiteit)))"

// DossierDocuments lists the documents of dossier (its number, e.g. 28638), following
// @odata.nextLink to the end. since (YYYY-MM-DD), if set, keeps those changed on or after
// it: the document itself, or a decision on one of its zaken or a vote on that decision
// (sinceFilter).
func (c *Client) DossierDocuments(ctx context.Context, dossier int, since string) ([]Document, error) {
	filter := fmt.Sprintf("Verwijderd eq false and Kamerstukdossier/any(d:d/Nummer eq %d)", dossier)
	if since != "" {
		filter += " and " + sinceFilter(since+"T00:00:00Z")
	}
	q := url.Values{}
	q.Set("$filter", filter)
	q.Set("$expand", expandDocument)
	q.Set("$orderby", "Volgnummer,Id")
	next := c.Base + "Document?" + q.Encode()
	var out []Document
	for pages := 0; next != ""; pages++ {
		if pages > 10000 {
			return nil, fmt.Errorf("%s: more than 10 000 pages; a loop of nextLinks?", c.Base)
		}
		resp, err := c.HTTP.Get(ctx, next, "application/json", maxPage)
		if err != nil {
			return nil, err
		}
		var p page[Document]
		if err := json.Unmarshal(resp.Body, &p); err != nil {
			return nil, fmt.Errorf("%s: not an OData page: %w", next, err)
		}
		out = append(out, p.Value...)
		if p.NextLink != "" {
			if next, err = resolve(next, p.NextLink); err != nil {
				return nil, err
			}
		} else {
			next = ""
		}
	}
	return out, nil
}

// sinceFilter keeps a document changed at or after t, or one with a decision or vote changed
// then: a decision taken on an older motion is a new Besluit (and Stemmingen), each with its
// own GewijzigdOp, while the motion's Document stays as it was. Lambda operators (any) nest
// in OData v4 as the dossier filter's own does; the Zaak → Besluit → Stemming navigation is
// the one $expand follows.
func sinceFilter(t string) string {
	return "(GewijzigdOp ge " + t + " or Zaak/any(z:z/Besluit/any(b:b/GewijzigdOp ge " + t +
		" or b/Stemming/any(s:s/GewijzigdOp ge " + t + "))))"
}

// resolve reads a nextLink, absolute as the service sends it or relative to the page. A
// link to another host is refused: the next page comes from the service that was asked.
func resolve(from, link string) (string, error) {
	base, err := url.Parse(from)
	if err != nil {
		return "", err
	}
	u, err := base.Parse(link)
	if err != nil {
		return "", fmt.Errorf("bad @odata.nextLink %q: %w", link, err)
	}
	if u.Host != base.Host || u.Scheme != base.Scheme {
		return "", fmt.Errorf("@odata.nextLink %q leaves %s://%s", link, base.Scheme, base.Host)
	}
	return u.String(), nil
}

// EntityURL is the address of one entity, the source record evidence names.
func (c *Client) EntityURL(set, id string) string { return c.Base + set + "(" + id + ")" }

// ResourceURL is the address of a document's original file, under base (the OData
// service, or a mirror of its downloads).
func ResourceURL(base, id string) string {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + "Document(" + id + ")/resource"
}
