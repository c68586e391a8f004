package loader

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"beleidsgraaf/kg"
)

// corpus is the whole load: the documents, the organisations they define, and what can
// only be resolved once every document has been read (motions known by number in one
// letter and by submitters in another).
type corpus struct {
	b       *kg.Builder
	orgs    *orgIndex
	docs    []*docCtx
	motions []*motionMention

	// the organisations of the sentence last asked about: every extractor of a sentence
	// wants them, and finding them is the costliest step
	orgsOf   Sentence
	orgsDoc  *docCtx
	orgsHits []orgHit
	orgIDs   map[string]string // organisation key → node ID, as folding is not free
}

// sentenceOrgs returns the organisations named in a sentence, offsets relative to the
// sentence's start.
func (c *corpus) sentenceOrgs(d *docCtx, s Sentence) []orgHit {
	if c.orgsDoc != d || c.orgsOf != s {
		c.orgsDoc, c.orgsOf = d, s
		c.orgsHits = c.orgs.find(d.str(s), 0)
	}
	return c.orgsHits
}

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
func prepare(f File) (*docCtx, error) {
	ext := strings.ToLower(filepath.Ext(f.Name))
	var data []byte
	switch ext {
	case ".txt", ".md", "":
		data = f.Data
	case ".html", ".htm":
		data = []byte(htmlToText(f.Data))
	case ".pdf":
		text, err := pdfToText(f.Data)
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

// loadAll runs the pipeline over prepared documents.
func loadAll(docs []*docCtx) *kg.Graph {
	c := &corpus{b: kg.NewBuilder(), docs: docs, orgIDs: map[string]string{}}
	c.orgs = dictionaryIndex().clone()
	// definitions first: an abbreviation defined in one letter is known in all
	for _, d := range docs {
		for _, s := range d.sents {
			for _, e := range findDefinitions(d.str(s)) {
				if key, ok := c.orgs.keyFor(e.abbr); ok {
					e.key = key
				}
				c.orgs.add(e)
			}
			for _, e := range findPatternOrgs(d.str(s)) {
				if _, known := c.orgs.keyFor(e.name); !known {
					c.orgs.add(e)
				}
			}
		}
	}
	for _, d := range docs {
		c.document(d)
	}
	for _, d := range docs {
		c.extract(d)
	}
	c.resolveMotions()
	return c.b.Graph()
}

// document adds the Document node and its letterhead relations.
func (c *corpus) document(d *docCtx) {
	m := d.meta
	props := map[string]any{kg.PropKind: m.kind, kg.PropSourceFile: d.file, kg.PropText: d.text.Body}
	if m.title != "" {
		props[kg.PropTitle] = m.title
	}
	if m.date.Y != 0 {
		props[kg.PropDate] = m.date.ISO()
		d.hasDate = true
	}
	if m.kenmerk != "" {
		props[kg.PropKenmerk] = m.kenmerk
	}
	name := m.title
	if m.dossier != "" && m.number > 0 {
		props[kg.PropDossier] = m.dossier
		props[kg.PropNumber] = int64(m.number)
		props[kg.PropCitation] = kg.Citation(m.dossier, m.number)
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
	c.b.Node(kg.Node{ID: d.id, Label: kg.Document, Name: name, Props: props, Mentions: []kg.Evidence{d.titleEvidence(m.title)}})
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

// extract finds everything a document says.
func (c *corpus) extract(d *docCtx) {
	c.letterhead(d)
	plan := c.plan(d)
	for _, s := range d.sents {
		text := d.str(s)
		c.citations(d, s, text)
		c.organisations(d, s, text)
		c.legislation(d, s, text)
		c.actielijnen(d, s, text, plan)
		c.reports(d, s, text) // before roles: a commissioned report must exist
		c.holders(d, s, text)
		c.roles(d, s, text)
		c.members(d, s, text)
		c.partOf(d, s, text)
		c.findMotions(d, s, text)
		c.commitments(d, s, text)
		c.events(d, s, text)
		c.offices(d, s, text)
	}
	c.tables(d, plan)
}

// letterhead adds signatories, their offices, "mede namens" offices and the addressee.
func (c *corpus) letterhead(d *docCtx) {
	for _, sig := range d.meta.signatures {
		surname, initials := splitName(sig.name)
		at := strings.LastIndex(d.text.Body, sig.name)
		if at < 0 {
			continue
		}
		s, _ := d.sentenceAt(at)
		ev := d.sentEv(s)
		pid := kg.PersonID(surname)
		kind := kg.PersonMinister
		if strings.HasPrefix(strings.ToLower(sig.office), "staatssecretaris") {
			kind = kg.PersonStaatssecretaris
		}
		c.b.Node(kg.Node{ID: pid, Label: kg.Person, Name: sig.name, Props: map[string]any{kg.PropKind: kind, kg.PropInitials: initials}, Mentions: []kg.Evidence{ev}})
		oid := c.office(sig.office, ev)
		c.b.Edge(kg.Edge{Type: kg.SignedBy, From: d.id, To: pid, Evidence: []kg.Evidence{ev}})
		c.b.Edge(kg.Edge{Type: kg.HoldsOffice, From: pid, To: oid, Evidence: []kg.Evidence{ev}})
	}
	if d.meta.addressee == "" && d.meta.kind == kg.DocLetter {
		// no "Aan de Voorzitter" line (a PDF or web export without the letterhead): a letter
		// that speaks to "uw Kamer" is addressed to the Tweede Kamer
		if i := strings.Index(d.text.Body, "uw Kamer"); i >= 0 {
			if s, ok := d.sentenceAt(i); ok {
				ev := d.sentEv(s)
				c.b.Edge(kg.Edge{Type: kg.AddressedTo, From: d.id, To: c.orgNode("tweede-kamer", ev), Evidence: []kg.Evidence{ev}})
			}
		}
	}
	if d.meta.addressee != "" {
		if i := strings.Index(d.text.Body, "Aan de Voorzitter"); i >= 0 {
			if s, ok := d.sentenceAt(i); ok {
				key, _ := c.orgs.keyFor(d.meta.addressee)
				if key == "" {
					key = kg.Slug(d.meta.addressee)
				}
				c.orgNode(key, d.sentEv(s))
				c.b.Edge(kg.Edge{Type: kg.AddressedTo, From: d.id, To: kg.OrganisationID(key), Evidence: []kg.Evidence{d.sentEv(s)}})
			}
		}
	}
	// a beslisnota is addressed to the bewindspersoon named in its first line
	if d.meta.kind == kg.DocMemo && len(d.text.Blocks) > 0 {
		b := d.text.Blocks[0]
		first := d.text.Body[b.Start:b.End]
		if officeRe.MatchString(first) {
			ev := d.ev(b.Start, b.End)
			c.b.Edge(kg.Edge{Type: kg.AddressedTo, From: d.id, To: c.office(first, ev), Evidence: []kg.Evidence{ev}})
		}
	}
	for _, s := range d.sents {
		text := d.str(s)
		i := strings.Index(text, "mede namens")
		if i < 0 {
			continue
		}
		for _, o := range officeList(text[i+len("mede namens"):]) {
			ev := d.sentEv(s)
			c.b.Edge(kg.Edge{Type: kg.OnBehalfOf, From: d.id, To: c.office(o, ev), Evidence: []kg.Evidence{ev}})
		}
	}
}

var officeRe = regexp.MustCompile(`(?i)^(minister|staatssecretaris)\s+(van|voor)\s+\S`)

// officeItemRe reads one office out of a list: the role, "van"/"voor", and the
// capitalised name that follows ("Volksgezondheid, Welzijn en Sport").
var officeItemRe = regexp.MustCompile(`(?i:de\s+)?((?i:minister|staatssecretaris)\s+(?:van|voor)\s+(?:[A-Z][\p{L}-]*(?:,\s+|\s+en\s+|\s+(?:van|voor|de|het)\s+|\s+))*[A-Z][\p{L}-]*)`)

// officeList splits "de Staatssecretaris van X, de Minister van Y en de Minister voor Z"
// into offices.
func officeList(s string) []string {
	var out []string
	for _, m := range officeItemRe.FindAllStringSubmatch(s, -1) {
		out = append(out, officeTitle(m[1]))
	}
	return out
}

// offices adds the offices a sentence names ("de Minister voor Rechtsbescherming gaat in
// gesprek", "de minister van Buitenlandse Zaken").
func (c *corpus) offices(d *docCtx, s Sentence, text string) {
	if !strings.Contains(text, "inister") && !strings.Contains(text, "taatssecretaris") {
		return
	}
	for _, m := range officeItemRe.FindAllStringSubmatch(text, -1) {
		ev := d.sentEv(s)
		c.b.Edge(kg.Edge{Type: kg.Mentions, From: d.id, To: c.office(m[1], ev), Evidence: []kg.Evidence{ev}})
	}
}

// officeNames corrects office titles that letters write loosely.
var officeNames = map[string]string{"Minister van Rechtsbescherming": "Minister voor Rechtsbescherming"}

// office adds an Office node and returns its ID. Offices are keyed case-insensitively:
// "minister van Justitie en Veiligheid" and "Minister van Justitie en Veiligheid" are one.
func (c *corpus) office(title string, ev kg.Evidence) string {
	title = officeTitle(title)
	words := strings.Fields(title)
	for i, w := range words {
		if i > 0 && (w == "Van" || w == "Voor") {
			words[i] = strings.ToLower(w)
		}
	}
	title = strings.Join(words, " ")
	if t, ok := officeNames[title]; ok {
		title = t
	}
	id := kg.OfficeID(title)
	c.b.Node(kg.Node{ID: id, Label: kg.Office, Name: title, Mentions: []kg.Evidence{ev}})
	return id
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

// citations adds CITES edges for every Kamerstuk cited in a sentence; a footnote's
// citation also gets the sentence that carries its marker as evidence.
func (c *corpus) citations(d *docCtx, s Sentence, text string) {
	for _, ct := range findCitations(text, s.Start) {
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
		c.b.Node(kg.Node{ID: id, Label: kg.Document, Name: name, Props: props, Mentions: evs[:1]})
		c.b.Edge(kg.Edge{Type: kg.Cites, From: d.id, To: id, Evidence: evs})
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

// organisations adds MENTIONS edges for every organisation named in a sentence.
func (c *corpus) organisations(d *docCtx, s Sentence, text string) {
	seen := map[string]bool{}
	for _, h := range c.sentenceOrgs(d, s) {
		if seen[h.key] {
			continue // one mention per sentence is evidence enough
		}
		seen[h.key] = true
		ev := d.sentEv(s)
		c.b.Edge(kg.Edge{Type: kg.Mentions, From: d.id, To: c.orgNode(h.key, ev), Evidence: []kg.Evidence{ev}})
	}
}

// orgNode adds the Organisation node for a dictionary or defined key.
func (c *corpus) orgNode(key string, ev kg.Evidence) string {
	id, ok := c.orgIDs[key]
	if !ok {
		id = kg.OrganisationID(key)
		c.orgIDs[key] = id
	}
	if n := c.b.Get(id); n != nil {
		n.Mentions = append(n.Mentions, ev) // known: only the mention is new
		return id
	}
	n := kg.Node{ID: id, Label: kg.Organisation, Mentions: []kg.Evidence{ev}}
	if e, ok := c.orgs.entries[key]; ok {
		n.Name = e.name
		n.Aliases = append([]string(nil), e.aliases...)
		n.Props = map[string]any{kg.PropKind: e.kind}
		if e.abbr != "" {
			n.Props[kg.PropAbbreviation] = e.abbr
			if e.abbr != e.name {
				n.Aliases = append(n.Aliases, e.abbr)
			}
		}
	} else {
		n.Name = key
	}
	c.b.Node(n)
	return id
}

var lawRe = regexp.MustCompile(`(?i)\b(art(?:ikel|\.)\s*\d+[a-z]?(?:\s+(?:lid\s+\d+\s+)?(?:Wetboek van Strafrecht|Wetboek van Strafvordering|Sr|WvS|Sv))?|Richtlijn\s+(?:\(EU\)\s*)?\d{4}/\d+(?:/EU)?|Wetboek van Strafrecht|Wetboek van Strafvordering|Digital Services Act|Algemene verordening gegevensbescherming)`)

// namedLawRe finds laws by their capitalised names: "Wet seksuele misdrijven", "Verdrag van
// Warschau", "Besluit Politiegegevens", "AVG".
var namedLawRe = regexp.MustCompile(`\b(AVG)\b|\b(Verdrag van [A-Z]\p{L}+|Besluit [A-Z]\p{L}+|Wet(?: [a-zé\-]+){1,8})`)

// lawTail ends a law's name: "de Wet seksuele misdrijven plaats", "de Wet … van 5 juni".
var lawTail = map[string]bool{"van": true, "op": true, "in": true, "plaats": true, "is": true, "werd": true, "wordt": true,
	"en": true, "te": true, "de": true, "het": true, "die": true, "dat": true, "met": true, "om": true, "aan": true, "voor": true, "bij": true}

// legislation adds Legislation nodes for laws, articles and directives.
func (c *corpus) legislation(d *docCtx, s Sentence, text string) {
	if !strings.Contains(text, "rtikel") && !strings.Contains(text, "rt.") && !strings.Contains(text, "ichtlijn") && !strings.Contains(text, "etboek") &&
		!strings.Contains(text, " Act") && !strings.Contains(text, "verordening") && !strings.Contains(text, "AVG") &&
		!strings.Contains(text, "Verdrag") && !strings.Contains(text, "Besluit") && !strings.Contains(text, "Wet ") {
		return // every law reference has one of these
	}
	for _, m := range append(lawRe.FindAllString(text, -1), namedLawRe.FindAllString(text, -1)...) {
		cit := canonicalLaw(trimLawTail(m))
		if cit == "" {
			continue
		}
		id := kg.LegislationID(cit)
		ev := d.sentEv(s)
		c.b.Node(kg.Node{ID: id, Label: kg.Legislation, Name: cit, Props: map[string]any{kg.PropCitation: cit}, Mentions: []kg.Evidence{ev}})
		c.b.Edge(kg.Edge{Type: kg.Mentions, From: d.id, To: id, Evidence: []kg.Evidence{ev}})
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
