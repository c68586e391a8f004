package kg

import (
	"cmp"
	"encoding/json"
	"slices"
)

// A StatusStep is one statement of where a motion or a commitment stands: the status, the
// date it took effect (the date the text gives for it, else the date of the document that
// makes the statement; "" when neither is known) and the sentence that says so.
type StatusStep struct {
	Status   string   `json:"status"`
	Date     string   `json:"date,omitempty"`
	Evidence Evidence `json:"evidence"`
	// ReplacedBy is, for an AMENDED step, the ID of the gewijzigde motie that replaces the
	// motion, when the text gives its number
	ReplacedBy string `json:"replacedBy,omitempty"`
}

// Motion statuses beyond the four of props.go: the steps a motion can take.
const (
	MotionHeld       = "HELD"        // aangehouden: the vote is postponed
	MotionWithdrawn  = "WITHDRAWN"   // ingetrokken
	MotionAmended    = "AMENDED"     // gewijzigd: replaced by a gewijzigde motie
	MotionInProgress = "IN_PROGRESS" // in uitvoering: the government reports carrying it out
)

// Commitment statuses.
const (
	CommitmentMade      = "MADE"      // toegezegd
	CommitmentReported  = "REPORTED"  // a document reports on it
	CommitmentFulfilled = "FULFILLED" // "Hiermee doe ik mijn toezegging gestand"
)

// MotionStatuses and CommitmentStatuses list the statuses in the order of their rank: how
// far along a motion or commitment is. The furthest status is the step of highest rank.
var (
	MotionStatuses = []string{MotionSubmitted, MotionHeld, MotionAmended, MotionWithdrawn,
		MotionRejected, MotionAdopted, MotionInProgress, MotionCompleted}
	CommitmentStatuses = []string{CommitmentMade, CommitmentReported, CommitmentFulfilled}
)

// PropStatusHistory holds a motion's or a commitment's steps: a []string of JSON-encoded
// StatusSteps in SortSteps order (Neo4j properties cannot hold maps, and a string list
// round-trips through every store unchanged). PropFurthestStatus is the step of highest
// rank; PropStatus is the status of the latest step.
const (
	PropStatusHistory  = "statusHistory"
	PropFurthestStatus = "furthestStatus"
	// PropMadeBy is the ID of the Office that made a commitment: the office of the first
	// signatory of the letter in which "ik" says it made it ("heb ik toegezegd")
	PropMadeBy = "madeBy"
)

// StatusRank is the position of status in its list (MotionStatuses or CommitmentStatuses);
// -1 when it is in neither.
func StatusRank(status string) int {
	if i := slices.Index(MotionStatuses, status); i >= 0 {
		return i
	}
	return slices.Index(CommitmentStatuses, status)
}

// SortSteps orders steps by date (undated steps last: they cannot be placed in time), then
// by rank, document and position, and drops repeats of the same (status, date, document,
// position).
func SortSteps(steps []StatusStep) []StatusStep {
	slices.SortFunc(steps, compareSteps)
	return slices.CompactFunc(steps, func(a, b StatusStep) bool { return compareSteps(a, b) == 0 })
}

func compareSteps(a, b StatusStep) int {
	if (a.Date == "") != (b.Date == "") {
		if a.Date == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(StatusRank(a.Status), StatusRank(b.Status)),
		cmp.Compare(a.Status, b.Status), cmp.Compare(a.Evidence.Document, b.Evidence.Document),
		cmp.Compare(a.Evidence.Start, b.Evidence.Start), cmp.Compare(a.Evidence.End, b.Evidence.End))
}

// EncodeSteps turns sorted steps into the PropStatusHistory value.
func EncodeSteps(steps []StatusStep) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		b, _ := json.Marshal(s) // a struct of strings and ints always marshals
		out[i] = string(b)
	}
	return out
}

// Steps decodes a node's PropStatusHistory; entries that do not decode are skipped.
func (n *Node) Steps() []StatusStep {
	raw := n.Strings(PropStatusHistory)
	out := make([]StatusStep, 0, len(raw))
	for _, r := range raw {
		var s StatusStep
		if json.Unmarshal([]byte(r), &s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// StatusAsOf is the status of the latest dated step on or before date (yyyy-mm-dd), and
// false when no dated step is that old. Steps must be in SortSteps order.
func StatusAsOf(steps []StatusStep, date string) (string, bool) {
	status, ok := "", false
	for _, s := range steps {
		if s.Date == "" || s.Date > date {
			break
		}
		status, ok = s.Status, true
	}
	return status, ok
}

// CurrentStatus is the status of the latest dated step, unless an undated step outranks
// it (a motion submitted on a known date and amended on an unknown one is amended); def
// when there are no steps.
func CurrentStatus(steps []StatusStep, def string) string {
	cur, _ := StatusAsOf(steps, "9999-12-31")
	if cur == "" {
		cur = def
	}
	var undated []StatusStep
	for _, s := range steps {
		if s.Date == "" {
			undated = append(undated, s)
		}
	}
	return FurthestStatus(undated, cur)
}

// FurthestStatus is the status of highest rank among the steps; def when there are none.
func FurthestStatus(steps []StatusStep, def string) string {
	best := def
	for _, s := range steps {
		if StatusRank(s.Status) > StatusRank(best) {
			best = s.Status
		}
	}
	return best
}

// SetHistory stores sorted steps on a node with the statuses they imply; def is the
// status of a node without steps (a motion that exists was submitted, a commitment made).
func (n *Node) SetHistory(steps []StatusStep, def string) {
	steps = SortSteps(steps)
	if n.Props == nil {
		n.Props = map[string]any{}
	}
	if len(steps) > 0 {
		n.Props[PropStatusHistory] = EncodeSteps(steps)
	}
	n.Props[PropStatus] = CurrentStatus(steps, def)
	n.Props[PropFurthestStatus] = FurthestStatus(steps, def)
}
