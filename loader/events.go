package loader

import (
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

// debateRe finds the kinds of meetings where motions are submitted and toezeggingen made.
var debateRe = regexp.MustCompile(`(?i)\b(tweeminutendebat|commissiedebat|plenaire?\s+debat|notaoverleg|wetgevingsoverleg|algemeen\s+overleg|AO\b|mondelinge?\s+vragenuur|begrotingsbehandeling|debat)`)

// debateTriggers are the words without which debateRe cannot match.
var debateTriggers = []string{"debat", "overleg", "ao", "vragenuur", "behandeling"}

// debateKinds writes a kind one way: "AO" is an algemeen overleg, "plenaire debat" a
// plenair debat, "Mondelinge Vragenuur" a mondelinge vragenuur.
var debateKinds = map[string]string{"ao": "algemeen overleg", "plenaire debat": "plenair debat", "mondeling vragenuur": "mondelinge vragenuur"}

// findEvent returns the meeting a sentence dates: the debate word nearest before a date
// ("tijdens het tweeminutendebat van 27 september jl.") or just after it ("Op 5 juni jl. vond
// het plenaire debat … plaats").
func findEvent(text string, ref *Date) (kind, date string, ok bool) {
	if !containsAny(strings.ToLower(text), debateTriggers) {
		return "", "", false // debateRe has no literal prefix: do not run it where it cannot match
	}
	words := debateRe.FindAllStringIndex(text, -1)
	if len(words) == 0 {
		return "", "", false
	}
	for _, dt := range findDates(text, 0, ref) {
		if dt.Y == 0 {
			continue
		}
		best := -1
		for i, w := range words {
			before := w[1] <= dt.Start && dt.Start-w[1] <= 120
			after := w[0] >= dt.End && w[0]-dt.End <= 40
			if before || (after && best < 0) {
				best = i
			}
		}
		if best >= 0 {
			w := words[best]
			k := strings.ToLower(strings.Join(strings.Fields(text[w[0]:w[1]]), " "))
			if c, ok := debateKinds[k]; ok {
				k = c
			}
			return k, dt.ISO(), true
		}
	}
	return "", "", false
}

// eventNode is the Event node of a meeting.
func eventNode(kind, date string, ev kg.Evidence) nodeFact {
	return nodeFact{kg.Node{ID: kg.EventID(kind, date), Label: kg.Event, Name: kind + " " + date,
		Props: map[string]any{kg.PropKind: kind, kg.PropDate: date}, Mentions: []kg.Evidence{ev}}}
}

// eventRecogniser finds every dated meeting a sentence names.
var eventRecogniser = sentenceRecogniser{
	name:     "events",
	triggers: debateTriggers,
	recognise: func(v *sentenceView, out *facts) {
		if kind, date, ok := findEvent(v.text, v.d.dateRef()); ok {
			ev := v.ev()
			n := eventNode(kind, date, ev)
			out.add(n)
			out.edge(kg.Mentions, v.d.id, n.n.ID, ev)
		}
	},
}
