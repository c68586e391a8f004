package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// relDef says which edges a relationship field follows.
type relDef struct {
	types  []kg.RelType
	dir    store.Direction
	labels []kg.Label
}

// outgoing follows edges from the node; incoming edges to it.
func outgoing(types ...kg.RelType) relDef { return relDef{types: types, dir: store.Out} }
func incoming(types ...kg.RelType) relDef { return relDef{types: types, dir: store.In} }

// of narrows a relationship to these labels at the other end.
func (d relDef) of(labels ...kg.Label) relDef { d.labels = labels; return d }

// organisationRoles are the relations that make an organisation involved in an actielijn
// or action.
var organisationRoles = []kg.RelType{kg.Holds, kg.Executes, kg.Coordinates, kg.Commissioned}

// relationFields defines every relationship field of the schema ("Type.field"): the
// resolvers look their field up here, and so does the prefetcher (prefetch.go), so both
// always ask the store the same question. TestRelationFieldsDefined checks that every
// relationship field of the schema is here.
var relationFields = map[string]relDef{
	"Document.addressedTo": outgoing(kg.AddressedTo),
	"Document.citedBy":     incoming(kg.Cites).of(kg.Document),
	"Document.cites":       outgoing(kg.Cites).of(kg.Document),
	"Document.mentioned":   outgoing(kg.Mentions),
	"Document.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Document.onBehalfOf":  outgoing(kg.OnBehalfOf).of(kg.Office),
	"Document.respondsTo":  outgoing(kg.RespondsTo),
	"Document.signatories": outgoing(kg.SignedBy),

	"Person.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Person.offices":     outgoing(kg.HoldsOffice).of(kg.Office),
	"Person.party":       outgoing(kg.MemberOf).of(kg.Party),
	"Person.signed":      incoming(kg.SignedBy).of(kg.Document),
	"Person.submitted":   outgoing(kg.Submitted).of(kg.Motion),

	"Office.addressedIn":       incoming(kg.AddressedTo).of(kg.Document),
	"Office.holders":           incoming(kg.HoldsOffice).of(kg.Person),
	"Office.mentionedIn":       incoming(kg.Mentions).of(kg.Document),
	"Office.onBehalfDocuments": incoming(kg.OnBehalfOf).of(kg.Document),
	"Office.partOf":            outgoing(kg.PartOf).of(kg.Organisation),
	"Office.signed":            incoming(kg.SignedBy).of(kg.Document),

	"Party.members":     incoming(kg.MemberOf).of(kg.Person),
	"Party.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Organisation.addressedIn":   incoming(kg.AddressedTo).of(kg.Document),
	"Organisation.commissioned":  outgoing(kg.Commissioned),
	"Organisation.coordinatedBy": incoming(kg.Coordinates).of(kg.Organisation),
	"Organisation.coordinates":   outgoing(kg.Coordinates),
	"Organisation.executes":      outgoing(kg.Executes),
	"Organisation.holds":         outgoing(kg.Holds),
	"Organisation.memberOf":      outgoing(kg.MemberOf).of(kg.Organisation),
	"Organisation.members":       incoming(kg.MemberOf).of(kg.Organisation),
	"Organisation.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Organisation.partOf":        outgoing(kg.PartOf).of(kg.Organisation),
	"Organisation.parts":         incoming(kg.PartOf),
	"Organisation.published":     outgoing(kg.Published).of(kg.Report),

	"ActionPlan.actielijnen": incoming(kg.PartOf).of(kg.Actielijn),
	"ActionPlan.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Actielijn.actions":      incoming(kg.PartOf).of(kg.Action),
	"Actielijn.coordinators": incoming(kg.Coordinates).of(kg.Organisation),
	"Actielijn.executors":    incoming(kg.Executes).of(kg.Organisation),
	"Actielijn.holders":      incoming(kg.Holds).of(kg.Organisation),
	"Actielijn.involved":     incoming(organisationRoles...).of(kg.Organisation),
	"Actielijn.mentionedIn":  incoming(kg.Mentions).of(kg.Document),
	"Actielijn.plan":         outgoing(kg.PartOf).of(kg.ActionPlan),
	"Actielijn.proposals":    incoming(kg.RelatesTo).of(kg.Proposal),

	"Action.actielijn":      outgoing(kg.PartOf).of(kg.Actielijn),
	"Action.commissionedBy": incoming(kg.Commissioned).of(kg.Organisation),
	"Action.coordinators":   incoming(kg.Coordinates).of(kg.Organisation),
	"Action.executors":      incoming(kg.Executes).of(kg.Organisation),
	"Action.holders":        incoming(kg.Holds).of(kg.Organisation),
	"Action.involved":       incoming(organisationRoles...).of(kg.Organisation),
	"Action.mentionedIn":    incoming(kg.Mentions).of(kg.Document),
	"Action.proposals":      incoming(kg.RelatesTo).of(kg.Proposal),

	"Proposal.mentionedIn":      incoming(kg.Mentions).of(kg.Document),
	"Proposal.relatedProposals": incoming(kg.RelatesTo).of(kg.Proposal),
	"Proposal.relatesTo":        outgoing(kg.RelatesTo),

	"Motion.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Motion.proposals":     incoming(kg.RelatesTo).of(kg.Proposal),
	"Motion.respondedToBy": incoming(kg.RespondsTo).of(kg.Document),
	"Motion.submittedIn":   outgoing(kg.SubmittedIn).of(kg.Event),
	"Motion.submitters":    incoming(kg.Submitted).of(kg.Person),

	"Report.commissionedBy": incoming(kg.Commissioned).of(kg.Organisation),
	"Report.executors":      incoming(kg.Executes).of(kg.Organisation),
	"Report.mentionedIn":    incoming(kg.Mentions).of(kg.Document),
	"Report.publishers":     incoming(kg.Published).of(kg.Organisation),
	"Report.respondedToBy":  incoming(kg.RespondsTo).of(kg.Document),

	"Commitment.madeIn":        outgoing(kg.MadeIn).of(kg.Event),
	"Commitment.mentionedIn":   incoming(kg.Mentions).of(kg.Document),
	"Commitment.respondedToBy": incoming(kg.RespondsTo).of(kg.Document),

	"Legislation.mentionedIn": incoming(kg.Mentions).of(kg.Document),

	"Event.commitments": incoming(kg.MadeIn).of(kg.Commitment),
	"Event.mentionedIn": incoming(kg.Mentions).of(kg.Document),
	"Event.motions":     incoming(kg.SubmittedIn).of(kg.Motion),
}

// relationField returns the definition of the relationship field being resolved.
func relationField(ctx context.Context) (relDef, error) {
	fc := graphql.GetFieldContext(ctx)
	key := fc.Object + "." + fc.Field.Name
	d, ok := relationFields[key]
	if !ok {
		return relDef{}, fmt.Errorf("graph: no relation definition for %s", key)
	}
	return d, nil
}
