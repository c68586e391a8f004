package loader

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// recognised runs one recogniser over every sentence of a small document, the way the load
// does: only on sentences whose triggers occur. It also runs it on every sentence without
// the dispatcher and fails if the triggers kept it from a fact.
func recognised(t *testing.T, r *sentenceRecogniser, text string) []string {
	t.Helper()
	d, err := prepare(File{Name: "test.txt", Data: []byte(text)})
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	d.index()
	orgs := testIndex(t)
	bit := recogniserBit(r)
	if bit == 0 {
		t.Fatalf("recogniser %s is not registered", r.name)
	}
	var dispatched, everywhere facts
	var folded []byte
	for _, s := range d.sents {
		v := &sentenceView{d: d, s: s, text: d.str(s), orgs: orgs, planMentioned: true}
		r.recognise(v, &everywhere)
		folded = foldASCII(folded, d.str(s))
		if sentenceDispatch.active(folded)&bit != 0 {
			r.recognise(&sentenceView{d: d, s: s, text: d.str(s), orgs: orgs, planMentioned: true}, &dispatched)
		}
	}
	got, all := keys(dispatched), keys(everywhere)
	if !slices.Equal(got, all) {
		t.Errorf("%s: the triggers %q hide facts:\n with triggers: %q\n on every sentence: %q", r.name, r.triggers, got, all)
	}
	return got
}

func keys(f facts) []string {
	var out []string
	for _, x := range f.list {
		out = append(out, x.key())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func testIndex(t *testing.T) *orgIndex {
	t.Helper()
	ix := dictionaryIndex().clone()
	for _, e := range findDefinitions("Het Expertisecentrum Mensenhandel en Mensensmokkel (EMM) telt mee.") {
		ix.add(e)
	}
	return ix
}

// recogniserCases are sentences in, facts out, for every recogniser; a case without facts
// is a sentence that must yield nothing.
var recogniserCases = []struct {
	r    *sentenceRecogniser
	text string
	want []string
}{
	{&citationRecogniser, "Zie Kamerstuk 28 638, nr. 224 en de brief van 12 maart.", []string{
		"edge CITES doc:test → doc:28638-224", "node Document doc:28638-224"}},
	{&citationRecogniser, "Het verslag (Kamerstukken II 2023/24, 28638, nrs. 230 en 231) volgt.", []string{
		"edge CITES doc:test → doc:28638-230", "edge CITES doc:test → doc:28638-231",
		"node Document doc:28638-230", "node Document doc:28638-231"}},
	{&citationRecogniser, "Het document 2024D03838 is openbaar.", []string{
		"edge CITES doc:test → doc:2024d03838", "node Document doc:2024d03838"}},
	{&citationRecogniser, "In 2023 zijn 638 meldingen gedaan.", nil},

	{&organisationRecogniser, "CoMensha en de Nationaal Rapporteur werken samen.", []string{
		"edge MENTIONS doc:test → org:comensha", "edge MENTIONS doc:test → org:nrm",
		"node Organisation org:comensha", "node Organisation org:nrm"}},
	{&organisationRecogniser, "Om dit te bereiken is meer nodig.", nil},

	{&articleRecogniser, "Dit valt onder artikel 273f Wetboek van Strafrecht.", []string{
		"edge MENTIONS doc:test → law:artikel-273f-sr", "node Legislation law:artikel-273f-sr"}},
	{&articleRecogniser, "Richtlijn 2011/36/EU wordt herzien.", []string{
		"edge MENTIONS doc:test → law:richtlijn-2011-36-eu", "node Legislation law:richtlijn-2011-36-eu"}},
	{&articleRecogniser, "Zoals bepaald in artikel 20 is dit toegestaan.", nil},

	{&namedLawRecogniser, "Dit regelen wij met de Wet seksuele misdrijven.", []string{
		"edge MENTIONS doc:test → law:wet-seksuele-misdrijven", "node Legislation law:wet-seksuele-misdrijven"}},
	{&namedLawRecogniser, "Volgens de wet is dit strafbaar.", nil},

	{&actielijnRecogniser, "Actielijn 5 (Verbetering van de informatiedeling) loopt.", []string{
		"edge MENTIONS doc:test → actielijn:5", "edge PART_OF actielijn:5 → actionplan:samen-tegen-mensenhandel",
		"node Actielijn actielijn:5"}},
	{&actielijnRecogniser, "De actielijnen worden later beschreven.", nil},

	{&quotedReportRecogniser, "Het CKM heeft het rapport «Van kwaad tot erger» gepubliceerd.", []string{
		"edge PUBLISHED org:ckm → report:van-kwaad-tot-erger", "edge MENTIONS doc:test → report:van-kwaad-tot-erger",
		"node Organisation org:ckm", "node Report report:van-kwaad-tot-erger"}},
	{&quotedReportRecogniser, "Hij zei: «dat is goed».", nil},
	{&namedReportRecogniser, "De Dadermonitor 2017-2021 verscheen.", []string{
		"edge MENTIONS doc:test → report:dadermonitor-2017-2021", "node Report report:dadermonitor-2017-2021"}},
	{&namedReportRecogniser, "Wij monitoren de voortgang.", nil},

	{&holderRecogniser, "Het OM en de politie zijn actiehouder van actielijn 4.", []string{
		"edge HOLDS org:om → actielijn:4", "edge HOLDS org:politie → actielijn:4",
		"node Actielijn actielijn:4", "node Organisation org:om", "node Organisation org:politie"}},
	{&holderRecogniser, "Er is nog geen actiehouder.", nil},

	{&roleRecogniser, "In opdracht van CoMensha heeft Fier het rapport «Zicht op uitbuiting» opgesteld.", []string{
		"edge COMMISSIONED org:comensha → report:zicht-op-uitbuiting", "node Organisation org:comensha"}},
	{&roleRecogniser, "CoMensha is een stichting.", nil},

	{&memberRecogniser, "Het SOM bestaat uit de volgende organisaties: CoMensha, Fier en het OM.", []string{
		"edge MEMBER_OF org:comensha → org:som", "edge MEMBER_OF org:fier → org:som", "edge MEMBER_OF org:om → org:som",
		"node Organisation org:comensha", "node Organisation org:fier", "node Organisation org:om", "node Organisation org:som"}},
	{&memberRecogniser, "Het SOM bestaat uit veel leden.", nil},

	{&partOfRecogniser, "Het AVIM is een afdeling van de politie.", []string{
		"edge PART_OF org:avim → org:politie", "node Organisation org:avim", "node Organisation org:politie"}},
	{&partOfRecogniser, "Het AVIM en de KMar werken samen.", nil},

	{&motionRecogniser, "Met deze brief geef ik uitvoering aan de motie van de leden Kuik en Bikker (Kamerstuk 28 638, nr. 167).", []string{
		"motion motion:28638-167 by bikker/kuik"}},
	{&motionRecogniser, "De Kamer heeft geen moties aangenomen.", nil},

	{&commitmentRecogniser, "Tijdens het commissiedebat van 5 juni jl. heb ik uw Kamer toegezegd dat ik de evaluatie van het actieplan voor de zomer zal sturen.", []string{
		"edge MADE_IN commitment:ik-de-evaluatie-van-het-actieplan-voor-de → event:commissiedebat-2024-06-05",
		"edge MENTIONS doc:test → commitment:ik-de-evaluatie-van-het-actieplan-voor-de",
		"node Commitment commitment:ik-de-evaluatie-van-het-actieplan-voor-de", "node Event event:commissiedebat-2024-06-05",
		"steps of commitment:ik-de-evaluatie-van-het-actieplan-voor-de: MADE 2024-06-05"}},
	{&commitmentRecogniser, "Zoals toegezegd in het mondelinge vragenuur van 3 oktober volgt hier de stand van zaken.", nil},

	{&eventRecogniser, "Tijdens het tweeminutendebat van 27 september 2023 is dit besproken.", []string{
		"edge MENTIONS doc:test → event:tweeminutendebat-2023-09-27", "node Event event:tweeminutendebat-2023-09-27"}},
	{&eventRecogniser, "Het debat wordt later gepland.", nil},

	{&officeRecogniser, "De Minister voor Rechtsbescherming gaat in gesprek.", []string{
		"edge MENTIONS doc:test → office:minister-voor-rechtsbescherming", "node Office office:minister-voor-rechtsbescherming"}},
	{&officeRecogniser, "De ministers zijn het eens.", nil},

	{&onBehalfRecogniser, "Deze brief stuur ik mede namens de Minister van Sociale Zaken en Werkgelegenheid.", []string{
		"edge ON_BEHALF_OF doc:test → office:minister-van-sociale-zaken-en-werkgelegenheid",
		"node Office office:minister-van-sociale-zaken-en-werkgelegenheid"}},
	{&onBehalfRecogniser, "Ik spreek namens mijzelf.", nil},
	{&onBehalfRecogniser, "Nr. 12 BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDeze brief stuur ik mede namens de hierboven genoemde bewindspersonen.\n\nDe Minister van Justitie en Veiligheid,\n\nD. Yeşilgöz-Zegerius", []string{
		"edge ON_BEHALF_OF doc:test → office:minister-van-sociale-zaken-en-werkgelegenheid", "node Office office:minister-van-sociale-zaken-en-werkgelegenheid"}},

	{&planRecogniser, "Het Actieplan programma Samen tegen mensenhandel is vernieuwd.", []string{
		"edge MENTIONS doc:test → actionplan:samen-tegen-mensenhandel", "node ActionPlan actionplan:samen-tegen-mensenhandel"}},
	{&planRecogniser, "Het actieplan van de gemeente volgt.", nil},

	{&memberMentionRecogniser, "Het antwoord op vragen van de leden Van der Staaij (SGP), Segers en Kuik (beiden CU) volgt.", []string{
		"edge MEMBER_OF person:kuik → party:cu", "edge MEMBER_OF person:segers → party:cu", "edge MEMBER_OF person:van-der-staaij → party:sgp",
		"edge MENTIONS doc:test → person:kuik", "edge MENTIONS doc:test → person:segers", "edge MENTIONS doc:test → person:van-der-staaij",
		"node Party party:cu", "node Party party:sgp",
		"node Person person:kuik", "node Person person:segers", "node Person person:van-der-staaij"}},
	{&memberMentionRecogniser, "De leden van de VVD-fractie en het lid van de commissie (Kamerstuk 28 638, nr. 1) vragen dit.", nil},
}

// letterDate gives the test documents a date, so that "5 juni jl." has a year.
const letterDate = "Datum 18 december 2024\n\n"

func TestRecognisers(t *testing.T) {
	for _, c := range recogniserCases {
		t.Run(c.r.name+"/"+c.text[:min(30, len(c.text))], func(t *testing.T) {
			got := recognised(t, c.r, letterDate+c.text+"\n")
			got = slices.DeleteFunc(got, func(k string) bool { return strings.HasPrefix(k, "node Document doc:test") })
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q\n got  %q\n want %q", c.text, got, want)
			}
		})
	}
}

// TestEveryRecogniserHasCases keeps the table honest: each recogniser has a sentence that
// yields facts and one that must yield none.
func TestEveryRecogniserHasCases(t *testing.T) {
	for _, r := range sentenceRecognisers {
		pos, neg := false, false
		for _, c := range recogniserCases {
			if c.r == r {
				pos, neg = pos || len(c.want) > 0, neg || len(c.want) == 0
			}
		}
		if !pos || !neg {
			t.Errorf("recogniser %s: positive case %v, negative case %v", r.name, pos, neg)
		}
	}
}

// TestTriggersInAnyCase writes each trigger of a positive case in lower, Title and UPPER
// case: the facts must stay the same (official headings are in capitals). Recognisers whose
// pattern reads case on purpose say why and are left out.
func TestTriggersInAnyCase(t *testing.T) {
	tried := 0
	for _, c := range recogniserCases {
		if len(c.want) == 0 || c.r.caseSensitive != "" {
			continue
		}
		for _, trig := range c.r.triggers {
			loc := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(trig)).FindStringIndex(c.text)
			if loc == nil || strings.ToUpper(trig) == trig {
				continue // not in this sentence, or not a word with case
			}
			word := c.text[loc[0]:loc[1]]
			want := recognised(t, c.r, letterDate+c.text+"\n")
			for _, variant := range []string{strings.ToLower(word), titleCase(word), strings.ToUpper(word)} {
				text := c.text[:loc[0]] + variant + c.text[loc[1]:]
				if got := recognised(t, c.r, letterDate+text+"\n"); !slices.Equal(got, want) {
					t.Errorf("%s: %q\n got  %q\n want %q", c.r.name, text, got, want)
				}
				tried++
			}
		}
	}
	if tried < 30 {
		t.Errorf("only %d case variants tried: the table lost its triggers", tried)
	}
}

func titleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + strings.ToLower(s[n:])
}

// TestUpperCaseHeadings are the headings of official publications, in capitals.
func TestUpperCaseHeadings(t *testing.T) {
	cases := []struct {
		r    *sentenceRecogniser
		text string
		want string
	}{
		{&motionRecogniser, "Ik geef uitvoering aan de MOTIE van de leden Kuik en Bikker (Kamerstuk 28 638, nr. 167).", "motion motion:28638-167 by bikker/kuik"},
		{&articleRecogniser, "ARTIKEL 273F WETBOEK VAN STRAFRECHT", "node Legislation law:artikel-273f-sr"},
		{&citationRecogniser, "KAMERSTUK 28 638, NR. 251", "node Document doc:28638-251"},
		{&actielijnRecogniser, "ACTIELIJN 6", "node Actielijn actielijn:6"},
		{&officeRecogniser, "DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID", "node Office office:staatssecretaris-van-justitie-en-veiligheid"},
	}
	for _, c := range cases {
		if got := recognised(t, c.r, letterDate+c.text+"\n"); !slices.Contains(got, c.want) {
			t.Errorf("%s: %q gives %q, want %q among them", c.r.name, c.text, got, c.want)
		}
	}
}

func TestTriggerDeclarations(t *testing.T) {
	for _, r := range sentenceRecognisers {
		if r.triggers != nil && len(r.triggers) == 0 {
			t.Errorf("recogniser %s: an empty trigger list would never run; nil means every sentence", r.name)
		}
		for _, trig := range r.triggers {
			if err := checkTrigger(trig); err != nil {
				t.Error(err)
			}
		}
	}
	if _, err := newDispatcher([]*sentenceRecogniser{{name: "bad", triggers: []string{"Motie"}}}); err == nil {
		t.Error("an upper-case trigger was accepted")
	}
	if _, err := newDispatcher([]*sentenceRecogniser{{name: "bad", triggers: []string{"coördinator"}}}); err == nil {
		t.Error("a non-ASCII trigger was accepted")
	}
}
