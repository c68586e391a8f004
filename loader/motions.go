package loader

import (
	"regexp"
	"sort"
	"strings"

	"beleidsgraaf/kg"
)

// motionMention is one place where a document speaks of a motion.
type motionMention struct {
	doc        *docCtx
	sent       Sentence
	submitters []submitter
	coSigned   bool
	dossier    string
	number     int
	evidence   []kg.Evidence
	responds   bool
	submitted  string // ISO dates
	adopted    string
	completed  bool
	request    string
	event      *event
}

type submitter struct {
	surname string
	party   string
}

type event struct {
	kind, date string
	ev         kg.Evidence
}

const (
	surnamePat = `(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]en|[Tt]er|[Ii]n\s+'t)\s+)*[A-Z][\p{Ll}ëïéèöüç]+(?:-[A-Z][\p{Ll}ëïéèöüç]+)?`
	partyPat   = `(?:\s*\([A-Za-z][A-Za-z/\-]{0,12}\))?`
	namePat    = surnamePat + partyPat
	listPat    = namePat + `(?:\s*(?:,|\ben\b|/)\s*` + namePat + `)*(?:\s+c\.s\.)?`
)

var (
	// "motie van de leden Kuik en Bikker", "motie-Mutluer c.s.", "motie Segers/Asscher",
	// "motie van Bikker en Verkuilen", "gewijzigde motie van het lid Ceder"
	motionRe = regexp.MustCompile(`(?i:\bmoties?)(?:\s+van\s+de\s+leden\s+|\s+van\s+het\s+lid\s+|\s+van\s+|-|\s+)(` + listPat + `)`)
	// "door de leden Mutluer (GL/PvdA), Bikker (CU) en Van Nispen (SP) een motie ingediend"
	membersMotionRe = regexp.MustCompile(`\bde\s+leden\s+(` + listPat + `)\s+(?:een\s+)?motie`)
	nameItemRe      = regexp.MustCompile(`(` + surnamePat + `)\s*(?:\(([A-Za-z][A-Za-z/\-]{0,12})\))?`)
	requestRe       = regexp.MustCompile(`(?i)\b(verzoekt|verzocht|roept)\b\s+(?:de\s+regering\s+)?(.+)$`)
	respondCue      = regexp.MustCompile(`(?i)\b(uitvoering|invulling|informeer|afgedaan|afgerond|opvolging|reactie|ingegaan|ga ik in|ingaan|voer ik|geef ik|gevolg|conform|naar aanleiding van|wordt gevraagd|gevraagd in|stand van zaken)`)
	completedRe     = regexp.MustCompile(`(?i)motie[^.]*\b(afgedaan|is afgerond|gestand)`)
	motionWordRe    = regexp.MustCompile(`(?i)\bmotie`)
)

// notSurnames are capitalised words that follow "motie" without being a submitter.
var notSurnames = map[string]bool{"Van": true, "De": true, "Het": true, "Een": true, "Deze": true, "Die": true, "Dat": true, "Zoals": true, "In": true, "Op": true, "Over": true, "Met": true}

// findMotions collects the motions a sentence speaks of; they are resolved and added once
// the whole corpus has been read.
func (c *corpus) findMotions(d *docCtx, s Sentence, text string) {
	type hit struct{ start, end, listStart, listEnd int }
	var hits []hit
	if !strings.Contains(text, "otie") {
		return
	}
	for _, m := range motionRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{m[0], m[1], m[2], m[3]})
	}
	for _, m := range membersMotionRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{m[0], m[1], m[2], m[3]})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	for i, h := range hits {
		if strings.HasPrefix(strings.ToLower(text[h.start:h.listStart]), "moties") {
			continue // "moties-Mutluer c.s." speaks of several motions at once
		}
		list := text[h.listStart:h.listEnd]
		// "motie Segers-Asscher" joins two members; "de leden Yeşilgöz-Zegerius en …" lists one
		joined := !strings.Contains(text[h.start:h.listStart], "van") && !strings.Contains(text[h.start:h.listStart], "leden")
		subs, cs := parseSubmitters(list, joined)
		if len(subs) == 0 {
			continue
		}
		limit := len(text)
		if i+1 < len(hits) {
			limit = hits[i+1].start
		}
		mm := &motionMention{doc: d, sent: s, submitters: subs, coSigned: cs, evidence: []kg.Evidence{d.sentEv(s)}}
		c.numberMotion(d, s, text, h.end, limit, mm)
		c.describeMotion(d, s, text, mm)
		c.motions = append(c.motions, mm)
	}
}

// parseSubmitters reads "Mutluer (GL/PvdA), Bikker (CU) en Van Nispen (SP) c.s.". In a
// joined motion name ("motie Segers-Asscher") a hyphen separates two members.
func parseSubmitters(list string, joined bool) ([]submitter, bool) {
	cs := strings.HasSuffix(list, "c.s.")
	list = strings.TrimSuffix(list, "c.s.")
	var out []submitter
	for _, m := range nameItemRe.FindAllStringSubmatch(list, -1) {
		name := strings.Join(strings.Fields(m[1]), " ")
		parts := []string{name}
		if joined {
			parts = strings.Split(name, "-")
		}
		for _, part := range parts {
			part = capitalise(strings.TrimSpace(part))
			if part == "" || notSurnames[part] {
				continue
			}
			out = append(out, submitter{surname: part, party: m[2]})
		}
	}
	return out, cs
}

// numberMotion finds the Kamerstuk number of a mention: a citation right after it in the
// sentence, or the footnote its marker points to.
func (c *corpus) numberMotion(d *docCtx, s Sentence, text string, from, limit int, mm *motionMention) {
	for _, ct := range findCitations(text[from:limit], 0) {
		if ct.DocNumber == "" && ct.Start < 90 {
			mm.dossier, mm.number = ct.Dossier, ct.Number
			return
		}
	}
	for _, mk := range d.text.MarkersIn(s.Start+from, s.Start+limit+1) {
		note, b, ok := d.text.FootnoteText(mk.N)
		if !ok {
			return
		}
		for _, ct := range findCitations(note, 0) {
			if ct.DocNumber == "" {
				mm.dossier, mm.number = ct.Dossier, ct.Number
				mm.evidence = append(mm.evidence, d.ev(b.Start, b.End))
				return
			}
		}
		return
	}
}

// describeMotion reads dates, status, the request, the debate and whether the document
// responds to the motion, from the mention's sentence and the one after it.
func (c *corpus) describeMotion(d *docCtx, s Sentence, text string, mm *motionMention) {
	ctx := text
	if i := sentenceIndex(d, s); i+1 < len(d.sents) && d.sents[i+1].Block == s.Block {
		next := d.str(d.sents[i+1])
		if strings.HasPrefix(next, "De motie") || strings.HasPrefix(next, "Deze motie") {
			ctx += " " + next
		}
	}
	var ref *Date
	if d.hasDate {
		ref = &d.meta.date
	}
	dates := findDates(ctx, 0, ref)
	low := strings.ToLower(ctx)
	submittedAt := strings.Index(low, "ingediend")
	adoptedAt := strings.Index(low, "aangenomen")
	for _, dt := range dates {
		if dt.Y == 0 {
			continue
		}
		switch {
		case submittedAt >= 0 && (adoptedAt < 0 || dt.Start < adoptedAt || mm.submitted == "") && mm.submitted == "":
			mm.submitted = dt.ISO()
			if adoptedAt >= 0 && adoptedAt < submittedAt+40 && adoptedAt > submittedAt && len(dates) == 1 {
				mm.adopted = dt.ISO() // "ingediend en aangenomen op 21 december"
			}
		case adoptedAt >= 0 && mm.adopted == "":
			mm.adopted = dt.ISO()
		}
	}
	if adoptedAt >= 0 && mm.adopted == "" && mm.submitted != "" && strings.Contains(low, "ingediend en aangenomen") {
		mm.adopted = mm.submitted
	}
	if adoptedAt >= 0 && mm.adopted == "" && len(dates) == 0 {
		mm.adopted = "?" // adopted, date unknown
	}
	para := d.text.Body[d.text.Blocks[s.Block].Start:d.text.Blocks[s.Block].End]
	mm.completed = completedRe.MatchString(para)
	if m := requestRe.FindStringSubmatch(ctx); m != nil {
		mm.request = strings.TrimSpace(m[2])
	}
	mm.responds = respondCue.MatchString(text) || d.text.Blocks[s.Block].Kind == Heading ||
		motionWordRe.MatchString(d.heading(s))
	if kind, date, ok := findEvent(text, ref); ok {
		mm.event = &event{kind: kind, date: date, ev: d.sentEv(s)}
	}
}

func sentenceIndex(d *docCtx, s Sentence) int {
	return sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Start >= s.Start })
}

// submitterKey identifies a motion by who submitted it, for mentions without a number.
func submitterKey(subs []submitter) string {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = kg.Fold(s.surname)
	}
	sort.Strings(names)
	return strings.Join(names, "/")
}

// resolveMotions turns mentions into Motion nodes. A mention without a number is the
// numbered motion with the same submitters in the same document, or else in the whole
// corpus when exactly one such motion exists; otherwise it stands as an unnumbered motion.
func (c *corpus) resolveMotions() {
	byDoc := map[*docCtx]map[string][]*motionMention{}
	global := map[string]map[string]*motionMention{}
	for _, m := range c.motions {
		if m.number == 0 {
			continue
		}
		k := submitterKey(m.submitters)
		if byDoc[m.doc] == nil {
			byDoc[m.doc] = map[string][]*motionMention{}
		}
		byDoc[m.doc][k] = append(byDoc[m.doc][k], m)
		if global[k] == nil {
			global[k] = map[string]*motionMention{}
		}
		global[k][kg.MotionID(m.dossier, m.number)] = m
	}
	for _, m := range c.motions {
		if m.number == 0 && len(m.submitters) == 1 {
			// "motie Mutluer" names a motion by its first submitter: the document's one
			// motion of which that member is first submitter, if there is exactly one
			if full := c.firstSubmitterMotion(m); full != nil {
				m.submitters, m.coSigned = full.submitters, full.coSigned
				m.dossier, m.number = full.dossier, full.number
			}
		}
		if m.number == 0 {
			k := submitterKey(m.submitters)
			if same := uniqueNumbers(byDoc[m.doc][k]); len(same) == 1 {
				m.dossier, m.number = same[0].dossier, same[0].number
			} else if len(global[k]) == 1 {
				for _, g := range global[k] {
					m.dossier, m.number = g.dossier, g.number
				}
			}
		}
		c.addMotion(m)
	}
}

// firstSubmitterMotion returns the one other motion of m's document whose first of
// several submitters is m's only submitter, or nil when there is none or more than one.
func (c *corpus) firstSubmitterMotion(m *motionMention) *motionMention {
	var found *motionMention
	for _, o := range c.motions {
		if o.doc != m.doc || o == m || len(o.submitters) < 2 || o.submitters[0].surname != m.submitters[0].surname {
			continue
		}
		// two motions led by the same member (by number, or by co-submitters) are ambiguous
		if found != nil && (found.number != o.number || submitterKey(found.submitters) != submitterKey(o.submitters)) {
			return nil
		}
		found = o
	}
	return found
}

func uniqueNumbers(ms []*motionMention) []*motionMention {
	seen := map[int]bool{}
	var out []*motionMention
	for _, m := range ms {
		if !seen[m.number] {
			seen[m.number] = true
			out = append(out, m)
		}
	}
	return out
}

// motionName is the customary short name: "motie-Mutluer", "motie-Segers/Asscher",
// "motie-Mutluer c.s.".
func motionName(subs []submitter, cs bool) string {
	if len(subs) == 1 {
		if cs {
			return "motie-" + subs[0].surname + " c.s."
		}
		return "motie-" + subs[0].surname
	}
	if len(subs) == 2 && !cs {
		return "motie-" + subs[0].surname + "/" + subs[1].surname
	}
	return "motie-" + subs[0].surname + " c.s."
}

func (c *corpus) addMotion(m *motionMention) {
	var id string
	props := map[string]any{}
	if m.number > 0 {
		id = kg.MotionID(m.dossier, m.number)
		props[kg.PropDossier] = m.dossier
		props[kg.PropNumber] = int64(m.number)
		props[kg.PropCitation] = kg.Citation(m.dossier, m.number)
	} else {
		id = kg.UnnumberedMotionID(submitterKey(m.submitters))
	}
	names := make([]string, len(m.submitters))
	for i, s := range m.submitters {
		names[i] = s.surname
	}
	props[kg.PropSubmitters] = names
	if m.coSigned {
		props[kg.PropCoSigned] = true
	}
	status := kg.MotionSubmitted
	if m.submitted != "" {
		props[kg.PropDateSubmitted] = m.submitted
	}
	if m.adopted != "" {
		status = kg.MotionAdopted
		if m.adopted != "?" {
			props[kg.PropDateAdopted] = m.adopted
		}
	}
	if m.completed {
		status = kg.MotionCompleted
	}
	if m.request != "" {
		props[kg.PropRequest] = m.request
	}
	node := c.b.Node(kg.Node{ID: id, Label: kg.Motion, Name: motionName(m.submitters, m.coSigned), Props: map[string]any{}, Mentions: m.evidence})
	mergeMotionProps(node, props, status)
	rel := kg.Mentions
	if m.responds {
		rel = kg.RespondsTo
	}
	c.b.Edge(kg.Edge{Type: rel, From: m.doc.id, To: id, Evidence: m.evidence})
	for _, s := range m.submitters {
		pid := kg.PersonID(s.surname)
		pprops := map[string]any{kg.PropKind: kg.PersonMP}
		if s.party != "" {
			pprops[kg.PropParty] = s.party
		}
		c.b.Node(kg.Node{ID: pid, Label: kg.Person, Name: s.surname, Props: pprops, Mentions: m.evidence[:1]})
		c.b.Edge(kg.Edge{Type: kg.Submitted, From: pid, To: id, Evidence: m.evidence[:1]})
		if s.party != "" {
			party := kg.PartyID(s.party)
			c.b.Node(kg.Node{ID: party, Label: kg.Party, Name: s.party, Mentions: m.evidence[:1]})
			c.b.Edge(kg.Edge{Type: kg.MemberOf, From: pid, To: party, Evidence: m.evidence[:1]})
		}
	}
	if m.event != nil {
		eid := c.eventNode(m.event.kind, m.event.date, m.event.ev)
		c.b.Edge(kg.Edge{Type: kg.SubmittedIn, From: id, To: eid, Evidence: []kg.Evidence{m.event.ev}})
	}
}

// mergeMotionProps keeps the most informative value seen for each property: a motion named
// "c.s." in one letter and with all submitters in another keeps the full list; the
// furthest status wins.
func mergeMotionProps(n *kg.Node, props map[string]any, status string) {
	for k, v := range props {
		cur, set := n.Props[k]
		switch {
		case !set:
			n.Props[k] = v
		case k == kg.PropSubmitters && len(v.([]string)) > len(cur.([]string)):
			n.Props[k] = v
		}
	}
	rank := map[string]int{kg.MotionSubmitted: 0, kg.MotionAdopted: 1, kg.MotionRejected: 1, kg.MotionCompleted: 2}
	if cur, ok := n.Props[kg.PropStatus].(string); !ok || rank[status] > rank[cur] {
		n.Props[kg.PropStatus] = status
	}
}
