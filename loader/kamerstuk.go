package loader

import (
	"regexp"
	"strings"
	"time"

	"beleidsgraaf/kg"
)

// The head of a Kamerstuk as the sites publish it, whatever the dossier: the number block
// of officielebekendmakingen ("Tweede Kamer der Staten-Generaal2018-201928638 nr. 167"),
// the dossier line and "Nr. 167 MOTIE VAN HET LID KUIK C.S.", tkconv's block ("Nummer:
// 2020D27680, datum: 2020-07-01", "Onderdeel van kamerstukdossier 28638 -183", "Eerste
// ondertekenaar: …"), openkamer's "Kamerstuk 28638-144", tweedekamer.nl's "2024D19986
// INBRENG VERSLAG …", and the dates each kind carries (Voorgesteld, Vastgesteld,
// ingezonden, ontvangen).

var (
	// "…Staten-Generaal2018-201928638 nr. 167", "| 28638 nr. 178 |", "35570-VI nr. 50"
	obNumberRe = regexp.MustCompile(`(\d{5})(?:-([A-Z]{1,5}|\d{1,2}))?\s*(?i:nr)\.?\s*(\d{1,4})\b`)
	// "Kamerstuk 28638-144" (openkamer), "Kamerstuk 35925-IV-20"
	kamerstukHeaderRe = regexp.MustCompile(`^Kamerstuk\s+(\d{5})(?:-([A-Z]{1,5}))?-(\d{1,4})$`)
	// tkconv: "Onderdeel van kamerstukdossier 28638 -183 Mensenhandel ."
	tkDossierRe = regexp.MustCompile(`(?i)^Onderdeel van kamerstukdossier\s+(\d{4,5})(?:-([A-Z]{1,5}|\d{1,2}))?\s*-\s*(\d{1,4})\b`)
	// tkconv: "Nummer: 2020D27680, datum: 2020-07-01, …"
	tkNumberRe = regexp.MustCompile(`^Nummer:\s*(\d{4}D\d{5}),\s*datum:\s*(\d{4})-(\d{2})-(\d{2})`)
	// tweedekamer.nl: "2024D19986 INBRENG VERSLAG VAN EEN SCHRIFTELIJK OVERLEG"
	tkLeadRe = regexp.MustCompile(`^(\d{4}D\d{5})\s+\p{Lu}`)
	// a dossier line: "28 638 Mensenhandel", "35 570 VI Vaststelling …", "31 702", "21 501-20 Raad …"
	dossierOnlyRe = regexp.MustCompile(`^(\d{2}\s?\d{3}(?:-\d{1,2}|-[A-Z]{1,5}|(?:\s+[A-Z]{1,5}\b)+)?)(?:\s+\S.*)?$`)
	// the stuk's number before its heading: "Nr. 167 MOTIE …", "nr. 11", "144 VERSLAG …", "B VERSLAG …"
	stukNumberRe = regexp.MustCompile(`^(?:(?i:nr)\.?\s*(\d{1,4})\b|(\d{1,4})\s+\p{Lu}{4,}|([A-Z])\s+\p{Lu}{4,})`)
	// the prefix before a kind's heading
	headingPrefixRe = regexp.MustCompile(`^(?:(?i:nr)\.?\s*\d{1,4}\s+|\d{1,4}\s+|[A-Z]\s+|\d{4}D\d{5}\s+)`)
	voorgesteldRe   = regexp.MustCompile(`(?i)^Voorgesteld\s+(\d{1,2}\s+\p{L}+\s+\d{4})`)
	vastgesteldRe   = regexp.MustCompile(`(?i)^Vastgesteld\s+(\d{1,2}\s+\p{L}+\s+\d{4})`)
	ingezondenRe    = regexp.MustCompile(`(?i)\(ingezonden\s+(\d{1,2}\s+\p{L}+\s+\d{4})\)`)
	ontvangenRe     = regexp.MustCompile(`(?i)\(ontvangen\s+(\d{1,2}\s+\p{L}+\s+\d{4})\)`)
	// tkconv: "Eerste ondertekenaar: E. van der Burg, staatssecretaris van Justitie en Veiligheid (Ooit VVD kamerlid)"
	tkSignerRe = regexp.MustCompile(`(?i)^(?:eerste |mede )?ondertekenaar:\s*(.+?),\s*((?:minister|staatssecretaris)\b[^(]*?)\s*(?:\(.*)?$`)
)

// headKinds recognise a document's kind by its heading, in any case.
var headKinds = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`(?i)^(?:gewijzigde\s+)?motie\s+van\s+(?:het\s+lid|de\s+leden)\b`), kg.DocMotion},
	{regexp.MustCompile(`(?i)^(?:inbreng\s+)?verslag\s+van\s+(?:een|het)\s+(?:commissiedebat|algemeen\s+overleg|schriftelijk\s+overleg|notaoverleg|wetgevingsoverleg|nota-overleg|overleg)`), kg.DocDebate},
	{regexp.MustCompile(`(?i)^lijst\s+van\s+vragen\s+en\s+antwoorden`), kg.DocQAList},
	{regexp.MustCompile(`^Vragen\s+van\s+(?:het\s+lid|de\s+leden)\b`), kg.DocQuestions},
	{regexp.MustCompile(`(?i)^brief\s+van\b`), kg.DocLetter},
}

// answeredRe marks written questions that carry their answers.
var answeredRe = regexp.MustCompile(`^Antwoord\s+van\b`)

// headLines is how far into a document its head is looked for.
const headLines = 40

// readKamerstuk completes the letterhead fields from the head of a Kamerstuk in any of the
// sites' layouts; what the letterhead already gave is kept.
func readKamerstuk(lines []string, m *meta) {
	var head []string
	for _, raw := range lines {
		if l := strings.TrimSpace(raw); l != "" {
			head = append(head, l)
			if len(head) == headLines {
				break
			}
		}
	}
	joined := strings.Join(head, " ")
	var tkDate, kindDate Date
	kind := ""
	letterhead := false // a letter's head came first: its section headings are no kinds
	for i, l := range head {
		h := headingPrefixRe.ReplaceAllString(l, "") // the line without the stuk's number
		if mm := tkNumberRe.FindStringSubmatch(l); mm != nil {
			m.tkNumber = mm[1]
			tkDate = Date{Y: atoi(mm[2]), M: monthOf(atoi(mm[3])), D: atoi(mm[4])}
		}
		if mm := tkLeadRe.FindStringSubmatch(l); mm != nil && m.tkNumber == "" {
			m.tkNumber = mm[1]
		}
		if mm := tkDossierRe.FindStringSubmatch(l); mm != nil && m.dossier == "" {
			m.dossier, m.number = dossierOf(mm[1], mm[2]), atoi(mm[3])
		}
		if mm := kamerstukHeaderRe.FindStringSubmatch(l); mm != nil && m.dossier == "" {
			m.dossier, m.number = dossierOf(mm[1], mm[2]), atoi(mm[3])
		}
		if strings.Contains(l, "Staten-Generaal") || strings.HasPrefix(l, "|") || strings.HasSuffix(l, "|") {
			if mm := obNumberRe.FindStringSubmatch(l); mm != nil && m.dossier == "" {
				m.dossier, m.number = dossierOf(mm[1], mm[2]), atoi(mm[3])
			}
		}
		if mm := dossierOnlyRe.FindStringSubmatch(l); mm != nil && m.dossier == "" {
			// a dossier line counts when the stuk's number follows within three lines
			for j := i + 1; j < len(head) && j <= i+3; j++ {
				if nr := stukNumberRe.FindStringSubmatch(head[j]); nr != nil {
					if digits, suffix, ok := strings.Cut(mm[1], "-"); ok { // "21 501-20"
						m.dossier = dossierOf(strings.ReplaceAll(digits, " ", ""), suffix)
					} else {
						m.dossier = normaliseDossier(mm[1])
					}
					m.number = atoi(nr[1] + nr[2]) // a letter (Eerste Kamer: "B") is no number
					break
				}
			}
		}
		if letterheadLineRe.MatchString(l) {
			letterhead = true
		}
		if kind == "" && kindHeading(l, h, i, letterhead) {
			for _, k := range headKinds {
				if k.re.MatchString(h) {
					kind = k.kind
					// the heading is the title; a letter printed inside a report or a
					// motion ("BRIEF VAN DE VOORZITTER …") is not
					if m.title == "" || k.kind != kg.DocLetter && strings.HasPrefix(m.title, "Brief van ") {
						m.title = h
					}
					break
				}
			}
		}
		if mm := tkSignerRe.FindStringSubmatch(l); mm != nil {
			m.signatures = append(m.signatures, signature{office: officeTitle(mm[2]), name: strings.TrimSpace(mm[1])})
		}
		for _, re := range []*regexp.Regexp{voorgesteldRe, vastgesteldRe} {
			if mm := re.FindStringSubmatch(l); mm != nil && kindDate.Y == 0 {
				kindDate, _ = parseDate(mm[1])
			}
		}
		if kind == kg.DocLetter && len(m.headingOffices) == 0 && strings.HasPrefix(strings.ToUpper(h), "BRIEF VAN") {
			m.headingOffices = headingOffices(h)
		}
	}
	for _, l := range head {
		if answeredRe.MatchString(l) && kind == kg.DocQuestions {
			kind = kg.DocAnswers
		}
	}
	if kindDate.Y == 0 {
		re := ingezondenRe
		if kind == kg.DocAnswers {
			re = ontvangenRe
		}
		if mm := re.FindStringSubmatch(joined); mm != nil {
			kindDate, _ = parseDate(mm[1])
		}
	}
	if kind == "" && kindDate.Y != 0 && strings.Contains(joined, "overleg gevoerd") {
		kind = kg.DocDebate // a report whose heading the page left out: "Vastgesteld …", "… heeft op … overleg gevoerd"
	}
	if kind != "" && (m.kind == "" || m.kind == kg.DocLetter) {
		m.kind = kind
	}
	switch {
	case m.date.Y != 0 && m.placeDate && (kind == "" || kind == kg.DocLetter): // "Den Haag, <date>" of a letter stays
	case kindDate.Y != 0:
		m.date = kindDate
	case m.date.Y == 0 && tkDate.Y != 0:
		m.date = tkDate
	}
}

// dossierOf writes a dossier with its suffix as Kamerstukken print it: "35570" + "VI" →
// "35 570 VI", "21501" + "20" → "21 501-20".
func dossierOf(digits, suffix string) string {
	d := normaliseDossier(digits)
	switch {
	case suffix == "":
		return d
	case suffix[0] >= '0' && suffix[0] <= '9':
		return d + "-" + suffix
	}
	return d + " " + suffix
}

func monthOf(n int) time.Month { return time.Month(n) }

// incomplete names the fields a document's head should have given and did not: every
// document has a date; a Kamerstuk (a dossier, or a kind only Kamerstukken have) has its
// number too.
func (d *docCtx) incomplete() []error {
	var out []error
	warn := func(field string) {
		out = append(out, &Warning{File: d.file, Msg: "no " + field + " found (" + d.meta.kind + ")"})
	}
	if d.meta.date.Y == 0 {
		warn("date")
	}
	kamerstuk := d.meta.dossier != "" || d.meta.kind == kg.DocMotion || d.meta.kind == kg.DocDebate
	if kamerstuk && d.meta.dossier == "" {
		warn("dossier")
	}
	if kamerstuk && d.meta.number == 0 {
		warn("Kamerstuk number")
	}
	return out
}

// letterheadLineRe marks the head of a letter as a ministry prints it.
var letterheadLineRe = regexp.MustCompile(`^(?:Datum\b|Ons kenmerk\b|Onderwerp\b|> Retouradres|Retouradres)`)

// kindHeading reports whether a head line can name the document's kind: the published
// heading is in capitals or carries the stuk's number ("Nr. 167 MOTIE VAN …", "144
// VERSLAG …"); a title-case heading ("Motie van het lid Ceder over …", "Vragen van het
// lid …") counts only at the very top, before any letterhead, since a letter's section
// headings read the same.
func kindHeading(l, h string, at int, afterLetterhead bool) bool {
	if h != l || strings.ToUpper(h) == h {
		return true
	}
	return at < 6 && !afterLetterhead
}
