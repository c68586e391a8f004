package loader

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"beleidsgraaf/kg"
)

//go:embed data/organisations.tsv
var organisationsTSV string

// orgEntry is one organisation of the dictionary or one the text defines.
type orgEntry struct {
	key, name, abbr, kind string
	aliases               []string
}

// orgIndex finds organisations in sentences: every name, abbreviation and alias of the
// dictionary plus what the corpus defines ("… (hierna: CKM)").
type orgIndex struct {
	entries map[string]*orgEntry // by key
	byForm  map[string]string    // folded surface form → key
	exact   map[string]string    // short forms matched case-sensitively → key
	re      *regexp.Regexp
}

func parseDictionary(tsv string) []*orgEntry {
	var out []*orgEntry
	for _, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 5 {
			f = append(f, "")
		}
		e := &orgEntry{key: f[0], name: f[1], abbr: f[2], kind: f[3]}
		for _, a := range strings.Split(f[4], "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.aliases = append(e.aliases, a)
			}
		}
		out = append(out, e)
	}
	return out
}

func newOrgIndex(entries []*orgEntry) *orgIndex {
	ix := &orgIndex{entries: map[string]*orgEntry{}, byForm: map[string]string{}, exact: map[string]string{}}
	for _, e := range entries {
		ix.add(e)
	}
	return ix
}

// shortForm is the length up to which a form must match with its exact case: "OM" is the
// prosecution service, "om" is a preposition.
const shortForm = 6

func (ix *orgIndex) add(e *orgEntry) {
	if cur, ok := ix.entries[e.key]; ok {
		for _, a := range append([]string{e.name}, e.aliases...) {
			cur.aliases = append(cur.aliases, a)
			ix.addForm(a, cur.key)
		}
		return
	}
	ix.entries[e.key] = e
	for _, f := range append([]string{e.name, e.abbr}, e.aliases...) {
		ix.addForm(f, e.key)
	}
	ix.re = nil
}

func (ix *orgIndex) addForm(f, key string) {
	if f == "" {
		return
	}
	if len([]rune(f)) <= shortForm {
		if _, taken := ix.exact[f]; !taken {
			ix.exact[f] = key
		}
	} else if _, taken := ix.byForm[kg.Fold(f)]; !taken {
		ix.byForm[kg.Fold(f)] = key
	}
	ix.re = nil
}

// keyFor returns the key of the organisation with this abbreviation or name, if known.
func (ix *orgIndex) keyFor(form string) (string, bool) {
	if k, ok := ix.exact[form]; ok {
		return k, true
	}
	k, ok := ix.byForm[kg.Fold(form)]
	return k, ok
}

// compile builds one alternation of every surface form, longest first, so that "Chat met
// Fier" wins over "Fier" and "RIEC Midden-Nederland" over "RIEC".
func (ix *orgIndex) compile() {
	var forms []string
	seen := map[string]bool{}
	for _, e := range ix.entries {
		for _, f := range append([]string{e.name, e.abbr}, e.aliases...) {
			if f != "" && !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	sort.Slice(forms, func(i, j int) bool {
		if len(forms[i]) != len(forms[j]) {
			return len(forms[i]) > len(forms[j])
		}
		return forms[i] < forms[j]
	})
	parts := make([]string, len(forms))
	for i, f := range forms {
		q := regexp.QuoteMeta(f)
		if len([]rune(f)) > shortForm {
			q = "(?i:" + q + ")"
		}
		parts[i] = q
	}
	ix.re = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(` + strings.Join(parts, "|") + `)(?:$|[^\p{L}\p{N}])`)
}

// orgHit is an organisation found at a byte span of a sentence.
type orgHit struct {
	key        string
	start, end int
}

// find returns the organisations mentioned in s (offsets shifted by offset).
func (ix *orgIndex) find(s string, offset int) []orgHit {
	if ix.re == nil {
		ix.compile()
	}
	var out []orgHit
	for pos := 0; pos < len(s); {
		m := ix.re.FindStringSubmatchIndex(s[pos:])
		if m == nil {
			break
		}
		form := s[pos+m[2] : pos+m[3]]
		if key, ok := ix.keyFor(form); ok {
			out = append(out, orgHit{key: key, start: offset + pos + m[2], end: offset + pos + m[3]})
		}
		pos += m[3]
	}
	return out
}

// definitionRe finds a name followed by its abbreviation: "Centrum tegen Kinderhandel en
// Mensenhandel (hierna: CKM)", "Nederlandse Arbeidsinspectie (NLA)".
var definitionRe = regexp.MustCompile(`\((?:hierna:?\s*)?([A-Z][A-Za-z0-9!&'’]{1,9})\)`)

var nameConnectives = map[string]bool{"van": true, "voor": true, "de": true, "en": true, "het": true,
	"tegen": true, "der": true, "op": true, "in": true, "the": true, "of": true, "on": true,
	"and": true, "for": true, "'s": true}

// leadingWords open a sentence or clause before a name without being part of it.
var leadingWords = map[string]bool{"uit": true, "in": true, "op": true, "door": true, "met": true,
	"bij": true, "voor": true, "volgens": true, "naar": true, "aan": true, "over": true, "dat": true,
	"dit": true, "deze": true, "die": true, "ook": true, "zoals": true, "waaronder": true, "namens": true,
	"tijdens": true, "vanuit": true, "binnen": true, "onder": true, "als": true, "om": true}

// organisationWords mark a defined name as an organisation rather than a method, law or
// programme.
var organisationWords = regexp.MustCompile(`(?i)(centrum|centra|centre|commissie|dienst|inspectie|ministerie|stichting|vereniging|organisatie|organization|office|bureau|rapporteur|raad|netwerk|overleg|teams?\b|afdeling|agency|foundation|coördinatie|collaborative|instituut|institute|platform|politie|marechaussee|universiteit|groep|autoriteit|college|unie|union|council|comité)`)

// findDefinitions returns the organisations a sentence defines by abbreviation.
func findDefinitions(s string) []*orgEntry {
	var out []*orgEntry
	for _, m := range definitionRe.FindAllStringSubmatchIndex(s, -1) {
		abbr := s[m[2]:m[3]]
		if !isAbbreviation(abbr) {
			continue
		}
		name := nameBefore(s[:m[0]])
		if name == "" || !organisationWords.MatchString(name) {
			continue
		}
		if !strings.EqualFold(string([]rune(name)[0]), string([]rune(abbr)[0])) {
			continue
		}
		out = append(out, &orgEntry{key: strings.ToLower(abbr), name: name, abbr: abbr, kind: "OTHER"})
	}
	return out
}

func isAbbreviation(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2 || (upper == 1 && len(s) <= 3)
}

// nameBefore takes the capitalised name that ends just before a parenthesis.
func nameBefore(s string) string {
	words := strings.Fields(s)
	i := len(words)
	for i > 0 {
		w := words[i-1]
		if unicode.IsUpper(firstRune(w)) || (nameConnectives[w] && i < len(words)) || strings.HasSuffix(w, "-") {
			i--
			continue
		}
		break
	}
	for i < len(words) && (nameConnectives[words[i]] || strings.HasSuffix(words[i], "-")) {
		i++
	}
	if i >= len(words) {
		return ""
	}
	for i < len(words) && leadingWords[strings.ToLower(words[i])] {
		i++
	}
	if i >= len(words) {
		return ""
	}
	name := strings.Join(words[i:], " ")
	// a list before the name: "…, de Vereniging Nederlandse Gemeenten (VNG)"
	for _, sep := range []string{", de ", ", het ", " en de ", " en het ", ", "} {
		if j := strings.LastIndex(name, sep); j >= 0 && sep != ", " {
			name = name[j+len(sep):]
		} else if j >= 0 && sep == ", " && startsLower(name[j+2:]) {
			name = name[j+2:]
		}
	}
	name = strings.Trim(name, ",;: ")
	// sentence-initial articles are not part of the name
	for _, art := range []string{"Het ", "De ", "Een "} {
		name = strings.TrimPrefix(name, art)
	}
	if len(strings.Fields(name)) < 2 {
		return ""
	}
	return name
}
