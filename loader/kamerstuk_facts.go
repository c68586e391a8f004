package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

// What a Kamerstuk states about itself, by its kind: a motion's submitters, date and
// request; a debate report's debate, the members and ministers present; written
// questions' askers, the minister asked and the one who answers. These read the whole
// document (its heading, its signature lines, its attendance list), so they run once per
// document, beside the sentence recognisers.
func kamerstukFacts(d *docCtx, out *facts) {
	heldMotionVote(d, out) // Handelingen, whatever kind their head suggests
	switch d.meta.kind {
	case kg.DocMotion:
		motionKamerstuk(d, out)
	case kg.DocDebate:
		debateReport(d, out)
	case kg.DocQuestions, kg.DocAnswers:
		writtenQuestions(d, out)
	}
}

const (
	// a party as members' names carry it: "(ChristenUnie)", "(GroenLinks-PvdA)", "(GL/PvdA)",
	// "(beiden CDA)"; never a citation
	partyPat2 = `\p{Lu}[\p{L}/-]{1,24}(?:\s+\p{Lu}[\p{L}/-]{1,24}){0,2}`
	// a member's name after "het lid": its first word capitalised ("het lid Van der Staaij")
	memberPat = `(?:(?:Van|De|Der|Den|Ten|Ter|In\s+'t|Het|Le|Di|Te)\s+(?:(?:van|de|der|den|het|'t)\s+)*)?\p{Lu}[\p{L}'’]+(?:-(?:(?:van|de|der|den)\s+)*\p{Lu}?[\p{L}'’]+)*`
	// a surname as printed in lists and signature lines: "Kuik", "Van der Staaij",
	// "Wiegman-van Meppelen Scheppink", "Yeşilgöz-Zegerius", "El Abassi"
	personPat = `(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]en|[Tt]er|[Ii]n\s+'t|[Hh]et|[Ll]e|[Dd]i|[Dd]ella|[Tt]e)\s+)*\p{Lu}[\p{L}'’]+(?:-(?:(?:van|de|der|den)\s+)*\p{Lu}?[\p{L}'’]+)*(?:\s+\p{Lu}[\p{L}'’]+)?`
)

var (
	motionHeadingRe = regexp.MustCompile(`(?i)\bmotie\s+van\s+(?:het\s+lid|de\s+leden)\s+(.+?)\s*(c\.s\.)?\s*$`)
	orderOfDayRe    = regexp.MustCompile(`(?i)gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag`)
	signatureNameRe = regexp.MustCompile(`^` + personPat + `$`)
	// the dictum: "verzoekt de regering, …" up to the end of its clause
	dictumRe = regexp.MustCompile(`(?i)\bverzoekt\s+(?:de\s+regering|het\s+kabinet|de\s+minister|de\s+staatssecretaris)\s*,?\s*([^;]+?)\s*[;,]?\s*(?:en\s+gaat\s+over\b|$)`)
)

// motionKamerstuk reads a motion's own Kamerstuk: "Nr. 167 MOTIE VAN HET LID KUIK C.S.",
// "Voorgesteld 4 juli 2019", "verzoekt de regering …", and the names under "en gaat over
// tot de orde van de dag.". The Motion is the same node as every letter's mention of it.
func motionKamerstuk(d *docCtx, out *facts) {
	var heading []string
	coSigned := false
	var headingEv *kg.Evidence
	var request string
	signing := -1
	for bi, b := range d.text.Blocks {
		text := d.text.Body[b.Start:b.End]
		if headingEv == nil {
			if m := motionHeadingRe.FindStringSubmatch(text); m != nil {
				heading, coSigned = splitNames(m[1]), m[2] != ""
				ev := d.ev(b.Start, b.End)
				headingEv = &ev
			}
		}
		if request == "" {
			if m := dictumRe.FindStringSubmatch(text); m != nil {
				request = strings.TrimRight(m[1], " ,;")
			}
		}
		if orderOfDayRe.MatchString(text) {
			signing = bi + 1
			break
		}
	}
	if headingEv == nil {
		return
	}
	var signed []string
	var signedEv []kg.Evidence
	for bi := signing; signing > 0 && bi < len(d.text.Blocks); bi++ {
		b := d.text.Blocks[bi]
		name := strings.TrimSpace(d.text.Body[b.Start:b.End])
		if b.Kind == FootnoteBlock || !signatureNameRe.MatchString(name) || len(strings.Fields(name)) > 5 {
			break
		}
		signed = append(signed, name)
		signedEv = append(signedEv, d.ev(b.Start, b.End))
	}
	subs := reconcileNames(heading, signed)
	if len(subs) == 0 {
		return
	}
	mm := &motionMention{doc: d.id, dossier: d.meta.dossier, number: d.meta.number, coSigned: coSigned && len(signed) <= len(heading),
		evidence: append([]kg.Evidence{*headingEv}, signedEv...), request: request}
	for _, s := range subs {
		mm.submitters = append(mm.submitters, submitter{surname: s})
	}
	if d.meta.date.Y != 0 {
		mm.submitted = d.meta.date.ISO()
	}
	// the motion's own Kamerstuk is its submission ("Voorgesteld 4 juli 2019"); a page
	// that lists its gewijzigde motie ("Wijzigingen: 35925-IV-30") says it was amended
	mm.steps = []kg.StatusStep{{Status: kg.MotionSubmitted, Date: mm.submitted, Evidence: *headingEv}}
	for _, b := range d.text.Blocks {
		if m := amendedByRe.FindStringSubmatch(d.text.Body[b.Start:b.End]); m != nil {
			step := kg.StatusStep{Status: kg.MotionAmended, Evidence: d.ev(b.Start, b.End)}
			if mm.number > 0 {
				step.ReplacedBy = kg.MotionID(mm.dossier, atoi(m[1]))
			}
			mm.steps = append(mm.steps, step)
		}
	}
	if d.meta.number == 0 {
		mm.dossier = ""
	}
	out.add(motionFact{mm})
}

var nameSeparatorRe = regexp.MustCompile(`\s*,\s*|\s+(?i:en)\s+`)

// splitNames splits "KUIK EN VAN DER GRAAF", "Bikker, Ellian, Kuik en Verkuijlen" into names,
// written as names are: "Kuik", "Van der Graaf".
func splitNames(list string) []string {
	var out []string
	for _, part := range nameSeparatorRe.Split(strings.TrimSpace(list), -1) {
		part = strings.Trim(part, " ,.;:")
		if part == "" {
			continue
		}
		out = append(out, nameCase(part))
	}
	return out
}

// nameCase writes a surname in capitals as it is written elsewhere: "VAN DER GRAAF" →
// "Van der Graaf", "WIEGMAN-VAN MEPPELEN SCHEPPINK" → "Wiegman-van Meppelen Scheppink".
func nameCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if (i > 0 || j > 0) && surnameParticles[p] {
				continue
			}
			parts[j] = capitalise(p)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

var surnameParticles = map[string]bool{"van": true, "de": true, "der": true, "den": true, "ten": true, "ter": true, "het": true, "'t": true, "in": true}

// reconcileNames takes the submitters from the signature lines, which print every name as
// it is written, and from the heading where a signature name is a shortened form of the
// heading's ("De Graaf" under "VAN DER GRAAF"). Without signature lines the heading's names
// stand.
func reconcileNames(heading, signed []string) []string {
	if len(signed) == 0 {
		return heading
	}
	out := make([]string, len(signed))
	for i, s := range signed {
		out[i] = s
		if i < len(heading) {
			h, f := strings.Fields(kg.Fold(heading[i])), strings.Fields(kg.Fold(s))
			if len(h) > len(f) && len(f) > 0 && h[len(h)-1] == f[len(f)-1] {
				out[i] = heading[i] // "De Graaf" signs for "VAN DER GRAAF"
			}
		}
	}
	return out
}

var (
	// "De vaste commissie voor Justitie en Veiligheid heeft op 17 mei 2023 overleg gevoerd met
	// de heer Van der Burg, Staatssecretaris van Justitie en Veiligheid, over:"
	debateHeldRe = regexp.MustCompile(`(?i)\b(?:heeft|hebben)\s+op\s+(\d{1,2}\s+\p{L}+\s+\d{4})\s+(?:een\s+)?(?:\p{L}+\s+)?(?:overleg|debat)\s+gevoerd\s+met\s+(.+?)(?:,?\s+over\b|$)`)
	// "de heer Van der Burg, Staatssecretaris van Justitie en Veiligheid", "mevrouw Broekers-Knol, …"
	officialRe = regexp.MustCompile(`(?:de\s+heer|mevrouw)\s+(` + personPat + `)\s*,\s*((?i:minister|staatssecretaris)\s+(?i:van|voor)\s+[^,.:;]+)`)
	// older reports: "met Minister Opstelten van Veiligheid en Justitie en Staatssecretaris
	// Teeven van Veiligheid en Justitie"
	titledOfficialRe = regexp.MustCompile(`^((?i:minister|staatssecretaris))\s+(` + personPat + `)\s+((?i:van|voor)\s+.+)`)
	// "Aanwezig zijn zeven leden der Kamer, te weten: Bikker, Ellian, … en Verkuijlen,"
	presentRe = regexp.MustCompile(`(?i)\baanwezig\s+(?:zijn|is)\s+\S+\s+(?:leden|lid)\s+der\s+kamer,\s+te\s+weten:\s*(.+?)\s*,?\s*(?:$|\ben\s+(?:de\s+heer|mevrouw|minister|staatssecretaris)\b)`)
	// "De voorzitter van de commissie, Kat", "Voorzitter: Ellian", "Griffier: Meijer"
	committeeRoleRe = regexp.MustCompile(`^(?:(?:De\s+)?(?:fungerend\s+)?(?i:voorzitter|griffier|adjunct-griffier)\s+(?:van\s+de\s+(?:vaste\s+)?commissie(?:\s+voor\s+[^,]+)?|voor\s+dit\s+verslag),|(?:Voorzitter|Griffier):)\s*(` + personPat + `)?$`)
	debateKindRe    = regexp.MustCompile(`(?i)verslag\s+van\s+(?:een|het)\s+(commissiedebat|algemeen\s+overleg|notaoverleg|wetgevingsoverleg)`)
	// the kind of a debate as the report's text names it, when its heading is missing
	debateKindInTextRe = regexp.MustCompile(`(?i)\b(commissiedebat|algemeen\s+overleg|notaoverleg|wetgevingsoverleg)\b`)
)

// debateReport reads a debate report: the debate and its date (an Event), who took part
// (the members present and the ministers, as Persons who ATTENDED it), and the committee's
// chair and clerk.
func debateReport(d *docCtx, out *facts) {
	eventID := ""
	kind := ""
	if m := debateKindRe.FindStringSubmatch(d.meta.title); m != nil {
		kind = strings.ToLower(strings.Join(strings.Fields(m[1]), " "))
	} else if m := debateKindInTextRe.FindStringSubmatch(d.text.Body); m != nil && !strings.Contains(strings.ToLower(d.meta.title), "schriftelijk") {
		kind = strings.ToLower(strings.Join(strings.Fields(m[1]), " "))
	}
	roleOpen := false // the last sentence was "De griffier van de commissie," without the name
	if strings.Contains(strings.ToLower(d.meta.title), "schriftelijk overleg") {
		answerers(d, out)
	}
	attend := func(pid string, ev kg.Evidence) {
		if eventID != "" {
			out.edge(kg.Attended, pid, eventID, ev)
		}
	}
	for _, s := range d.sents {
		text := d.str(s)
		if m := debateHeldRe.FindStringSubmatch(text); m != nil && eventID == "" {
			ev := d.sentEv(s)
			if dt, ok := parseDate(m[1]); ok && kind != "" {
				n := eventNode(kind, dt.ISO(), ev)
				out.add(n)
				eventID = n.n.ID
				out.edge(kg.Mentions, d.id, eventID, ev)
			}
			for _, o := range officialRe.FindAllStringSubmatch(m[2], -1) {
				attend(official(d, o[1], o[2], ev, out), ev)
			}
			for _, o := range titledOfficials(m[2]) {
				attend(official(d, o[0], o[1], ev, out), ev)
			}
		}
		if loc := presentRe.FindStringSubmatchIndex(text); loc != nil {
			ev := d.sentEv(s)
			for _, name := range splitNames(text[loc[2]:loc[3]]) {
				if !signatureNameRe.MatchString(name) {
					continue
				}
				pid := person(d, name, kg.PersonMP, ev, out)
				attend(pid, ev)
			}
			// "… en Verkuijlen, en de heer Van der Burg, Staatssecretaris van …" in the same
			// sentence, or the next
			rest := text[loc[3]:]
			for _, o := range officialRe.FindAllStringSubmatch(rest, -1) {
				attend(official(d, o[1], o[2], ev, out), ev)
			}
			for _, o := range titledOfficials(rest) {
				attend(official(d, o[0], o[1], ev, out), ev)
			}
		}
		if strings.HasPrefix(text, "en de heer ") || strings.HasPrefix(text, "en mevrouw ") {
			ev := d.sentEv(s)
			for _, o := range officialRe.FindAllStringSubmatch(text, -1) {
				attend(official(d, o[1], o[2], ev, out), ev)
			}
		}
		if m := committeeRoleRe.FindStringSubmatch(text); m != nil {
			if m[1] != "" {
				person(d, m[1], kg.PersonOther, d.sentEv(s), out)
			}
			roleOpen = m[1] == ""
		} else if roleOpen {
			if name := strings.TrimSpace(text); signatureNameRe.MatchString(name) {
				person(d, name, kg.PersonOther, d.sentEv(s), out)
			}
			roleOpen = false
		}
	}
}

// titledOfficials reads "Minister Opstelten van Veiligheid en Justitie, Minister
// Hennis-Plasschaert van Defensie en Staatssecretaris Teeven van Veiligheid en Justitie":
// each title, name and portfolio.
func titledOfficials(s string) [][2]string {
	var out [][2]string
	// each official runs from one role word to the next; headingOffices reads the portfolio
	roles := roleRe.FindAllStringIndex(s, -1)
	for i, r := range roles {
		end := len(s)
		if i+1 < len(roles) {
			end = roles[i+1][0]
		}
		m := titledOfficialRe.FindStringSubmatch(s[r[0]:end])
		if m == nil {
			continue
		}
		if offices := headingOffices(m[1] + " " + m[3]); len(offices) > 0 {
			out = append(out, [2]string{m[2], offices[0]})
		}
	}
	return out
}

// person records a Person named by a role in the document, mentioned by it, and returns its ID.
func person(d *docCtx, name, kind string, ev kg.Evidence, out *facts) string {
	name = strings.TrimSpace(name)
	pid := kg.PersonID(capitalise(name))
	out.node(kg.Node{ID: pid, Label: kg.Person, Name: capitalise(name), Props: map[string]any{kg.PropKind: kind}, Mentions: []kg.Evidence{ev}})
	out.edge(kg.Mentions, d.id, pid, ev)
	return pid
}

// official records a minister or staatssecretaris named with their office.
func official(d *docCtx, name, title string, ev kg.Evidence, out *facts) string {
	kind := kg.PersonMinister
	if strings.HasPrefix(strings.ToLower(title), "staatssecretaris") {
		kind = kg.PersonStaatssecretaris
	}
	pid := person(d, name, kind, ev, out)
	out.edge(kg.HoldsOffice, pid, office(title, ev, out), ev)
	return pid
}

var (
	// "Vragen van de leden Segers en Voordewind (beiden ChristenUnie) aan de Minister van
	// Justitie en Veiligheid over … (ingezonden 27 mei 2019)."
	questionsRe = regexp.MustCompile(`^Vragen\s+van\s+(?:het\s+lid|de\s+leden)\s+(.+?)\s+aan\s+(de\s+.+?)\s+over\b`)
	askerRe     = regexp.MustCompile(personPat + `|\((?:(?i:beiden|allen)\s+)?(` + partyPat2 + `)\)`)
	// "Antwoord van Minister Grapperhaus (Justitie en Veiligheid)", "Mededeling van
	// staatssecretaris Van der Burg (Justitie en Veiligheid)"
	answererRe = regexp.MustCompile(`^(?:Antwoord|Mededeling)\s+van\s+((?i:minister|staatssecretaris))\s+(` + personPat + `)\s*\(([^()]+)\)`)
)

// writtenQuestions reads Kamervragen: who asked (Persons with their party), whom
// (ADDRESSED_TO the offices), and who answered (SIGNED_BY, with the office held).
func writtenQuestions(d *docCtx, out *facts) {
	for _, s := range d.sents {
		text := d.str(s)
		if m := questionsRe.FindStringSubmatch(text); m != nil {
			ev := d.sentEv(s)
			listedMembers(d, m[1], ev, out)
			for _, o := range headingOffices(m[2]) {
				out.edge(kg.AddressedTo, d.id, office(o, ev, out), ev)
			}
		}
		if m := answererRe.FindStringSubmatch(text); m != nil {
			ev := d.sentEv(s)
			title := m[1] + " " + m[3] // "Minister Justitie en Veiligheid", as printed
			if offices := headingOffices(title); len(offices) > 0 {
				title = offices[0] // "Minister van Justitie en Veiligheid"
			}
			pid := official(d, m[2], title, ev, out)
			out.edge(kg.SignedBy, d.id, pid, ev)
		}
	}
}

// membersByRoleRe finds members named by their role in running text: "het lid Ceder
// (ChristenUnie)", "de leden Berndsen-Jansen, Segers, Kooiman en Jadnanansing".
var membersByRoleRe = regexp.MustCompile(`\b(?:[Hh]et\s+lid|[Dd]e\s+leden)\s+(` + memberPat + `(?:\s*\((?:beiden\s+|allen\s+)?` + partyPat2 + `\))?(?:\s*(?:,|\ben\b)\s*` + memberPat + `(?:\s*\((?:beiden\s+|allen\s+)?` + partyPat2 + `\))?)*)`)

// memberMentionRecogniser records the members a sentence names by their role, with their
// party where the sentence gives it.
var memberMentionRecogniser = sentenceRecogniser{
	name:          "members named by role",
	triggers:      []string{"het lid ", "de leden "},
	caseSensitive: "a member's name is capitalised: \"de leden van de commissie\" names none",
	recognise: func(v *sentenceView, out *facts) {
		for _, m := range membersByRoleRe.FindAllStringSubmatch(v.text, -1) {
			listedMembers(v.d, m[1], v.ev(), out)
		}
	},
}

var (
	answeredCue  = regexp.MustCompile(`(?i)\b(beantwoord|gereageerd|geantwoord)\b`)
	submittedCue = regexp.MustCompile(`(?i)\b(voorgelegd|gestuurd|gezonden)\s+aan\b|\baan\s+de\s+(?:minister|staatssecretaris)`)
)

// answerers reads who answered a schriftelijk overleg, whose answers the report prints: the
// offices a sentence says answered ("Bij brief van 17 maart hebben de Ministers van … en de
// Staatssecretaris van … de vragen beantwoord"), else the offices the questions went to
// when the report says they were answered. They sign the answers the report carries.
func answerers(d *docCtx, out *facts) {
	var asked []struct {
		office string
		ev     kg.Evidence
	}
	answered := false
	for i, s := range d.sents {
		if i > 25 { // the report's opening: what follows are the questions themselves
			break
		}
		text := d.str(s)
		if answeredCue.MatchString(text) {
			answered = true
			if i := strings.Index(strings.ToLower(text), "mede namens"); i >= 0 {
				text = text[:i] // who answers on behalf of others is not one of them
			}
			if offices := headingOffices(text); len(offices) > 0 {
				ev := d.sentEv(s)
				for _, o := range offices {
					out.edge(kg.SignedBy, d.id, office(o, ev, out), ev)
				}
				return
			}
		}
		if submittedCue.MatchString(text) {
			ev := d.sentEv(s)
			for _, o := range headingOffices(text) {
				asked = append(asked, struct {
					office string
					ev     kg.Evidence
				}{o, ev})
			}
		}
	}
	if !answered {
		return
	}
	for _, a := range asked {
		out.edge(kg.SignedBy, d.id, office(a.office, a.ev, out), a.ev)
	}
}

// listedMembers records the members of a list with the parties it gives them: "Ceder, Bikker
// (beiden ChristenUnie) Van den Berg en Kuik (beiden CDA)" — a party in parentheses is that
// of the names before it that have none yet.
func listedMembers(d *docCtx, list string, ev kg.Evidence, out *facts) {
	var pending []string
	for _, a := range askerRe.FindAllStringSubmatch(list, -1) {
		if a[1] == "" {
			if n := strings.TrimSpace(a[0]); n != "" && !notSurnames[capitalise(n)] {
				pending = append(pending, person(d, n, kg.PersonMP, ev, out))
			}
			continue
		}
		party := strings.TrimSpace(a[1])
		for _, pid := range pending {
			out.node(kg.Node{ID: kg.PartyID(party), Label: kg.Party, Name: party, Mentions: []kg.Evidence{ev}})
			out.edge(kg.MemberOf, pid, kg.PartyID(party), ev)
		}
		pending = nil
	}
}
