package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

var (
	commissionedRe = regexp.MustCompile(`(?i)\bin opdracht van\b`)
	workVerbRe     = regexp.MustCompile(`(?i)\b(gemaakt|opgesteld|ondernomen|gewerkt|werkt|werken|uitgevoerd|uitvoeren|ontwikkeld|georganiseerd|geboden|ingezet|beproefd|begeleid|onderzocht|opgezet|gestart|afgerond|afrondt|verkend|gelanceerd)\b`)
	coordinatorRe  = regexp.MustCompile(`(?i)\b(?:is|zijn|wordt|worden)\s+(?:de\s+)?(?:coördinator|coördinatoren|coördineert)\b`)
	containmentCue = regexp.MustCompile(`(?i)\b(binnen|onderdeel|onder de|eenheid|eenheden|afdeling|dienst van|van de politie)\b`)
	auxVerbRe      = regexp.MustCompile(`\b(heeft|hebben|is|zijn|wordt|worden)\b`)
	// the words without which coordinatorRe and workVerbRe cannot match
	coordinatorWords = []string{"coördinator", "coördineert"}
	workVerbs        = []string{"gemaakt", "opgesteld", "ondernomen", "gewerkt", "werkt", "werken", "uitgevoerd", "uitvoeren", "ontwikkeld", "georganiseerd",
		"geboden", "ingezet", "beproefd", "begeleid", "onderzocht", "opgezet", "gestart", "afgerond", "afrondt", "verkend", "gelanceerd"}
	memberListRe = regexp.MustCompile(`(?i)\b(bestaat uit|bestaan uit|nemen [^:]*deel|zijn lid van|leden van)\b`)
)

// roles reads, in the section of an actielijn, who does the work (EXECUTES), who asked
// for it ("in opdracht van", COMMISSIONED) and who coordinates it (COORDINATES). The
// target is the report the sentence names, else the section's actielijn.
var roleRecogniser = sentenceRecogniser{
	name: "roles",
	// the organisations and the section decide; the index finds organisations in any case
	triggers:  nil,
	recognise: roles,
}

func roles(v *sentenceView, out *facts) {
	d, s, text := v.d, v.s, v.text
	al := d.sectionActielijn(s)
	orgs := v.organisations()
	if len(orgs) == 0 {
		return
	}
	var target string
	if !strings.ContainsAny(text, "«'‘“\"") {
		// no quoted title, so no report: fall through to the actielijn
	} else if m := reportRe.FindStringSubmatch(text); m != nil {
		target = kg.ReportID(cleanTitle(m[2]))
	}
	if target == "" && al > 0 {
		target = kg.ActielijnID(al)
	}
	if target == "" {
		return
	}
	ev := v.ev()
	// the report or actielijn need not be established here: an edge to a target no
	// recogniser established is dropped when the graph is assembled
	commissioners := map[string]bool{}
	var m []int
	if strings.Contains(v.lowerText(), "in opdracht van") {
		m = commissionedRe.FindStringIndex(text)
	}
	if m != nil {
		// "In opdracht van de VNG, het CCV en CoMensha heeft … DSP-groep …": the
		// commissioners are the organisations up to the verb that follows
		rest := text[m[1]:]
		end := len(rest)
		if v := auxVerbRe.FindStringIndex(rest); v != nil {
			end = v[0]
		}
		for _, o := range orgs {
			if o.start >= m[1] && o.start < m[1]+end {
				commissioners[o.key] = true
				rel := kg.Commissioned // a report or action, as the ontology has it
				if strings.HasPrefix(target, "actielijn:") {
					rel = kg.Executes // commissioning work on an actielijn is taking part in it
				}
				out.edge(rel, out.org(o.key, ev), target, ev)
			}
		}
	}
	if containsAny(v.lowerText(), coordinatorWords) && coordinatorRe.MatchString(text) {
		if m := coordinatorRe.FindStringIndex(text); m != nil {
			for _, o := range orgs {
				if o.end <= m[0] {
					out.edge(kg.Coordinates, out.org(o.key, ev), target, ev)
				}
			}
		}
		return
	}
	if al == 0 || !containsAny(v.lowerText(), workVerbs) || !workVerbRe.MatchString(text) {
		return
	}
	for _, o := range orgs {
		if commissioners[o.key] || !executor(v.orgs, o.key) {
			continue
		}
		out.edge(kg.Executes, out.org(o.key, ev), kg.ActielijnID(al), ev)
	}
}

// executor reports whether an organisation can do the work of an actielijn: not the
// parliament and not a ministry named only as context.
func executor(orgs *orgIndex, key string) bool {
	e := orgs.entries[key]
	return e == nil || (e.kind != "PARLIAMENT" && e.kind != "MEDIA")
}

// members reads explicit member lists: "Het SOM bestaat uit de volgende organisaties: A,
// B en C", "In de regiegroep nemen vertegenwoordigers van de volgende organisaties deel:
// …". The group is the organisation named before the colon.
var memberRecogniser = sentenceRecogniser{
	name:      "members",
	triggers:  []string{"bestaat uit", "bestaan uit", "deel", "lid van", "leden van"},
	recognise: members,
}

func members(v *sentenceView, out *facts) {
	text := v.text
	colon := strings.Index(text, ":")
	if colon < 0 || !memberListRe.MatchString(text[:colon]) {
		return
	}
	hits := v.organisations()
	groups := orgsWithin(hits, 0, colon)
	if len(groups) != 1 {
		return
	}
	group := groups[0].key
	ev := v.ev()
	for _, o := range orgsWithin(hits, colon, len(text)) {
		if o.key != group {
			out.edge(kg.MemberOf, out.org(o.key, ev), out.org(group, ev), ev)
		}
	}
}

// partOf adds PART_OF for organisations the dictionary places inside another (AVIM in the
// police) when a sentence names both, so that the edge has evidence in the text.
var partOfRecogniser = sentenceRecogniser{
	name:      "part of",
	triggers:  []string{"binnen", "onderdeel", "onder de", "eenheid", "eenheden", "afdeling", "dienst van", "van de politie"},
	recognise: partOf,
}

func partOf(v *sentenceView, out *facts) {
	hits := v.organisations()
	if len(hits) < 2 || !containmentCue.MatchString(v.text) {
		return
	}
	present := map[string]bool{}
	for _, h := range hits {
		present[h.key] = true
	}
	ev := v.ev()
	for _, h := range hits {
		e := v.orgs.entries[h.key]
		if e != nil && e.parent != "" && present[e.parent] && e.parent != h.key {
			out.edge(kg.PartOf, out.org(h.key, ev), out.org(e.parent, ev), ev)
		}
	}
}
