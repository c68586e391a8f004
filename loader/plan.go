package loader

import (
	"regexp"
	"strconv"
	"strings"

	"beleidsgraaf/kg"
)

// The action plan of the programme. Letters of this family speak of one plan; its versions
// (the plan of 18 October 2023, the strengthened plan of 17 June 2024) are one node.
const (
	planKey   = "samen-tegen-mensenhandel"
	planTitle = "Actieplan programma Samen tegen mensenhandel"
)

var (
	planRe = regexp.MustCompile(`(?i)\bActieplan(?:\s+(?:van\s+het\s+)?programma)?\s+Samen\s+tegen\s+mensenhandel|\bActieplan\b`)
	// the programme and its action plan are one thing to our users: "het programma Samen
	// tegen mensenhandel" (2018) grew into the Actieplan (2023)
	programmeRe = regexp.MustCompile(`(?i)\b(?:Actieplan\s+(?:van\s+het\s+)?)?programma\s+Samen\s+tegen\s+mensenhandel`)
	// "actielijn 4", "Actielijn 5 (Titel)", "actielijnen 1 en 6"
	actielijnRe = regexp.MustCompile(`(?i)\bactielijn(?:en)?\s+(\d{1,2})((?:\s*(?:,|en)\s*\d{1,2}\b)*)`)
	// "Actielijn 5 (Verbetering van de informatiedeling en gegevensverwerking)",
	// "actielijn 3 ('Investeren in … slachtoffers')"
	actielijnTitleAfter = regexp.MustCompile(`(?i)\bactielijn\s+(\d{1,2})\s*\(\s*['‘«]?([A-Z][^()]*?(?:\([^()]*\)[^()]*?)*)['’»]?\s*\)`)
	// "Versterken Actielijn 2: Vergroten van de meldingsbereidheid …"
	actielijnTitleColon = regexp.MustCompile(`(?i)\bactielijn\s+(\d{1,2})\s*:\s*([A-Z][^.:]+?)(?:\.|:|$)`)
	// heading "Creëren van brede bewustwording (actielijn 1)"
	actielijnHeading = regexp.MustCompile(`^(.+?)\s*\((?i:actielijn)\s+(\d{1,2})\)\s*$`)
	// table "Actielijn 1. Creëren van brede bewustwording (€ x10.000)" / "c. Actielijn 1. …"
	actielijnRow = regexp.MustCompile(`^(?:[a-z]\.\s*)?(?i:actielijn)\s+(\d{1,2})\.\s*((?:[^\t(]|\([^€)][^)]*\))+?)\s*(?:\(€\s*([^)]*)\))?\s*[IVX]?\s*(?:\t|$)`)
	actionRow    = regexp.MustCompile(`^(\d{1,3})(?:\s+en\s+(\d{1,3}))?\.\s*(.*)$`)
	yearCell     = regexp.MustCompile(`^(19|20)\d{2}$`)
)

// planCtx remembers the plan node of a document, if the document speaks of the plan.
type planCtx struct {
	id        string
	mentioned bool
}

// plan adds the ActionPlan node when the document mentions it.
func (c *corpus) plan(d *docCtx) *planCtx {
	p := &planCtx{id: kg.ActionPlanID(planKey)}
	for _, s := range d.sents {
		text := d.str(s)
		if !strings.Contains(text, "ctieplan") && !strings.Contains(text, "rogramma") {
			continue
		}
		named := false
		if loc := planRe.FindStringIndex(text); loc != nil && strings.Contains(strings.ToLower(text[loc[0]:loc[1]]), "samen tegen") {
			named = true
		}
		if named || programmeRe.MatchString(text) {
			ev := d.sentEv(s)
			c.b.Node(kg.Node{ID: p.id, Label: kg.ActionPlan, Name: planTitle, Props: map[string]any{kg.PropTitle: planTitle}, Mentions: []kg.Evidence{ev}})
			c.b.Edge(kg.Edge{Type: kg.Mentions, From: d.id, To: p.id, Evidence: []kg.Evidence{ev}})
			p.mentioned = true
		}
	}
	return p
}

// actielijn adds an Actielijn node (with its title when known) and returns its ID.
func (c *corpus) actielijn(n int, title string, ev kg.Evidence) string {
	id := kg.ActielijnID(n)
	props := map[string]any{kg.PropNumber: int64(n)}
	name := "Actielijn " + strconv.Itoa(n)
	if title = cleanTitle(title); title != "" {
		props[kg.PropTitle] = title
		name = title
	}
	node := c.b.Node(kg.Node{ID: id, Label: kg.Actielijn, Name: name, Props: props, Mentions: []kg.Evidence{ev}})
	// the fullest title wins: headings and table cells often cut it short
	if title != "" && (strings.HasPrefix(node.Name, "Actielijn ") || len(title) > len(node.Name)) {
		node.AddAlias(node.Name)
		node.Name = title
		node.Props[kg.PropTitle] = title
	}
	return id
}

func cleanTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	return strings.Trim(t, " '‘’«».,:;")
}

// actielijnen adds the actielijnen a sentence mentions, their titles where the sentence
// gives them, and PART_OF the plan where the sentence places them in it.
func (c *corpus) actielijnen(d *docCtx, s Sentence, text string, p *planCtx) {
	if d.text.Blocks[s.Block].Kind == TableRow || !strings.Contains(text, "ctielijn") {
		return // tables are read by tables(); every mention has "(A|a)ctielijn"
	}
	ev := d.sentEv(s)
	titles := map[int]string{}
	for _, m := range actielijnTitleAfter.FindAllStringSubmatch(text, -1) {
		titles[atoi(m[1])] = m[2]
	}
	for _, m := range actielijnTitleColon.FindAllStringSubmatch(text, -1) {
		if _, ok := titles[atoi(m[1])]; !ok {
			titles[atoi(m[1])] = m[2]
		}
	}
	if d.text.Blocks[s.Block].Kind == Heading {
		if m := actielijnHeading.FindStringSubmatch(text); m != nil {
			titles[atoi(m[2])] = m[1]
		}
	}
	for _, m := range actielijnRe.FindAllStringSubmatch(text, -1) {
		nums := []int{atoi(m[1])}
		for _, x := range listSep.FindAllString(m[2], -1) {
			nums = append(nums, atoi(x))
		}
		for _, n := range nums {
			if n <= 0 {
				continue
			}
			id := c.actielijn(n, titles[n], ev)
			c.b.Edge(kg.Edge{Type: kg.Mentions, From: d.id, To: id, Evidence: []kg.Evidence{ev}})
			if p.mentioned { // actielijnen belong to the plan the letter speaks of
				c.b.Edge(kg.Edge{Type: kg.PartOf, From: id, To: p.id, Evidence: []kg.Evidence{ev}})
			}
		}
	}
}

// sectionActielijn returns the actielijn a sentence's section heading is about.
func (d *docCtx) sectionActielijn(s Sentence) int {
	if m := actielijnHeading.FindStringSubmatch(d.heading(s)); m != nil {
		return atoi(m[2])
	}
	return 0
}

var holderRe = regexp.MustCompile(`(?i)\b(?:zijn|is)\s+(?:de\s+)?actiehouders?\s+(?:van|voor)\s+(?:deze|de(?:ze)?)\s+actielijn|\bactiehouders?\s+(?:van|voor)\s+actielijn\s+(\d{1,2})`)

// holders reads "X en Y zijn actiehouder van deze actielijn" in the section of an
// actielijn.
func (c *corpus) holders(d *docCtx, s Sentence, text string) {
	if !strings.Contains(text, "actiehouder") {
		return
	}
	m := holderRe.FindStringSubmatchIndex(text)
	if m == nil {
		return
	}
	n := 0
	if m[2] >= 0 {
		n = atoi(text[m[2]:m[3]])
	} else {
		n = d.sectionActielijn(s)
	}
	if n == 0 {
		return
	}
	ev := d.sentEv(s)
	al := c.actielijn(n, "", ev)
	for _, h := range orgsWithin(c.sentenceOrgs(d, s), 0, m[0]) {
		c.b.Edge(kg.Edge{Type: kg.Holds, From: c.orgNode(h.key, ev), To: al, Evidence: []kg.Evidence{ev}})
	}
}

// tables reads the budget tables of the action plan and the proposals annex.
func (c *corpus) tables(d *docCtx, p *planCtx) {
	var (
		curActielijn int
		unit         float64
		years        []int64
		programme    bool // the programme table: actielijn rows carry budgets in € mln
		theme        string
		lastAction   []int
		lastProposal *proposalRow
	)
	flushProposal := func() {
		if lastProposal != nil {
			c.proposal(d, lastProposal)
			lastProposal = nil
		}
	}
	for _, b := range d.text.Blocks {
		if b.Kind != TableRow {
			if b.Kind == Heading || b.Kind == Paragraph {
				flushProposal()
				theme = ""
			}
			continue
		}
		row := d.text.Body[b.Start:b.End]
		cells := strings.Split(row, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		ev := d.ev(b.Start, b.End)
		if ys := yearColumns(cells); ys != nil {
			flushProposal()
			years = ys
			head := cells[0]
			if m := actielijnRow.FindStringSubmatch(head + "\t"); m != nil {
				curActielijn = atoi(m[1])
				unit = parseUnit(m[3])
				programme = false
				id := c.actielijn(curActielijn, m[2], ev)
				if p.mentioned {
					c.b.Edge(kg.Edge{Type: kg.PartOf, From: id, To: p.id, Evidence: []kg.Evidence{ev}})
				}
			} else {
				curActielijn = 0
				programme = strings.Contains(strings.ToLower(head), "programma")
				unit = parseUnit(between(head, "(€", ")"))
			}
			continue
		}
		if m := proposalTheme.FindStringSubmatch(firstCell(cells)); m != nil {
			flushProposal()
			theme = strings.TrimSpace(m[1])
			continue
		}
		if theme != "" {
			if n := atoi(cells[0]); n > 0 && len(cells) >= 3 {
				flushProposal()
				lastProposal = &proposalRow{theme: theme, number: n, cells: cells[1:], ev: ev}
			} else if cells[0] == "" && lastProposal != nil {
				lastProposal.extend(cells[1:], ev)
			}
			continue
		}
		if years == nil || strings.HasPrefix(strings.ToLower(cells[0]), "totaal") {
			continue
		}
		if programme {
			if m := actielijnRow.FindStringSubmatch(cells[0] + "\t"); m != nil {
				id := c.actielijn(atoi(m[1]), m[2], ev)
				c.setBudget(id, years, cells[1:], unit)
			}
			continue
		}
		if curActielijn == 0 {
			continue
		}
		if m := actionRow.FindStringSubmatch(cells[0]); m != nil {
			nums := []int{atoi(m[1])}
			if m[2] != "" {
				nums = append(nums, atoi(m[2]))
			}
			lastAction = nums
			for _, n := range nums {
				id := kg.ActionID(n)
				props := map[string]any{kg.PropNumber: int64(n), kg.PropTitle: cleanTitle(m[3])}
				c.b.Node(kg.Node{ID: id, Label: kg.Action, Name: cleanTitle(m[3]), Props: props, Mentions: []kg.Evidence{ev}})
				c.b.Edge(kg.Edge{Type: kg.PartOf, From: id, To: kg.ActielijnID(curActielijn), Evidence: []kg.Evidence{ev}})
				c.setBudget(id, years, cells[1:], unit)
				if len(nums) > 1 {
					c.b.Get(id).Props["budgetSharedWith"] = sharedWith(nums, n)
				}
			}
			continue
		}
		// a row without a number continues the title of the action above it
		if lastAction != nil && cells[0] != "" && allEmpty(cells[1:]) {
			for _, n := range lastAction {
				node := c.b.Get(kg.ActionID(n))
				node.Name = cleanTitle(node.Name + " " + cells[0])
				node.Props[kg.PropTitle] = node.Name
				node.Mentions = append(node.Mentions, ev)
			}
		}
	}
	flushProposal()
}

func sharedWith(nums []int, self int) []int64 {
	var out []int64
	for _, n := range nums {
		if n != self {
			out = append(out, int64(n))
		}
	}
	return out
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	if j := strings.Index(s, b); j >= 0 {
		return s[:j]
	}
	return s
}

// yearColumns returns the years of a header row ("…\t2023\t2024\t2025\t2026").
func yearColumns(cells []string) []int64 {
	var ys []int64
	for _, c := range cells[1:] {
		if yearCell.MatchString(c) {
			ys = append(ys, int64(atoi(c)))
		} else if c != "" {
			return nil
		}
	}
	if len(ys) < 2 {
		return nil
	}
	return ys
}

// parseUnit reads a table's unit: "x10.000" → 10 000 euro, "2 mln." or "mln" → a million.
func parseUnit(u string) float64 {
	u = strings.ToLower(strings.TrimSpace(u))
	switch {
	case strings.HasPrefix(u, "x"):
		if v, ok := parseAmount(strings.TrimSpace(u[1:])); ok && v > 0 {
			return v
		}
	case strings.Contains(u, "mln") || strings.Contains(u, "miljoen"):
		return 1e6
	}
	return 1
}

// parseAmount reads a Dutch number: "10.000" is ten thousand, "0,35" is a decimal.
func parseAmount(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	if s == "" || s == "-" || s == "–" {
		return 0, false
	}
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ReplaceAll(s, ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// setBudget stores the euro amounts of a row per year; empty and "-" cells are no budget.
func (c *corpus) setBudget(id string, years []int64, cells []string, unit float64) {
	var ys, euro []int64
	for i, y := range years {
		if i >= len(cells) {
			break
		}
		if v, ok := parseAmount(cells[i]); ok {
			ys = append(ys, y)
			euro = append(euro, int64(v*unit+0.5))
		}
	}
	n := c.b.Get(id)
	if n == nil || len(ys) == 0 {
		return
	}
	if _, set := n.Props[kg.PropBudgetYears]; !set {
		n.Props[kg.PropBudgetYears] = ys
		n.Props[kg.PropBudgetEuro] = euro
	}
}

func firstCell(cells []string) string {
	for _, c := range cells {
		if c != "" {
			return c
		}
	}
	return ""
}
