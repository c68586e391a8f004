package loader

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

const sidecarMotion = "28 638 Mensenhandel\n\nNr. 167 MOTIE VAN DE LEDEN KUIK EN VAN DER GRAAF\n\nVoorgesteld 4 juli 2019\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering, een kader te formuleren,\n\nen gaat over tot de orde van de dag.\n\nKuik\n\nDe Graaf\n"

const sidecarJSON = `{"source":"tkodata+sru","file":"kst-28638-167.txt","dossier":"28638","number":167,
 "date":"2019-07-03","kind":"MOTION","statedKind":"Motie","title":"Motie van de leden Kuik en Van der Graaf over een kader",
 "activity":{"kind":"Tweeminutendebat","date":"2019-07-02","record":"https://example.org/Activiteit(a1)"},
 "record":"https://example.org/Document(d1)",
 "submitters":[{"name":"A.H. Kuik","party":"CDA","role":"Indiener"},{"name":"C.J.L. van der Graaf","party":"ChristenUnie","role":"Medeindiener"},
   {"name":"M.A. Segers","party":"ChristenUnie","role":"Medeindiener"},{"name":"vaste commissie voor Justitie en Veiligheid","role":"Voortouwcommissie"}],
 "decisions":[{"date":"2019-07-09","result":"ADOPTED","text":"Aangenomen.","record":"https://example.org/Besluit(b1)",
   "votes":[{"party":"CDA","vote":"FOR","seats":19,"record":"https://example.org/Stemming(s1)"},
            {"party":"PVV","vote":"AGAINST","seats":20,"record":"https://example.org/Stemming(s2)"}]}]}`

func TestSidecarStatedMetadataAndDecisions(t *testing.T) {
	g, errs := Load([]File{
		{Name: "kst-28638-167.txt", Data: []byte(sidecarMotion)},
		{Name: "kst-28638-167.meta.json", Data: []byte(sidecarJSON)},
	})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	doc := g.Node("doc:28638-167")
	if doc == nil {
		t.Fatal("no document doc:28638-167")
	}
	// the stated date and title win over the text's "Voorgesteld 4 juli 2019" and heading
	if got := doc.Str(kg.PropDate); got != "2019-07-03" {
		t.Errorf("date = %q, want the stated 2019-07-03", got)
	}
	if got := doc.Str(kg.PropTitle); !strings.HasPrefix(got, "Motie van de leden Kuik") {
		t.Errorf("title = %q, want the stated one", got)
	}
	m := g.Node("motion:28638-167")
	if m == nil {
		t.Fatal("no motion:28638-167")
	}
	if m.Name != "motie-Kuik/Van der Graaf" {
		t.Errorf("motion name = %q: the text's name must stay", m.Name)
	}
	ds := m.Decisions()
	if len(ds) != 1 || ds[0].Result != kg.DecisionAdopted || ds[0].Date != "2019-07-09" || len(ds[0].Votes) != 2 {
		t.Fatalf("decisions = %+v", ds)
	}
	if v := ds[0].Votes[1]; v.Party != "PVV" || v.Choice != kg.VoteAgainst || v.Seats != 20 || v.Record != "https://example.org/Stemming(s2)" {
		t.Errorf("second vote = %+v", v)
	}
	// the decision is a dated step of the status history too
	if got := m.Str(kg.PropStatus); got != kg.MotionAdopted {
		t.Errorf("status = %q, want ADOPTED from the stated decision", got)
	}
	if h := strings.Join(m.Strings(kg.PropStatusHistory), "\n"); !strings.Contains(h, `"status":"ADOPTED","date":"2019-07-09"`) || !strings.Contains(h, "Besluit(b1)") {
		t.Errorf("history lacks the decision: %s", h)
	}
	if got := m.Str(kg.PropStatedIn); got != "doc:28638-167" {
		t.Errorf("statedIn = %q", got)
	}
	p := g.Node("party:cda")
	if p == nil || p.Label != kg.Party || !slices.ContainsFunc(p.Mentions, func(ev kg.Evidence) bool { return strings.Contains(ev.Quote, "Stemming(s1)") }) {
		t.Fatalf("party:cda = %+v, want a Party mentioned by its vote record", p)
	}
	// the stated debate: an Event the text's mentions of it would merge with, SUBMITTED_IN
	if e := g.Node("event:tweeminutendebat-2019-07-02"); e == nil || e.Str(kg.PropKind) != "tweeminutendebat" {
		t.Fatalf("event = %+v", e)
	}
	if !slices.ContainsFunc(g.Edges, func(e kg.Edge) bool {
		return e.Type == kg.SubmittedIn && e.From == "motion:28638-167" && e.To == "event:tweeminutendebat-2019-07-02" &&
			strings.Contains(e.Evidence[0].Quote, "Activiteit(a1)")
	}) {
		t.Error("no SUBMITTED_IN from the motion to the stated debate, with the record as evidence")
	}
	// the records' submitters: the same Persons as the text's, and the one "c.s." hid
	for _, who := range []struct{ id, party string }{{"person:kuik", "party:cda"}, {"person:van-der-graaf", "party:christenunie"}, {"person:segers", "party:christenunie"}} {
		if !slices.ContainsFunc(g.Edges, func(e kg.Edge) bool { return e.Type == kg.Submitted && e.From == who.id && e.To == "motion:28638-167" }) {
			t.Errorf("%s did not submit the motion", who.id)
		}
		if !slices.ContainsFunc(g.Edges, func(e kg.Edge) bool { return e.Type == kg.MemberOf && e.From == who.id && e.To == who.party }) {
			t.Errorf("%s is no member of %s", who.id, who.party)
		}
	}
	if p := g.Node("person:van-der-graaf"); p == nil || p.Name != "Van der Graaf" {
		t.Errorf("person = %+v", p)
	}
	if g.Node("person:vaste-commissie-voor-justitie-en-veiligheid") != nil {
		t.Error("a committee is no submitter")
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestWithoutInitials(t *testing.T) {
	cases := map[string]string{"Q.M. Rajkowski": "Rajkowski", "D.M. van Weel": "Van Weel", "Bikker": "Bikker",
		"S.C. Kröger": "Kröger", "Yeşilgöz-Zegerius": "Yeşilgöz-Zegerius", "A.": "", "": ""}
	for in, want := range cases {
		if got := withoutInitials(in); got != want {
			t.Errorf("withoutInitials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSidecarProblemsAreWarnings(t *testing.T) {
	cases := []struct {
		name, sidecar, want string
	}{
		{"not JSON", `{"dossier":`, "metadata file not readable"},
		{"bad date", `{"date":"3 juli 2019"}`, "not YYYY-MM-DD"},
		{"bad activity date", `{"activity":{"kind":"Commissiedebat","date":"gisteren"}}`, "activity date"},
		{"unknown kind", `{"kind":"PAMPHLET"}`, "unknown kind"},
		{"unknown result", `{"decisions":[{"result":"MAYBE","text":"?","record":"r"}]}`, "unknown decision result"},
		{"vote without party", `{"decisions":[{"result":"ADOPTED","text":"Aangenomen.","record":"r","votes":[{"party":" ","vote":"FOR","record":"s"}]}]}`, "a vote needs a party"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, errs := Load([]File{
				{Name: "kst-28638-167.txt", Data: []byte(sidecarMotion)},
				{Name: "kst-28638-167.meta.json", Data: []byte(c.sidecar)},
			})
			if len(Failures(errs)) > 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), c.want) {
				t.Fatalf("errors = %v, want one warning with %q", errs, c.want)
			}
			if g.Node("doc:28638-167") == nil || g.Node("motion:28638-167") == nil {
				t.Error("the document must still load from its text")
			}
		})
	}
}

func TestSidecarWithoutDocument(t *testing.T) {
	_, errs := Load([]File{
		{Name: "kst-28638-167.txt", Data: []byte(sidecarMotion)},
		{Name: "kst-28638-999.meta.json", Data: []byte(`{}`)},
	})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "kst-28638-999.meta.json: metadata file without its document") {
		t.Fatalf("errors = %v", errs)
	}
}

// A motion whose text is not recognised as one still gets its stated decisions.
func TestSidecarMakesTheMotionFromStatedMetadata(t *testing.T) {
	g, errs := Load([]File{
		{Name: "kst-28638-300.txt", Data: []byte("Een tekst zonder kop.\n\nDe regering wordt iets gevraagd.\n")},
		{Name: "kst-28638-300.meta.json", Data: []byte(`{"dossier":"28638","number":300,"kind":"MOTION","date":"2024-02-01",
			"decisions":[{"result":"REJECTED","text":"Verworpen.","record":"https://example.org/Besluit(b9)"}]}`)},
	})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	m := g.Node("motion:28638-300")
	if m == nil || m.Name != "motie Kamerstuk 28 638, nr. 300" || len(m.Decisions()) != 1 || m.Str(kg.PropStatus) != kg.MotionRejected {
		t.Fatalf("motion = %+v", m)
	}
	if d := g.Node("doc:28638-300"); d == nil || d.Str(kg.PropKind) != kg.DocMotion {
		t.Fatalf("document = %+v, want the stated kind MOTION", d)
	}
	if !slices.ContainsFunc(g.Nodes, func(n kg.Node) bool { return n.ID == "motion:28638-300" }) {
		t.Fatal("motion not in the graph's node list")
	}
}

// FuzzSidecar: whatever a metadata file holds, the load does not panic, its graph is valid,
// and the document still loads.
func FuzzSidecar(f *testing.F) {
	f.Add([]byte(sidecarJSON))
	f.Add([]byte(`{"kind":"MOTION","dossier":"28638","number":167,"decisions":[{"result":"OTHER","text":"","record":""}]}`))
	f.Add([]byte(`{"number":-1}`))
	f.Add([]byte(`{"record":"r","signers":[{"name":"E.","role":"Afzender","function":"minister van Justitie en Veiligheid"},{"name":"—"},{"name":"Kuik, A.H.","function":"Tweede Kamerlid"},{"name":"","function":"staatssecretaris"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, _ := Load([]File{{Name: "kst-28638-167.txt", Data: []byte(sidecarMotion)}, {Name: "kst-28638-167.meta.json", Data: data}})
		if err := g.Validate(); err != nil {
			t.Fatal(err)
		}
		docs := 0
		for _, n := range g.Nodes {
			if n.Label == kg.Document && n.Str(kg.PropSourceFile) == "kst-28638-167.txt" {
				docs++
			}
		}
		if docs != 1 {
			t.Fatalf("%d documents from the file", docs)
		}
	})
}

// sidecarLetter is signed in its text by the Minister van Justitie en Veiligheid; its heading
// names the Minister voor Rechtsbescherming too.
const sidecarLetter = "28 638 Mensenhandel\n\nNr. 250 BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR RECHTSBESCHERMING\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 3 maart 2024\n\nHierbij informeer ik uw Kamer over de aanpak van mensenhandel.\n\nDe Minister van Justitie en Veiligheid,\n\nD. Yeşilgöz-Zegerius\n"

// TestSidecarSigners: the signers a metadata file states are who SIGNED_BY the document, with
// their source record as evidence; they win over the text's signature lines and heading, and
// are the text's Persons and Offices, not copies.
func TestSidecarSigners(t *testing.T) {
	type edge struct {
		typ kg.RelType
		to  string
	}
	cases := []struct {
		name    string
		signers string // the metadata file's "signers"
		want    []edge // SIGNED_BY and HOLDS_OFFICE (from the first signer) edges, in any order
		record  []edge // of those, the ones whose evidence names the source record
		printed []edge // of those, the ones whose evidence is the text's signature line
		kind    map[string]string
	}{
		{name: "no metadata signers: the text's signature and heading",
			signers: `[]`,
			want: []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.SignedBy, "office:minister-voor-rechtsbescherming"},
				{kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}},
			printed: []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}}},
		{name: "the same signer stated in the registers' order: one Person, both evidences",
			signers: `[{"name":"Yeşilgöz-Zegerius, D.","role":"Afzender","function":"minister van Justitie en Veiligheid"}]`,
			want:    []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}},
			record:  []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}},
			printed: []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}},
			kind:    map[string]string{"person:yesilgoz-zegerius": kg.PersonMinister}},
		{name: "a stated signer the text does not print wins; the text's guess is dropped",
			signers: `[{"name":"E. van der Burg","role":"Ondertekenaar","function":"staatssecretaris van Justitie en Veiligheid"}]`,
			want:    []edge{{kg.SignedBy, "person:van-der-burg"}, {kg.HoldsOffice, "office:staatssecretaris-van-justitie-en-veiligheid"}},
			record:  []edge{{kg.SignedBy, "person:van-der-burg"}, {kg.HoldsOffice, "office:staatssecretaris-van-justitie-en-veiligheid"}},
			kind:    map[string]string{"person:van-der-burg": kg.PersonStaatssecretaris}},
		{name: "an office stated without its holder signs itself",
			signers: `[{"name":"","role":"Afzender","function":"Minister voor Rechtsbescherming"}]`,
			want:    []edge{{kg.SignedBy, "office:minister-voor-rechtsbescherming"}},
			record:  []edge{{kg.SignedBy, "office:minister-voor-rechtsbescherming"}}},
		{name: "a member signing: a Person of kind MP, no office",
			signers: `[{"name":"A.H. Kuik","party":"CDA","role":"Ondertekenaar","function":"Tweede Kamerlid"}]`,
			want:    []edge{{kg.SignedBy, "person:kuik"}},
			record:  []edge{{kg.SignedBy, "person:kuik"}},
			kind:    map[string]string{"person:kuik": kg.PersonMP}},
		{name: "a motion's first signer, as the API names the member signing it",
			signers: `[{"name":"L.A.J.M. Dassen","party":"Volt","role":"Eerste ondertekenaar","function":"Tweede Kamerlid"}]`,
			want:    []edge{{kg.SignedBy, "person:dassen"}},
			record:  []edge{{kg.SignedBy, "person:dassen"}},
			kind:    map[string]string{"person:dassen": kg.PersonMP}},
		{name: "submitters, addressees and roles not known are no signers: the text decides",
			signers: `[{"name":"A.H. Kuik","role":"Indiener","function":"Tweede Kamerlid"},{"name":"","role":"Afzender","function":""},
				{"name":"","role":"Gericht aan","function":"minister van Justitie en Veiligheid"},{"name":"vaste commissie voor Justitie en Veiligheid","role":"Voortouwcommissie"}]`,
			want: []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.SignedBy, "office:minister-voor-rechtsbescherming"},
				{kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}},
			printed: []edge{{kg.SignedBy, "person:yesilgoz-zegerius"}, {kg.HoldsOffice, "office:minister-van-justitie-en-veiligheid"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, errs := Load([]File{
				{Name: "kst-28638-250.txt", Data: []byte(sidecarLetter)},
				{Name: "kst-28638-250.meta.json", Data: []byte(`{"source":"tkodata","record":"https://example.org/Document(d250)","signers":` + c.signers + `}`)},
			})
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if err := g.Validate(); err != nil {
				t.Fatal(err)
			}
			got := map[edge]kg.Edge{}
			for _, e := range g.Edges {
				if e.Type == kg.SignedBy && e.From == "doc:28638-250" || e.Type == kg.HoldsOffice {
					got[edge{e.Type, e.To}] = e
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("edges = %v, want %v", slices.Collect(maps.Keys(got)), c.want)
			}
			for _, w := range c.want {
				e, ok := got[w]
				if !ok {
					t.Errorf("no %s → %s", w.typ, w.to)
					continue
				}
				fromRecord := slices.ContainsFunc(e.Evidence, func(ev kg.Evidence) bool {
					return strings.Contains(ev.Quote, "source record https://example.org/Document(d250)")
				})
				if fromRecord != slices.Contains(c.record, w) {
					t.Errorf("%s → %s: evidence from the record = %v, want %v (%+v)", w.typ, w.to, fromRecord, !fromRecord, e.Evidence)
				}
				fromText := slices.ContainsFunc(e.Evidence, func(ev kg.Evidence) bool { return strings.Contains(ev.Quote, "Yeşilgöz-Zegerius") && ev.End > 0 })
				if fromText != slices.Contains(c.printed, w) {
					t.Errorf("%s → %s: evidence from the signature line = %v, want %v (%+v)", w.typ, w.to, fromText, !fromText, e.Evidence)
				}
			}
			for id, kind := range c.kind {
				if n := g.Node(id); n == nil || n.Str(kg.PropKind) != kind {
					t.Errorf("%s = %+v, want kind %s", id, n, kind)
				}
			}
			persons := 0
			for _, n := range g.Nodes {
				if n.Label == kg.Person {
					persons++
				}
			}
			if persons != 1 && len(c.kind)+len(c.printed) > 0 {
				t.Errorf("%d persons, want 1 (no copies)", persons)
			}
		})
	}
}

func TestStatedName(t *testing.T) {
	for in, want := range map[string]string{"Burg, E. van der": "E. van der Burg", "Van der Burg": "Van der Burg",
		" D.  Yeşilgöz-Zegerius ": "D. Yeşilgöz-Zegerius", "Justitie, Veiligheid": "Justitie, Veiligheid",
		"E.": "", ".": "", " — ": "", "Burg, E.": "E. Burg"} {
		if got := statedName(in); got != want {
			t.Errorf("statedName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A document its metadata file marks deleted upstream loads as it was, with a warning naming it.
func TestSidecarDeletedUpstreamIsAWarning(t *testing.T) {
	g, errs := Load([]File{
		{Name: "kst-28638-167.txt", Data: []byte(sidecarMotion)},
		{Name: "kst-28638-167.meta.json", Data: []byte(`{"source":"tkodata","dossier":"28638","number":167,"kind":"MOTION","deleted":true}`)},
	})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "kst-28638-167.meta.json") || !strings.Contains(errs[0].Error(), "deleted upstream") {
		t.Fatalf("errors = %v, want one warning naming the metadata file", errs)
	}
	if w := (*Warning)(nil); !errors.As(errs[0], &w) {
		t.Errorf("%T is no warning", errs[0])
	}
	if g.Node("doc:28638-167") == nil {
		t.Error("the document did not load")
	}
}

// TestSidecarOnlyInItsOwnDirectory: a metadata file describes the document of its stem in
// its own directory; one of the same name in another directory is not its document's.
func TestSidecarOnlyInItsOwnDirectory(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/kst-28638-167.txt", sidecarMotion)
	write("b/kst-28638-167.meta.json", sidecarJSON)
	g, errs := Options{}.LoadPaths(filepath.Join(root, "a"), filepath.Join(root, "b"))
	if doc := g.Node("doc:28638-167"); doc == nil || doc.Str(kg.PropDate) == "2019-07-03" {
		t.Fatalf("the document took the metadata of another directory: %+v", doc)
	}
	if !slices.ContainsFunc(errs, func(err error) bool { return strings.Contains(err.Error(), "metadata file without its document") }) {
		t.Errorf("no warning for the metadata file without its document: %v", errs)
	}

	write("b/kst-28638-167.txt", sidecarMotion) // now it has its document beside it
	g, _ = Options{}.LoadPaths(filepath.Join(root, "b"))
	if doc := g.Node("doc:28638-167"); doc == nil || doc.Str(kg.PropDate) != "2019-07-03" {
		t.Fatalf("the metadata file beside its document was not applied: %+v", doc)
	}
}
