package loader

import (
	"fmt"
	"strconv"
	"strings"

	"beleidsgraaf/kg"
)

// The assembler is the only code that writes the graph. Recognisers hand it facts; it
// applies them in document order and owns every rule by which two facts about one
// real-world thing are merged. The rules, all of them:
//
//  1. First value wins. A property set by an earlier fact is kept (kg.Builder); later
//     names become aliases; mentions and evidence are gathered, each kept once.
//  2. A loaded document is itself before it is anyone's citation: every document's own
//     node is applied before any document's facts, so a Kamerstuk cited by an earlier
//     letter keeps the metadata of its own file.
//  3. Organisations take name, kind, aliases and abbreviation from the frozen index; a
//     later mention adds only its evidence.
//  4. The fullest title wins for actielijnen: headings and table cells cut titles short,
//     so a longer title replaces a shorter one (which is kept as an alias).
//  5. The first budget wins: the action plan's tables are repeated by later letters.
//  6. Motions are resolved after the whole corpus has been read (resolveMotions): a mention
//     without a number takes the number of the same motion named elsewhere. Of the mentions
//     of one motion, the fullest submitter list wins.
//  7. An edge whose ends were never added is dropped (kg.Builder.Graph): a relation to
//     something no recogniser established is no fact.
//  8. Status steps are gathered, never merged away: every statement of where a motion or
//     commitment stands is a step of its history (kg.StatusStep), repeats of the same
//     (status, date, sentence) kept once. Once the corpus is read, each motion and
//     commitment stores its history, its current status (the latest dated step) and its
//     furthest status (the step of highest rank); a motion without steps was submitted,
//     a commitment without steps was made (kg.Node.SetHistory).
//  9. Decisions and votes stated by a document's metadata file are set after the motions
//     are resolved (applyDecisions in sidecar.go): the source's list is the motion's list,
//     and each decision is a status step of the motion (before rule 8 stores the histories).
type assembler struct {
	b       *kg.Builder
	orgs    *orgIndex // frozen
	motions motionIndex
	// decided are the motions' stated decisions, set after the motions (rule 9)
	decided []decisionsFact
	// steps gathers the status steps per motion and commitment ID (rule 8)
	steps map[string][]kg.StatusStep
	// historyDefault is the status of each motion and commitment without steps (rule 8)
	historyDefault map[string]string
}

func newAssembler(orgs *orgIndex) *assembler {
	return &assembler{b: kg.NewBuilder(), orgs: orgs, motions: newMotionIndex(),
		steps: map[string][]kg.StatusStep{}, historyDefault: map[string]string{}}
}

// fact is one thing a recogniser found. Its apply method is its merge rule.
type fact interface {
	apply(a *assembler)
	// key names what the fact is about, for tests and diagnostics ("edge MENTIONS a → b").
	key() string
}

// facts is what the recognisers found in one document, in the order they found it.
type facts struct {
	list []fact
}

func (f *facts) add(x fact) { f.list = append(f.list, x) }

// node records a node as the text states it.
func (f *facts) node(n kg.Node) { f.add(nodeFact{n}) }

// edge records a relation and its evidence.
func (f *facts) edge(t kg.RelType, from, to string, ev ...kg.Evidence) {
	f.add(edgeFact{kg.Edge{Type: t, From: from, To: to, Evidence: ev}})
}

// org records a mention of a known organisation and returns its node ID.
func (f *facts) org(key string, ev kg.Evidence) string {
	id := kg.OrganisationID(key)
	f.add(orgFact{orgKey: key, id: id, ev: ev})
	return id
}

// actielijn records an actielijn (with its title when the text gives one) and returns its ID.
func (f *facts) actielijn(n int, title string, ev kg.Evidence) string {
	f.add(actielijnFact{number: n, title: cleanTitle(title), ev: ev})
	return kg.ActielijnID(n)
}

type nodeFact struct{ n kg.Node }

func (x nodeFact) apply(a *assembler) { a.b.Node(x.n) } // rule 1
func (x nodeFact) key() string        { return "node " + string(x.n.Label) + " " + x.n.ID }

type edgeFact struct{ e kg.Edge }

func (x edgeFact) apply(a *assembler) { a.b.Edge(x.e) } // rule 1
func (x edgeFact) key() string {
	return "edge " + string(x.e.Type) + " " + x.e.From + " → " + x.e.To
}

type orgFact struct {
	orgKey, id string
	ev         kg.Evidence
}

// apply is rule 3.
func (x orgFact) apply(a *assembler) {
	if n := a.b.Get(x.id); n != nil {
		n.Mentions = append(n.Mentions, x.ev)
		return
	}
	n := kg.Node{ID: x.id, Label: kg.Organisation, Mentions: []kg.Evidence{x.ev}}
	if e, ok := a.orgs.entries[x.orgKey]; ok {
		n.Name = e.name
		n.Aliases = append([]string(nil), e.aliases...)
		n.Props = map[string]any{kg.PropKind: e.kind}
		if e.abbr != "" {
			n.Props[kg.PropAbbreviation] = e.abbr
			if e.abbr != e.name {
				n.Aliases = append(n.Aliases, e.abbr)
			}
		}
	} else {
		n.Name = x.orgKey
	}
	a.b.Node(n)
}
func (x orgFact) key() string { return "node Organisation " + x.id }

// budget is a table row's euro amounts per year.
type budget struct {
	years, euro []int64
}

type actielijnFact struct {
	number int
	title  string
	ev     kg.Evidence
	budget *budget
}

// apply is rules 4 and 5.
func (x actielijnFact) apply(a *assembler) {
	props := map[string]any{kg.PropNumber: int64(x.number)}
	name := "Actielijn " + strconv.Itoa(x.number)
	if x.title != "" {
		props[kg.PropTitle] = x.title
		name = x.title
	}
	n := a.b.Node(kg.Node{ID: kg.ActielijnID(x.number), Label: kg.Actielijn, Name: name, Props: props, Mentions: []kg.Evidence{x.ev}})
	if x.title != "" && (strings.HasPrefix(n.Name, "Actielijn ") || len(x.title) > len(n.Name)) {
		n.AddAlias(n.Name)
		n.Name = x.title
		n.Props[kg.PropTitle] = x.title
	}
	x.budget.setOn(n)
}
func (x actielijnFact) key() string { return "node Actielijn " + kg.ActielijnID(x.number) }

// setOn stores the budget unless the node has one (rule 5).
func (bu *budget) setOn(n *kg.Node) {
	if bu == nil || len(bu.years) == 0 {
		return
	}
	if _, set := n.Props[kg.PropBudgetYears]; !set {
		n.Props[kg.PropBudgetYears] = bu.years
		n.Props[kg.PropBudgetEuro] = bu.euro
	}
}

type motionFact struct{ m *motionMention }

// apply collects the mention; the motion is added once the corpus is read (rule 6).
func (x motionFact) apply(a *assembler) { a.motions.add(x.m) }
func (x motionFact) key() string {
	id := kg.UnnumberedMotionID(submitterKey(x.m.submitters))
	if x.m.number > 0 {
		id = kg.MotionID(x.m.dossier, x.m.number)
	}
	return fmt.Sprintf("motion %s by %s", id, submitterKey(x.m.submitters))
}

// documents applies the documents' own nodes; they come before any other fact (rule 2).
func (a *assembler) documents(docs []*docCtx) {
	for _, d := range docs {
		documentNode(d).apply(a)
	}
}

// apply applies the facts of one document.
func (a *assembler) apply(f *facts) {
	for _, x := range f.list {
		x.apply(a)
	}
}

// graph resolves the motions (rule 6), stores the status histories (rule 8) and returns
// the assembled graph.
func (a *assembler) graph() *kg.Graph {
	a.resolveMotions()
	a.applyDecisions()
	a.storeHistories()
	g := a.b.TakeGraph()
	kg.StampSince(g) // the date each node and edge is in the graph from, for views as of a date
	return g
}

// storeHistories stores every motion's and commitment's steps and statuses (rule 8).
func (a *assembler) storeHistories() {
	for id, def := range a.historyDefault {
		if n := a.b.Get(id); n != nil {
			n.SetHistory(a.steps[id], def)
			if n.Label == kg.Commitment && n.Str(kg.PropDate) == "" {
				// a commitment is dated by the debate it was made in, else by its first dated MADE step
				for _, s := range n.Steps() {
					if s.Status == kg.CommitmentMade && s.Date != "" {
						n.Props[kg.PropDate] = s.Date
						break
					}
				}
			}
		}
	}
}

// resolveMotions turns the collected mentions into Motion nodes (rule 6).
func (a *assembler) resolveMotions() {
	for _, m := range a.motions.all {
		a.motions.resolve(m)
		a.addMotion(m)
	}
}

func (a *assembler) addMotion(m *motionMention) {
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
	if m.submitted != "" {
		props[kg.PropDateSubmitted] = m.submitted
	}
	if m.adopted != "" && m.adopted != "?" {
		props[kg.PropDateAdopted] = m.adopted
	}
	if m.request != "" {
		props[kg.PropRequest] = m.request
	}
	node := a.b.Node(kg.Node{ID: id, Label: kg.Motion, Name: motionName(m.submitters, m.coSigned), Props: map[string]any{}, Mentions: m.evidence})
	mergeMotionProps(node, props)
	statusFact{id: id, steps: m.steps}.apply(a)
	a.historyDefault[id] = kg.MotionSubmitted
	rel := kg.Mentions
	if m.responds {
		rel = kg.RespondsTo
	}
	a.b.Edge(kg.Edge{Type: rel, From: m.doc, To: id, Evidence: m.evidence})
	for _, s := range m.submitters {
		pid := kg.PersonID(s.surname)
		pprops := map[string]any{kg.PropKind: kg.PersonMP}
		if s.party != "" {
			pprops[kg.PropParty] = s.party
		}
		a.b.Node(kg.Node{ID: pid, Label: kg.Person, Name: s.surname, Props: pprops, Mentions: m.evidence[:1]})
		a.b.Edge(kg.Edge{Type: kg.Submitted, From: pid, To: id, Evidence: m.evidence[:1]})
		if s.party != "" {
			party := kg.PartyID(s.party)
			a.b.Node(kg.Node{ID: party, Label: kg.Party, Name: s.party, Mentions: m.evidence[:1]})
			a.b.Edge(kg.Edge{Type: kg.MemberOf, From: pid, To: party, Evidence: m.evidence[:1]})
		}
	}
	if m.event != nil {
		eid := kg.EventID(m.event.kind, m.event.date)
		eventNode(m.event.kind, m.event.date, m.event.ev).apply(a)
		a.b.Edge(kg.Edge{Type: kg.SubmittedIn, From: id, To: eid, Evidence: []kg.Evidence{m.event.ev}})
	}
}

// mergeMotionProps keeps the most informative value seen for each property: a motion named
// "c.s." in one letter and with all submitters in another keeps the full list (rule 6).
func mergeMotionProps(n *kg.Node, props map[string]any) {
	for k, v := range props {
		cur, set := n.Props[k]
		switch {
		case !set:
			n.Props[k] = v
		case k == kg.PropSubmitters && len(v.([]string)) > len(cur.([]string)):
			n.Props[k] = v
		}
	}
}

// motionIndex holds the motion mentions of the corpus, indexed for resolution: each
// lookup is a map access, so resolving n mentions costs O(n), not O(n²).
type motionIndex struct {
	all []*motionMention
	// numbered mentions by document and submitter key
	byDoc map[string]map[string][]*motionMention
	// numbered motions by submitter key, across the corpus
	global map[string]map[string]*motionMention
	// mentions with several submitters by document and first submitter
	lead map[[2]string][]*motionMention
}

func newMotionIndex() motionIndex {
	return motionIndex{byDoc: map[string]map[string][]*motionMention{}, global: map[string]map[string]*motionMention{},
		lead: map[[2]string][]*motionMention{}}
}

func (ix *motionIndex) add(m *motionMention) {
	ix.all = append(ix.all, m)
	if len(m.submitters) >= 2 {
		k := [2]string{m.doc, m.submitters[0].surname}
		ix.lead[k] = append(ix.lead[k], m)
	}
	if m.number == 0 {
		return
	}
	k := submitterKey(m.submitters)
	if ix.byDoc[m.doc] == nil {
		ix.byDoc[m.doc] = map[string][]*motionMention{}
	}
	ix.byDoc[m.doc][k] = append(ix.byDoc[m.doc][k], m)
	if ix.global[k] == nil {
		ix.global[k] = map[string]*motionMention{}
	}
	ix.global[k][kg.MotionID(m.dossier, m.number)] = m
}

// resolve completes a mention without a number: "motie Mutluer" names the one motion of
// its document of which that member is first of several submitters; otherwise the
// numbered motion with the same submitters in the same document, or else in the whole
// corpus when exactly one such motion exists. Failing all, it stays an unnumbered motion.
func (ix *motionIndex) resolve(m *motionMention) {
	if m.number == 0 && len(m.submitters) == 1 {
		if full := ix.firstSubmitterMotion(m); full != nil {
			m.submitters, m.coSigned = full.submitters, full.coSigned
			m.dossier, m.number = full.dossier, full.number
		}
	}
	if m.number != 0 {
		return
	}
	k := submitterKey(m.submitters)
	if same := uniqueNumbers(ix.byDoc[m.doc][k]); len(same) == 1 {
		m.dossier, m.number = same[0].dossier, same[0].number
	} else if len(ix.global[k]) == 1 {
		for _, g := range ix.global[k] {
			m.dossier, m.number = g.dossier, g.number
		}
	}
}

// firstSubmitterMotion returns the one other motion of m's document whose first of
// several submitters is m's only submitter, or nil when there is none or more than one.
func (ix *motionIndex) firstSubmitterMotion(m *motionMention) *motionMention {
	var found *motionMention
	for _, o := range ix.lead[[2]string{m.doc, m.submitters[0].surname}] {
		if o == m {
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
