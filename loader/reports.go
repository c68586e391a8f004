package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

var (
	// "het rapport «Van kwaad tot erger»", "rapport 'Onzichtbare slachtoffers …'",
	// "bestuurlijk signaal 'Seksuele uitbuiting …'"
	reportRe = regexp.MustCompile(`(?i)\b(rapport|monitor|signaal|advies|inventarisatie|verslag|onderzoek|factsheet)\s*,?\s*[«'‘“"]([^«»'‘’“”"]{6,160})[»'’”"]`)
	// "Dadermonitor 2017-2021", "Slachtoffermonitor 2019-2023"
	monitorRe = regexp.MustCompile(`\b([A-Z]\p{Ll}+monitor(?:\s+\p{L}+)?\s+\d{4}(?:[-–]\d{4})?)`)
	// "Factsheet eergerelateerd geweld", "Global Report on Trafficking in Persons 2024"
	namedReportRe  = regexp.MustCompile(`\b(Factsheet(?: \p{Ll}+){1,4}|(?:Global|Annual|World) Report on(?: [A-Z]\p{L}+| in| of| and)+(?: \d{4})?)`)
	publishCue     = regexp.MustCompile(`(?i)\b(gepubliceerd|uitgebracht|gepresenteerd|opgestelde?|verschenen)\b`)
	respondsReport = regexp.MustCompile(`(?i)\b(reactie|reageren|beleidsreactie|reageer|ga ik in|aanbeveling)`)
)

// quotedReportRecogniser finds reports by their quoted title ("het rapport «Van kwaad tot
// erger»"), their publisher when the sentence names one, and RESPONDS_TO when the
// document reacts to the report.
var quotedReportRecogniser = sentenceRecogniser{
	name:     "quoted reports",
	triggers: []string{"«", "'", "‘", "“", "\""},
	recognise: func(v *sentenceView, out *facts) {
		var fs []foundReport
		for _, m := range reportRe.FindAllStringSubmatchIndex(v.text, -1) {
			fs = append(fs, foundReport{cleanTitle(v.text[m[4]:m[5]]), m[0], m[1]})
		}
		reports(v, fs, out)
	},
}

// namedReportRecogniser finds reports by the shape of their name: "Dadermonitor
// 2017-2021", "Global Report on Trafficking in Persons 2024", "Factsheet …".
var namedReportRecogniser = sentenceRecogniser{
	name:          "named reports",
	triggers:      []string{"monitor", "report", "factsheet"},
	caseSensitive: "the capitalised name is what tells the Dadermonitor from a monitor",
	recognise: func(v *sentenceView, out *facts) {
		var fs []foundReport
		for _, re := range []*regexp.Regexp{monitorRe, namedReportRe} {
			for _, m := range re.FindAllStringSubmatchIndex(v.text, -1) {
				fs = append(fs, foundReport{strings.ReplaceAll(v.text[m[2]:m[3]], "–", "-"), m[0], m[1]})
			}
		}
		reports(v, fs, out)
	},
}

type foundReport struct {
	title      string
	start, end int
}

func reports(v *sentenceView, fs []foundReport, out *facts) {
	d, text := v.d, v.text
	if len(fs) == 0 {
		return
	}
	ev := v.ev()
	orgs := v.organisations()
	for _, f := range fs {
		id := kg.ReportID(f.title)
		out.node(kg.Node{ID: id, Label: kg.Report, Name: f.title, Props: map[string]any{kg.PropTitle: f.title}, Mentions: []kg.Evidence{ev}})
		rel := kg.Mentions
		if respondsReport.MatchString(text) || respondsReport.MatchString(d.meta.title) && strings.Contains(d.meta.title, f.title) {
			rel = kg.RespondsTo
		}
		out.edge(rel, d.id, id, ev)
		for _, pub := range publishers(text, f.start, f.end, orgs) {
			out.edge(kg.Published, out.org(pub, ev), id, ev)
		}
	}
}

// publishers picks the organisations that published a report: "rapport «…» van CKM Chat
// met Fier" (every organisation in the run after "van"), "signaal «…» door het LIEC
// aangeboden", "het CKM heeft … het rapport … gepubliceerd", "Dadermonitor … van de
// Nationaal Rapporteur".
func publishers(text string, start, end int, orgs []orgHit) []string {
	var out []string
	prev := end
	for _, o := range orgs {
		if o.start < end {
			continue
		}
		gap := text[prev:o.start]
		first := len(out) == 0
		if first && o.start-end <= 40 && (strings.Contains(gap, "van") || strings.Contains(gap, "door")) ||
			!first && strings.TrimSpace(strings.Trim(gap, " ,")) == "" {
			out = append(out, o.key)
			prev = o.end
			continue
		}
		break
	}
	if len(out) > 0 {
		return out
	}
	if publishCue.MatchString(text) {
		for _, o := range orgs {
			if o.end <= start {
				return []string{o.key}
			}
		}
	}
	return nil
}
