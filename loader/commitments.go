package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

var (
	// "heb ik uw Kamer toegezegd X", "is aan uw Kamer toegezegd dat X", "de toezegging om X"
	commitmentRe    = regexp.MustCompile(`(?i)\b(?:toegezegd|toezegging\s+(?:om|over|dat|gedaan om))\s+(?:dat\s+)?(.{20,}?)[.;]?$`)
	commitmentNrRe  = regexp.MustCompile(`(?i)\btoezegging\s+(?:nr\.?|nummer)\s*(\d{3,})`)
	fulfilsCue      = regexp.MustCompile(`(?i)\b(gestand|uitvoering|informeer|ingegaan|ga ik in|invulling|terug te komen|hiermee|middels deze brief|met deze brief)`)
	occasionRe      = regexp.MustCompile(`(?i)^(in|tijdens|op|bij)\s+(het|de)\s+.*\b(debat|vragenuur|overleg|notaoverleg|behandeling)\b`)
	commitmentWords = 8
)

// commitments adds the toezeggingen a sentence speaks of: what was promised, the debate it
// was made in, its number when a footnote gives one ("Toezegging nr. 118836"), and
// RESPONDS_TO when the letter reports on it.
var commitmentRecogniser = sentenceRecogniser{
	name:      "commitments",
	triggers:  []string{"toegezegd", "toezegging"},
	recognise: commitments,
}

func commitments(v *sentenceView, out *facts) {
	d, s, text := v.d, v.s, v.text
	m := commitmentRe.FindStringSubmatch(text)
	if m == nil {
		return
	}
	desc := strings.TrimSpace(m[1])
	if occasionRe.MatchString(desc) {
		return // "zoals toegezegd in het mondelinge vragenuur van …" names the occasion, not the promise
	}
	evs := []kg.Evidence{v.ev()}
	var number string
	if n := commitmentNrRe.FindStringSubmatch(text); n != nil {
		number = n[1]
	}
	for _, mk := range d.text.MarkersIn(s.Start, s.End) {
		{
			if note, b, ok := d.text.FootnoteText(mk.N); ok {
				if n := commitmentNrRe.FindStringSubmatch(note); n != nil {
					number = n[1]
					evs = append(evs, d.ev(b.Start, b.End))
				}
			}
		}
	}
	desc = strings.TrimRight(strings.TrimRightFunc(desc, func(r rune) bool { _, sup := superDigits[r]; return sup }), ".;")
	var id string
	props := map[string]any{kg.PropDescription: desc}
	if number != "" {
		id = kg.CommitmentID(number)
		props[kg.PropNumber] = int64(atoi(number))
	} else {
		words := strings.Fields(desc)
		if len(words) > commitmentWords {
			words = words[:commitmentWords]
		}
		id = kg.CommitmentID(strings.Join(words, " "))
	}
	var ev *event
	if kind, date, ok := findEvent(text, d.dateRef()); ok {
		ev = &event{kind: kind, date: date, ev: evs[0]}
		props[kg.PropDate] = date
	}
	name := desc
	if r := []rune(name); len(r) > 90 {
		name = string(r[:90]) + "…"
	}
	steps := commitmentSteps(d, s, text, evs[0])
	if by := d.madeBy(steps); by != "" {
		props[kg.PropMadeBy] = by
	}
	out.node(kg.Node{ID: id, Label: kg.Commitment, Name: "toezegging: " + name, Props: props, Mentions: evs})
	rel := kg.Mentions
	if d.fulfils(s) {
		rel = kg.RespondsTo
	}
	out.edge(rel, d.id, id, evs...)
	out.add(commitmentStatusFact{statusFact{id: id, steps: steps}})
	if ev != nil {
		n := eventNode(ev.kind, ev.date, ev.ev)
		out.add(n)
		out.edge(kg.MadeIn, id, n.n.ID, ev.ev)
	}
}

// fulfils reports whether the letter reports on the toezegging a sentence speaks of: its
// paragraph or one of the next two (past a heading) says so ("Met deze brief voer ik deze toezegging uit"), the
// section is about it, or the letter is about toezeggingen.
func (d *docCtx) fulfils(s Sentence) bool {
	for bi := s.Block; bi <= s.Block+2 && bi < len(d.text.Blocks); bi++ {
		b := d.text.Blocks[bi]
		if fulfilsCue.MatchString(d.text.Body[b.Start:b.End]) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(d.heading(s)), "toezegging") ||
		strings.Contains(strings.ToLower(d.meta.title), "toezegging")
}
