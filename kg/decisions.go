package kg

import "strconv"

// Decisions and votes on a motion, as the Tweede Kamer's open data states them (a Besluit
// and its Stemmingen). They are facts only the API knows, so each names its source record.
// They live on the Motion node as parallel lists (Neo4j properties hold no maps), written
// and read only through SetDecisions and Decisions, so every store holds them as they are.
// A decision is its own fact; the loader also makes each a dated step of the motion's
// status history (StatusStep), so the status follows the decisions.

// Property names of the decision lists (parallel, one entry per decision) and the vote
// lists (parallel, one entry per vote; voteDecisions says which decision a vote belongs to).
const (
	PropDecisionDates   = "decisionDates"
	PropDecisionResults = "decisionResults"
	PropDecisionTexts   = "decisionTexts"
	PropDecisionRecords = "decisionRecords"
	PropVoteDecisions   = "voteDecisions"
	PropVoteParties     = "voteParties"
	PropVoteChoices     = "voteChoices"
	PropVoteSeats       = "voteSeats"
	PropVoteRecords     = "voteRecords"
	// PropStatedIn is the Document whose metadata file stated the decisions: the document
	// their evidence names.
	PropStatedIn = "statedIn"
)

// Decision results.
const (
	DecisionAdopted   = "ADOPTED"   // "Aangenomen."
	DecisionRejected  = "REJECTED"  // "Verworpen."
	DecisionHeld      = "HELD"      // "Aangehouden."
	DecisionWithdrawn = "WITHDRAWN" // "Ingetrokken."
	DecisionOther     = "OTHER"
)

// DecisionResults lists the results, in the order of the GraphQL enum.
var DecisionResults = []string{DecisionAdopted, DecisionRejected, DecisionHeld, DecisionWithdrawn, DecisionOther}

// Vote choices.
const (
	VoteFor             = "FOR"              // "Voor"
	VoteAgainst         = "AGAINST"          // "Tegen"
	VoteNotParticipated = "NOT_PARTICIPATED" // "Niet deelgenomen"
)

// VoteChoices lists the choices, in the order of the GraphQL enum.
var VoteChoices = []string{VoteFor, VoteAgainst, VoteNotParticipated}

// Decision is one decision on a motion, with the votes cast for it.
type Decision struct {
	Date   string // YYYY-MM-DD; "" when the API gives no date
	Result string // one of DecisionResults
	Text   string // as stated: "Aangenomen."
	Record string // the source record: the Besluit's URL
	Votes  []Vote
}

// Vote is one fractie's vote.
type Vote struct {
	Party  string // the fractie's name; its Party node is PartyID(Party)
	Choice string // one of VoteChoices
	Seats  int64  // the fractie's seats (its size when it voted); 0 when unknown
	Record string // the source record: the Stemming's URL
}

// SetDecisions writes ds into props, replacing any decisions there.
func SetDecisions(props map[string]any, ds []Decision) {
	for _, k := range []string{PropDecisionDates, PropDecisionResults, PropDecisionTexts, PropDecisionRecords,
		PropVoteDecisions, PropVoteParties, PropVoteChoices, PropVoteSeats, PropVoteRecords} {
		delete(props, k)
	}
	if len(ds) == 0 {
		return
	}
	var dates, results, texts, records []string
	var vDec, vSeats []int64
	var vParty, vChoice, vRecord []string
	for i, d := range ds {
		dates, results, texts, records = append(dates, d.Date), append(results, d.Result), append(texts, d.Text), append(records, d.Record)
		for _, v := range d.Votes {
			vDec, vParty, vChoice, vSeats, vRecord = append(vDec, int64(i)), append(vParty, v.Party), append(vChoice, v.Choice), append(vSeats, v.Seats), append(vRecord, v.Record)
		}
	}
	props[PropDecisionDates], props[PropDecisionResults], props[PropDecisionTexts], props[PropDecisionRecords] = dates, results, texts, records
	if len(vDec) > 0 { // Neo4j keeps no empty lists: absent means none
		props[PropVoteDecisions], props[PropVoteParties], props[PropVoteChoices], props[PropVoteSeats], props[PropVoteRecords] = vDec, vParty, vChoice, vSeats, vRecord
	}
}

// Decisions reads the decisions SetDecisions wrote; lists of unequal length (a property
// written by hand) are read as far as they agree.
func (n *Node) Decisions() []Decision {
	dates, results := n.Strings(PropDecisionDates), n.Strings(PropDecisionResults)
	texts, records := n.Strings(PropDecisionTexts), n.Strings(PropDecisionRecords)
	count := min(len(dates), len(results), len(texts), len(records))
	if count == 0 {
		return nil
	}
	out := make([]Decision, count)
	for i := range out {
		out[i] = Decision{Date: dates[i], Result: results[i], Text: texts[i], Record: records[i]}
	}
	vDec, vSeats := n.Ints(PropVoteDecisions), n.Ints(PropVoteSeats)
	vParty, vChoice, vRecord := n.Strings(PropVoteParties), n.Strings(PropVoteChoices), n.Strings(PropVoteRecords)
	for i := range min(len(vDec), len(vSeats), len(vParty), len(vChoice), len(vRecord)) {
		if d := vDec[i]; d >= 0 && d < int64(count) {
			out[d].Votes = append(out[d].Votes, Vote{Party: vParty[i], Choice: vChoice[i], Seats: vSeats[i], Record: vRecord[i]})
		}
	}
	return out
}

// DecisionEvidence is the evidence of a decision: the document whose metadata stated it,
// and a quote that names the source record, since no sentence of any text states it.
func DecisionEvidence(doc string, d Decision) Evidence {
	q := "Besluit: " + d.Text
	if d.Date != "" {
		q += " (" + d.Date + ")"
	}
	return Evidence{Document: doc, Quote: q + " — source record " + d.Record}
}

// VoteEvidence is the evidence of a vote, like DecisionEvidence.
func VoteEvidence(doc string, v Vote) Evidence {
	q := "Stemming: " + v.Party + " " + v.Choice
	if v.Seats > 0 {
		q += " (" + strconv.FormatInt(v.Seats, 10) + " seats)"
	}
	return Evidence{Document: doc, Quote: q + " — source record " + v.Record}
}
