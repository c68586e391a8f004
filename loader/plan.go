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

// mentionsPlan reports whether a sentence names the action plan or its programme.
func mentionsPlan(text string) bool {
	if loc := planRe.FindStringIndex(text); loc != nil && strings.Contains(strings.ToLower(text[loc[0]:loc[1]]), "samen tegen") {
		return true
	}
	return programmeRe.MatchString(text)
}

var planTriggers = []string{"actieplan", "programma"}

// planRecogniser records the action plan where a sentence names it.
var planRecogniser = sentenceRecogniser{
	name:     "action plan",
	triggers: planTriggers,
	recognise: func(v *sentenceView, out *facts) {
		if !mentionsPlan(v.text) {
			return
		}
		id, ev := kg.ActionPlanID(planKey), v.ev()
		out.node(kg.Node{ID: id, Label: kg.ActionPlan, Name: planTitle, Props: map[string]any{kg.PropTitle: planTitle}, Mentions: []kg.Evidence{ev}})
		out.edge(kg.Mentions, v.d.id, id, ev)
	},
}

// planMentioned reports whether a document names the action plan anywhere, given the
// recognisers each sentence triggers.
func planMentioned(d *docCtx, triggered []uint64) bool {
	bit := recogniserBit(&planRecogniser)
	for i, s := range d.sents {
		if triggered[i]&bit != 0 && mentionsPlan(d.str(s)) {
			return true
		}
	}
	return false
}

func cleanTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	return strings.Trim(t, " '‘’«».,:;")
}

// actielijnRecogniser finds the actielijnen a sentence mentions, their titles where the
// sentence gives them, and PART_OF the plan where the document speaks of it.
var actielijnRecogniser = sentenceRecogniser{
	name:      "actielijnen",
	triggers:  []string{"actielijn"},
	recognise: actielijnen,
}

func actielijnen(v *sentenceView, out *facts) {
	d, s, text := v.d, v.s, v.text
	if d.text.Blocks[s.Block].Kind == TableRow {
		return // tables are read by tables()
	}
	ev := v.ev()
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
			id := out.actielijn(n, titles[n], ev)
			out.edge(kg.Mentions, d.id, id, ev)
			if v.planMentioned { // actielijnen belong to the plan the letter speaks of
				out.edge(kg.PartOf, id, kg.ActionPlanID(planKey), ev)
			}
		}
	}
}

// sectionActielijn returns the actielijn a sentence's section heading is about.
func (d *docCtx) sectionActielijn(s Sentence) int {
	if s.Section < 0 {
		return 0
	}
	return d.sectionAL[s.Section]
}

var holderRe = regexp.MustCompile(`(?i)\b(?:zijn|is)\s+(?:de\s+)?actiehouders?\s+(?:van|voor)\s+(?:deze|de(?:ze)?)\s+actielijn|\bactiehouders?\s+(?:van|voor)\s+actielijn\s+(\d{1,2})`)

// holderRecogniser reads "X en Y zijn actiehouder van deze actielijn" in the section of an
// actielijn.
var holderRecogniser = sentenceRecogniser{
	name:     "action holders",
	triggers: []string{"actiehouder"},
	recognise: func(v *sentenceView, out *facts) {
		m := holderRe.FindStringSubmatchIndex(v.text)
		if m == nil {
			return
		}
		n := 0
		if m[2] >= 0 {
			n = atoi(v.text[m[2]:m[3]])
		} else {
			n = v.d.sectionActielijn(v.s)
		}
		if n == 0 {
			return
		}
		ev := v.ev()
		al := out.actielijn(n, "", ev)
		for _, h := range orgsWithin(v.organisations(), 0, m[0]) {
			out.edge(kg.Holds, out.org(h.key, ev), al, ev)
		}
	},
}

// tables reads the budget tables of the action plan and the proposals annex.
func tables(d *docCtx, plan bool, out *facts) {
	var (
		curActielijn int
		unit         float64
		years        []int64
		programme    bool // the programme table: actielijn rows carry budgets in € mln
		theme        string
		lastAction   []int
		lastProposal *proposalRow
		actions      []kg.Node // recorded at the end: a row without a number continues a title
		actionAt     = map[int]int{}
	)
	flushProposal := func() {
		if lastProposal != nil {
			proposal(d, lastProposal, out)
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
				id := out.actielijn(curActielijn, m[2], ev)
				if plan {
					out.edge(kg.PartOf, id, kg.ActionPlanID(planKey), ev)
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
				out.add(actielijnFact{number: atoi(m[1]), title: cleanTitle(m[2]), ev: ev, budget: rowBudget(years, cells[1:], unit)})
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
				if bu := rowBudget(years, cells[1:], unit); bu != nil {
					props[kg.PropBudgetYears], props[kg.PropBudgetEuro] = bu.years, bu.euro
				}
				if len(nums) > 1 {
					props["budgetSharedWith"] = sharedWith(nums, n)
				}
				actionAt[n] = len(actions)
				actions = append(actions, kg.Node{ID: id, Label: kg.Action, Name: cleanTitle(m[3]), Props: props, Mentions: []kg.Evidence{ev}})
				out.edge(kg.PartOf, id, kg.ActielijnID(curActielijn), ev)
			}
			continue
		}
		// a row without a number continues the title of the action above it
		if lastAction != nil && cells[0] != "" && allEmpty(cells[1:]) {
			for _, n := range lastAction {
				node := &actions[actionAt[n]]
				node.Name = cleanTitle(node.Name + " " + cells[0])
				node.Props[kg.PropTitle] = node.Name
				node.Mentions = append(node.Mentions, ev)
			}
		}
	}
	flushProposal()
	for _, n := range actions {
		out.node(n)
	}
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

// rowBudget reads the euro amounts of a row per year; empty and "-" cells are no budget.
func rowBudget(years []int64, cells []string, unit float64) *budget {
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
	if len(ys) == 0 {
		return nil
	}
	return &budget{years: ys, euro: euro}
}

func firstCell(cells []string) string {
	for _, c := range cells {
		if c != "" {
			return c
		}
	}
	return ""
}
