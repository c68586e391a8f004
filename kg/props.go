package kg

// Property names used in Node.Props and Edge.Props. They are the keys of the JSON export and
// the property names in Neo4j, so they never change casually.
const (
	// Document
	PropKind       = "kind"       // DocKind for documents, PersonKind for persons, OrgKind for organisations, EventKind for events
	PropTitle      = "title"      // Onderwerp or first heading; also Report, Action, Actielijn, Proposal titles
	PropDate       = "date"       // ISO 8601 "2024-02-02"
	PropKenmerk    = "kenmerk"    // "Ons kenmerk"
	PropTKNumber   = "tkNumber"   // the Tweede Kamer's document number, "2024D25295"
	PropAlsoFrom   = "alsoFrom"   // []string: other files the same document was loaded from
	PropDossier    = "dossier"    // "28 638" (as cited, with the thin space of Kamerstukken normalised to a space)
	PropNumber     = "number"     // int64 Kamerstuk number, actielijn/action/proposal/commitment number
	PropCitation   = "citation"   // "Kamerstuk 28 638, nr. 257"
	PropSourceFile = "sourceFile" // base name of the loaded file; absent for documents known only by reference
	PropText       = "text"       // the normalised text evidence offsets point into

	// Motion
	PropSubmitters    = "submitters"    // []string display names, in the order the text gives them
	PropCoSigned      = "coSigned"      // bool: "c.s." — more submitters than named
	PropDateSubmitted = "dateSubmitted" // ISO date
	PropDateAdopted   = "dateAdopted"   // ISO date
	PropStatus        = "status"        // MotionStatus
	PropRequest       = "request"       // what the motion asks of the government

	// Organisation
	PropAbbreviation = "abbreviation"

	// Action
	PropBudgetYears = "budgetYears" // []int64, parallel to PropBudgetEuro
	PropBudgetEuro  = "budgetEuro"  // []int64 euro per year; Neo4j cannot hold maps, hence two lists

	// Proposal
	PropTheme         = "theme"
	PropAppraisal     = "appraisal"
	PropEstimatedCost = "estimatedCost"

	// Commitment
	PropDescription = "description"

	// Person
	PropInitials = "initials"
	PropParty    = "party" // display name of the fractie, when the text gives it

	// Legislation
	PropCitationText = "citation"
)

// Document kinds.
const (
	DocLetter    = "LETTER"            // Kamerbrief
	DocMemo      = "MEMO"              // beslisnota
	DocAnnex     = "ANNEX"             // bijlage
	DocMotion    = "MOTION"            // the Kamerstuk that is a motion
	DocReference = "REFERENCE"         // known only by citation
	DocDebate    = "DEBATE_REPORT"     // verslag van een commissiedebat, algemeen of schriftelijk overleg
	DocQuestions = "WRITTEN_QUESTIONS" // Kamervragen: questions of members to a minister
	DocAnswers   = "ANSWERS"           // the government's answers to written questions
	DocQAList    = "QA_LIST"           // lijst van vragen en antwoorden
)

// Person kinds.
const (
	PersonMinister         = "MINISTER"
	PersonStaatssecretaris = "STAATSSECRETARIS"
	PersonMP               = "MP"
	PersonOther            = "OTHER"
)

// Motion statuses.
const (
	MotionSubmitted = "SUBMITTED"
	MotionAdopted   = "ADOPTED"
	MotionRejected  = "REJECTED"
	MotionCompleted = "COMPLETED" // afgedaan
)

// Prop returns a property's value and whether it is set.
func (n *Node) Prop(key string) (any, bool) {
	if n.sealed != nil {
		if p := n.sealed.find(key); p != nil {
			return p.val, true
		}
		return nil, false
	}
	v, ok := n.Props[key]
	return v, ok
}

// LookupStr returns a string property and whether it is set, as a string.
func (n *Node) LookupStr(key string) (string, bool) {
	if n.sealed != nil {
		if p := n.sealed.find(key); p != nil {
			_, ok := p.val.(string)
			return p.str, ok
		}
		return "", false
	}
	s, ok := n.Props[key].(string)
	return s, ok
}

// StrRef returns the address of a string property's value; nil when it is not set, not a
// string, or empty. On a sealed node that is the node's own copy, so that an answer's
// nullable strings take no allocation each: a caller must not write through it.
func (n *Node) StrRef(key string) *string {
	if n.sealed != nil {
		if p := n.sealed.find(key); p != nil && p.str != "" {
			return &p.str
		}
		return nil
	}
	if s, _ := n.Props[key].(string); s != "" {
		return &s
	}
	return nil
}

// Str returns a string property, or "".
func (n *Node) Str(key string) string { s, _ := n.LookupStr(key); return s }

// Int returns an integer property and whether it is set.
func (n *Node) Int(key string) (int64, bool) { v, _ := n.Prop(key); i, ok := v.(int64); return i, ok }

// Strings returns a list property, or nil.
func (n *Node) Strings(key string) []string { v, _ := n.Prop(key); s, _ := v.([]string); return s }

// Ints returns an integer list property, or nil.
func (n *Node) Ints(key string) []int64 { v, _ := n.Prop(key); s, _ := v.([]int64); return s }

// Bool returns a boolean property.
func (n *Node) Bool(key string) bool { v, _ := n.Prop(key); b, _ := v.(bool); return b }
