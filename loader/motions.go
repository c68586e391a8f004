package loader

import (
	"regexp"
	"sort"
	"strings"

	"beleidsgraaf/kg"
)

// motionMention is one place where a document speaks of a motion.
type motionMention struct {
	doc        string // the ID of the document that speaks of it
	submitters []submitter
	coSigned   bool
	dossier    string
	number     int
	evidence   []kg.Evidence
	responds   bool
	submitted  string // ISO dates
	adopted    string
	request    string
	event      *event
	steps      []kg.StatusStep // what this mention says of where the motion stands
}

type submitter struct {
	surname string
	party   string
}

type event struct {
	kind, date string
	ev         kg.Evidence
}

const (
	surnamePat = `(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]en|[Tt]er|[Ii]n\s+'t)\s+)*[A-Z][\p{Ll}ëïéèöüç]+(?:-[A-Z][\p{Ll}ëïéèöüç]+)?`
	partyPat   = `(?:\s*\([A-Za-z][A-Za-z/\-]{0,12}\))?`
	namePat    = surnamePat + partyPat
	listPat    = namePat + `(?:\s*(?:,|\ben\b|/)\s*` + namePat + `)*(?:\s+c\.s\.)?`
)

var (
	// "motie van de leden Kuik en Bikker", "motie-Mutluer c.s.", "motie Segers/Asscher",
	// "motie van Bikker en Verkuilen", "gewijzigde motie van het lid Ceder"
	motionRe = regexp.MustCompile(`(?i:\bmoties?)(?:\s+van\s+de\s+leden\s+|\s+van\s+het\s+lid\s+|\s+van\s+|-|\s+)(` + listPat + `)`)
	// "door de leden Mutluer (GL/PvdA), Bikker (CU) en Van Nispen (SP) een motie ingediend"
	membersMotionRe = regexp.MustCompile(`\bde\s+leden\s+(` + listPat + `)\s+(?:een\s+)?motie`)
	nameItemRe      = regexp.MustCompile(`(` + surnamePat + `)\s*(?:\(([A-Za-z][A-Za-z/\-]{0,12})\))?`)
	requestRe       = regexp.MustCompile(`(?i)\b(verzoekt|verzocht|roept)\b\s+(?:de\s+regering\s+)?(.+)$`)
	respondCue      = regexp.MustCompile(`(?i)\b(uitvoering|invulling|informeer|afgedaan|afgerond|opvolging|reactie|ingegaan|ga ik in|ingaan|voer ik|geef ik|gevolg|conform|naar aanleiding van|wordt gevraagd|gevraagd in|stand van zaken)`)
	// the words without which requestRe and respondCue cannot match
	requestWords = []string{"verzoekt", "verzocht", "roept"}
	respondWords = []string{"uitvoering", "invulling", "informeer", "afgedaan", "afgerond", "opvolging", "reactie", "ingegaan", "ga ik in", "ingaan", "voer ik", "geef ik", "gevolg", "conform", "naar aanleiding van", "wordt gevraagd", "gevraagd in", "stand van zaken"}
	motionWordRe = regexp.MustCompile(`(?i)\bmotie`)
)

// notSurnames are capitalised words that follow "motie" without being a submitter.
var notSurnames = map[string]bool{"Van": true, "De": true, "Het": true, "Een": true, "Deze": true, "Die": true, "Dat": true, "Zoals": true, "In": true, "Op": true, "Over": true, "Met": true,
	"Begroting": true, "Stemming": true}

// motionRecogniser collects the motions a sentence speaks of; they are resolved and added
// once the whole corpus has been read.
var motionRecogniser = sentenceRecogniser{
	name:      "motions",
	triggers:  []string{"motie"},
	recognise: motions,
}

func motions(v *sentenceView, out *facts) {
	d, s, text := v.d, v.s, v.text
	type hit struct{ start, end, listStart, listEnd int }
	var hits []hit
	for _, m := range motionRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{m[0], m[1], m[2], m[3]})
	}
	for _, m := range membersMotionRe.FindAllStringSubmatchIndex(text, -1) {
		hits = append(hits, hit{m[0], m[1], m[2], m[3]})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	spans := make([]motionSpan, len(hits))
	for i, h := range hits {
		spans[i] = motionSpan{h.start, h.end}
	}
	bound := bindStatusWords(text, findMotionStatusWords(text), spans)
	for i, h := range hits {
		if strings.HasPrefix(strings.ToLower(text[h.start:h.listStart]), "moties") {
			continue // "moties-Mutluer c.s." speaks of several motions at once
		}
		list := text[h.listStart:h.listEnd]
		// "motie Segers-Asscher" joins two members; "de leden Yeşilgöz-Zegerius en …" lists one
		joined := !strings.Contains(text[h.start:h.listStart], "van") && !strings.Contains(text[h.start:h.listStart], "leden")
		subs, cs := parseSubmitters(list, joined)
		if len(subs) == 0 {
			continue
		}
		limit := len(text)
		if i+1 < len(hits) {
			limit = hits[i+1].start
		}
		mm := &motionMention{doc: d.id, submitters: subs, coSigned: cs, evidence: []kg.Evidence{v.ev()}}
		numberMotion(d, s, text, h.end, limit, mm)
		describeMotion(d, s, text, mm)
		mm.steps = d.stepsOf(text, bound[i], v.ev())
		if i == len(hits)-1 {
			mm.steps = append(mm.steps, anaphoricMotionSteps(d, s)...)
		}
		d.replacements(mm)
		out.add(motionFact{mm})
	}
}

// parseSubmitters reads "Mutluer (GL/PvdA), Bikker (CU) en Van Nispen (SP) c.s.". In a
// joined motion name ("motie Segers-Asscher") a hyphen separates two members.
func parseSubmitters(list string, joined bool) ([]submitter, bool) {
	cs := strings.HasSuffix(list, "c.s.")
	list = strings.TrimSuffix(list, "c.s.")
	var out []submitter
	for _, m := range nameItemRe.FindAllStringSubmatch(list, -1) {
		name := strings.Join(strings.Fields(m[1]), " ")
		parts := []string{name}
		if joined {
			parts = strings.Split(name, "-")
		}
		for _, part := range parts {
			part = capitalise(strings.TrimSpace(part))
			if part == "" || notSurnames[part] {
				continue
			}
			out = append(out, submitter{surname: part, party: m[2]})
		}
	}
	return out, cs
}

// numberMotion finds the Kamerstuk number of a mention: a citation right after it in the
// sentence, or the footnote its marker points to.
func numberMotion(d *docCtx, s Sentence, text string, from, limit int, mm *motionMention) {
	for _, ct := range findCitations(text[from:limit], 0) {
		if ct.DocNumber == "" && ct.Start < 90 {
			mm.dossier, mm.number = ct.Dossier, ct.Number
			return
		}
	}
	// Handelingen cite right after the name: "de motie-Ceder (35925-IV, nr. 20)"
	if m := handelingenCiteRe.FindStringSubmatchIndex(text[from:limit]); m != nil && m[0] < 90 {
		mm.dossier, mm.number = strings.ReplaceAll(text[from+m[2]:from+m[3]], "-", " "), atoi(text[from+m[4]:from+m[5]])
		return
	}
	for _, mk := range d.text.MarkersIn(s.Start+from, s.Start+limit+1) {
		note, b, ok := d.text.FootnoteText(mk.N)
		if !ok {
			return
		}
		for _, ct := range findCitations(note, 0) {
			if ct.DocNumber == "" {
				mm.dossier, mm.number = ct.Dossier, ct.Number
				mm.evidence = append(mm.evidence, d.ev(b.Start, b.End))
				return
			}
		}
		return
	}
}

// describeMotion reads dates, status, the request, the debate and whether the document
// responds to the motion, from the mention's sentence and the one after it.
func describeMotion(d *docCtx, s Sentence, text string, mm *motionMention) {
	ctx := text
	if i := sentenceIndex(d, s); i+1 < len(d.sents) && d.sents[i+1].Block == s.Block {
		next := d.str(d.sents[i+1])
		if strings.HasPrefix(next, "De motie") || strings.HasPrefix(next, "Deze motie") {
			ctx += " " + next
		}
	}
	ref := d.dateRef()
	dates := findDates(ctx, 0, ref)
	low := strings.ToLower(ctx)
	submittedAt := strings.Index(low, "ingediend")
	adoptedAt := strings.Index(low, "aangenomen")
	for _, dt := range dates {
		if dt.Y == 0 {
			continue
		}
		switch {
		case submittedAt >= 0 && (adoptedAt < 0 || dt.Start < adoptedAt || mm.submitted == "") && mm.submitted == "":
			mm.submitted = dt.ISO()
			if adoptedAt >= 0 && adoptedAt < submittedAt+40 && adoptedAt > submittedAt && len(dates) == 1 {
				mm.adopted = dt.ISO() // "ingediend en aangenomen op 21 december"
			}
		case adoptedAt >= 0 && mm.adopted == "":
			mm.adopted = dt.ISO()
		}
	}
	if adoptedAt >= 0 && mm.adopted == "" && mm.submitted != "" && strings.Contains(low, "ingediend en aangenomen") {
		mm.adopted = mm.submitted
	}
	if adoptedAt >= 0 && mm.adopted == "" && len(dates) == 0 {
		mm.adopted = "?" // adopted, date unknown
	}
	// the case-insensitive patterns below have no literal prefix, so regexp would try them
	// at every position: run them only where one of their words occurs
	if containsAny(low, requestWords) {
		if m := requestRe.FindStringSubmatch(ctx); m != nil {
			mm.request = strings.TrimSpace(m[2])
		}
	}
	mm.responds = containsAny(low, respondWords) && respondCue.MatchString(text) || d.text.Blocks[s.Block].Kind == Heading ||
		motionWordRe.MatchString(d.heading(s))
	if kind, date, ok := findEvent(text, ref); ok {
		mm.event = &event{kind: kind, date: date, ev: d.sentEv(s)}
	}
}

func sentenceIndex(d *docCtx, s Sentence) int {
	return sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Start >= s.Start })
}

// submitterKey identifies a motion by who submitted it, for mentions without a number.
func submitterKey(subs []submitter) string {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = kg.Fold(s.surname)
	}
	sort.Strings(names)
	return strings.Join(names, "/")
}

// motionName is the customary short name: "motie-Mutluer", "motie-Segers/Asscher",
// "motie-Mutluer c.s.".
func motionName(subs []submitter, cs bool) string {
	if len(subs) == 1 {
		if cs {
			return "motie-" + subs[0].surname + " c.s."
		}
		return "motie-" + subs[0].surname
	}
	if len(subs) == 2 && !cs {
		return "motie-" + subs[0].surname + "/" + subs[1].surname
	}
	return "motie-" + subs[0].surname + " c.s."
}
