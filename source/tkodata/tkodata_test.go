package tkodata

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"beleidsgraaf/source/polite"
)

// The service sends absolute nextLinks; a relative one (a mirror's) is read against the page.
func TestDossierDocumentsFollowsNextLinks(t *testing.T) {
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.RawQuery)
		switch r.URL.Query().Get("$skip") {
		case "":
			w.Write([]byte(`{"value":[{"Id":"a","Volgnummer":1}],"@odata.nextLink":"Document?$skip=1"}`))
		case "1":
			w.Write([]byte(`{"value":[{"Id":"b","Volgnummer":2,"Zaak":[{"Soort":"Motie","Besluit":[{"BesluitTekst":"Verworpen.","Stemming":[{"Soort":"Tegen","FractieGrootte":5,"Fractie_Id":"f"}]}]}]}]}`))
		}
	}))
	defer srv.Close()
	c := New(srv.URL+"/OData/v4/2.0", polite.New(1))
	docs, err := c.DossierDocuments(context.Background(), 28638, "2024-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].Zaak[0].Besluit[0].Stemming[0].FractieGrootte == nil || *docs[1].Zaak[0].Besluit[0].Stemming[0].FractieGrootte != 5 {
		t.Fatalf("docs = %+v", docs)
	}
	if len(asked) != 2 {
		t.Fatalf("asked %d pages", len(asked))
	}
	first := asked[0]
	for _, want := range []string{"Kamerstukdossier%2Fany%28d%3Ad%2FNummer+eq+28638%29", "GewijzigdOp+ge+2024-01-01T00%3A00%3A00Z", "Zaak%2Fany%28z%3Az%2FBesluit%2Fany%28b%3Ab%2FGewijzigdOp+ge+2024-01-01T00%3A00%3A00Z", "Verwijderd+eq+false", "%24expand=", "Stemming"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first request %q lacks %q", first, want)
		}
	}
}

func TestNextLinkStaysOnTheService(t *testing.T) {
	cases := []struct{ link, want, err string }{
		{"https://tk.example/OData/v4/2.0/Document?$skip=250", "https://tk.example/OData/v4/2.0/Document?$skip=250", ""},
		{"Document?$skip=250", "https://tk.example/OData/v4/2.0/Document?$skip=250", ""},
		{"https://elsewhere.example/Document?$skip=250", "", "leaves https://tk.example"},
		{"http://tk.example/OData/v4/2.0/Document?$skip=250", "", "leaves https://tk.example"},
	}
	for _, c := range cases {
		got, err := resolve("https://tk.example/OData/v4/2.0/Document?$filter=x", c.link)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("resolve(%q): err %v, want %q", c.link, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("resolve(%q) = %q, %v; want %q", c.link, got, err, c.want)
		}
	}
}

func TestDossierDocumentsRefusesWhatIsNoPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html>maintenance</html>`))
	}))
	defer srv.Close()
	_, err := New(srv.URL, polite.New(1)).DossierDocuments(context.Background(), 28638, "")
	if err == nil || !strings.Contains(err.Error(), "not an OData page") {
		t.Fatalf("err = %v", err)
	}
}
