package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Relationship fields come in two kinds (README, "API conventions"):
//
//   - relation fields name the relation as this node's verb (holds, executes, memberOf,
//     cites, citedBy, respondsTo, mentionedIn, ...) and are Relay connections whose edges
//     carry the evidence;
//   - role fields name the nodes at the other end by their role (holders, submitters,
//     respondedToBy, submitted, ...) and return those nodes: a plain list, or one node where
//     there is at most one. Each role field has a twin, the same field name plus
//     "Connection" (holdersConnection), that is a relation field over the same edges, so
//     that no evidence is out of reach.

// shape is what a relationship field returns.
type shape int

const (
	connectionShape  shape = iota // a Relay connection of edges with evidence
	listShape                     // a plain list of the nodes at the other end, [T!]!
	singleShape                   // the one node at the other end, or null
	involvementShape              // [Involvement!]!: organisation, role, evidence
)

func (s shape) String() string {
	return [...]string{"connection", "list", "single node", "involvements"}[s]
}

// twinSuffix names the connection twin of a role field.
const twinSuffix = "Connection"

// relDef says which edges a relationship field follows and what it returns.
type relDef struct {
	types  []kg.RelType
	dir    store.Direction
	labels []kg.Label
	shape  shape
}

// outgoing follows edges from the node; incoming edges to it.
func outgoing(types ...kg.RelType) relDef { return relDef{types: types, dir: store.Out} }
func incoming(types ...kg.RelType) relDef { return relDef{types: types, dir: store.In} }

// of narrows a relationship to these labels at the other end.
func (d relDef) of(labels ...kg.Label) relDef { d.labels = labels; return d }

// list, single and involvements make a role field of the given shape.
func (d relDef) list() relDef         { d.shape = listShape; return d }
func (d relDef) single() relDef       { d.shape = singleShape; return d }
func (d relDef) involvements() relDef { d.shape = involvementShape; return d }

// window checks a relationship field's paging arguments; a single node needs one edge.
func (d relDef) window(page pageArgs) (window, error) {
	if d.shape == singleShape {
		return window{n: 1}, nil
	}
	return page.window(defaultRelationFirst, maxRelationFirst)
}

// pageKey is the neighbours loader key of the page w of node id's edges. It asks for one
// more than w.n, which tells whether more lie beyond the page (so first: 0 still asks for
// one); involvements ask for all, since they are sorted here rather than by the store.
// The resolvers and the prefetcher both make their keys here.
func (d relDef) pageKey(id string, w window) relKey {
	size := w.n + 1
	if d.shape == involvementShape {
		size = 0
	}
	return relKey{id, newRelSpec(d.types, d.dir, d.labels, size, w.cursor, w.backward)}
}

// light reports whether relationship field f (of this shape) reads no text or mentions of
// the nodes at the other end, so that its page may be a light read. Involvements are read
// whole (rare, and their nodes are sorted here).
func (d relDef) light(l *Loaders, f *ast.Field) bool {
	switch d.shape {
	case connectionShape:
		return !l.readsBulk(f, "edges", "node")
	case listShape, singleShape:
		return !l.readsBulk(f)
	}
	return false
}

// countKey is the counts loader key of node id: all its edges that d follows.
func (d relDef) countKey(id string) relKey {
	return relKey{id, newRelSpec(d.types, d.dir, d.labels, 0, "", false)}
}

// organisationRoles are the relations that make an organisation involved in an actielijn
// or action, in the order `involved` lists the roles of one organisation.
var organisationRoles = []kg.RelType{kg.Holds, kg.Executes, kg.Commissioned, kg.Coordinates}

// relationFields defines every relationship field of the schema ("Type.field"), the
// connection twins of role fields implied: the resolvers look their field up here, and so
// does the prefetcher (prefetch.go), so both always ask the store the same question.
// TestRelationFieldsDefined checks that the schema and this table agree, field for field
// and shape for shape.
var relationFields = map[string]relDef{
	"Document.addressedTo": outgoing(kg.AddressedTo),
	"Document.citedBy":     incoming(kg.Cites).of(kg.Document),
	"Document.cites":       outgoing(kg.Cites).of(kg.Document),
	"Document.mentioned":   outgoing(kg.Mentions),
	"Document.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Document.onBehalfOf":  outgoing(kg.OnBehalfOf).of(kg.Office),
	"Document.respondsTo":  outgoing(kg.RespondsTo),
	"Document.signatories": outgoing(kg.SignedBy).list(),

	"Person.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Person.offices":     outgoing(kg.HoldsOffice).of(kg.Office).list(),
	"Person.party":       outgoing(kg.MemberOf).of(kg.Party).single(),
	"Person.signed":      incoming(kg.SignedBy).of(kg.Document).list(),
	"Person.attended":    outgoing(kg.Attended).of(kg.Event).list(),
	"Person.submitted":   outgoing(kg.Submitted).of(kg.Motion).list(),

	"Office.addressedIn":       incoming(kg.AddressedTo).of(kg.Document),
	"Office.holders":           incoming(kg.HoldsOffice).of(kg.Person).list(),
	"Office.mentionedIn":       incoming(kg.Mentions).of(kg.Document),
	"Office.onBehalfDocuments": incoming(kg.OnBehalfOf).of(kg.Document).list(),
	"Office.partOf":            outgoing(kg.PartOf).of(kg.Organisation),
	"Office.signed":            incoming(kg.SignedBy).of(kg.Document).list(),

	"Party.members":     incoming(kg.MemberOf).of(kg.Person).list(),
	"Party.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Organisation.addressedIn":   incoming(kg.AddressedTo).of(kg.Document),
	"Organisation.commissioned":  outgoing(kg.Commissioned),
	"Organisation.coordinatedBy": incoming(kg.Coordinates).of(kg.Organisation).list(),
	"Organisation.coordinates":   outgoing(kg.Coordinates),
	"Organisation.executes":      outgoing(kg.Executes),
	"Organisation.holds":         outgoing(kg.Holds),
	"Organisation.memberOf":      outgoing(kg.MemberOf).of(kg.Organisation),
	"Organisation.members":       incoming(kg.MemberOf).of(kg.Organisation).list(),
	"Organisation.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Organisation.partOf":        outgoing(kg.PartOf).of(kg.Organisation),
	"Organisation.parts":         incoming(kg.PartOf).list(),
	"Organisation.published":     outgoing(kg.Published).of(kg.Report),

	"ActionPlan.actielijnen": incoming(kg.PartOf).of(kg.Actielijn).list(),
	"ActionPlan.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Actielijn.actions":      incoming(kg.PartOf).of(kg.Action).list(),
	"Actielijn.coordinators": incoming(kg.Coordinates).of(kg.Organisation).list(),
	"Actielijn.executors":    incoming(kg.Executes).of(kg.Organisation).list(),
	"Actielijn.holders":      incoming(kg.Holds).of(kg.Organisation).list(),
	"Actielijn.involved":     incoming(organisationRoles...).of(kg.Organisation).involvements(),
	"Actielijn.mentionedIn":  incoming(kg.Mentions).of(kg.Document),
	"Actielijn.plan":         outgoing(kg.PartOf).of(kg.ActionPlan).single(),
	"Actielijn.proposals":    incoming(kg.RelatesTo).of(kg.Proposal).list(),

	"Action.actielijn":      outgoing(kg.PartOf).of(kg.Actielijn).single(),
	"Action.commissionedBy": incoming(kg.Commissioned).of(kg.Organisation).list(),
	"Action.coordinators":   incoming(kg.Coordinates).of(kg.Organisation).list(),
	"Action.executors":      incoming(kg.Executes).of(kg.Organisation).list(),
	"Action.holders":        incoming(kg.Holds).of(kg.Organisation).list(),
	"Action.involved":       incoming(organisationRoles...).of(kg.Organisation).involvements(),
	"Action.mentionedIn":    incoming(kg.Mentions).of(kg.Document),
	"Action.proposals":      incoming(kg.RelatesTo).of(kg.Proposal).list(),

	"Proposal.mentionedIn":      incoming(kg.Mentions).of(kg.Document),
	"Proposal.relatedProposals": incoming(kg.RelatesTo).of(kg.Proposal).list(),
	"Proposal.relatesTo":        outgoing(kg.RelatesTo),

	"Motion.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Motion.proposals":     incoming(kg.RelatesTo).of(kg.Proposal).list(),
	"Motion.respondedToBy": incoming(kg.RespondsTo).of(kg.Document).list(),
	"Motion.submittedIn":   outgoing(kg.SubmittedIn).of(kg.Event),
	"Motion.submitters":    incoming(kg.Submitted).of(kg.Person).list(),

	"Report.commissionedBy": incoming(kg.Commissioned).of(kg.Organisation).list(),
	"Report.executors":      incoming(kg.Executes).of(kg.Organisation).list(),
	"Report.mentionedIn":    incoming(kg.Mentions).of(kg.Document),
	"Report.publishers":     incoming(kg.Published).of(kg.Organisation).list(),
	"Report.respondedToBy":  incoming(kg.RespondsTo).of(kg.Document).list(),

	"Commitment.madeIn":        outgoing(kg.MadeIn).of(kg.Event),
	"Commitment.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Commitment.respondedToBy": incoming(kg.RespondsTo).of(kg.Document).list(),

	"Legislation.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Event.commitments": incoming(kg.MadeIn).of(kg.Commitment).list(),
	"Event.attendees":   incoming(kg.Attended).of(kg.Person).list(),
	"Event.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Event.motions":     incoming(kg.SubmittedIn).of(kg.Motion).list(),
}

// relationField returns the definition of the relationship field being resolved.
func relationField(ctx context.Context) (relDef, error) {
	fc := graphql.GetFieldContext(ctx)
	d, ok := lookupRelation(fc.Object, fc.Field.Name)
	if !ok {
		return relDef{}, fmt.Errorf("graph: no relation definition for %s.%s", fc.Object, fc.Field.Name)
	}
	return d, nil
}

// lookupRelation returns the definition of field of typeName: its entry in relationFields,
// or, for the connection twin of a role field, the role field's edges as a connection.
func lookupRelation(typeName, field string) (relDef, bool) {
	if d, ok := relationFields[typeName+"."+field]; ok {
		return d, true
	}
	role, ok := strings.CutSuffix(field, twinSuffix)
	if !ok {
		return relDef{}, false
	}
	d, ok := relationFields[typeName+"."+role]
	if !ok || d.shape == connectionShape {
		return relDef{}, false
	}
	d.shape = connectionShape
	return d, true
}
