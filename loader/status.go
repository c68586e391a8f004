package loader

import (
	"cmp"
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

// Status steps: every statement of where a motion or a commitment stands becomes a dated
// step with the sentence that makes it. A step takes the date the sentence gives for it
// ("op 3 oktober jl. aangenomen"); a step the document itself takes ("Met deze brief geef
// ik uitvoering aan de motie", "Hiermee doe ik mijn toezegging gestand") takes the
// document's date; a step stated without a date ("In een eerder stadium heb ik toegezegd")
// stays undated.

// A statusWord is a word that states a status, at byte offsets in its sentence.
type statusWord struct {
	status     string
	start, end int
	// byDocument: the document itself takes the step, so it takes the document's date
	byDocument bool
	// preposed: the word stands before the motion it is about ("uitvoering van de motie",
	// "de op 21 december aangenomen motie"), not after it ("de motie is aangenomen")
	preposed bool
}

var (
	// "gewijzigd" and not "gewijzigde": "de gewijzigde motie X" names X as the replacement,
	// which was itself submitted; "motie X is gewijzigd" says X was replaced.
	// run on the ASCII-lower-cased sentence (foldASCII keeps byte offsets), which is faster
	// than a case-insensitive pattern without a literal prefix
	motionStatusRe = regexp.MustCompile(`\b(ingediend|aangenomen|verworpen|aangehouden|ingetrokken|gewijzigd|uitvoering|invulling|opvolging|naar aanleiding van|conform|afgedaan|afgerond|gestand|uitgevoerd)\b`)
	motionStatusOf = map[string]statusWord{
		"ingediend":           {status: kg.MotionSubmitted},
		"aangenomen":          {status: kg.MotionAdopted, preposed: true},
		"verworpen":           {status: kg.MotionRejected},
		"aangehouden":         {status: kg.MotionHeld, preposed: true},
		"ingetrokken":         {status: kg.MotionWithdrawn},
		"gewijzigd":           {status: kg.MotionAmended},
		"uitvoering":          {status: kg.MotionInProgress, byDocument: true, preposed: true},
		"invulling":           {status: kg.MotionInProgress, byDocument: true, preposed: true},
		"opvolging":           {status: kg.MotionInProgress, byDocument: true, preposed: true},
		"naar aanleiding van": {status: kg.MotionInProgress, byDocument: true, preposed: true},
		"conform":             {status: kg.MotionInProgress, byDocument: true, preposed: true},
		"afgedaan":            {status: kg.MotionCompleted, byDocument: true},
		"afgerond":            {status: kg.MotionCompleted, byDocument: true},
		"gestand":             {status: kg.MotionCompleted, byDocument: true},
		"uitgevoerd":          {status: kg.MotionCompleted, byDocument: true},
	}
	// the words without which motionStatusRe cannot match
	motionStatusWords = []string{"ingediend", "aangenomen", "verworpen", "aangehouden", "ingetrokken", "gewijzigd",
		"uitvoering", "invulling", "opvolging", "naar aanleiding van", "conform", "afgedaan", "afgerond", "gestand", "uitgevoerd"}
	// a later sentence that speaks of the motion just named: "De motie is op 3 oktober jl.
	// aangenomen", "Middels onderstaande passage wordt deze motie afgedaan."
	motionAnaphorRe = regexp.MustCompile(`(?i)\b(?:de|deze)\s+motie\b`)
	// how far before a motion's name a preposed word may stand and still be about it
	preposedReach = 60
)

// motionStatusWords finds the status words of a sentence, up to the motion's request (the
// verzoekt-clause says what the motion asks, not where it stands).
func findMotionStatusWords(text string) []statusWord {
	low := string(foldASCII(nil, text))
	if !containsAny(low, motionStatusWords) {
		return nil
	}
	if m := requestRe.FindStringIndex(text); m != nil {
		low = low[:m[0]]
	}
	var out []statusWord
	for _, m := range motionStatusRe.FindAllStringIndex(low, -1) {
		w := motionStatusOf[low[m[0]:m[1]]]
		w.start, w.end = m[0], m[1]
		out = append(out, w)
	}
	return out
}

// motionSpan is where a motion is named in a sentence.
type motionSpan struct{ start, end int }

// bindStatusWords says which of the motions named in a sentence each status word is
// about: a preposed word the motion named right after it ("uitvoering aan de motie X",
// and to every motion joined to it by "en": "uitvoering aan de motie X en de motie Y"),
// any other word the motion named last before it ("de motie X is aangenomen"); a word
// before every motion is about all of them.
func bindStatusWords(text string, words []statusWord, spans []motionSpan) [][]statusWord {
	out := make([][]statusWord, len(spans))
	for _, w := range words {
		next := -1
		for i, sp := range spans {
			if sp.start >= w.end {
				next = i
				break
			}
		}
		prev := -1
		for i, sp := range spans {
			if sp.end <= w.start {
				prev = i
			}
		}
		switch {
		case next >= 0 && (prev < 0 || w.preposed && spans[next].start-w.end <= preposedReach):
			out[next] = append(out[next], w)
			for j := next + 1; j < len(spans) && joinedByEn(text[spans[j-1].end:spans[j].start]); j++ {
				out[j] = append(out[j], w)
			}
		case prev >= 0:
			out[prev] = append(out[prev], w)
		}
	}
	return out
}

// between two motions: a footnote marker or citation, then "en (de)" or a comma
var joinedByEnRe = regexp.MustCompile(`^[\s\p{No}\d]*(?:\([^)]*\))?\s*(?:,|\ben)\s+(?:de\s+)?$`)

// joinedByEn reports whether the text between two motions only joins them ("en de").
func joinedByEn(between string) bool { return joinedByEnRe.MatchString(between) }

// stepsOf turns the status words of one sentence into steps with the sentence's evidence.
func (d *docCtx) stepsOf(text string, words []statusWord, ev kg.Evidence) []kg.StatusStep {
	if len(words) == 0 {
		return nil
	}
	dates := findDates(text, 0, d.statusDateRef())
	out := make([]kg.StatusStep, 0, len(words))
	for _, w := range words {
		date := ""
		if w.byDocument && d.actsItself() {
			date = d.isoDate()
		} else {
			date = dateNear(dates, w.start)
		}
		out = append(out, kg.StatusStep{Status: w.status, Date: date, Evidence: ev})
	}
	return out
}

// dateNear is the date a status word at pos takes: the last full date before it in the
// sentence ("op 3 oktober jl. aangenomen"), else the first after it ("ingediend en
// aangenomen op 21 december"), else "".
func dateNear(dates []Date, pos int) string {
	before, after := "", ""
	for _, dt := range dates {
		if dt.Y == 0 {
			continue
		}
		if dt.Start < pos {
			before = dt.ISO()
		} else if after == "" {
			after = dt.ISO()
		}
	}
	if before != "" {
		return before
	}
	return after
}

// isoDate is the document's date, or "" when it has none.
func (d *docCtx) isoDate() string {
	if d.meta.date.Y == 0 {
		return ""
	}
	return d.meta.date.ISO()
}

// anaphoricMotionSteps reads the sentences after s in its paragraph that speak of "de
// motie" or "deze motie" without naming another, up to the next that names a motion: what
// they say of the motion is said of the one s named last.
func anaphoricMotionSteps(d *docCtx, s Sentence) []kg.StatusStep {
	var out []kg.StatusStep
	for i := sentenceIndex(d, s) + 1; i < len(d.sents) && d.sents[i].Block == s.Block; i++ {
		next := d.sents[i]
		text := d.str(next)
		if !containsAny(string(foldASCII(nil, text)), []string{"motie"}) {
			continue // neither names a motion nor speaks of one: the patterns below cannot match
		}
		if motionRe.MatchString(text) || membersMotionRe.MatchString(text) {
			break
		}
		if !motionAnaphorRe.MatchString(text) {
			continue
		}
		out = append(out, d.stepsOf(text, findMotionStatusWords(text), d.sentEv(next))...)
	}
	return out
}

// statusFact records steps of a motion or commitment; the assembler stores them on the
// node once the corpus is read (rule 8).
type statusFact struct {
	id    string
	steps []kg.StatusStep
}

func (x statusFact) apply(a *assembler) { a.steps[x.id] = append(a.steps[x.id], x.steps...) }
func (x statusFact) key() string {
	var b strings.Builder
	b.WriteString("steps of " + x.id + ":")
	for _, s := range x.steps {
		b.WriteString(" " + s.Status + " " + cmp.Or(s.Date, "undated"))
	}
	return b.String()
}

var (
	// "heb ik uw Kamer toegezegd", "is aan uw Kamer toegezegd", "de eerder gedane toezegging"
	commitmentMadeRe = regexp.MustCompile(`(?i)\b(toegezegd|toezeggingen?\s+gedaan|gedane\s+toezegging)`)
	// "Hiermee doe ik mijn toezegging gestand", "Met deze brief voer ik … deze toezegging
	// uit", "geef ik uitvoering aan mijn toezegging", "kom ik deze toezegging na"
	commitmentFulfilledRe = regexp.MustCompile(`(?i)\btoezegging\b[^.]*\bgestand\b|\bvoer\s+ik\b[^.]*\btoezegging\s+uit\b|\buitvoering\s+aan\s+(?:mijn|deze|de)\s+(?:eerdere\s+)?toezegging|\bkom\s+ik\b[^.]*\btoezegging\s+na\b`)
)

// commitmentSteps reads where a commitment stands from the sentence that names it and
// the paragraphs the fulfilment cue may stand in (docCtx.fulfils): made when the sentence
// says it was promised, fulfilled when a sentence says the document fulfils it, reported
// on when the document otherwise reports on it.
func commitmentSteps(d *docCtx, s Sentence, text string, ev kg.Evidence) []kg.StatusStep {
	var out []kg.StatusStep
	if m := commitmentMadeRe.FindStringIndex(text); m != nil {
		date := ""
		if _, evDate, ok := findEvent(text, d.statusDateRef()); ok {
			date = evDate
		} else {
			date = dateBefore(findDates(text, 0, d.statusDateRef()), m[0])
		}
		if date == "" && theDebateRe.MatchString(text[:m[0]]) {
			date = debateDateBefore(d, s)
		}
		out = append(out, kg.StatusStep{Status: kg.CommitmentMade, Date: date, Evidence: ev})
	}
	if fs, ok := d.fulfilment(s); ok {
		return append(out, kg.StatusStep{Status: kg.CommitmentFulfilled, Date: d.isoDate(), Evidence: d.sentEv(fs)})
	}
	if d.fulfils(s) {
		out = append(out, kg.StatusStep{Status: kg.CommitmentReported, Date: d.isoDate(), Evidence: ev})
	}
	return out
}

// dateBefore is the last full date before pos, or "".
func dateBefore(dates []Date, pos int) string {
	out := ""
	for _, dt := range dates {
		if dt.Y != 0 && dt.Start < pos {
			out = dt.ISO()
		}
	}
	return out
}

// fulfilment finds the sentence that says the document fulfils the commitment s speaks
// of: s itself, or a later one in its paragraph or the next two (past a heading).
func (d *docCtx) fulfilment(s Sentence) (Sentence, bool) {
	for i := sentenceIndex(d, s); i < len(d.sents) && d.sents[i].Block <= s.Block+2; i++ {
		text := d.str(d.sents[i])
		// every alternative of the pattern holds "toezegging", and it has no literal prefix
		if containsAny(string(foldASCII(nil, text)), []string{"toezegging"}) && commitmentFulfilledRe.MatchString(text) {
			return d.sents[i], true
		}
	}
	return Sentence{}, false
}

// commitmentStatusFact records a commitment and its steps: a commitment without steps was
// made (rule 8).
type commitmentStatusFact struct{ statusFact }

func (x commitmentStatusFact) apply(a *assembler) {
	x.statusFact.apply(a)
	a.historyDefault[x.id] = kg.CommitmentMade
}

var (
	// openkamer's metadata line naming a motion's gewijzigde motie: "Wijzigingen: 35925-IV-30"
	amendedByRe = regexp.MustCompile(`^Wijzigingen:\s*[\dA-Za-z-]*?-(\d+)\b`)
	// Handelingen: "Zij krijgt nr. 30, was nr. 20 (35925-IV)."
	renumberedRe = regexp.MustCompile(`(?i)\bkrijgt\s+nr\.\s*(\d+),\s*was\s+nr\.\s*(\d+)`)
	// Handelingen: "Aan de orde is de stemming over een aangehouden motie, ingediend bij …"
	heldVoteRe = regexp.MustCompile(`(?i)\bstemming\s+over\s+een\s+aangehouden\s+motie\b`)
	// Handelingen cite a motion as "(35925-IV, nr. 20)"
	handelingenCiteRe = regexp.MustCompile(`\((\d{4,5}(?:-[A-Z]+)?),\s*nr\.\s*(\d+)\)`)
	// "(Zie vergadering van 14 oktober 2021.)": the sitting the motion was submitted in
	sittingRe = regexp.MustCompile(`(?i)\(zie\s+vergadering\s+van\s+([^)]+)\)`)
)

// heldMotionVote reads the Handelingen of a vote on a held motion: the motion (the first
// Kamerstuk cited in the blocks after it) was held, and was submitted in the sitting the
// item refers to.
func heldMotionVote(d *docCtx, out *facts) {
	if !strings.Contains(strings.ToLower(d.text.Body), "aangehouden motie") {
		return // heldVoteRe has no literal prefix: do not run it where it cannot match
	}
	blocks := d.text.Blocks
	for bi, b := range blocks {
		if !heldVoteRe.MatchString(d.text.Body[b.Start:b.End]) {
			continue
		}
		id, date := "", ""
		for bj := bi + 1; bj < len(blocks) && bj <= bi+4; bj++ {
			text := d.text.Body[blocks[bj].Start:blocks[bj].End]
			if m := handelingenCiteRe.FindStringSubmatch(text); m != nil && id == "" {
				id = kg.MotionID(strings.ReplaceAll(m[1], "-", " "), atoi(m[2]))
			}
			if m := sittingRe.FindStringSubmatch(text); m != nil {
				if dt, ok := parseDate(m[1]); ok {
					date = dt.ISO()
				}
			}
		}
		if id == "" {
			continue
		}
		ev := d.ev(b.Start, b.End)
		out.add(statusFact{id: id, steps: []kg.StatusStep{
			{Status: kg.MotionHeld, Evidence: ev}, {Status: kg.MotionSubmitted, Date: date, Evidence: ev}}})
	}
}

// statusDateRef is the date a status sentence's "jl." is read against: the document's
// date, or, for a document without one, the latest date it gives in full (a letter that
// speaks of "5 november 2020" and of "2 juli jl." was written after both).
func (d *docCtx) statusDateRef() *Date {
	if ref := d.dateRef(); ref != nil {
		return ref
	}
	if !d.statusRefRead {
		d.statusRefRead = true
		for _, dt := range findDates(d.text.Body, 0, nil) {
			if dt.Y != 0 && (d.statusRef == nil || dt.time().After(d.statusRef.time())) {
				d.statusRef = &dt
			}
		}
	}
	return d.statusRef
}

// actsItself reports whether the document can itself carry out a motion or a
// commitment: a letter, a memo or answers can; a debate report or a motion only reports
// what others did, on the dates it gives.
func (d *docCtx) actsItself() bool {
	switch d.meta.kind {
	case kg.DocLetter, kg.DocMemo, kg.DocAnswers:
		return true
	}
	return false
}

// theDebateRe: a sentence that speaks of "het debat" or "dit overleg" without its date
var theDebateRe = regexp.MustCompile(`(?i)\b(?:het|dit|dat)\s+(?:debat|overleg|commissiedebat|tweeminutendebat)\b`)

// debateDateBefore is the date of the debate named last in the sentences before s (at
// most ten back): "In het debat heb ik toegezegd" speaks of the debate named earlier.
func debateDateBefore(d *docCtx, s Sentence) string {
	i := sentenceIndex(d, s)
	for j := i - 1; j >= 0 && j >= i-10; j-- {
		if _, date, ok := findEvent(d.str(d.sents[j]), d.statusDateRef()); ok {
			return date
		}
	}
	return ""
}

// madeBy is the office that made a commitment when steps say this letter's signatory made
// it ("heb ik toegezegd"): the ID of the first signatory's office; "" otherwise.
func (d *docCtx) madeBy(steps []kg.StatusStep) string {
	for _, s := range steps {
		if s.Status == kg.CommitmentMade && len(d.meta.signatures) > 0 && d.meta.signatures[0].office != "" {
			return kg.OfficeID(canonicalOffice(d.meta.signatures[0].office))
		}
	}
	return ""
}

// replacements names the gewijzigde motie of a numbered motion's AMENDED steps when the
// document renumbers it ("Zij krijgt nr. 30, was nr. 20"): the same dossier, the new number.
func (d *docCtx) replacements(mm *motionMention) {
	dossier, number := mm.dossier, mm.number
	if number == 0 || !strings.Contains(d.text.Body, "was nr") {
		return
	}
	for i := range mm.steps {
		if mm.steps[i].Status != kg.MotionAmended || mm.steps[i].ReplacedBy != "" {
			continue
		}
		for _, m := range renumberedRe.FindAllStringSubmatch(d.text.Body, -1) {
			if atoi(m[2]) == number {
				mm.steps[i].ReplacedBy = kg.MotionID(dossier, atoi(m[1]))
			}
		}
	}
}
