// Package sourcetest plays the two official services for tests: the Tweede Kamer's OData v4
// API and the officielebekendmakingen SRU search with its Kamerstuk XML, serving a
// generated dossier in the services' real shapes (templates in testdata/, whose README says
// where each shape was learnt). Faults are injected per path: 429 and 503 answers with
// Retry-After, and downloads that never succeed.
package sourcetest

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/template"
)

//go:embed testdata/*.tmpl
var templates embed.FS

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	"upper": strings.ToUpper,
}).ParseFS(templates, "testdata/*.tmpl"))

// Dossier is the number every generated Kamerstuk belongs to.
const Dossier = 28638

// Kind is what a generated Kamerstuk is.
type Kind int

const (
	Motion Kind = iota
	Letter
	DebateReport // an original file only (no officielebekendmakingen XML)
)

// Party is a fractie with its seats.
type Party struct {
	Name  string
	Seats int
}

// Parties vote on every motion that is put to the vote.
var Parties = []Party{{"PVV", 37}, {"GroenLinks-PvdA", 25}, {"VVD", 24}, {"NSC", 20}, {"D66", 9}, {"CDA", 5}, {"ChristenUnie", 3}}

// Decision is one Besluit on a motion.
type Decision struct {
	Tekst, Soort string // "Aangenomen.", "Stemmen - aangenomen"
	Date         string
	For          map[string]bool // parties voting for; the others against (no votes when nil)
	// Modified is the Besluit's and its Stemmingen's GewijzigdOp; "" for the document's:
	// a decision taken later changes the Besluit, not the Document
	Modified string
}

// Kamerstuk is one generated document of the dossier.
type Kamerstuk struct {
	Number      int
	Kind        Kind
	Date        string // YYYY-MM-DD
	Submitter   string
	CoSubmitter string
	Decisions   []Decision
	Modified    string // the services' modification stamp; change it to make a new version
	// Deleted: the Kamer's API marks the document Verwijderd (and leaves it out of a listing
	// filtered on Verwijderd eq false); the search still lists it
	Deleted bool
}

// Generate makes n Kamerstukken numbered from 201: motions (adopted, rejected, held, and one
// held then adopted), letters, and debate reports, in turn.
func Generate(n int) []Kamerstuk {
	names := []string{"Mutluer", "Bikker", "Kuik", "Ceder", "Van der Werf", "Podt", "Ellian", "Michon-Derkzen"}
	var out []Kamerstuk
	for i := range n {
		k := Kamerstuk{Number: 201 + i, Date: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%27),
			Submitter: names[i%len(names)], CoSubmitter: names[(i+3)%len(names)], Modified: "2024-06-01T10:00:00Z"}
		switch i % 5 {
		case 0, 1:
			k.Kind = Motion
			vote := func(tekst, soort string, forSet ...string) Decision {
				d := Decision{Tekst: tekst, Soort: soort, Date: dayAfter(k.Date, 7), For: map[string]bool{}}
				for _, p := range forSet {
					d.For[p] = true
				}
				return d
			}
			switch (i / 5) % 4 {
			case 0:
				k.Decisions = []Decision{vote("Aangenomen.", "Stemmen - aangenomen", "GroenLinks-PvdA", "NSC", "D66", "CDA", "ChristenUnie", "VVD")}
			case 1:
				k.Decisions = []Decision{vote("Verworpen.", "Stemmen - verworpen", "GroenLinks-PvdA", "D66")}
			case 2:
				k.Decisions = []Decision{{Tekst: "Aangehouden.", Soort: "Aanhouden", Date: dayAfter(k.Date, 7)}}
			case 3:
				k.Decisions = []Decision{{Tekst: "Aangehouden.", Soort: "Aanhouden", Date: dayAfter(k.Date, 7)},
					vote("Aangenomen.", "Stemmen - aangenomen", "PVV", "VVD", "NSC", "CDA")}
				k.Decisions[1].Date = dayAfter(k.Date, 21)
			}
		case 2, 3:
			k.Kind = Letter
		case 4:
			k.Kind = DebateReport
		}
		out = append(out, k)
	}
	return out
}

func dayAfter(date string, days int) string {
	y, _ := strconv.Atoi(date[:4])
	m, _ := strconv.Atoi(date[5:7])
	d, _ := strconv.Atoi(date[8:10])
	d += days
	for d > 28 { // every month has 28 days, in tests
		d -= 28
		m++
	}
	if m > 12 {
		m -= 12
		y++
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// Server plays both services. Its fields may be set before the first request.
type Server struct {
	*httptest.Server
	Stukken []Kamerstuk
	// PageSize is the OData page size (the real service's is 250); a small one makes
	// @odata.nextLink pages in tests.
	PageSize int
	// SRUPageSize caps maximumRecords, as the real service caps it at 1000.
	SRUPageSize int

	mu       sync.Mutex
	requests map[string]int // by path
	faults   map[string][]int
	broken   map[string]bool
	// OnRequest, if set, sees each request before it is answered.
	OnRequest func(r *http.Request)
}

// Paths of the two services on the test server.
const (
	ODataPath = "/OData/v4/2.0/"
	SRUPath   = "/sru"
	RepoPath  = "/frbr/officielepublicaties"
	// MirrorPath serves the documents' original files as a mirror would (--download-url).
	MirrorPath = "/mirror/"
)

// New starts a server with the given Kamerstukken.
func New(stukken []Kamerstuk) *Server {
	s := &Server{Stukken: stukken, PageSize: 250, SRUPageSize: 1000, requests: map[string]int{}, faults: map[string][]int{}, broken: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// ODataURL, SRUURL: the base addresses to give the client.
func (s *Server) ODataURL() string { return s.URL + ODataPath }
func (s *Server) SRUURL() string   { return s.URL + SRUPath }

// XMLPath is the path of a Kamerstuk's XML; ResourcePath of a document's original file.
func XMLPath(n int) string {
	return fmt.Sprintf("%s/kst/%d/kst-%d-%d/1/xml/kst-%d-%d.xml", RepoPath, Dossier, Dossier, n, Dossier, n)
}
func ResourcePath(n int) string {
	return fmt.Sprintf("%sDocument(%s)/resource", ODataPath, docID(n))
}

// Fail makes the next requests to path answer with these statuses (429 and 503 carry
// Retry-After: 1) before it answers as usual.
func (s *Server) Fail(path string, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], statuses...)
}

// Break makes every request to path fail with 500.
func (s *Server) Break(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.broken[path] = true
}

// Requests is how often path was asked for.
func (s *Server) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

// Downloads counts the requests for documents (XML and original files).
func (s *Server) Downloads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.requests {
		if strings.HasSuffix(p, ".xml") && strings.HasPrefix(p, RepoPath) || strings.HasSuffix(p, "/resource") {
			n += c
		}
	}
	return n
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// Counted before OnRequest sees it: a test that stops its client from OnRequest then
	// finds the request counted once the client has returned.
	s.mu.Lock()
	s.requests[r.URL.Path]++
	s.mu.Unlock()
	if s.OnRequest != nil {
		s.OnRequest(r)
	}
	s.mu.Lock()
	var fault int
	if f := s.faults[r.URL.Path]; len(f) > 0 {
		fault, s.faults[r.URL.Path] = f[0], f[1:]
	}
	broken := s.broken[r.URL.Path]
	s.mu.Unlock()
	if !strings.HasPrefix(r.UserAgent(), "beleidsgraaf-sync/") {
		http.Error(w, "say who you are (User-Agent)", http.StatusForbidden)
		return
	}
	switch {
	case broken:
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	case fault != 0:
		if fault == http.StatusTooManyRequests || fault == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, http.StatusText(fault), fault)
		return
	}
	p := r.URL.Path
	switch {
	case p == ODataPath+"Document":
		s.odataPage(w, r)
	case strings.HasPrefix(p, ODataPath+"Document(") && strings.HasSuffix(p, ")/resource"):
		s.resource(w, strings.TrimSuffix(strings.TrimPrefix(p, ODataPath+"Document("), ")/resource"))
	case strings.HasPrefix(p, MirrorPath+"Document(") && strings.HasSuffix(p, ")/resource"):
		s.resource(w, strings.TrimSuffix(strings.TrimPrefix(p, MirrorPath+"Document("), ")/resource"))
	case p == SRUPath:
		s.sru(w, r)
	case strings.HasPrefix(p, RepoPath) && strings.HasSuffix(p, ".xml"):
		s.kamerstukXML(w, p)
	default:
		http.NotFound(w, r)
	}
}

// What the two services are asked for "changed since": the OData filter on GewijzigdOp,
// the CQL index dt.modified.
var (
	odataSince = regexp.MustCompile(`GewijzigdOp ge (\d{4}-\d{2}-\d{2}T[0-9:]+Z)`)
	// a document is also listed for a decision on its zaak changed since (nested lambdas)
	odataDecidedSince = regexp.MustCompile(`Zaak/any\(z:z/Besluit/any\(b:b/GewijzigdOp ge (\d{4}-\d{2}-\d{2}T[0-9:]+Z)`)
	sruSince          = regexp.MustCompile(`dt\.modified>=(\d{4}-\d{2}-\d{2})`)
)

func docID(n int) string { return fmt.Sprintf("0d0c%04d-0000-4000-8000-%012d", n, n) }

func (s *Server) find(match func(k Kamerstuk) bool) (Kamerstuk, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range s.Stukken {
		if match(k) {
			return k, true
		}
	}
	return Kamerstuk{}, false
}

// AddDecision takes a new decision on Kamerstuk n (a motion) without changing its document:
// only the Besluit and its Stemmingen carry the new GewijzigdOp (d.Modified).
func (s *Server) AddDecision(n int, d Decision) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.Stukken {
		if s.Stukken[i].Number == n {
			s.Stukken[i].Decisions = append(slices.Clone(s.Stukken[i].Decisions), d)
		}
	}
}

// changedSince: the document changed on or after since, or (when the filter asks) a
// decision on its zaak did.
func (k Kamerstuk) changedSince(since, decidedSince string) bool {
	if k.Modified >= since {
		return true
	}
	for _, d := range k.Decisions {
		if decidedSince != "" && d.Modified != "" && d.Modified >= decidedSince {
			return true
		}
	}
	return false
}

// Delete deletes Kamerstuk n in the Kamer's API (Verwijderd, with a new GewijzigdOp).
func (s *Server) Delete(n int, stamp string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.Stukken {
		if s.Stukken[i].Number == n {
			s.Stukken[i].Deleted, s.Stukken[i].Modified = true, stamp
		}
	}
}

// SetModified gives Kamerstuk n a new version in both services.
func (s *Server) SetModified(n int, stamp string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.Stukken {
		if s.Stukken[i].Number == n {
			s.Stukken[i].Modified = stamp
		}
	}
}

func (s *Server) odataPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	filter := q.Get("$filter")
	if !strings.Contains(filter, fmt.Sprintf("Kamerstukdossier/any(d:d/Nummer eq %d)", Dossier)) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"@odata.context":%q,"value":[]}`, s.ODataURL()+"$metadata#Document")
		return
	}
	skip, _ := strconv.Atoi(q.Get("$skip"))
	since, decidedSince := "", ""
	if m := odataSince.FindStringSubmatch(filter); m != nil {
		since = m[1]
	}
	if m := odataDecidedSince.FindStringSubmatch(filter); m != nil {
		decidedSince = m[1]
	}
	s.mu.Lock()
	var stukken []Kamerstuk
	for _, k := range s.Stukken {
		if k.changedSince(since, decidedSince) && !(k.Deleted && strings.Contains(filter, "Verwijderd eq false")) {
			stukken = append(stukken, k)
		}
	}
	s.mu.Unlock()
	end := min(skip+s.PageSize, len(stukken))
	var buf bytes.Buffer
	buf.WriteString(`{"@odata.context":"` + s.ODataURL() + `$metadata#Document(Kamerstukdossier(),DocumentActor(),Activiteit(),Zaak(ZaakActor(),Besluit(Stemming(),Agendapunt(Activiteit())))))","value":[`)
	for i := skip; i < end; i++ {
		if i > skip {
			buf.WriteByte(',')
		}
		if err := tmpl.ExecuteTemplate(&buf, "odata-document.json.tmpl", s.documentView(stukken[i])); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	buf.WriteString("]")
	if end < len(stukken) {
		q.Set("$skip", strconv.Itoa(end))
		next := s.ODataURL() + "Document?" + q.Encode()
		fmt.Fprintf(&buf, `,"@odata.nextLink":%q`, next)
	}
	buf.WriteString("}")
	var check any
	if err := json.Unmarshal(buf.Bytes(), &check); err != nil { // the templates must make JSON
		http.Error(w, "template made no JSON: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	w.Write(buf.Bytes())
}

type actorView struct{ ID, Name, Party, Function, Role string }
type voteView struct {
	ID, Soort, Party, FractieID string
	Seats                       int
}
type decisionView struct {
	ID, Soort, Tekst, Date, AgendapuntID, AgendapuntNummer, ActiviteitID, ActiviteitNummer, Modified string
	Votes                                                                                            []voteView
}
type zaakView struct {
	ID, Nummer, Soort string
	Afgedaan          bool
	Actors            []actorView
	Decisions         []decisionView
}
type activityView struct{ ID, Soort, Nummer, Onderwerp, Date string }

type documentView struct {
	Kamerstuk
	Base, ID, Soort, DocumentNummer, Onderwerp, ContentType, VersionID string
	ContentLength                                                      int
	Actors                                                             []actorView
	Activity                                                           *activityView
	Zaak                                                               *zaakView
}

func uid(kind, n, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012d", kind, n*100+i) }

func (s *Server) documentView(k Kamerstuk) documentView {
	v := documentView{Kamerstuk: k, Base: s.ODataURL(), ID: docID(k.Number), DocumentNummer: fmt.Sprintf("2024D%05d", k.Number*7),
		VersionID: uid(9, k.Number, 0), Onderwerp: onderwerp(k)}
	body := s.original(k)
	v.ContentType, v.ContentLength = "application/pdf", len(body)
	switch k.Kind {
	case Motion:
		v.Soort = "Motie"
		v.Activity = &activityView{ID: uid(2, k.Number, 0), Soort: "Tweeminutendebat", Nummer: fmt.Sprintf("2024A%05d", k.Number), Onderwerp: "Tweeminutendebat Mensenhandel", Date: k.Date}
		z := &zaakView{ID: uid(3, k.Number, 0), Nummer: fmt.Sprintf("2024Z%05d", k.Number), Soort: "Motie", Afgedaan: true,
			Actors: []actorView{{ID: uid(4, k.Number, 0), Name: k.Submitter, Party: partyOf(k.Submitter), Function: "Tweede Kamerlid", Role: "Indiener"},
				{ID: uid(4, k.Number, 1), Name: k.CoSubmitter, Party: partyOf(k.CoSubmitter), Function: "Tweede Kamerlid", Role: "Medeindiener"}}}
		for i, d := range k.Decisions {
			dv := decisionView{ID: uid(5, k.Number, i), Soort: d.Soort, Tekst: d.Tekst, Date: d.Date, AgendapuntID: uid(6, k.Number, i),
				AgendapuntNummer: fmt.Sprintf("2024P%05d", k.Number*10+i), ActiviteitID: uid(7, k.Number, i), ActiviteitNummer: "2024A" + strings.ReplaceAll(d.Date, "-", ""),
				Modified: cmp.Or(d.Modified, k.Modified)}
			for j, p := range Parties {
				if d.For == nil {
					break
				}
				soort := "Tegen"
				if d.For[p.Name] {
					soort = "Voor"
				}
				dv.Votes = append(dv.Votes, voteView{ID: uid(8, k.Number, i*10+j), Soort: soort, Party: p.Name, FractieID: uid(10, j, 0), Seats: p.Seats})
			}
			z.Decisions = append(z.Decisions, dv)
		}
		v.Zaak = z
	case Letter:
		v.Soort = "Brief regering"
		v.Actors = []actorView{{ID: uid(4, k.Number, 0), Name: "Van der Burg", Function: "staatssecretaris van Justitie en Veiligheid", Role: "Afzender"}}
		v.Zaak = &zaakView{ID: uid(3, k.Number, 0), Nummer: fmt.Sprintf("2024Z%05d", k.Number), Soort: "Brief regering"}
	case DebateReport:
		v.Soort = "Verslag van een commissiedebat"
		v.ContentType = "text/html; charset=utf-8"
		v.Activity = &activityView{ID: uid(2, k.Number, 0), Soort: "Commissiedebat", Nummer: fmt.Sprintf("2024A%05d", k.Number), Onderwerp: "Mensenhandel", Date: k.Date}
	}
	return v
}

func partyOf(name string) string { return Parties[len(name)%len(Parties)].Name }

func onderwerp(k Kamerstuk) string {
	switch k.Kind {
	case Motion:
		return fmt.Sprintf("Motie van het lid %s c.s. over de aanpak van mensenhandel (%d)", k.Submitter, k.Number)
	case Letter:
		return fmt.Sprintf("Voortgang van het programma Samen tegen mensenhandel (%d)", k.Number)
	}
	return fmt.Sprintf("Verslag van een commissiedebat over mensenhandel (%d)", k.Number)
}

var months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// textView is what the document templates fill in.
type textView struct {
	Kamerstuk
	Onderwerp, DateText, Subject, Request string
}

func view(k Kamerstuk) textView {
	m, _ := strconv.Atoi(k.Date[5:7])
	d, _ := strconv.Atoi(k.Date[8:10])
	return textView{Kamerstuk: k, Onderwerp: onderwerp(k), DateText: fmt.Sprintf("%d %s %s", d, months[m-1], k.Date[:4]),
		Subject: fmt.Sprintf("de aanpak van mensenhandel in gemeente %d", k.Number),
		Request: fmt.Sprintf("gemeenten te ondersteunen bij de aanpak van mensenhandel (%d)", k.Number)}
}

// original is a document's original file: for a debate report its HTML; for the others a
// stand-in (their XML is what sync fetches).
func (s *Server) original(k Kamerstuk) []byte {
	if k.Kind != DebateReport {
		return []byte("%PDF-1.4 stand-in: the XML of this Kamerstuk is fetched instead\n")
	}
	var buf bytes.Buffer
	tv := view(k)
	tv.Subject, tv.Submitter, tv.CoSubmitter = html.EscapeString(tv.Subject), html.EscapeString(k.Submitter), html.EscapeString(k.CoSubmitter)
	if err := tmpl.ExecuteTemplate(&buf, "verslag.html.tmpl", tv); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func (s *Server) resource(w http.ResponseWriter, id string) {
	k, ok := s.find(func(k Kamerstuk) bool { return docID(k.Number) == id })
	if !ok {
		http.NotFound(w, nil)
		return
	}
	ct := "application/pdf"
	if k.Kind == DebateReport {
		ct = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(s.original(k))
}

func (s *Server) kamerstukXML(w http.ResponseWriter, p string) {
	k, ok := s.find(func(k Kamerstuk) bool { return k.Kind != DebateReport && XMLPath(k.Number) == p })
	if !ok {
		http.NotFound(w, nil)
		return
	}
	name := "kst-brief.xml.tmpl"
	if k.Kind == Motion {
		name = "kst-motie.xml.tmpl"
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, view(k)); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Write(buf.Bytes())
}

type sruRecordView struct {
	Kamerstuk
	SRUTitle, SRUKind, ModifiedDay, Published, RepoBase string
	Position                                            int
}

func (s *Server) sru(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := q.Get("query")
	start, _ := strconv.Atoi(q.Get("startRecord"))
	maxRec, _ := strconv.Atoi(q.Get("maximumRecords"))
	start, maxRec = max(start, 1), min(max(maxRec, 1), s.SRUPageSize)
	since := ""
	if m := sruSince.FindStringSubmatch(query); m != nil {
		since = m[1]
	}
	s.mu.Lock()
	var stukken []Kamerstuk
	for _, k := range s.Stukken {
		if k.Kind != DebateReport && k.Modified[:10] >= since && strings.Contains(query, fmt.Sprintf(`w.dossiernummer=="%d"`, Dossier)) {
			stukken = append(stukken, k)
		}
	}
	s.mu.Unlock()
	var recs bytes.Buffer
	end := min(start-1+maxRec, len(stukken))
	for i := start - 1; i < end; i++ {
		k := stukken[i]
		kind, title := "Brief", "Mensenhandel; Brief regering; "+onderwerp(k)
		if k.Kind == Motion {
			kind, title = "Motie", "Mensenhandel; Motie; "+onderwerp(k)
		}
		rv := sruRecordView{Kamerstuk: k, SRUTitle: html.EscapeString(title), SRUKind: kind, ModifiedDay: k.Modified[:10],
			Published: dayAfter(k.Date, 1), RepoBase: s.URL + RepoPath, Position: i + 1}
		if k.Kind == Motion {
			rv.Submitter = html.EscapeString(k.Submitter)
		} else {
			rv.Submitter = ""
		}
		if err := tmpl.ExecuteTemplate(&recs, "sru-record.xml.tmpl", rv); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	next := 0
	if end < len(stukken) {
		next = end + 1
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	tmpl.ExecuteTemplate(w, "sru-response.xml.tmpl", map[string]any{"Total": len(stukken), "Records": recs.String(), "Next": next,
		"Query": html.EscapeString(query), "Start": start, "Max": maxRec})
}

// Files returns every file of dir by name, with its contents: what a sync left there.
func Files(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}
