package loader

import (
	_ "embed"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"beleidsgraaf/kg"
)

//go:embed data/organisations.tsv
var organisationsTSV string

// orgEntry is one organisation of the dictionary or one the text defines.
type orgEntry struct {
	key, name, abbr, kind string
	aliases               []string
	parent                string // key of the organisation this one is part of
}

// orgIndex finds organisations in sentences: every name, abbreviation and alias of the
// dictionary plus what the corpus defines ("… (hierna: CKM)").
type orgIndex struct {
	entries map[string]*orgEntry // by key
	byForm  map[string]string    // folded surface form → key
	exact   map[string]string    // short forms matched case-sensitively → key
	// the surface forms as token tries: long forms by folded tokens, short forms by their
	// exact text; nil until compiled
	folded, exactForms *formTrie
	forms              int // forms indexed so far: the earlier of two equal forms wins
}

// formTrie indexes surface forms token by token, so that finding the longest form at a
// word costs the length of the match, not the number of forms that share a first word.
type formTrie struct {
	next map[string]*formTrie
	key  string // the organisation a form ending here names
	seq  int    // when that form was indexed (1, 2, …); 0: no form ends here
}

func (t *formTrie) child(tok string) *formTrie {
	if t.next == nil {
		t.next = map[string]*formTrie{}
	}
	c := t.next[tok]
	if c == nil {
		c = &formTrie{}
		t.next[tok] = c
	}
	return c
}

func (t *formTrie) clone() *formTrie {
	if t == nil {
		return nil
	}
	c := &formTrie{key: t.key, seq: t.seq}
	if t.next != nil {
		c.next = make(map[string]*formTrie, len(t.next))
		for k, v := range t.next {
			c.next[k] = v.clone()
		}
	}
	return c
}

func parseDictionary(tsv string) []*orgEntry {
	var out []*orgEntry
	for _, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 6 {
			f = append(f, "")
		}
		e := &orgEntry{key: f[0], name: f[1], abbr: f[2], kind: f[3], parent: strings.TrimSpace(f[5])}
		for _, a := range strings.Split(f[4], "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.aliases = append(e.aliases, a)
			}
		}
		out = append(out, e)
	}
	return out
}

var (
	dictOnce  sync.Once
	dictIndex *orgIndex
)

// dictionaryIndex is the index of the curated dictionary, built once per process: folding
// every name form is most of the cost of loading a small document.
func dictionaryIndex() *orgIndex {
	dictOnce.Do(func() {
		dictIndex = newOrgIndex(parseDictionary(organisationsTSV))
		dictIndex.compile()
	})
	return dictIndex
}

// clone copies the index so that a load can add what its documents define without
// touching the shared dictionary.
func (ix *orgIndex) clone() *orgIndex {
	c := &orgIndex{entries: make(map[string]*orgEntry, len(ix.entries)), byForm: maps.Clone(ix.byForm),
		exact: maps.Clone(ix.exact), folded: ix.folded.clone(), exactForms: ix.exactForms.clone(), forms: ix.forms}
	for k, e := range ix.entries {
		cp := *e
		cp.aliases = slices.Clone(e.aliases)
		c.entries[k] = &cp
	}
	return c
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
}

func (ix *orgIndex) addForm(f, key string) {
	if f == "" {
		return
	}
	if len([]rune(f)) <= shortForm {
		if _, taken := ix.exact[f]; taken {
			return
		}
		ix.exact[f] = key
	} else {
		folded := kg.Fold(f)
		if _, taken := ix.byForm[folded]; taken {
			return
		}
		ix.byForm[folded] = key
	}
	if ix.folded != nil {
		ix.indexForm(f, key)
	}
}

// keyFor returns the key of the organisation with this abbreviation or name, if known.
func (ix *orgIndex) keyFor(form string) (string, bool) {
	if k, ok := ix.exact[form]; ok {
		return k, true
	}
	k, ok := ix.byForm[kg.Fold(form)]
	return k, ok
}

// compile indexes every surface form by its first token, longest form first, so that
// "Chat met Fier" wins over "Fier" and "RIEC Midden-Nederland" over "RIEC".
func (ix *orgIndex) compile() {
	ix.folded, ix.exactForms, ix.forms = &formTrie{}, &formTrie{}, 0
	keys := slices.Sorted(maps.Keys(ix.entries))
	for _, k := range keys {
		e := ix.entries[k]
		for _, f := range append([]string{e.name, e.abbr}, e.aliases...) {
			if key, ok := ix.keyFor(f); ok && f != "" {
				ix.indexForm(f, key)
			}
		}
	}
}

// indexForm files one surface form: a short form by its exact tokens, a longer one by its
// folded tokens. Of two equal forms the first indexed keeps its organisation.
func (ix *orgIndex) indexForm(f, key string) {
	toks := tokenTexts(f)
	if len(toks) == 0 {
		return
	}
	t := ix.exactForms
	exact := len([]rune(f)) <= shortForm
	if !exact {
		t = ix.folded
	}
	for _, tok := range toks {
		if !exact {
			tok = foldToken(tok)
		}
		t = t.child(tok)
	}
	if t.seq == 0 {
		ix.forms++
		t.key, t.seq = key, ix.forms
	}
}

// token is a run of letters and digits at a byte span.
type token struct {
	text, folded string
	start, end   int
}

func tokenize(s string) []token {
	var out []token
	for _, w := range wordSpans(s, nil) {
		text := s[w[0]:w[1]]
		out = append(out, token{text: text, folded: foldToken(text), start: w[0], end: w[1]})
	}
	return out
}

func tokenTexts(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.text)
	}
	return out
}

// wordSpans appends the byte spans of the words of s (runs of letters and digits).
func wordSpans(s string, out [][2]int) [][2]int {
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// foldToken folds one word; ASCII words take the fast path.
func foldToken(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return kg.Fold(w)
		}
	}
	return strings.ToLower(w)
}

// orgHit is an organisation found at a byte span of a sentence.
type orgHit struct {
	key        string
	start, end int
}

// find returns the organisations mentioned in s (offsets shifted by offset): at each word
// the longest form that starts there (of equal ones, the first indexed), then on after it.
// It runs on every sentence, so it folds words into a reused buffer instead of allocating
// them; words outside ASCII are folded once per document (folded is the caller's memo,
// nil for none).
func (ix *orgIndex) find(s string, offset int, folded map[string]string) []orgHit {
	if ix.folded == nil {
		ix.compile()
	}
	var spans [64][2]int
	toks := wordSpans(s, spans[:0])
	var out []orgHit
	var buf [64]byte
	for i := 0; i < len(toks); {
		bestLen, bestSeq, bestKey := 0, 0, ""
		consider := func(n int, t *formTrie) {
			if t.seq > 0 && (n > bestLen || n == bestLen && t.seq < bestSeq) {
				bestLen, bestSeq, bestKey = n, t.seq, t.key
			}
		}
		for j, t := i, ix.exactForms; j < len(toks); j++ {
			if t = t.next[s[toks[j][0]:toks[j][1]]]; t == nil {
				break
			}
			consider(j-i+1, t)
		}
		for j, t := i, ix.folded; j < len(toks); j++ {
			if t = foldedChild(t, s[toks[j][0]:toks[j][1]], buf[:0], folded); t == nil {
				break
			}
			consider(j-i+1, t)
		}
		if bestLen == 0 {
			i++
			continue
		}
		out = append(out, orgHit{key: bestKey, start: offset + toks[i][0], end: offset + toks[i+bestLen-1][1]})
		i += bestLen
	}
	return out
}

// foldedChild follows word w, folded, from t. An ASCII word is lowered into buf, which the
// lookup m[string(b)] reads without allocating.
func foldedChild(t *formTrie, w string, buf []byte, folded map[string]string) *formTrie {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			if folded == nil {
				return t.next[kg.Fold(w)]
			}
			f, ok := folded[w]
			if !ok {
				f = kg.Fold(w)
				folded[w] = f
			}
			return t.next[f]
		}
	}
	return t.next[string(foldASCII(buf, w))]
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

// orgPatterns find organisations no dictionary lists, by the way their names are built.
// Each yields the name (group 1) and the kind it implies.
var orgPatterns = []struct {
	re       *regexp.Regexp
	kind     string
	literals []string // the pattern cannot match a sentence without one of them
}{
	{regexp.MustCompile(`\b(Stichting(?: (?:[A-Z][\p{L}'’-]*|(?:des|de|van|voor|en|tegen)\b))+)`), "NGO", []string{"Stichting"}},
	{regexp.MustCompile(`\b(?:[Oo]nderzoeks|[Aa]dvies(?:-\s+en\s+onderzoeks)?)(?:bureau|instituut)\s+([A-Z][\p{L}-]+(?: [A-Z][\p{L}-]+)*)`), "RESEARCH", []string{"bureau", "instituut"}},
	{regexp.MustCompile(`\b((?:[Uu]niversiteit|[Hh]ogeschool) van [A-Z][\p{L}-]+)`), "RESEARCH", []string{"niversiteit", "ogeschool"}},
	{regexp.MustCompile(`\b((?:Rechtbank|Gerechtshof) [A-Z][\p{L}-]+)`), "COURT", []string{"Rechtbank", "Gerechtshof"}},
	{regexp.MustCompile(`\bRb\. ([A-Z][\p{L}-]+)`), "COURT", []string{"Rb."}},
	{regexp.MustCompile(`\b(Commissie [A-Z][\p{L}]+)\b`), "COMMISSION", []string{"Commissie"}},
	// the Kamer's committees: "de vaste commissie voor Binnenlandse Zaken", "de vaste
	// commissies voor Immigratie en Asiel/JBZ-Raad"
	{regexp.MustCompile(`\b((?:[Vv]aste|[Tt]ijdelijke)\s+[Cc]ommissie\s+voor\s+\p{Lu}[\p{L}/-]*(?:(?:\s+en\s+|\s+)\p{Lu}[\p{L}/-]*)*)`), "PARLIAMENT", []string{"ommissie voor"}},
	{regexp.MustCompile(`["“«']((?:Field ?[Ll]ab|Fieldlab) [^"”»']+)["”»']`), "NETWORK", []string{"ield"}},
	{regexp.MustCompile(`\b((?:Field[Ll]ab|Fieldlab) [A-Z][\p{L}]+)\b`), "NETWORK", []string{"ield"}},
}

// findPatternOrgs returns the organisations a sentence names in one of the shapes above.
func findPatternOrgs(s string) []*orgEntry {
	var out []*orgEntry
	for _, p := range orgPatterns {
		if !containsAny(s, p.literals) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatch(s, -1) {
			name := trimNameTail(m[1])
			var aliases []string
			if strings.HasPrefix(m[0], "Rb.") {
				name, aliases = "Rechtbank "+name, []string{m[0]}
			}
			if len(name) < 4 {
				continue
			}
			out = append(out, &orgEntry{key: kg.Slug(name), name: name, kind: p.kind, aliases: aliases})
		}
	}
	return out
}

// trimNameTail drops the lowercase connectives a name pattern took along at its end
// ("Stichting Terre des Hommes en" → "Stichting Terre des Hommes").
func trimNameTail(name string) string {
	f := strings.Fields(name)
	for len(f) > 1 && nameConnectives[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// containsAny reports whether s contains one of the literals.
func containsAny(s string, literals []string) bool {
	for _, l := range literals {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}
