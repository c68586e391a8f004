// Package model holds the Go types the GraphQL schema binds to. Node types wrap a *kg.Node
// and read their fields from its properties, so nothing is copied out of the store's
// answer. Hand-written files here never refer to generated code (models_gen.go), so the
// package always type-checks when gqlgen regenerates it.
package model

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/kg"
)

// Node is the GraphQL interface Node; every node type implements it.
type Node interface {
	// KG returns the underlying graph node.
	KG() *kg.Node
}

// Wrap returns the GraphQL type for a graph node according to its label, or nil for nil.
func Wrap(n *kg.Node) Node {
	w := Wrapper{left: 1}
	return w.Wrap(n)
}

// Wrapper wraps the nodes of one batch (a page, the neighbours of a level) with an
// allocation per label, not per node: each type's wrappers come from a slab made, when the
// type first comes up, for as many nodes as the batch has left. A page of a hundred motions
// was a hundred allocations of one pointer each. A batch of mixed labels allocates at most
// a slab of its size per label.
type Wrapper struct {
	left          int // nodes the batch has left to wrap
	documents     []Document
	persons       []Person
	offices       []Office
	parties       []Party
	organisations []Organisation
	actionPlans   []ActionPlan
	actielijnen   []Actielijn
	actions       []Action
	proposals     []Proposal
	motions       []Motion
	reports       []Report
	commitments   []Commitment
	legislation   []Legislation
	events        []Event
}

// NewWrapper returns a wrapper for a batch of n nodes.
func NewWrapper(n int) Wrapper { return Wrapper{left: max(n, 1)} }

// Expect tells a wrapper kept for many batches that n more nodes come, at least: its
// next slabs are made for them (what is left of its slabs is used first).
func (w *Wrapper) Expect(n int) { w.left = max(n, 1) }

// Wrap returns the GraphQL type for a node of the batch, or nil for nil.
func (w *Wrapper) Wrap(n *kg.Node) Node {
	if n == nil {
		return nil
	}
	b, left := base{n}, w.left
	w.left = max(left-1, 1)
	switch n.Label {
	case kg.Document:
		return slot(&w.documents, left, Document{b})
	case kg.Person:
		return slot(&w.persons, left, Person{b})
	case kg.Office:
		return slot(&w.offices, left, Office{b})
	case kg.Party:
		return slot(&w.parties, left, Party{b})
	case kg.Organisation:
		return slot(&w.organisations, left, Organisation{b})
	case kg.ActionPlan:
		return slot(&w.actionPlans, left, ActionPlan{b})
	case kg.Actielijn:
		return slot(&w.actielijnen, left, Actielijn{b})
	case kg.Action:
		return slot(&w.actions, left, Action{b})
	case kg.Proposal:
		return slot(&w.proposals, left, Proposal{b})
	case kg.Motion:
		return slot(&w.motions, left, Motion{b})
	case kg.Report:
		return slot(&w.reports, left, Report{b})
	case kg.Commitment:
		return slot(&w.commitments, left, Commitment{b})
	case kg.Legislation:
		return slot(&w.legislation, left, Legislation{b})
	case kg.Event:
		return slot(&w.events, left, Event{b})
	}
	return nil
}

// slot sets the next element of a slab to v and returns it, making a slab of n when the
// slab is used up.
func slot[T any](slab *[]T, n int, v T) *T {
	if len(*slab) == 0 {
		*slab = make([]T, n)
	}
	p := &(*slab)[0]
	*p = v
	*slab = (*slab)[1:]
	return p
}

// WrapAll wraps a list of nodes, keeping nils where the store found nothing.
func WrapAll(ns []*kg.Node) []Node {
	out := make([]Node, len(ns))
	wr := NewWrapper(len(ns))
	for i, n := range ns {
		if w := wr.Wrap(n); w != nil {
			out[i] = w
		}
	}
	return out
}

// base holds what every node type shares: the fields of the Node interface.
type base struct{ n *kg.Node }

func (b base) KG() *kg.Node { return b.n }
func (b base) ID() string   { return b.n.ID }
func (b base) Label() Label { return Label(b.n.Label) }
func (b base) Name() string { return b.n.Name }
func (b base) Aliases() []string {
	if b.n.Aliases == nil {
		return []string{}
	}
	return b.n.Aliases
}
func (b base) Mentions() []kg.Evidence {
	if b.n.Mentions == nil {
		return []kg.Evidence{}
	}
	return b.n.Mentions
}

// str is a string property, nil when unset or empty: the node's own copy (kg.Node.StrRef),
// which the answer only reads.
func (b base) str(key string) *string { return b.n.StrRef(key) }

func (b base) integer(key string) *int {
	if v, ok := b.n.Int(key); ok {
		i := int(v)
		return &i
	}
	return nil
}

func (b base) date(key string) *Date { return (*Date)(b.n.StrRef(key)) }

// Document is a letter, memo, annex or cited Kamerstuk.
type Document struct{ base }

func (d Document) Kind() *DocumentKind {
	if k := DocumentKind(d.n.Str(kg.PropKind)); k.IsValid() {
		return &k
	}
	return nil
}
func (d Document) Title() *string      { return d.str(kg.PropTitle) }
func (d Document) Date() *Date         { return d.date(kg.PropDate) }
func (d Document) Kenmerk() *string    { return d.str(kg.PropKenmerk) }
func (d Document) Dossier() *string    { return d.str(kg.PropDossier) }
func (d Document) Number() *int        { return d.integer(kg.PropNumber) }
func (d Document) SourceFile() *string { return d.str(kg.PropSourceFile) }
func (d Document) TkNumber() *string   { return d.str(kg.PropTKNumber) }
func (d Document) AlsoFrom() []string {
	if s := d.n.Strings(kg.PropAlsoFrom); s != nil {
		return s
	}
	return []string{}
}
func (d Document) Text() *string { return d.str(kg.PropText) }

// Citation is the stored citation, or the canonical one built from dossier and number.
func (d Document) Citation() *string { return citation(d.n) }

// AppendCitation appends the citation to dst; false: none (appendCitation).
func (d Document) AppendCitation(dst []byte) ([]byte, bool) { return appendCitation(dst, d.n) }

// citation is n's stored citation (the loader stores one on every numbered document and
// motion: one property read, where building it took two and a string), or the canonical
// one built from its dossier and number.
func citation(n *kg.Node) *string {
	if c := n.Str(kg.PropCitation); c != "" {
		return &c
	}
	return builtCitation(n)
}

// appendCitation appends n's citation (citation) to dst; false: it has none. An eager
// answer writes a citation through it (AppendCitation): citation, over the inliner's
// budget, moved every citation it returned to the heap, an allocation for every motion
// of a nested answer.
func appendCitation(dst []byte, n *kg.Node) ([]byte, bool) {
	if c := n.Str(kg.PropCitation); c != "" {
		return append(dst, c...), true
	}
	if c := builtCitation(n); c != nil {
		return append(dst, *c...), true
	}
	return dst, false
}

// builtCitation is the canonical citation of n's dossier and number, nil without them.
func builtCitation(n *kg.Node) *string {
	dossier := n.Str(kg.PropDossier)
	number, ok := n.Int(kg.PropNumber)
	if dossier == "" || !ok {
		return nil
	}
	c := kg.Citation(dossier, int(number))
	return &c
}

// Person is a bewindspersoon, Kamerlid or other person.
type Person struct{ base }

func (p Person) Kind() *PersonKind {
	if k := PersonKind(p.n.Str(kg.PropKind)); k.IsValid() {
		return &k
	}
	return nil
}
func (p Person) Initials() *string  { return p.str(kg.PropInitials) }
func (p Person) PartyName() *string { return p.str(kg.PropParty) }

// Office is an office such as "Minister voor Rechtsbescherming".
type Office struct{ base }

// Party is a fractie.
type Party struct{ base }

// Organisation is a ministry, NGO, police unit, network ...
type Organisation struct{ base }

func (o Organisation) Abbreviation() *string { return o.str(kg.PropAbbreviation) }
func (o Organisation) Kind() *string         { return o.str(kg.PropKind) }

// ActionPlan is the action plan or one of its versions.
type ActionPlan struct{ base }

func (p ActionPlan) Title() *string { return p.str(kg.PropTitle) }
func (p ActionPlan) Date() *Date    { return p.date(kg.PropDate) }

// Actielijn is an action line of the plan.
type Actielijn struct{ base }

func (a Actielijn) Number() *int   { return a.integer(kg.PropNumber) }
func (a Actielijn) Title() *string { return a.str(kg.PropTitle) }

// Action is an actie of the plan.
type Action struct{ base }

func (a Action) Number() *int   { return a.integer(kg.PropNumber) }
func (a Action) Title() *string { return a.str(kg.PropTitle) }

// Budget pairs the parallel budgetYears and budgetEuro lists into lines, in stored order.
func (a Action) Budget() []*BudgetLine {
	years, euros := a.n.Ints(kg.PropBudgetYears), a.n.Ints(kg.PropBudgetEuro)
	n := min(len(years), len(euros))
	out := make([]*BudgetLine, n)
	for i := range n {
		out[i] = &BudgetLine{Year: int(years[i]), Euro: int(euros[i])}
	}
	return out
}

// BudgetTotal sums the budget lines; nil when there are none.
func (a Action) BudgetTotal() *int {
	lines := a.Budget()
	if len(lines) == 0 {
		return nil
	}
	total := 0
	for _, l := range lines {
		total += l.Euro
	}
	return &total
}

// BudgetLine is an action's budget for one year.
type BudgetLine struct {
	Year int
	Euro int
}

// Proposal is a proposed extra action.
type Proposal struct{ base }

func (p Proposal) Number() *int       { return p.integer(kg.PropNumber) }
func (p Proposal) Theme() *string     { return p.str(kg.PropTheme) }
func (p Proposal) Title() *string     { return p.str(kg.PropTitle) }
func (p Proposal) Appraisal() *string { return p.str(kg.PropAppraisal) }

// EstimatedCost is the cost as stored: text, or a number written out.
func (p Proposal) EstimatedCost() *string {
	v, _ := p.n.Prop(kg.PropEstimatedCost)
	switch v := v.(type) {
	case string:
		if v != "" {
			return &v
		}
	case int64:
		s := strconv.FormatInt(v, 10)
		return &s
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		return &s
	}
	return nil
}

// Motion is a motie.
type Motion struct{ base }

func (m Motion) Dossier() *string     { return m.str(kg.PropDossier) }
func (m Motion) Number() *int         { return m.integer(kg.PropNumber) }
func (m Motion) Citation() *string    { return citation(m.n) }
func (m Motion) DateSubmitted() *Date { return m.date(kg.PropDateSubmitted) }
func (m Motion) DateAdopted() *Date   { return m.date(kg.PropDateAdopted) }
func (m Motion) Request() *string     { return m.str(kg.PropRequest) }
func (m Motion) CoSigned() bool       { return m.n.Bool(kg.PropCoSigned) }

// AppendCitation appends the citation to dst; false: none (appendCitation).
func (m Motion) AppendCitation(dst []byte) ([]byte, bool) { return appendCitation(dst, m.n) }
func (m Motion) Status(asOf *Date) *MotionStatus {
	if s := MotionStatus(statusAsOf(m.n, asOf)); s.IsValid() {
		return &s
	}
	return nil
}
func (m Motion) SubmitterNames() []string {
	if s := m.n.Strings(kg.PropSubmitters); s != nil {
		return s
	}
	return []string{}
}

// Report is a rapport, monitor, advies ...
type Report struct{ base }

func (r Report) Title() *string { return r.str(kg.PropTitle) }
func (r Report) Kind() *string  { return r.str(kg.PropKind) }
func (r Report) Date() *Date    { return r.date(kg.PropDate) }

// Commitment is a toezegging.
type Commitment struct{ base }

func (c Commitment) Number() *int         { return c.integer(kg.PropNumber) }
func (c Commitment) Description() *string { return c.str(kg.PropDescription) }
func (c Commitment) Date() *Date          { return c.date(kg.PropDate) }

// Legislation is a law, article, directive or treaty.
type Legislation struct{ base }

func (l Legislation) Citation() *string { return l.str(kg.PropCitationText) }

// Event is a debate or meeting.
type Event struct{ base }

func (e Event) Kind() *string { return e.str(kg.PropKind) }
func (e Event) Date() *Date   { return e.date(kg.PropDate) }

// Date is the GraphQL scalar Date: an ISO 8601 calendar date, yyyy-mm-dd.
type Date string

// MarshalGQL writes the date as a JSON string.
func (d Date) MarshalGQL(w io.Writer) { graphql.MarshalString(string(d)).MarshalGQL(w) }

// UnmarshalGQL accepts only yyyy-mm-dd strings that are real dates.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return inputErrorf("Date must be a string in the form yyyy-mm-dd")
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return inputErrorf("%q is not a date in the form yyyy-mm-dd", s)
	}
	*d = Date(s)
	return nil
}
