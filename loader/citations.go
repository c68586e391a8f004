package loader

import (
	"regexp"
	"strings"
)

// Citation is a reference to a Kamerstuk (dossier + number) or to a Kamer document number
// ("2024D03521"), with its byte span in the text it was found in.
type Citation struct {
	Dossier    string // "28 638", "35 300 XVII"
	Number     int
	DocNumber  string // "2024D03521" when cited by document number
	Start, End int
}

// kamerstukRe matches the dossier-and-number core that every spelling shares:
// "Kamerstukken II 2023/24, 28 638, nr. 233", "Kamerstuk 28 638, nr. 257", "28638 nr. 233",
// "28638, nr. 205", "35 300 XVII, nr. 34", "TK 2019–2020, 35 300, nr. 25", "nr.231", and
// lists "nr. 184 en 203".
var kamerstukRe = regexp.MustCompile(`\b(\d{2}\s?\d{3})((?:\s+[A-Z]{1,5}\b)*)\s*,?\s*(?i:nrs?)\.?\s*(\d{1,4})((?:\s*(?:,|en|&)\s*\d{1,4}\b)*)`)

var docNumberRe = regexp.MustCompile(`\b(20\d{2}[Dd]\d{5})\b`)

var listSep = regexp.MustCompile(`\d{1,4}`)

// findCitations returns the citations in s, offsets shifted by offset.
func findCitations(s string, offset int) []Citation {
	var out []Citation
	for _, m := range kamerstukRe.FindAllStringSubmatchIndex(s, -1) {
		dossier := strings.Join(strings.Fields(s[m[2]:m[3]]+" "+s[m[4]:m[5]]), " ")
		dossier = normaliseDossier(dossier)
		c := Citation{Dossier: dossier, Number: atoi(s[m[6]:m[7]]), Start: offset + m[0], End: offset + m[1]}
		out = append(out, c)
		for _, more := range listSep.FindAllString(s[m[8]:m[9]], -1) {
			c2 := c
			c2.Number = atoi(more)
			out = append(out, c2)
		}
	}
	for _, m := range docNumberRe.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, Citation{DocNumber: strings.ToUpper(s[m[2]:m[3]]), Start: offset + m[0], End: offset + m[1]})
	}
	return out
}

// normaliseDossier writes a dossier as Kamerstukken print it: "28638" → "28 638".
func normaliseDossier(d string) string {
	f := strings.Fields(d)
	if len(f) == 0 {
		return d
	}
	digits := f[0]
	rest := f[1:]
	if len(f) > 1 && len(f[0]) == 2 && len(f[1]) == 3 && atoi(f[1]) >= 0 {
		digits = f[0] + f[1]
		rest = f[2:]
	}
	if len(digits) == 5 {
		digits = digits[:2] + " " + digits[2:]
	}
	return strings.Join(append([]string{digits}, rest...), " ")
}
