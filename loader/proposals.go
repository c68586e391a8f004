package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

// proposalTheme is a theme header of the proposals annex: "Klantaanpak Meest kansrijke
// acties", "Ander beleidsterrein Kansrijke acties".
var proposalTheme = regexp.MustCompile(`^(.+?)\s*(?:Meest kansrijke acties|Kansrijke acties)\s*$`)

// proposalRow is one row of the annex: number, description, appraisal, estimated cost;
// PDF tables split long cells over several rows, which extend() puts back together.
type proposalRow struct {
	theme  string
	number int
	cells  []string
	ev     kg.Evidence
	more   []kg.Evidence
}

func (p *proposalRow) extend(cells []string, ev kg.Evidence) {
	for i, c := range cells {
		if c == "" {
			continue
		}
		for len(p.cells) <= i {
			p.cells = append(p.cells, "")
		}
		p.cells[i] = strings.TrimSpace(p.cells[i] + " " + c)
	}
	p.more = append(p.more, ev)
}

var (
	relProposals  = regexp.MustCompile(`(?i)\b(?:sluit\s+(?:ook\s+)?aan\s+bij|onderdeel\s+(?:kunnen\s+)?zijn\s+van)\s+(?:voorstel(?:len)?\s+)?(\d{1,2}(?:\s*(?:,|en)\s*\d{1,2})*)\b`)
	relActielijn  = regexp.MustCompile(`(?i)\bactielijn\s+(\d{1,2})\b`)
	relActions    = regexp.MustCompile(`(?i)\bacties?\s*:?\s+(\d{1,2}(?:\s*(?:,|en)\s*\d{1,2})+)\b`)
	relMotionCite = regexp.MustCompile(`(?i)\bmotie\b`)
)

// proposal adds a Proposal node and its RELATES_TO edges read from the appraisal: "Sluit
// aan bij voorstel 26 en 27", "Reeds geborgd in actielijn 3", "acties: 22, 24, 25".
func proposal(d *docCtx, p *proposalRow, out *facts) {
	get := func(i int) string {
		if i < len(p.cells) {
			return strings.TrimSpace(p.cells[i])
		}
		return ""
	}
	title, appraisal, cost := get(0), get(1), get(2)
	if len(p.cells) == 2 { // header "… Geschatte kosten" rows without an appraisal column
		appraisal, cost = "", get(1)
	}
	id := kg.ProposalID(p.number)
	props := map[string]any{kg.PropNumber: int64(p.number), kg.PropTheme: p.theme, kg.PropTitle: title}
	if appraisal != "" {
		props[kg.PropAppraisal] = appraisal
	}
	if cost != "" {
		props[kg.PropEstimatedCost] = cost
	}
	evs := append([]kg.Evidence{p.ev}, p.more...)
	out.node(kg.Node{ID: id, Label: kg.Proposal, Name: title, Props: props, Mentions: evs})
	out.edge(kg.Mentions, d.id, id, evs...)
	rel := func(to string) {
		if to != id {
			out.edge(kg.RelatesTo, id, to, evs...)
		}
	}
	for _, m := range relProposals.FindAllStringSubmatch(appraisal, -1) {
		for _, n := range listSep.FindAllString(m[1], -1) {
			rel(kg.ProposalID(atoi(n)))
		}
	}
	for _, m := range relActielijn.FindAllStringSubmatch(appraisal, -1) {
		rel(out.actielijn(atoi(m[1]), "", p.ev))
	}
	for _, m := range relActions.FindAllStringSubmatch(appraisal, -1) {
		for _, n := range listSep.FindAllString(m[1], -1) {
			rel(kg.ActionID(atoi(n)))
		}
	}
	if relMotionCite.MatchString(appraisal) {
		for _, ct := range findCitations(appraisal, 0) {
			if ct.DocNumber == "" {
				rel(kg.MotionID(ct.Dossier, ct.Number))
			}
		}
	}
}
