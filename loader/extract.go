package loader

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"beleidsgraaf/kg"
)

// orgsWithin returns the hits that lie within [from, to) of the sentence.
func orgsWithin(hits []orgHit, from, to int) []orgHit {
	var out []orgHit
	for _, h := range hits {
		if h.start >= from && h.end <= to {
			out = append(out, h)
		}
	}
	return out
}

// prepare reads one file into a document context, or says why it cannot.
func prepare(f File) (*docCtx, error) { return prepareStated(f, nil) }

// prepareStated is prepare with the document's metadata file, whose statements win.
func prepareStated(f File, sidecar *Sidecar) (*docCtx, error) {
	ext := strings.ToLower(filepath.Ext(f.Name))
	var data []byte
	var stated *xmlMeta
	switch ext {
	case ".txt", ".md", "":
		data = f.Data
	case ".html", ".htm":
		data = []byte(htmlToText(f.Data))
	case ".xml":
		text, xm, err := obXMLToText(f.Data)
		if err != nil {
			return nil, fmt.Errorf("not readable XML: %w", err)
		}
		data, stated = []byte(text), &xm
	case ".pdf":
		text, err := pdfToText(f.Data)
		if err != nil {
			return nil, err
		}
		data = []byte(text)
	case ".docx":
		text, err := docxToText(f.Data)
		if err != nil {
			return nil, err
		}
		data = []byte(text)
	default:
		return nil, fmt.Errorf("unsupported file type %q", ext)
	}
	if isBinary(data) {
		return nil, fmt.Errorf("not a text document (binary content)")
	}
	t := Normalise(data)
	if strings.TrimSpace(t.Body) == "" {
		return nil, fmt.Errorf("no text")
	}
	d := newDocCtx(f.Name, t)
	d.meta = readMeta(t.RawLines)
	if stated != nil { // what the publication's XML states wins over what its text suggests
		if stated.dossier != "" {
			d.meta.dossier = stated.dossier
		}
		if stated.number > 0 {
			d.meta.number = stated.number
		}
		if d.meta.date.Y == 0 || !d.meta.placeDate && stated.date.Y != 0 {
			d.meta.date = stated.date
		}
	}
	if sidecar != nil { // what the official source states wins over text and XML
		d.meta.applyStated(sidecar)
		d.stated = sidecar
	}
	t.RawLines = nil // a second copy of the text, needed only for the letterhead: free it before the next document
	d.id = documentID(f.Name, d.meta)
	return d, nil
}

func isBinary(data []byte) bool {
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	zero := 0
	for _, c := range data[:n] {
		if c == 0 {
			zero++
		}
	}
	return zero > 0
}

// definitions returns the organisations a document defines ("Centrum tegen Kinderhandel
// en Mensenhandel (CKM)") or names in a recognisable shape ("Stichting …").
func definitions(d *docCtx) (defined, shaped []*orgEntry) {
	for _, s := range d.sents {
		defined = append(defined, findDefinitions(d.str(s))...)
		shaped = append(shaped, findPatternOrgs(d.str(s))...)
	}
	return defined, shaped
}

// corpusIndex merges what the documents define into the dictionary, in document order:
// an abbreviation defined in one letter is known in all. The index is frozen afterwards.
func corpusIndex(defs [][2][]*orgEntry) *orgIndex {
	ix := dictionaryIndex().clone()
	for _, d := range defs {
		for _, e := range d[0] {
			if key, ok := ix.keyFor(e.abbr); ok {
				e.key = key
			}
			ix.add(e)
		}
		for _, e := range d[1] {
			if _, known := ix.keyFor(e.name); !known {
				ix.add(e)
			}
		}
	}
	return ix
}

// documentNode is the Document node of a loaded document, from its letterhead.
func documentNode(d *docCtx) fact {
	m := d.meta
	props := map[string]any{kg.PropKind: m.kind, kg.PropSourceFile: d.file, kg.PropText: d.text.Body}
	if m.title != "" {
		props[kg.PropTitle] = m.title
	}
	if m.date.Y != 0 {
		props[kg.PropDate] = m.date.ISO()
	}
	if m.kenmerk != "" {
		props[kg.PropKenmerk] = m.kenmerk
	}
	name := m.title
	if m.dossier != "" {
		props[kg.PropDossier] = m.dossier
	}
	if m.dossier != "" && m.number > 0 {
		props[kg.PropNumber] = int64(m.number)
		props[kg.PropCitation] = kg.Citation(m.dossier, m.number)
	}
	if m.tkNumber != "" {
		props[kg.PropTKNumber] = m.tkNumber
	}
	if len(d.alsoFrom) > 0 {
		props[kg.PropAlsoFrom] = slices.Sorted(slices.Values(d.alsoFrom))
	}
	if name == "" {
		// no Onderwerp: the first heading is the title
		for _, b := range d.text.Blocks {
			if b.Kind == Heading {
				name = d.text.Body[b.Start:b.End]
				props[kg.PropTitle] = name
				break
			}
		}
	}
	if name == "" {
		name = d.file
	}
	return nodeFact{kg.Node{ID: d.id, Label: kg.Document, Name: name, Props: props, Mentions: []kg.Evidence{d.titleEvidence(m.title)}}}
}

// titleEvidence points at the title in the body, or at the first block.
func (d *docCtx) titleEvidence(title string) kg.Evidence {
	if title != "" {
		if i := strings.Index(d.text.Body, title); i >= 0 {
			if s, ok := d.sentenceAt(i); ok {
				return d.sentEv(s)
			}
		}
	}
	b := d.text.Blocks[0]
	return d.ev(b.Start, b.End)
}

// letterhead adds signatories, their offices and the addressee. A signatory the metadata
// file states has its source record as evidence, and the sentence of its signature line too
// when the text prints it.
func letterhead(d *docCtx, orgs *orgIndex, out *facts) {
	held := map[string]bool{} // offices a signatory holds
	for _, sig := range d.meta.signatures {
		var evs []kg.Evidence
		if sig.stated != nil {
			evs = append(evs, signerEvidence(d.id, d.stated.Record, sig.stated))
		}
		if sig.name != "" && (sig.stated == nil || sig.printed) {
			if at := strings.LastIndex(d.text.Body, sig.name); at >= 0 {
				s, _ := d.sentenceAt(at)
				evs = append(evs, d.sentEv(s))
			}
		}
		if len(evs) == 0 {
			continue
		}
		if sig.name == "" { // an office stated without its holder signs itself
			for _, ev := range evs {
				out.edge(kg.SignedBy, d.id, office(sig.office, ev, out), ev)
			}
			continue
		}
		surname, initials := splitName(sig.name)
		pid := kg.PersonID(surname)
		for _, ev := range evs {
			out.node(kg.Node{ID: pid, Label: kg.Person, Name: sig.name, Props: map[string]any{kg.PropKind: signerKind(sig), kg.PropInitials: initials}, Mentions: []kg.Evidence{ev}})
			out.edge(kg.SignedBy, d.id, pid, ev)
			if sig.office != "" {
				oid := office(sig.office, ev, out)
				held[oid] = true
				out.edge(kg.HoldsOffice, pid, oid, ev)
			}
		}
	}
	// the offices a "BRIEF VAN DE MINISTERS VAN … EN DE STAATSSECRETARIS …" heading names
	// sign the letter themselves where no signatory holds them (an office signs through
	// its holder: the letter, the person and the office are one path then); a source's
	// list of signers is the list, and the heading's other offices sign "mede namens"
	if len(d.meta.headingOffices) > 0 && !d.meta.signersStated {
		if loc := briefVanRe.FindStringIndex(d.text.Body); loc != nil {
			if s, ok := d.sentenceAt(loc[0]); ok {
				ev := d.sentEv(s)
				for _, o := range d.meta.headingOffices {
					if !held[kg.OfficeID(canonicalOffice(o))] {
						out.edge(kg.SignedBy, d.id, office(o, ev, out), ev)
					}
				}
			}
		}
	}
	if d.meta.addressee == "" && d.meta.kind == kg.DocLetter {
		// no "Aan de Voorzitter" line (a PDF or web export without the letterhead): a letter
		// that speaks to "uw Kamer" is addressed to the Tweede Kamer
		if i := strings.Index(d.text.Body, "uw Kamer"); i >= 0 {
			if s, ok := d.sentenceAt(i); ok {
				ev := d.sentEv(s)
				out.edge(kg.AddressedTo, d.id, out.org("tweede-kamer", ev), ev)
			}
		}
	}
	if d.meta.addressee != "" {
		if i := strings.Index(d.text.Body, "Aan de Voorzitter"); i >= 0 {
			if s, ok := d.sentenceAt(i); ok {
				key, _ := orgs.keyFor(d.meta.addressee)
				if key == "" {
					key = kg.Slug(d.meta.addressee)
				}
				ev := d.sentEv(s)
				out.edge(kg.AddressedTo, d.id, out.org(key, ev), ev)
			}
		}
	}
	// a beslisnota is addressed to the bewindspersoon named in its first line
	if d.meta.kind == kg.DocMemo && len(d.text.Blocks) > 0 {
		b := d.text.Blocks[0]
		first := d.text.Body[b.Start:b.End]
		if officeRe.MatchString(first) {
			ev := d.ev(b.Start, b.End)
			out.edge(kg.AddressedTo, d.id, office(first, ev, out), ev)
		}
	}
}

// onBehalfRecogniser reads "mede namens de Minister van X en de Staatssecretaris van Y".
var onBehalfRecogniser = sentenceRecogniser{
	name:     "on behalf of",
	triggers: []string{"mede namens"},
	recognise: func(v *sentenceView, out *facts) {
		i := strings.Index(strings.ToLower(v.text), "mede namens")
		if i < 0 {
			return
		}
		rest := v.text[i+len("mede namens"):]
		offices := officeList(rest)
		if aboveNamedRe.MatchString(rest) {
			// "mede namens de hierboven genoemde bewindspersonen": the heading's offices,
			// but for the signatories' own
			offices = nil
			own := map[string]bool{}
			for _, s := range v.d.meta.signatures {
				own[canonicalOffice(s.office)] = true
			}
			for _, o := range v.d.meta.headingOffices {
				if !own[canonicalOffice(o)] {
					offices = append(offices, o)
				}
			}
		}
		for _, o := range offices {
			ev := v.ev()
			out.edge(kg.OnBehalfOf, v.d.id, office(o, ev, out), ev)
		}
	},
}

// aboveNamedRe: "mede namens de hierboven genoemde bewindspersonen", "de bovengenoemde ministers"
var aboveNamedRe = regexp.MustCompile(`(?i)^\s*de\s+(?:hierboven\s+genoemde|bovengenoemde|boven\s+genoemde)\b`)

var briefVanRe = regexp.MustCompile(`(?i)\bbrief van de`)

var officeRe = regexp.MustCompile(`(?i)^(minister|staatssecretaris)\s+(van|voor)\s+\S`)

// officeItemRe reads one office out of a list: the role, "van"/"voor", and the
// capitalised name that follows ("Volksgezondheid, Welzijn en Sport").
var officeItemRe = regexp.MustCompile(`(?i:de\s+)?((?i:minister|staatssecretaris)\s+(?i:van|voor)\s+(?:[A-Z][\p{L}-]*(?:,\s+|\s+(?i:en)\s+|\s+(?i:van|voor|de|het)\s+|\s+))*[A-Z][\p{L}-]*)`)

// officeList splits "de Staatssecretaris van X, de Minister van Y en de Minister voor Z"
// into offices.
func officeList(s string) []string {
	var out []string
	for _, m := range officeItemRe.FindAllStringSubmatch(s, -1) {
		out = append(out, officeTitle(m[1]))
	}
	return out
}

// officeRecogniser finds the offices a sentence names ("de Minister voor Rechtsbescherming
// gaat in gesprek", "de minister van Buitenlandse Zaken").
var officeRecogniser = sentenceRecogniser{
	name:     "offices",
	triggers: []string{"minister", "staatssecretaris"},
	recognise: func(v *sentenceView, out *facts) {
		for _, m := range officeItemRe.FindAllStringSubmatch(v.text, -1) {
			ev := v.ev()
			out.edge(kg.Mentions, v.d.id, office(m[1], ev, out), ev)
		}
	},
}

// officeConnectives are written in lower case inside an office's name.
var officeConnectives = map[string]bool{"van": true, "voor": true, "en": true, "de": true, "het": true, "der": true}

// officeNames corrects office titles that letters write loosely.
var officeNames = map[string]string{"Minister van Rechtsbescherming": "Minister voor Rechtsbescherming"}

// office records an Office node and returns its ID. Offices are keyed case-insensitively:
// "minister van Justitie en Veiligheid" and "Minister van Justitie en Veiligheid" are one.
func office(title string, ev kg.Evidence, out *facts) string {
	title = canonicalOffice(title)
	id := kg.OfficeID(title)
	out.node(kg.Node{ID: id, Label: kg.Office, Name: title, Mentions: []kg.Evidence{ev}})
	return id
}

// canonicalOffice writes an office's title one way: capitalised words, lower-case
// connectives, the corrections of officeNames.
func canonicalOffice(title string) string {
	title = officeTitle(title)
	if strings.ToUpper(title) == title {
		title = strings.ToLower(title) // "DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID" of a heading
	}
	words := strings.Fields(title)
	for i, w := range words {
		switch lw := strings.ToLower(w); {
		case i > 0 && officeConnectives[lw]:
			words[i] = lw
		default:
			words[i] = capitalise(w)
		}
	}
	title = strings.Join(words, " ")
	if t, ok := officeNames[title]; ok {
		title = t
	}
	return title
}

// signerKind is the kind of Person a signatory is: by the office signed as, else by the
// function a source states ("Tweede Kamerlid").
func signerKind(sig signature) string {
	switch o := strings.ToLower(sig.office); {
	case strings.HasPrefix(o, "staatssecretaris"):
		return kg.PersonStaatssecretaris
	case o != "":
		return kg.PersonMinister
	case sig.stated != nil && strings.Contains(strings.ToLower(sig.stated.Function), "kamerlid"):
		return kg.PersonMP
	}
	return kg.PersonOther
}

// splitName splits "E. van der Burg" into the surname as written for IDs ("Van der Burg")
// and the initials ("E.").
func splitName(name string) (surname, initials string) {
	f := strings.Fields(name)
	i := 0
	for i < len(f) && strings.HasSuffix(f[i], ".") {
		i++
	}
	initials = strings.Join(f[:i], "")
	surname = strings.Join(f[i:], " ")
	if surname == "" {
		surname = name
	}
	return capitalise(surname), initials
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

// citationRecogniser finds every Kamerstuk a sentence cites; a footnote's citation also
// gets the sentence that carries its marker as evidence.
var citationRecogniser = sentenceRecogniser{
	name: "citations",
	// kamerstukRe needs "nr"; docNumberRe a digit before "D" ("2024D03838")
	triggers:  []string{"nr", "0d", "1d", "2d", "3d", "4d", "5d", "6d", "7d", "8d", "9d"},
	recognise: citations,
}

func citations(v *sentenceView, out *facts) {
	d, s := v.d, v.s
	for _, ct := range findCitations(v.text, s.Start) {
		var id, name string
		props := map[string]any{kg.PropKind: kg.DocReference}
		if ct.DocNumber != "" {
			id = kg.DocumentID(ct.DocNumber)
			name = ct.DocNumber
			props[kg.PropCitation] = ct.DocNumber
		} else {
			id = kg.KamerstukID(ct.Dossier, ct.Number)
			name = kg.Citation(ct.Dossier, ct.Number)
			props[kg.PropDossier] = ct.Dossier
			props[kg.PropNumber] = int64(ct.Number)
			props[kg.PropCitation] = name
		}
		if id == d.id {
			continue
		}
		evs := []kg.Evidence{d.sentEv(s)}
		if ref, ok := d.markerSentence(s); ok {
			evs = append(evs, d.sentEv(ref))
		}
		out.node(kg.Node{ID: id, Label: kg.Document, Name: name, Props: props, Mentions: evs[:1]})
		out.edge(kg.Cites, d.id, id, evs...)
	}
}

// markerSentence returns, for a sentence in a footnote, the body sentence carrying that
// footnote's marker.
func (d *docCtx) markerSentence(s Sentence) (Sentence, bool) {
	b := d.text.Blocks[s.Block]
	if b.Kind != FootnoteBlock {
		return Sentence{}, false
	}
	if pos, ok := d.text.MarkerPos(b.Footnote); ok {
		return d.sentenceAt(pos)
	}
	return Sentence{}, false
}

// organisationRecogniser finds the organisations a sentence names, by the frozen index.
var organisationRecogniser = sentenceRecogniser{
	name: "organisations",
	// the index matches token sequences of any case: every sentence is a candidate
	triggers: nil,
	recognise: func(v *sentenceView, out *facts) {
		seen := map[string]bool{}
		for _, h := range v.organisations() {
			if seen[h.key] {
				continue // one mention per sentence is evidence enough
			}
			seen[h.key] = true
			ev := v.ev()
			out.edge(kg.Mentions, v.d.id, out.org(h.key, ev), ev)
		}
	},
}

var lawRe = regexp.MustCompile(`(?i)\b(art(?:ikel|\.)\s*\d+[a-z]?(?:\s+(?:lid\s+\d+\s+)?(?:Wetboek van Strafrecht|Wetboek van Strafvordering|Sr|WvS|Sv))?|Richtlijn\s+(?:\(EU\)\s*)?\d{4}/\d+(?:/EU)?|Wetboek van Strafrecht|Wetboek van Strafvordering|Digital Services Act|Algemene verordening gegevensbescherming)`)

// namedLawRe finds laws by their capitalised names: "Wet seksuele misdrijven", "Verdrag van
// Warschau", "Besluit Politiegegevens", "AVG".
var namedLawRe = regexp.MustCompile(`\b(AVG)\b|\b(Verdrag van [A-Z]\p{L}+|Besluit [A-Z]\p{L}+|Wet(?: [a-zé\-]+){1,8})`)

// lawTail ends a law's name: "de Wet seksuele misdrijven plaats", "de Wet … van 5 juni".
var lawTail = map[string]bool{"van": true, "op": true, "in": true, "plaats": true, "is": true, "werd": true, "wordt": true,
	"en": true, "te": true, "de": true, "het": true, "die": true, "dat": true, "met": true, "om": true, "aan": true, "voor": true, "bij": true}

// articleRecogniser finds articles of the codes, directives and the laws named by their
// full title, in any case: "ARTIKEL 273F WETBOEK VAN STRAFRECHT" is artikel 273f Sr.
var articleRecogniser = sentenceRecogniser{
	name:      "articles and directives",
	triggers:  []string{"artikel", "art.", "richtlijn", "wetboek", "digital services act", "verordening"},
	recognise: func(v *sentenceView, out *facts) { laws(v, lawRe, out) },
}

// namedLawRecogniser finds laws by their capitalised names ("Wet seksuele misdrijven",
// "Verdrag van Warschau", "AVG").
var namedLawRecogniser = sentenceRecogniser{
	name:          "named laws",
	triggers:      []string{"wet ", "verdrag van ", "besluit ", "avg"},
	caseSensitive: "the capital is what tells the Wet seksuele misdrijven from a wet",
	recognise:     func(v *sentenceView, out *facts) { laws(v, namedLawRe, out) },
}

func laws(v *sentenceView, re *regexp.Regexp, out *facts) {
	for _, m := range re.FindAllString(v.text, -1) {
		cit := canonicalLaw(trimLawTail(m))
		if cit == "" {
			continue
		}
		id := kg.LegislationID(cit)
		ev := v.ev()
		out.node(kg.Node{ID: id, Label: kg.Legislation, Name: cit, Props: map[string]any{kg.PropCitation: cit}, Mentions: []kg.Evidence{ev}})
		out.edge(kg.Mentions, v.d.id, id, ev)
	}
}

// trimLawTail cuts the words after a law's name that the pattern took along.
func trimLawTail(m string) string {
	if !strings.HasPrefix(m, "Wet ") {
		return m
	}
	f := strings.Fields(m)
	for len(f) > 2 && lawTail[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	if len(f) < 2 || lawTail[f[1]] {
		return ""
	}
	return strings.Join(f, " ")
}

var articleRe = regexp.MustCompile(`(?i)^art(?:ikel|\.)\s*(\d+[a-z]?)\s*(.*)$`)

// canonicalLaw writes a law reference one way: "art. 273f Sr" and "artikel 273f Wetboek
// van Strafrecht" are both "artikel 273f Sr". A bare article without its code is dropped:
// "artikel 20" means nothing on its own.
func canonicalLaw(m string) string {
	m = strings.Join(strings.Fields(m), " ")
	if m == "" {
		return ""
	}
	if m == "AVG" {
		return "Algemene verordening gegevensbescherming"
	}
	if a := articleRe.FindStringSubmatch(m); a != nil {
		code := a[2]
		switch strings.ToLower(code) {
		case "wetboek van strafrecht", "sr", "wvs":
			code = "Sr"
		case "wetboek van strafvordering", "sv":
			code = "Sv"
		case "":
			return ""
		}
		return "artikel " + strings.ToLower(a[1]) + " " + code
	}
	if strings.HasPrefix(strings.ToLower(m), "richtlijn") {
		return "Richtlijn " + strings.TrimSpace(m[len("richtlijn"):])
	}
	return m
}
