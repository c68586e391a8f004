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
	monitorRe      = regexp.MustCompile(`\b([A-Z]\p{Ll}+monitor\s+\d{4}(?:[-–]\d{4})?)\b`)
	publishCue     = regexp.MustCompile(`(?i)\b(gepubliceerd|uitgebracht|gepresenteerd|opgesteld|verschenen)\b`)
	respondsReport = regexp.MustCompile(`(?i)\b(reactie|reageren|beleidsreactie|reageer|ga ik in|aanbeveling)`)
)

// reports adds Report nodes for titled reports, their publisher when the sentence names
// one, and RESPONDS_TO when the document reacts to the report.
func (c *corpus) reports(d *docCtx, s Sentence, text string) {
	type found struct {
		title      string
		start, end int
	}
	var fs []found
	if !strings.ContainsAny(text, "«'‘“\"") && !strings.Contains(text, "monitor") {
		return // every report this finds is quoted or a …monitor
	}
	for _, m := range reportRe.FindAllStringSubmatchIndex(text, -1) {
		fs = append(fs, found{cleanTitle(text[m[4]:m[5]]), m[0], m[1]})
	}
	for _, m := range monitorRe.FindAllStringSubmatchIndex(text, -1) {
		fs = append(fs, found{text[m[2]:m[3]], m[0], m[1]})
	}
	if len(fs) == 0 {
		return
	}
	ev := d.sentEv(s)
	orgs := c.sentenceOrgs(d, s)
	for _, f := range fs {
		id := kg.ReportID(f.title)
		c.b.Node(kg.Node{ID: id, Label: kg.Report, Name: f.title, Props: map[string]any{kg.PropTitle: f.title}, Mentions: []kg.Evidence{ev}})
		rel := kg.Mentions
		if respondsReport.MatchString(text) || respondsReport.MatchString(d.meta.title) && strings.Contains(d.meta.title, f.title) {
			rel = kg.RespondsTo
		}
		c.b.Edge(kg.Edge{Type: rel, From: d.id, To: id, Evidence: []kg.Evidence{ev}})
		if pub, ok := publisher(text, f.start, f.end, orgs); ok {
			c.b.Edge(kg.Edge{Type: kg.Published, From: c.orgNode(pub, ev), To: id, Evidence: []kg.Evidence{ev}})
		}
	}
}

// publisher picks the organisation that published a report: "rapport «…» van CKM", "het
// CKM heeft … het rapport … gepubliceerd", "Dadermonitor … van de Nationaal Rapporteur".
func publisher(text string, start, end int, orgs []orgHit) (string, bool) {
	for _, o := range orgs {
		if o.start >= end && o.start-end <= 12 && strings.Contains(text[end:o.start], "van") {
			return o.key, true
		}
	}
	if publishCue.MatchString(text) {
		for _, o := range orgs {
			if o.end <= start {
				return o.key, true
			}
		}
	}
	return "", false
}
