package model

import (
	"io"

	"beleidsgraaf/kg"
)

// Decision is a decision on a motion (kg.Decision), with the document that stated it.
type Decision struct {
	d   kg.Decision
	doc string
}

// Vote is one fractie's vote; its Party node is resolved by ID.
type Vote struct {
	v   kg.Vote
	doc string
}

// Decisions are the motion's decisions, oldest first.
func (m Motion) Decisions() []*Decision {
	ds := m.n.Decisions()
	out := make([]*Decision, len(ds))
	for i, d := range ds {
		out[i] = &Decision{d: d, doc: m.n.Str(kg.PropStatedIn)}
	}
	return out
}

// Votes are the votes of the last decision that was put to the vote.
func (m Motion) Votes() []*Vote {
	ds := m.Decisions()
	for i := len(ds) - 1; i >= 0; i-- {
		if len(ds[i].d.Votes) > 0 {
			return ds[i].Votes()
		}
	}
	return []*Vote{}
}

func (d *Decision) Date() *Date {
	if d.d.Date == "" {
		return nil
	}
	x := Date(d.d.Date)
	return &x
}
func (d *Decision) Result() DecisionResult { return DecisionResult(d.d.Result) }
func (d *Decision) Text() string           { return d.d.Text }
func (d *Decision) Source() string         { return d.d.Record }
func (d *Decision) Evidence() kg.Evidence  { return kg.DecisionEvidence(d.doc, d.d) }
func (d *Decision) Votes() []*Vote {
	out := make([]*Vote, len(d.d.Votes))
	for i, v := range d.d.Votes {
		out[i] = &Vote{v: v, doc: d.doc}
	}
	return out
}

func (v *Vote) Vote() VoteChoice { return VoteChoice(v.v.Choice) }
func (v *Vote) Seats() *int {
	if v.v.Seats <= 0 {
		return nil
	}
	s := int(v.v.Seats)
	return &s
}
func (v *Vote) Source() string        { return v.v.Record }
func (v *Vote) Evidence() kg.Evidence { return kg.VoteEvidence(v.doc, v.v) }

// PartyID is the ID of the Party node of the fractie that voted.
func (v *Vote) PartyID() string { return kg.PartyID(v.v.Party) }

// DecisionResult is the GraphQL enum DecisionResult (kg.Decision* constants).
type DecisionResult string

// VoteChoice is the GraphQL enum VoteChoice (kg.Vote* constants).
type VoteChoice string

func init() {
	enumValues["DecisionResult"] = kg.DecisionResults
	enumValues["VoteChoice"] = kg.VoteChoices
}

// IsValid reports whether the value is one of the enum's values.
func (e DecisionResult) IsValid() bool { return validEnum("DecisionResult", string(e)) }

// IsValid reports whether the value is one of the enum's values.
func (e VoteChoice) IsValid() bool { return validEnum("VoteChoice", string(e)) }

func (e DecisionResult) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }
func (e VoteChoice) MarshalGQL(w io.Writer)     { writeQuoted(w, string(e)) }

func (e *DecisionResult) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("DecisionResult", v)
	*e = DecisionResult(s)
	return err
}

func (e *VoteChoice) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("VoteChoice", v)
	*e = VoteChoice(s)
	return err
}
