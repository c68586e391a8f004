// Package sru searches the publications of officielebekendmakingen through the SRU 2.0
// service of repository.overheid.nl (KOOP), and reads from each record what it states:
// the Kamerstuk's dossier and number, its kind (subrubriek), title, dates, submitter, and
// where its XML lives (gzd:itemUrl manifestation="xml"). See
// source/sourcetest/testdata/README.md for where each shape was learnt.
package sru

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"beleidsgraaf/source/polite"
)

// DefaultBaseURL is the public SRU endpoint.
const DefaultBaseURL = "https://repository.overheid.nl/sru"

// Record is one Kamerstuk as the search states it.
type Record struct {
	Identifier   string // "kst-28638-224"
	Title        string
	Kind         string // subrubriek: "Motie", "Brief", "Verslag", …
	Dossier      string // "28638"
	Number       int    // ondernummer
	Date         string // dcterms:date or available: the publication's date, YYYY-MM-DD
	Issued       string // dcterms:issued, when present: the document's own date
	Modified     string // dcterms:modified: changes when the publication does
	Submitter    string // overheidwetgeving:indiener
	XMLURL       string // gzd:itemUrl manifestation="xml"
	PreferredURL string // gzd:preferredUrl, the page a reader opens
	RecordURL    string // gzd:url, the record's own metadata
}

// Client asks one SRU service.
type Client struct {
	Base string
	HTTP *polite.Client
}

// New returns a client of the service at base (DefaultBaseURL for the public one).
func New(base string, c *polite.Client) *Client { return &Client{Base: base, HTTP: c} }

// pageSize is the records asked per request: the service allows up to 1000; 100 keeps each
// answer small.
const pageSize = 100

// Kamerstukken lists the Kamerstukken of a dossier ("28638"), all pages. since
// (YYYY-MM-DD), if set, keeps those modified on or after it.
func (c *Client) Kamerstukken(ctx context.Context, dossier, since string) ([]Record, error) {
	query := fmt.Sprintf("c.product-area==officielepublicaties AND w.publicatienaam==Kamerstuk AND w.dossiernummer==%q", dossier)
	if since != "" {
		query += " AND dt.modified>=" + since
	}
	var out []Record
	for start := 1; ; {
		q := url.Values{}
		q.Set("operation", "searchRetrieve")
		q.Set("version", "2.0")
		q.Set("httpAccept", "application/xml")
		q.Set("recordSchema", "gzd")
		q.Set("query", query)
		q.Set("startRecord", strconv.Itoa(start))
		q.Set("maximumRecords", strconv.Itoa(pageSize))
		u := c.Base + "?" + q.Encode()
		resp, err := c.HTTP.Get(ctx, u, "application/xml", 32<<20)
		if err != nil {
			return nil, err
		}
		recs, total, next, err := parse(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", u, err)
		}
		out = append(out, recs...)
		if next <= start || next > total || len(recs) == 0 {
			return out, nil
		}
		start = next
	}
}

// parse reads a searchRetrieveResponse by local names (the prefixes vary between the
// service's versions; the names do not).
func parse(data []byte) (recs []Record, total, next int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		path      []string
		r         *Record
		sawRoot   bool
		manifest  string
		diagnosis string
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, 0, fmt.Errorf("not an SRU response: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			path = append(path, name)
			switch name {
			case "searchRetrieveResponse":
				sawRoot = true
			case "record":
				if len(path) >= 2 && path[len(path)-2] == "records" {
					r = &Record{}
				}
			case "itemUrl":
				manifest = ""
				for _, a := range t.Attr {
					if a.Name.Local == "manifestation" {
						manifest = a.Value
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "record" && r != nil && len(path) >= 2 && path[len(path)-2] == "records" {
				recs = append(recs, *r)
				r = nil
			}
			path = path[:len(path)-1]
		case xml.CharData:
			if len(path) == 0 {
				continue
			}
			text := strings.TrimSpace(string(t))
			if text == "" {
				continue
			}
			name := path[len(path)-1]
			switch {
			case name == "numberOfRecords" && r == nil:
				total, _ = strconv.Atoi(text)
			case name == "nextRecordPosition" && r == nil:
				next, _ = strconv.Atoi(text)
			case name == "message" || name == "details":
				diagnosis = strings.TrimSpace(diagnosis + " " + text)
			case r != nil:
				r.set(name, manifest, text)
			}
		}
	}
	if !sawRoot {
		return nil, 0, 0, errors.New("not an SRU searchRetrieveResponse")
	}
	if diagnosis != "" && len(recs) == 0 {
		return nil, 0, 0, fmt.Errorf("the service says: %s", diagnosis)
	}
	return recs, total, next, nil
}

func (r *Record) set(name, manifest, text string) {
	// elements that occur more than once in a record (dcterms:identifier of the record and
	// of its parts, titles): the first is the publication's own
	first := map[string]*string{"identifier": &r.Identifier, "title": &r.Title, "dossiernummer": &r.Dossier, "available": &r.Date}
	last := map[string]*string{"subrubriek": &r.Kind, "date": &r.Date, "issued": &r.Issued, "modified": &r.Modified,
		"indiener": &r.Submitter, "preferredUrl": &r.PreferredURL, "url": &r.RecordURL}
	switch {
	case first[name] != nil:
		if *first[name] == "" {
			*first[name] = text
		}
	case last[name] != nil:
		*last[name] = text
	case name == "ondernummer":
		r.Number, _ = strconv.Atoi(text)
	case name == "itemUrl" && manifest == "xml":
		r.XMLURL = text
	}
}
