package model

import (
	"io"

	"beleidsgraaf/kg"
)

// CommitmentStatus is the GraphQL enum CommitmentStatus (kg.Commitment* constants).
type CommitmentStatus string

// IsValid reports whether the value is one of the enum's values.
func (e CommitmentStatus) IsValid() bool { return validEnum("CommitmentStatus", string(e)) }

func (e CommitmentStatus) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

func (e *CommitmentStatus) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("CommitmentStatus", v)
	*e = CommitmentStatus(s)
	return err
}

// statusAsOf is a motion's or commitment's status: the stored current status, or, as of a
// date, the status of its latest step on or before it ("" when none is that old).
func statusAsOf(n *kg.Node, asOf *Date) string {
	if asOf == nil {
		return n.Str(kg.PropStatus)
	}
	s, _ := kg.StatusAsOf(n.Steps(), string(*asOf))
	return s
}

func stepDate(s kg.StatusStep) *Date {
	if s.Date == "" {
		return nil
	}
	d := Date(s.Date)
	return &d
}

// MotionStatusStep is one step of a motion's history.
type MotionStatusStep struct{ s kg.StatusStep }

func (m MotionStatusStep) Date() *Date            { return stepDate(m.s) }
func (m MotionStatusStep) Status() MotionStatus   { return MotionStatus(m.s.Status) }
func (m MotionStatusStep) Evidence() *kg.Evidence { return &m.s.Evidence }
func (m MotionStatusStep) ReplacedBy() *string {
	if m.s.ReplacedBy == "" {
		return nil
	}
	return &m.s.ReplacedBy
}

// CommitmentStatusStep is one step of a commitment's history.
type CommitmentStatusStep struct{ s kg.StatusStep }

func (c CommitmentStatusStep) Date() *Date              { return stepDate(c.s) }
func (c CommitmentStatusStep) Status() CommitmentStatus { return CommitmentStatus(c.s.Status) }
func (c CommitmentStatusStep) Evidence() *kg.Evidence   { return &c.s.Evidence }

// history wraps a node's steps; a step of a status the enum does not know is left out.
func history[T any](n *kg.Node, valid func(string) bool, wrap func(kg.StatusStep) T) []T {
	out := []T{}
	for _, s := range n.Steps() {
		if valid(s.Status) {
			out = append(out, wrap(s))
		}
	}
	return out
}

// StatusHistory is the motion's steps.
func (m Motion) StatusHistory() []*MotionStatusStep {
	return history(m.n, func(s string) bool { return MotionStatus(s).IsValid() },
		func(s kg.StatusStep) *MotionStatusStep { return &MotionStatusStep{s} })
}

func (m Motion) FurthestStatus() *MotionStatus {
	if s := MotionStatus(m.n.Str(kg.PropFurthestStatus)); s.IsValid() {
		return &s
	}
	return nil
}

// StatusHistory is the commitment's steps.
func (c Commitment) StatusHistory() []*CommitmentStatusStep {
	return history(c.n, func(s string) bool { return CommitmentStatus(s).IsValid() },
		func(s kg.StatusStep) *CommitmentStatusStep { return &CommitmentStatusStep{s} })
}

func (c Commitment) Status(asOf *Date) *CommitmentStatus {
	if s := CommitmentStatus(statusAsOf(c.n, asOf)); s.IsValid() {
		return &s
	}
	return nil
}

func (c Commitment) FurthestStatus() *CommitmentStatus {
	if s := CommitmentStatus(c.n.Str(kg.PropFurthestStatus)); s.IsValid() {
		return &s
	}
	return nil
}

// Open: not fulfilled (as of the date). A commitment with no step that old was not made
// yet, so it is not open either.
func (c Commitment) Open(asOf *Date) bool {
	s := statusAsOf(c.n, asOf)
	return s != "" && s != kg.CommitmentFulfilled
}

// Since is the date from which the node is in the graph (kg.PropSince).
func (b base) Since() *Date { return b.date(kg.PropSince) }

// Since is the date from which the relation is in the graph (kg.PropSince).
func (g *Relation) Since() *Date {
	if s := g.e.Since(); s != "" {
		d := Date(s)
		return &d
	}
	return nil
}

// Changes is what appeared in the graph between two dates.
type Changes struct {
	Nodes           []Node
	Relations       []*Relation
	MotionSteps     []*MotionStepChange
	CommitmentSteps []*CommitmentStepChange
}

// MotionStepChange is a motion's step with the motion.
type MotionStepChange struct {
	Motion *Motion
	Step   *MotionStatusStep
}

// CommitmentStepChange is a commitment's step with the commitment.
type CommitmentStepChange struct {
	Commitment *Commitment
	Step       *CommitmentStatusStep
}

// NewRelation wraps an edge.
func NewRelation(e *kg.Edge) *Relation { return &Relation{e} }

// AddSteps adds the steps of a motion or commitment dated between from and to (inclusive).
func (c *Changes) AddSteps(n *kg.Node, from, to string) {
	for _, s := range n.Steps() {
		if s.Date == "" || s.Date < from || s.Date > to {
			continue
		}
		switch n.Label {
		case kg.Motion:
			c.MotionSteps = append(c.MotionSteps, &MotionStepChange{&Motion{base{n}}, &MotionStatusStep{s}})
		case kg.Commitment:
			c.CommitmentSteps = append(c.CommitmentSteps, &CommitmentStepChange{&Commitment{base{n}}, &CommitmentStatusStep{s}})
		}
	}
}
