package loader

import (
	"reflect"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

// Letters of the same family that nobody tuned the loader for: the officielebekendmakingen
// layout, an HTML page with scripts and <sup> footnotes, and PDF text with hyphenation and
// plain-digit footnotes. They name people and organisations the bundled corpus does not.
func TestUnseenLetters(t *testing.T) {
	g, errs := LoadPaths("testdata")
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	props := func(id string, keys ...string) map[string]any {
		n := g.Node(id)
		if n == nil {
			t.Fatalf("no node %s", id)
		}
		out := map[string]any{}
		for _, k := range keys {
			if v, ok := n.Props[k]; ok {
				out[k] = v
			}
		}
		return out
	}
	edges := []struct {
		from string
		rel  kg.RelType
		want []string
	}{
		{"doc:28638-161", kg.SignedBy, []string{"person:grapperhaus"}},
		{"doc:28638-161", kg.OnBehalfOf, []string{"office:minister-van-sociale-zaken-en-werkgelegenheid", "office:staatssecretaris-van-volksgezondheid-welzijn-en-sport"}},
		{"doc:28638-161", kg.RespondsTo, []string{"motion:28638-149"}},
		{"person:yesilgoz-zegerius", kg.Submitted, []string{"motion:28638-149"}},          // a double surname is one member
		{"person:kuiken", kg.Submitted, []string{"motion:28638-155", "motion:28638-165"}}, // by footnotes: after the signature, and in the PDF
		{"org:sat", kg.Published, []string{"report:verborgen-arbeid-in-de-keten"}},
		{"org:minszw", kg.Commissioned, []string{"report:verborgen-arbeid-in-de-keten"}}, // "in opdracht van het ministerie van SZW"        // defined in the text: "(hierna: SAT)"
		{"doc:28638-199", kg.SignedBy, []string{"person:broekers-knol"}},
		{"doc:28638-199", kg.RespondsTo, []string{"motion:28638-190"}}, // <sup>1</sup> footnote in HTML
		{"action:41", kg.PartOf, []string{"actielijn:2"}},
		{"doc:pdf-letter-2021", kg.SignedBy, []string{"person:dekker"}},
		{"person:van-dijk", kg.Submitted, []string{"motion:29861-57"}}, // marker glued to the name: "Kuzu2"
		{"org:wodc", kg.Published, []string{"report:werk-in-uitvoering"}},
	}
	for _, e := range edges {
		if got := targets(g, e.from, e.rel); !reflect.DeepEqual(got, e.want) {
			t.Errorf("%s -%s-> %v, want %v", e.from, e.rel, got, e.want)
		}
	}
	metas := []struct {
		id   string
		want map[string]any
	}{
		{"doc:28638-161", map[string]any{kg.PropDate: "2018-05-25", kg.PropDossier: "28 638", kg.PropNumber: int64(161)}},
		{"doc:28638-199", map[string]any{kg.PropDate: "2020-10-12", kg.PropDossier: "28 638", kg.PropNumber: int64(199)}},
		{"doc:pdf-letter-2021", map[string]any{kg.PropTitle: "Aanpak arbeidsuitbuiting in de keten"}},
		{"motion:28638-190", map[string]any{kg.PropDateSubmitted: "2020-06-08", kg.PropDateAdopted: "2020-06-16", kg.PropStatus: kg.MotionInProgress, kg.PropFurthestStatus: kg.MotionInProgress}},
		{"motion:28638-155", map[string]any{kg.PropDateSubmitted: "2018-03-14", kg.PropDateAdopted: "2018-03-20", kg.PropCoSigned: true}},
		{"action:41", map[string]any{kg.PropBudgetYears: []int64{2020, 2021}, kg.PropBudgetEuro: []int64{25_000, 50_000}}},
		{"org:eju", map[string]any{kg.PropAbbreviation: "EJU"}},
	}
	for _, m := range metas {
		keys := make([]string, 0, len(m.want))
		for k := range m.want {
			keys = append(keys, k)
		}
		if got := props(m.id, keys...); !reflect.DeepEqual(got, m.want) {
			t.Errorf("%s: %v, want %v", m.id, got, m.want)
		}
	}
	// "onder-\nzoeksbureau" is one word again, "Onderzoek- en" keeps its hyphen
	text := g.Node("doc:pdf-letter-2021").Str(kg.PropText)
	for _, w := range []string{"onderzoeksbureau Regioplan", "distributiesector", "Wetenschappelijk Onderzoek- en Documentatiecentrum"} {
		if !strings.Contains(text, w) {
			t.Errorf("normalised text lacks %q", w)
		}
	}
	// the script of the HTML page is not text
	if strings.Contains(g.Node("doc:28638-199").Str(kg.PropText), "analytics") {
		t.Error("script content leaked into the document text")
	}
}
