package loader

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sort"
	"testing"

	"beleidsgraaf/kg"
)

// corpusGraph loads the bundled corpus for the tests of this file.
func corpusGraph(t *testing.T) *kg.Graph {
	t.Helper()
	g, errs := LoadPaths("../corpus")
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatalf("loading the bundled corpus: %v", errs)
	}
	if err := g.Validate(); err != nil {
		t.Fatalf("invalid graph: %v", err)
	}
	return g
}

func node(t *testing.T, g *kg.Graph, id string) *kg.Node {
	t.Helper()
	n := g.Node(id)
	if n == nil {
		t.Fatalf("no node %s", id)
	}
	return n
}

// targets lists the ends of edges of a type from a node, sorted.
func targets(g *kg.Graph, from string, rel kg.RelType) []string {
	var out []string
	for _, e := range g.Edges {
		if e.From == from && e.Type == rel {
			out = append(out, e.To)
		}
	}
	sort.Strings(out)
	return out
}

// sources lists the starts of edges of a type into a node, sorted.
func sources(g *kg.Graph, to string, rel kg.RelType) []string {
	var out []string
	for _, e := range g.Edges {
		if e.To == to && e.Type == rel {
			out = append(out, e.From)
		}
	}
	sort.Strings(out)
	return out
}

func TestDocumentMetadata(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		file, id, kind, title, date, kenmerk, dossier string
		number                                        int64
	}{
		{"000_749c75a436ca6fa8.txt", "doc:kenmerk-6013609", kg.DocLetter, "Brief inzake moties en toezeggingen op het dossier mensenhandel", "2023-12-18", "6013609", "", 0},
		{"001_b8d66ee18e56825f.txt", "doc:28638-257", kg.DocLetter, "Voortgangsbrief Samen tegen mensenhandel", "2025-07-04", "", "28 638", 257},
		{"002_ac874827bdd69c8f.txt", "doc:002-ac874827bdd69c8f", kg.DocLetter, "Versteviging van het fundament onder de opsporing en vervolging van mensenhandelaren", "", "", "", 0},
		{"003_3b4b77d0646e1d2f.txt", "doc:kenmerk-5155148", kg.DocLetter, "Brief over het Actieplan Samen tegen mensenhandel", "2024-02-02", "5155148", "", 0},
		{"004_42071ba722200f6a.txt", "doc:kenmerk-4954620", kg.DocMemo, "Beslisnota bij beleidsreactie op CKM rapport 'Onzichtbare slachtoffers van mensenhandel in 2022'", "2023-10-06", "4954620", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n := node(t, g, tt.id)
			if n.Label != kg.Document {
				t.Fatalf("label %s", n.Label)
			}
			got := map[string]any{"sourceFile": n.Str(kg.PropSourceFile), "kind": n.Str(kg.PropKind), "title": n.Str(kg.PropTitle),
				"date": n.Str(kg.PropDate), "kenmerk": n.Str(kg.PropKenmerk), "dossier": n.Str(kg.PropDossier)}
			want := map[string]any{"sourceFile": tt.file, "kind": tt.kind, "title": tt.title, "date": tt.date, "kenmerk": tt.kenmerk, "dossier": tt.dossier}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("metadata\n got %v\nwant %v", got, want)
			}
			if nr, _ := n.Int(kg.PropNumber); nr != tt.number {
				t.Errorf("number %d, want %d", nr, tt.number)
			}
		})
	}
}

func TestSignatoriesAndOffices(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		doc, person, office string
		onBehalfOf          []string
	}{
		{"doc:kenmerk-6013609", "person:van-der-burg", "office:staatssecretaris-van-justitie-en-veiligheid", nil},
		{"doc:28638-257", "person:van-weel", "office:minister-van-justitie-en-veiligheid", []string{
			"office:minister-van-buitenlandse-zaken", "office:minister-van-sociale-zaken-en-werkgelegenheid",
			"office:minister-voor-asiel-en-migratie", "office:staatssecretaris-van-jeugd-preventie-en-sport",
			"office:staatssecretaris-van-langdurige-en-maatschappelijke-zorg"}},
		{"doc:002-ac874827bdd69c8f", "person:broekers-knol", "office:staatssecretaris-van-justitie-en-veiligheid", nil},
		{"doc:kenmerk-5155148", "person:van-der-burg", "office:staatssecretaris-van-justitie-en-veiligheid", []string{
			"office:minister-van-buitenlandse-zaken", "office:minister-van-sociale-zaken-en-werkgelegenheid",
			"office:minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking",
			"office:staatssecretaris-van-volksgezondheid-welzijn-en-sport"}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			if got := targets(g, tt.doc, kg.SignedBy); !reflect.DeepEqual(got, []string{tt.person}) {
				t.Errorf("SIGNED_BY %v, want %s", got, tt.person)
			}
			if got := targets(g, tt.person, kg.HoldsOffice); !slices.Contains(got, tt.office) {
				t.Errorf("HOLDS_OFFICE %v, want %s", got, tt.office)
			}
			if got := targets(g, tt.doc, kg.OnBehalfOf); !reflect.DeepEqual(got, tt.onBehalfOf) {
				t.Errorf("ON_BEHALF_OF\n got %v\nwant %v", got, tt.onBehalfOf)
			}
		})
	}
	if got := targets(g, "doc:kenmerk-4954620", kg.AddressedTo); !reflect.DeepEqual(got, []string{"office:staatssecretaris-van-justitie-en-veiligheid"}) {
		t.Errorf("beslisnota ADDRESSED_TO %v", got)
	}
}

func TestCitations(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		doc  string
		want []string // every one of these must be cited
	}{
		// footnotes with superscript markers, "nr.231" without a space, "nr. 184 en 203"
		{"doc:kenmerk-6013609", []string{"doc:28638-184", "doc:28638-203", "doc:28638-224", "doc:28638-229", "doc:28638-231", "doc:28638-233", "doc:35300-25"}},
		// in-text "(Kamerstuk 28 638, nr. 254)"
		{"doc:28638-257", []string{"doc:28638-251", "doc:28638-254"}},
		// "Kamerstukken 2023/24, 28638 nr. 233", "2023/2024", "35 570 VI, nr. 50", "2024D03521"
		{"doc:kenmerk-5155148", []string{"doc:28638-233", "doc:28638-238", "doc:28638-240", "doc:28638-242", "doc:28638-244", "doc:28638-245", "doc:28684-717", "doc:35570-vi-50", "doc:2024d03521"}},
		// "Kamerstukken II 2021, 28638, nr. 205"
		{"doc:kenmerk-4954620", []string{"doc:28638-205"}},
		// PDF text with plain-digit footnotes, "35 300 XVII, nr. 34"
		{"doc:002-ac874827bdd69c8f", []string{"doc:29628-960", "doc:29628-963", "doc:35300-25", "doc:28638-178", "doc:35300-xvii-34", "doc:29279-599"}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			got := targets(g, tt.doc, kg.Cites)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s does not cite %s; cites %v", tt.doc, w, got)
				}
			}
		})
	}
	ref := node(t, g, "doc:35300-xvii-34")
	if ref.Str(kg.PropCitation) != "Kamerstuk 35 300 XVII, nr. 34" || ref.Str(kg.PropKind) != kg.DocReference {
		t.Errorf("reference document %+v", ref.Props)
	}
}

func TestMotions(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		id         string
		submitters []string
		status     string
		submitted  string
		adopted    string
		respondBy  []string
	}{
		{"motion:28638-231", []string{"person:bikker", "person:verkuilen"}, kg.MotionCompleted, "2023-09-27", "2023-10-03", []string{"doc:kenmerk-6013609"}},
		{"motion:28638-229", []string{"person:bikker", "person:mutluer"}, kg.MotionInProgress, "2023-09-27", "2023-10-03", []string{"doc:kenmerk-6013609"}},
		{"motion:28638-224", []string{"person:bikker", "person:kuik", "person:mutluer", "person:podt"}, kg.MotionInProgress, "2023-09-27", "", []string{"doc:kenmerk-6013609"}},
		{"motion:35300-25", []string{"person:asscher", "person:segers"}, kg.MotionCompleted, "", "", []string{"doc:002-ac874827bdd69c8f", "doc:kenmerk-6013609"}},
		{"motion:28638-244", []string{"person:mutluer"}, kg.MotionInProgress, "2023-12-21", "2023-12-21", []string{"doc:kenmerk-5155148"}},
		{"motion:28638-242", []string{"person:bikker", "person:krul"}, kg.MotionInProgress, "", "2023-12-21", []string{"doc:kenmerk-5155148"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			n := node(t, g, tt.id)
			if got := sources(g, tt.id, kg.Submitted); !reflect.DeepEqual(got, tt.submitters) {
				t.Errorf("submitters %v, want %v", got, tt.submitters)
			}
			if got := n.Str(kg.PropStatus); got != tt.status {
				t.Errorf("status %s, want %s", got, tt.status)
			}
			if got := n.Str(kg.PropDateSubmitted); got != tt.submitted {
				t.Errorf("submitted %q, want %q", got, tt.submitted)
			}
			if got := n.Str(kg.PropDateAdopted); got != tt.adopted {
				t.Errorf("adopted %q, want %q", got, tt.adopted)
			}
			if got := sources(g, tt.id, kg.RespondsTo); !reflect.DeepEqual(got, tt.respondBy) {
				t.Errorf("responded to by %v, want %v", got, tt.respondBy)
			}
		})
	}
	// Different motions by the same submitter stay apart.
	if g.Node("motion:28638-244") == nil || g.Node("motion:28638-245") == nil {
		t.Error("motie-Mutluer c.s. nr. 244 and nr. 245 must be two motions")
	}
	// The unnumbered first mention of "motie van de leden Bikker en Verkuilen" is the numbered one.
	if g.Node("motion:bikker-verkuilen") != nil {
		t.Error("an unnumbered mention of motion 231 became a motion of its own")
	}
	if got := targets(g, "motion:28638-231", kg.SubmittedIn); !reflect.DeepEqual(got, []string{"event:tweeminutendebat-2023-09-27"}) {
		t.Errorf("SUBMITTED_IN %v", got)
	}
	if got := targets(g, "person:mutluer", kg.MemberOf); !reflect.DeepEqual(got, []string{"party:gl-pvda"}) {
		t.Errorf("Mutluer MEMBER_OF %v", got)
	}
}

func TestActionPlan(t *testing.T) {
	g := corpusGraph(t)
	titles := map[int]string{
		1: "Creëren van brede bewustwording",
		2: "Vergroten van de meldingsbereidheid",
		3: "Investeren in en werken aan een betere vaststelling van slachtofferschap en bescherming van slachtoffers",
		4: "Verbeteren van de (bovenregionale en regionale) samenwerking",
		5: "Verbetering van de informatiedeling en gegevensverwerking",
		6: "Versterken van de positie van minderjarige slachtoffers",
	}
	for n, title := range titles {
		al := node(t, g, kg.ActielijnID(n))
		if al.Str(kg.PropTitle) != title {
			t.Errorf("actielijn %d title %q, want %q", n, al.Str(kg.PropTitle), title)
		}
		if got := targets(g, al.ID, kg.PartOf); !reflect.DeepEqual(got, []string{"actionplan:samen-tegen-mensenhandel"}) {
			t.Errorf("actielijn %d PART_OF %v", n, got)
		}
	}
	if got := sources(g, "actielijn:6", kg.Holds); !reflect.DeepEqual(got, []string{"org:defence-for-children", "org:fier"}) {
		t.Errorf("holders of actielijn 6: %v", got)
	}
	budgets := []struct {
		id    string
		years []int64
		euro  []int64
		part  string
	}{
		{"action:1", []int64{2024}, []int64{50_000}, "actielijn:1"}, // "€ x10.000" unit
		{"action:13", []int64{2024, 2025, 2026}, []int64{50_000, 50_000, 50_000}, "actielijn:2"},
		{"action:18", []int64{2025}, []int64{200_000}, "actielijn:3"},
		{"action:20", []int64{2024, 2025, 2026}, []int64{50_000, 50_000, 50_000}, "actielijn:4"},
		{"action:31", []int64{2025}, []int64{300_000}, "actielijn:5"},
		{"actielijn:2", []int64{2024, 2025, 2026}, []int64{150_000, 400_000, 350_000}, ""}, // "€ 2 mln." unit
	}
	for _, b := range budgets {
		n := node(t, g, b.id)
		if !reflect.DeepEqual(n.Ints(kg.PropBudgetYears), b.years) || !reflect.DeepEqual(n.Ints(kg.PropBudgetEuro), b.euro) {
			t.Errorf("%s budget %v %v, want %v %v", b.id, n.Ints(kg.PropBudgetYears), n.Ints(kg.PropBudgetEuro), b.years, b.euro)
		}
		if b.part != "" {
			if got := targets(g, b.id, kg.PartOf); !reflect.DeepEqual(got, []string{b.part}) {
				t.Errorf("%s PART_OF %v, want %s", b.id, got, b.part)
			}
		}
	}
	// a title that wraps onto a second table row is joined
	if got := node(t, g, "action:20").Name; got != "Op bestuurlijk niveau blijvende aandacht voor de aanpak van mensenhandel en de rol van gemeenten hierin." && got != "Op bestuurlijk niveau blijvende aandacht voor de aanpak van mensenhandel en de rol van gemeenten hierin" {
		t.Errorf("action 20 title %q", got)
	}
	count := 0
	for _, n := range g.Nodes {
		if n.Label == kg.Action {
			count++
		}
	}
	if count != 32 {
		t.Errorf("%d actions, want 32 (the four tables of the annex)", count)
	}
}

func TestProposals(t *testing.T) {
	g := corpusGraph(t)
	p := node(t, g, "proposal:4")
	if p.Str(kg.PropTheme) != "Klantaanpak" || p.Str(kg.PropEstimatedCost) != "Nog onbekend." {
		t.Errorf("proposal 4 %v", p.Props)
	}
	tests := map[string][]string{
		"proposal:4":  {"proposal:26", "proposal:27"},
		"proposal:8":  {"actielijn:3"},
		"proposal:7":  {"motion:35570-vi-50", "proposal:6"},
		"proposal:13": {"actielijn:4", "action:22", "action:24", "action:25", "action:26", "action:27", "action:28", "action:29"},
	}
	for id, want := range tests {
		if got := targets(g, id, kg.RelatesTo); !reflect.DeepEqual(got, want) {
			t.Errorf("%s RELATES_TO %v, want %v", id, got, want)
		}
	}
}

func TestOrganisationsResolve(t *testing.T) {
	g := corpusGraph(t)
	ckm := node(t, g, "org:ckm")
	for _, alias := range []string{"CKM", "Centrum Kinderhandel en Mensenhandel"} {
		if !slices.Contains(ckm.Aliases, alias) {
			t.Errorf("CKM lacks alias %q: %v", alias, ckm.Aliases)
		}
	}
	// every letter that names CKM in any spelling points at the one node
	want := []string{"doc:002-ac874827bdd69c8f", "doc:28638-257", "doc:kenmerk-4954620", "doc:kenmerk-5155148", "doc:kenmerk-6013609"}
	if got := sources(g, "org:ckm", kg.Mentions); !reflect.DeepEqual(got, want) {
		t.Errorf("CKM mentioned by %v, want all five letters (each spells it differently)", got)
	}
	if got := targets(g, "org:ckm", kg.Published); !slices.Contains(got, "report:van-kwaad-tot-erger") {
		t.Errorf("CKM PUBLISHED %v", got)
	}
	// defined in the text, not in the dictionary
	if n := g.Node("org:lovp"); n == nil || n.Name != "Landelijk Overleg Veiligheid en Politie" {
		t.Errorf("LOVP from its definition: %+v", n)
	}
}

func TestEvidenceOffsetsPointAtQuotes(t *testing.T) {
	g := corpusGraph(t)
	texts := map[string][]rune{}
	for _, n := range g.Nodes {
		if s := n.Str(kg.PropText); s != "" {
			texts[n.ID] = []rune(s)
		}
	}
	check := func(where string, ev kg.Evidence) {
		text, ok := texts[ev.Document]
		if !ok {
			t.Fatalf("%s: evidence in %s, which has no text", where, ev.Document)
		}
		if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End || string(text[ev.Start:ev.End]) != ev.Quote {
			t.Fatalf("%s: offsets %d-%d do not hold %q", where, ev.Start, ev.End, ev.Quote)
		}
	}
	for _, n := range g.Nodes {
		for _, ev := range n.Mentions {
			check(n.ID, ev)
		}
	}
	for _, e := range g.Edges {
		for _, ev := range e.Evidence {
			check(e.ID(), ev)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := json.Marshal(corpusGraph(t))
	b, _ := json.Marshal(corpusGraph(t))
	if string(a) != string(b) {
		t.Fatal("two loads of the same corpus differ")
	}
}

func TestBadFileDoesNotStopTheRest(t *testing.T) {
	files, errs := ReadDirs("../corpus")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files = append(files,
		File{Name: "broken.pdf", Data: []byte("%PDF-1.4 truncated")},
		File{Name: "binary.txt", Data: []byte{0x00, 0x01, 0x02, 'a'}},
		File{Name: "empty.txt", Data: nil},
	)
	g, errs := Load(files)
	var names []string
	for _, err := range Failures(errs) {
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("error without a file: %v", err)
		}
		names = append(names, fe.File)
	}
	sort.Strings(names)
	if !reflect.DeepEqual(names, []string{"binary.txt", "broken.pdf", "empty.txt"}) {
		t.Errorf("errors for %v", names)
	}
	if g.Node("doc:28638-257") == nil || g.Node("actielijn:6") == nil {
		t.Error("the good documents did not load")
	}
}

func TestRolesAndMemberships(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		to   string
		rel  kg.RelType
		want []string
	}{
		// "In opdracht van de VNG, het CCV en CoMensha heeft … DSP-groep samen met de
		// opdrachtgevers bouwstenen opgesteld": all four work on the actielijn
		{"actielijn:4", kg.Executes, []string{"org:ccv", "org:comensha", "org:dsp-groep", "org:metastory", "org:riec-midden-nederland", "org:vng"}},
		{"actielijn:3", kg.Coordinates, []string{"org:comensha"}},
		{"actielijn:2", kg.Executes, []string{"org:fairwork", "org:significant-public"}},
		{"org:som", kg.MemberOf, []string{"org:ckm", "org:comensha", "org:defence-for-children", "org:essm", "org:fairwork",
			"org:fier", "org:hvo-querido", "org:leger-des-heils", "org:lumens", "org:moviera", "org:rode-kruis", "org:shop"}},
		{"org:regiegroep", kg.MemberOf, []string{"org:comensha", "org:liec", "org:minbz", "org:minjenv", "org:minszw", "org:minvws",
			"org:nla", "org:om", "org:politie", "org:riec", "org:som", "org:vng"}},
	}
	for _, tt := range tests {
		if got := sources(g, tt.to, tt.rel); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("-%s-> %s from\n got %v\nwant %v", tt.rel, tt.to, got, tt.want)
		}
	}
	if got := targets(g, "org:avim", kg.PartOf); !reflect.DeepEqual(got, []string{"org:politie"}) {
		t.Errorf("AVIM PART_OF %v", got)
	}
}

func TestCommitments(t *testing.T) {
	g := corpusGraph(t)
	tests := []struct {
		id, doc, event, date string
	}{
		// numbered by its footnote "Toezegging nr. 118836"
		{"commitment:118836", "doc:kenmerk-6013609", "", ""},
		{"commitment:in-het-programma-samen-tegen-mensenhandel-terug-te", "doc:kenmerk-6013609", "event:debat-2023-01-19", "2023-01-19"},
		{"commitment:u-nader-te-informeren-over-de-stand-van", "doc:kenmerk-6013609", "event:mondelinge-vragenuur-2023-06-13", "2023-06-13"},
		// made in "het debat" of 21 December 2023 named before (its MADE step dates it), fulfilled
		// two blocks further: "Met deze brief voer ik … deze toezegging uit"
		{"commitment:nog-voordat-uw-kamer-de-begroting-van-het", "doc:kenmerk-5155148", "", "2023-12-21"},
	}
	for _, tt := range tests {
		n := node(t, g, tt.id)
		if got := sources(g, tt.id, kg.RespondsTo); !slices.Contains(got, tt.doc) {
			t.Errorf("%s responded to by %v, want %s", tt.id, got, tt.doc)
		}
		if tt.event != "" {
			if got := targets(g, tt.id, kg.MadeIn); !reflect.DeepEqual(got, []string{tt.event}) {
				t.Errorf("%s MADE_IN %v, want %s", tt.id, got, tt.event)
			}
		}
		if got := n.Str(kg.PropDate); got != tt.date {
			t.Errorf("%s date %q, want %q", tt.id, got, tt.date)
		}
	}
	if nr, _ := node(t, g, "commitment:118836").Int(kg.PropNumber); nr != 118836 {
		t.Errorf("commitment number %d", nr)
	}
}
