package loader

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"beleidsgraaf/kg"
)

// SidecarSuffix ends the name of a metadata file: "kst-28638-224.meta.json" describes the
// document of the same stem beside it ("kst-28638-224.xml", "kst-28638-224.pdf").
// `beleidsgraaf sync` writes them; anyone may (the format is in the README, "Metadata files").
const SidecarSuffix = ".meta.json"

// Sidecar is what an official source states about one document. What it states wins over
// what the text suggests (as the XML's own metadata does, xmlMeta); what only it knows (a
// decision, a vote) enters the graph with evidence that names its source record.
type Sidecar struct {
	// Source names the services it was read from ("tkodata", "sru", "tkodata+sru").
	Source string `json:"source"`
	// Record is the API's record of the document (its URL).
	Record string `json:"record,omitempty"`
	// File is the document file it describes; FileURL where that file was downloaded from.
	File    string `json:"file"`
	FileURL string `json:"fileUrl,omitempty"`
	// Modified is the source's modification stamp of the document: a new one, a new download.
	Modified string `json:"modified,omitempty"`

	Dossier string `json:"dossier,omitempty"` // "28638"
	Number  int    `json:"number,omitempty"`  // the Kamerstuk's number in the dossier
	Date    string `json:"date,omitempty"`    // YYYY-MM-DD
	// Kind is the document kind in the graph's words (LETTER, MOTION, DEBATE_REPORT, …);
	// StatedKind the source's own ("Motie", "Brief regering").
	Kind       string `json:"kind,omitempty"`
	StatedKind string `json:"statedKind,omitempty"`
	Title      string `json:"title,omitempty"`

	Signers    []SidecarActor   `json:"signers,omitempty"`
	Submitters []SidecarActor   `json:"submitters,omitempty"`
	Activity   *SidecarActivity `json:"activity,omitempty"`
	// Decisions on the motion (for a motion), oldest first, each with its votes.
	Decisions []SidecarDecision `json:"decisions,omitempty"`
	// Deleted: the sources no longer list the document (deleted upstream, the API's
	// Verwijderd); sync keeps the file as it was and marks it here.
	Deleted bool `json:"deleted,omitempty"`
}

// SidecarActor is a person or fractie in a role.
type SidecarActor struct {
	Name     string `json:"name"`
	Party    string `json:"party,omitempty"`
	Role     string `json:"role,omitempty"` // "Indiener", "Medeindiener", …
	Function string `json:"function,omitempty"`
}

// SidecarActivity is the debate or meeting the document belongs to.
type SidecarActivity struct {
	Kind    string `json:"kind"` // "Tweeminutendebat", "Commissiedebat", …
	Date    string `json:"date,omitempty"`
	Subject string `json:"subject,omitempty"`
	Record  string `json:"record,omitempty"`
}

// SidecarDecision is one decision (Besluit) on a motion.
type SidecarDecision struct {
	Date   string        `json:"date,omitempty"` // the voting session's date, YYYY-MM-DD
	Result string        `json:"result"`         // ADOPTED, REJECTED, HELD, WITHDRAWN, OTHER
	Text   string        `json:"text"`           // as stated: "Aangenomen."
	Record string        `json:"record"`         // the Besluit's URL
	Votes  []SidecarVote `json:"votes,omitempty"`
}

// SidecarVote is one fractie's vote (Stemming).
type SidecarVote struct {
	Party  string `json:"party"`
	Vote   string `json:"vote"` // FOR, AGAINST, NOT_PARTICIPATED
	Seats  int    `json:"seats,omitempty"`
	Record string `json:"record"` // the Stemming's URL
}

// IsSidecar reports whether a file name is a metadata file.
func IsSidecar(name string) bool { return strings.HasSuffix(strings.ToLower(name), SidecarSuffix) }

// stem is the part of a file name a sidecar and its document share.
func stem(name string) string {
	base := filepath.Base(name)
	if IsSidecar(base) {
		return base[:len(base)-len(SidecarSuffix)]
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// readSidecar parses a metadata file and checks what the graph relies on.
func readSidecar(data []byte) (*Sidecar, error) {
	var s Sidecar
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("metadata file not readable: %w", err)
	}
	if s.Date != "" && !validDate(s.Date) {
		return nil, fmt.Errorf("metadata file: date %q is not YYYY-MM-DD", s.Date)
	}
	if a := s.Activity; a != nil && a.Date != "" && !validDate(a.Date) {
		return nil, fmt.Errorf("metadata file: activity date %q is not YYYY-MM-DD", a.Date)
	}
	if s.Number < 0 {
		return nil, fmt.Errorf("metadata file: negative number %d", s.Number)
	}
	if s.Kind != "" && !knownKind(s.Kind) {
		return nil, fmt.Errorf("metadata file: unknown kind %q", s.Kind)
	}
	for _, d := range s.Decisions {
		if !slices.Contains(kg.DecisionResults, d.Result) {
			return nil, fmt.Errorf("metadata file: unknown decision result %q", d.Result)
		}
		if d.Date != "" && !validDate(d.Date) {
			return nil, fmt.Errorf("metadata file: decision date %q is not YYYY-MM-DD", d.Date)
		}
		for _, v := range d.Votes {
			if !slices.Contains(kg.VoteChoices, v.Vote) || strings.TrimSpace(v.Party) == "" {
				return nil, fmt.Errorf("metadata file: a vote needs a party and FOR, AGAINST or NOT_PARTICIPATED (party %q, vote %q)", v.Party, v.Vote)
			}
		}
	}
	return &s, nil
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func knownKind(k string) bool {
	return slices.Contains([]string{kg.DocLetter, kg.DocMemo, kg.DocAnnex, kg.DocMotion, kg.DocReference, kg.DocDebate, kg.DocQuestions, kg.DocAnswers, kg.DocQAList}, k)
}

// applyStated lets the metadata file's statements win over what the text suggested.
func (m *meta) applyStated(s *Sidecar) {
	if s.Dossier != "" {
		m.dossier = normaliseDossier(s.Dossier)
	}
	if s.Number > 0 {
		m.number = s.Number
	}
	if t, err := time.Parse(time.DateOnly, s.Date); err == nil {
		m.date = Date{Y: t.Year(), M: t.Month(), D: t.Day()}
		m.placeDate = true
	}
	if s.Kind != "" {
		m.kind = s.Kind
	}
	if s.Title != "" {
		m.title = s.Title
	}
	if sigs := statedSignatures(s, m.signatures); len(sigs) > 0 {
		m.signatures = sigs
		m.signersStated = true
	}
}

// statedSignatures are the document's signers as the source lists them (the API's
// DocumentActor in a signing role, signerRole), each with the office its function names.
// A stated signer the text's signature lines also name takes the name as the text writes it,
// so that the letterhead finds the sentence and the Person is the text's node (one ID by
// surname, kg.PersonID); the stated office wins over the text's.
func statedSignatures(s *Sidecar, fromText []signature) []signature {
	var out []signature
	for i := range s.Signers {
		a := &s.Signers[i]
		if !signerRole(a.Role) {
			continue
		}
		sig := signature{name: statedName(a.Name), office: functionOffice(a.Function), stated: a}
		if sig.name == "" && sig.office == "" {
			continue
		}
		for _, t := range fromText {
			if sig.name != "" && samePerson(t.name, sig.name) {
				sig.name, sig.printed = t.name, true
				if sig.office == "" {
					sig.office = t.office
				}
			}
		}
		out = append(out, sig)
	}
	return out
}

// signerRole: a DocumentActor's relation that signs the document: "Afzender", "Eerste
// ondertekenaar", "Mede ondertekenaar", or none stated. Others (a motion's "Indiener", who
// are its submitters, statedSubmitters; an addressee; a committee) do not sign: a role not
// known is left out rather than made a signature.
func signerRole(role string) bool {
	r := strings.ToLower(strings.TrimSpace(role))
	return r == "" || strings.Contains(r, "ondertekenaar") || strings.Contains(r, "afzender")
}

// statedName is an actor's name as a signature line prints it: "Burg, E. van der" (the
// registers' order) → "E. van der Burg"; other names as they are, spaces tidied; "" for
// one that names nobody (initials alone, no letter at all).
func statedName(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if surname, rest, ok := strings.Cut(name, ", "); ok && strings.Contains(rest, ".") {
		name = rest + " " + surname
	}
	if surname, _ := splitName(name); strings.HasSuffix(surname, ".") || !strings.ContainsFunc(surname, unicode.IsLetter) {
		return ""
	}
	return name
}

// functionOffice is the office an actor's function names ("staatssecretaris van Justitie en
// Veiligheid" → "Staatssecretaris van Justitie en Veiligheid"), "" for none ("Tweede Kamerlid").
func functionOffice(function string) string {
	if offices := headingOffices(function); len(offices) > 0 {
		return offices[0]
	}
	if f := officeTitle(function); officeRe.MatchString(f) {
		return canonicalOffice(f)
	}
	return ""
}

// samePerson: two ways of writing a name that give one Person (kg.PersonID of the surname).
func samePerson(a, b string) bool {
	sa, _ := splitName(a)
	sb, _ := splitName(b)
	return kg.PersonID(sa) == kg.PersonID(sb)
}

// signerEvidence is the evidence of a stated signer: the document whose metadata file
// states it and a quote naming the source record, like kg.DecisionEvidence.
func signerEvidence(doc, record string, a *SidecarActor) kg.Evidence {
	q := "DocumentActor: "
	if a.Role != "" {
		q += a.Role + " "
	}
	q += a.Name
	if a.Function != "" {
		q += " (" + a.Function + ")"
	}
	return kg.Evidence{Document: doc, Quote: q + " — source record " + record}
}

// statedFacts are the facts only the source knows: a motion's decisions and votes (only a
// motion's: a letter's "voor kennisgeving aangenomen" is no decision on a motion), and the
// debate it was submitted in.
func statedFacts(d *docCtx, out *facts) {
	s := d.stated
	if s == nil || d.meta.kind != kg.DocMotion || d.meta.dossier == "" || d.meta.number <= 0 {
		return
	}
	motion := kg.MotionID(d.meta.dossier, d.meta.number)
	if a := s.Activity; a != nil && strings.TrimSpace(a.Kind) != "" && validDate(a.Date) {
		kind := strings.ToLower(strings.Join(strings.Fields(a.Kind), " "))
		if c, ok := debateKinds[kind]; ok {
			kind = c
		}
		ev := kg.Evidence{Document: d.id, Quote: "Activiteit: " + a.Kind + " (" + a.Date + ") — source record " + a.Record}
		event := eventNode(kind, a.Date, ev)
		out.add(event)
		out.edge(kg.SubmittedIn, motion, event.n.ID, ev)
	}
	statedSubmitters(d, motion, out)
	if len(s.Decisions) == 0 {
		return
	}
	f := decisionsFact{motion: motion, doc: d.id,
		fallbackName: "motie " + kg.Citation(d.meta.dossier, d.meta.number)}
	f.props = map[string]any{kg.PropDossier: d.meta.dossier, kg.PropNumber: int64(d.meta.number),
		kg.PropCitation: kg.Citation(d.meta.dossier, d.meta.number)}
	for _, sd := range s.Decisions {
		dec := kg.Decision{Date: sd.Date, Result: sd.Result, Text: sd.Text, Record: sd.Record}
		for _, v := range sd.Votes {
			party := strings.TrimSpace(v.Party)
			vote := kg.Vote{Party: party, Choice: v.Vote, Seats: int64(v.Seats), Record: v.Record}
			dec.Votes = append(dec.Votes, vote)
			f.parties = append(f.parties, kg.Node{ID: kg.PartyID(party), Label: kg.Party, Name: party,
				Mentions: []kg.Evidence{kg.VoteEvidence(d.id, vote)}})
		}
		f.decisions = append(f.decisions, dec)
	}
	out.add(f)
}

// statedSubmitters are the motion's indiener and medeindieners as the Kamer's records list
// them ("Q.M. Rajkowski", fractie "VVD"): each a member (Person, by surname, the same node as
// the text's) who SUBMITTED the motion and is MEMBER_OF the fractie, with the document's
// record as evidence. The records name every co-submitter a "c.s." hides.
func statedSubmitters(d *docCtx, motion string, out *facts) {
	for _, a := range d.stated.Submitters {
		if !strings.EqualFold(a.Role, "Indiener") && !strings.EqualFold(a.Role, "Medeindiener") {
			continue
		}
		surname := withoutInitials(a.Name)
		if surname == "" {
			continue
		}
		quote := "ZaakActor: " + a.Role + " " + a.Name
		if a.Party != "" {
			quote += " (" + a.Party + ")"
		}
		ev := kg.Evidence{Document: d.id, Quote: quote + " — source record " + d.stated.Record}
		pid := kg.PersonID(surname)
		props := map[string]any{kg.PropKind: kg.PersonMP}
		if a.Party != "" {
			props[kg.PropParty] = a.Party
		}
		out.node(kg.Node{ID: pid, Label: kg.Person, Name: surname, Props: props, Mentions: []kg.Evidence{ev}})
		out.edge(kg.Submitted, pid, motion, ev)
		if a.Party != "" {
			out.node(kg.Node{ID: kg.PartyID(a.Party), Label: kg.Party, Name: a.Party, Mentions: []kg.Evidence{ev}})
			out.edge(kg.MemberOf, pid, kg.PartyID(a.Party), ev)
		}
	}
}

// withoutInitials is a name as lists print a member: "Q.M. Rajkowski" → "Rajkowski",
// "D.M. van Weel" → "Van Weel" (a surname standing alone starts with a capital).
func withoutInitials(name string) string {
	fields := strings.Fields(name)
	for len(fields) > 1 && strings.HasSuffix(fields[0], ".") {
		fields = fields[1:]
	}
	s := strings.Join(fields, " ")
	if s == "" || strings.HasSuffix(s, ".") {
		return ""
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// decisionsFact carries a motion's decisions and votes to the assembler. They are set once
// the motions are resolved (rule 9), on the motion the text established or, when its text
// was not recognised as a motion, on a Motion made from the stated metadata.
type decisionsFact struct {
	motion, doc, fallbackName string
	props                     map[string]any
	decisions                 []kg.Decision
	parties                   []kg.Node
}

func (x decisionsFact) apply(a *assembler) { a.decided = append(a.decided, x) }
func (x decisionsFact) key() string        { return "decisions of " + x.motion }

// applyDecisions sets the stated decisions (rule 9): the source's list replaces any other,
// each decision is also a dated step of the motion's status history (rule 8 stores them
// after), and each party that voted is a Party node mentioned by its vote record.
func (a *assembler) applyDecisions() {
	for _, x := range a.decided {
		n := a.b.Get(x.motion)
		if n == nil {
			n = a.b.Node(kg.Node{ID: x.motion, Label: kg.Motion, Name: x.fallbackName, Props: x.props})
			a.historyDefault[x.motion] = kg.MotionSubmitted
		}
		kg.SetDecisions(n.Props, x.decisions)
		n.Props[kg.PropStatedIn] = x.doc
		for _, d := range x.decisions {
			if status, ok := decisionStatus[d.Result]; ok {
				a.steps[x.motion] = append(a.steps[x.motion], kg.StatusStep{Status: status, Date: d.Date, Evidence: kg.DecisionEvidence(x.doc, d)})
			}
		}
		for _, p := range x.parties {
			a.b.Node(p)
		}
	}
}

// decisionStatus is the status step a decision's result is; OTHER is none.
var decisionStatus = map[string]string{kg.DecisionAdopted: kg.MotionAdopted, kg.DecisionRejected: kg.MotionRejected,
	kg.DecisionHeld: kg.MotionHeld, kg.DecisionWithdrawn: kg.MotionWithdrawn}

// stemKey is the key that pairs a metadata file with its documents: the stem in its
// directory, so that a.meta.json in one directory does not describe a.html in another.
func stemKey(s source) string { return filepath.Join(s.dir, stem(s.name)) }

// splitSidecars takes the metadata files out of the sources and pairs each with the
// documents of its stem in its directory. A metadata file without a document is a warning.
func splitSidecars(srcs []source) (docs []source, byStem map[string]source, warnings []error) {
	byStem = map[string]source{}
	stems := map[string]bool{}
	for _, s := range srcs {
		if IsSidecar(s.name) {
			byStem[stemKey(s)] = s
			continue
		}
		docs = append(docs, s)
		stems[stemKey(s)] = true
	}
	for key, s := range byStem {
		if !stems[key] {
			warnings = append(warnings, &Warning{File: s.name, Msg: "metadata file without its document (" + stem(s.name) + ".*): skipped"})
			delete(byStem, key)
		}
	}
	slices.SortFunc(warnings, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return docs, byStem, warnings
}

// sidecarOf reads the metadata file of a document, if it has one. A file that cannot be
// read or makes no sense is a warning; the document loads from its text alone. One that
// marks the document deleted upstream is a warning too, beside the metadata.
func sidecarOf(byStem map[string]source, docSrc source) (*Sidecar, error) {
	src, ok := byStem[stemKey(docSrc)]
	if !ok {
		return nil, nil
	}
	doc := docSrc.name
	data, err := src.read()
	if err == nil {
		var s *Sidecar
		if s, err = readSidecar(data); err == nil {
			if s.Deleted { // still the document it was, but a reader should know
				return s, &Warning{File: src.name, Msg: "the sources no longer list " + doc + " (deleted upstream); it loads as it was"}
			}
			return s, nil
		}
	}
	return nil, &Warning{File: src.name, Msg: err.Error() + "; " + doc + " loads from its text alone"}
}
