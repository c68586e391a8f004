package loader

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"beleidsgraaf/kg"
)

// docCtx is one document under extraction: its text, sentences and metadata.
type docCtx struct {
	file   string
	id     string
	text   *Text
	sents  []Sentence
	runeAt []int32 // byte offset → rune offset in text.Body, while recognised
	meta   meta
	// sectionAL is the actielijn each heading block is about (by block index), while
	// recognised
	sectionAL map[int]int
	// alsoFrom are other files of the same document
	alsoFrom []string
	// statusRef caches statusDateRef (status.go) once it is first asked: a document's
	// sentences are recognised by one goroutine
	statusRef     *Date
	statusRefRead bool
	// stated is the metadata file beside the document, if any (sidecar.go)
	stated *Sidecar
}

// meta is what the letterhead and the head of the letter say.
type meta struct {
	kind       string
	title      string
	date       Date
	kenmerk    string
	dossier    string
	number     int
	signatures []signature
	addressee  string
	placeDate  bool // the date is the "Den Haag, <date>" of a letter
	tkNumber   string
	// headingOffices are the offices a "BRIEF VAN DE …" heading names
	headingOffices []string
	// signersStated: the signatures are the metadata file's list (applyStated), which wins
	// over the text's signature lines and heading
	signersStated bool
}

type signature struct {
	office string // "Staatssecretaris van Justitie en Veiligheid"; "" for a signer without one
	name   string // "E. van der Burg"; "" for an office stated without its holder
	// stated is the metadata file's actor this signature is, nil for one only the text gives
	stated *SidecarActor
	// printed: a stated signer the text's signature lines name too
	printed bool
}

func newDocCtx(name string, t *Text) *docCtx {
	return &docCtx{file: name, text: t, sents: Segment(t)}
}

// runeStride is the spacing of the rune-offset checkpoints: an offset costs at most this
// many bytes of counting, and the index a sixteenth of a byte per byte of text.
const runeStride = 64

// index builds the rune-offset checkpoints that evidence needs and the actielijn of each
// section; release frees them, with everything else of the document but its text, once
// the document has been recognised.
func (d *docCtx) index() {
	body := d.text.Body
	d.runeAt = make([]int32, len(body)/runeStride+1)
	r := int32(0)
	for i := 0; i < len(body); i++ {
		if i%runeStride == 0 {
			d.runeAt[i/runeStride] = r
		}
		if utf8.RuneStart(body[i]) {
			r++
		}
	}
	d.sectionAL = map[int]int{}
	for i, b := range d.text.Blocks {
		if b.Kind == Heading {
			if m := actielijnHeading.FindStringSubmatch(body[b.Start:b.End]); m != nil {
				d.sectionAL[i] = atoi(m[2])
			}
		}
	}
}

func (d *docCtx) release() {
	d.runeAt, d.sents, d.sectionAL = nil, nil, nil
	d.text = &Text{Body: d.text.Body}
}

// runeOffset is the offset in code points of byte offset pos of the body.
func (d *docCtx) runeOffset(pos int) int {
	if d.runeAt == nil { // the document's own node is made before its index
		return utf8.RuneCountInString(d.text.Body[:pos])
	}
	n := int(d.runeAt[pos/runeStride])
	// count rune starts, not runes: the checkpoint may fall inside a rune
	for i := pos / runeStride * runeStride; i < pos; i++ {
		if utf8.RuneStart(d.text.Body[i]) {
			n++
		}
	}
	return n
}

// MaxQuote is the longest quote evidence carries, in characters: a sentence is the unit of
// evidence, and text without sentence ends (a table dump, a million footnote markers) must
// not be copied whole into every fact it supports. The offsets cover what the quote holds.
const MaxQuote = 1000

// ev is the evidence for a byte span of the body, its quote cut at MaxQuote characters.
func (d *docCtx) ev(start, end int) kg.Evidence {
	s := d.runeOffset(start)
	n := utf8.RuneCountInString(d.text.Body[start:end])
	if n > MaxQuote {
		n = 0
		for i := start; i < end; i++ {
			if utf8.RuneStart(d.text.Body[i]) {
				if n == MaxQuote {
					end = i
					break
				}
				n++
			}
		}
	}
	return kg.Evidence{Document: d.id, Quote: d.text.Body[start:end], Start: s, End: s + n}
}

// dateRef is the document's date, against which "27 september jl." is resolved, if known.
func (d *docCtx) dateRef() *Date {
	if d.meta.date.Y == 0 {
		return nil
	}
	return &d.meta.date
}

// sentenceAt returns the sentence containing byte offset pos.
func (d *docCtx) sentenceAt(pos int) (Sentence, bool) {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > pos })
	if i < len(d.sents) && d.sents[i].Start <= pos {
		return d.sents[i], true
	}
	return Sentence{}, false
}

func (d *docCtx) sentEv(s Sentence) kg.Evidence { return d.ev(s.Start, s.End) }

func (d *docCtx) str(s Sentence) string { return d.text.Body[s.Start:s.End] }

// heading returns the text of the heading a sentence stands under.
func (d *docCtx) heading(s Sentence) string {
	if s.Section < 0 {
		return ""
	}
	b := d.text.Blocks[s.Section]
	return d.text.Body[b.Start:b.End]
}

var (
	datumRe       = regexp.MustCompile(`^Datum\s*(.*)$`)
	kenmerkRe     = regexp.MustCompile(`^Ons kenmerk\s*(.*)$`)
	onderwerpRe   = regexp.MustCompile(`^Onderwerp\s+(.+)$`)
	denHaagRe     = regexp.MustCompile(`^(?:Den Haag|'s-Gravenhage),?\s+(\d{1,2}\s+\p{L}+\s+\d{4})`)
	dossierLineRe = regexp.MustCompile(`^(\d{2}\s?\d{3}(?:\s+[A-Z]{1,5})*)\s+[A-Z][\p{L} ,-]+$`)
	nrLineRe      = regexp.MustCompile(`^Nr\.\s*(\d+)\b`)
	briefRegering = regexp.MustCompile(`^Brief regering\s*:\s*(.+)$`)
	signerRe      = regexp.MustCompile(`^De\s+((?:[Mm]inister|[Ss]taatssecretaris)\s+(?:van|voor)\s+.+?),?$`)
	initialsName  = regexp.MustCompile(`^((?:[A-Z]\.)+(?:[A-Z][a-z]?\.)*)\s*((?:(?:van|de|der|den|ten|ter|het)\s+)*[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?)\s*(?:,\s*(.+))?$`)
	memoRe        = regexp.MustCompile(`(?i)^(beslisnota|nota)\b`)
	addresseeRe   = regexp.MustCompile(`^Aan de (Voorzitter van de (?:Tweede|Eerste) Kamer)`)
)

// readMeta reads the letterhead fields from the raw lines and reconciles the dates.
func readMeta(lines []string) meta {
	var m meta
	var dates []Date
	var placeDate *Date
	next := func(i int) string {
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			if s := strings.TrimSpace(lines[j]); s != "" {
				return s
			}
		}
		return ""
	}
	head := 0 // lines of the head read so far, for title fallbacks
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if l == "" {
			continue
		}
		head++
		if mm := datumRe.FindStringSubmatch(l); mm != nil {
			v := mm[1]
			if v == "" {
				v = next(i)
			}
			if d, ok := parseDate(v); ok {
				dates = append(dates, d)
			}
			continue
		}
		if mm := kenmerkRe.FindStringSubmatch(l); mm != nil && m.kenmerk == "" {
			v := mm[1]
			if v == "" {
				v = next(i)
			}
			m.kenmerk = strings.TrimSpace(v)
			continue
		}
		if mm := onderwerpRe.FindStringSubmatch(l); mm != nil && m.title == "" {
			m.title = mm[1]
			continue
		}
		if mm := briefRegering.FindStringSubmatch(l); mm != nil && m.title == "" {
			m.title = mm[1]
			continue
		}
		if mm := denHaagRe.FindStringSubmatch(l); mm != nil && placeDate == nil {
			if d, ok := parseDate(mm[1]); ok {
				placeDate = &d
			}
			continue
		}
		if head <= 12 && m.dossier == "" {
			if mm := dossierLineRe.FindStringSubmatch(l); mm != nil {
				if nr := nrLineRe.FindStringSubmatch(next(i)); nr != nil {
					m.dossier = normaliseDossier(mm[1])
					m.number = atoi(nr[1])
				}
			}
		}
		if i := strings.Index(l, "BRIEF VAN"); i >= 0 && i < 12 && m.title == "" {
			m.title = "Brief van " + strings.ToLower(strings.TrimSpace(l[i+len("BRIEF VAN"):]))
		}
		if strings.Contains(l, "BRIEF VAN") || strings.HasPrefix(l, "Aan de Voorzitter") {
			if m.kind == "" {
				m.kind = kg.DocLetter
			}
		}
		if strings.HasPrefix(l, "MOTIE VAN") {
			m.kind = kg.DocMotion
		}
		if mm := addresseeRe.FindStringSubmatch(l); mm != nil && m.addressee == "" {
			m.addressee = "Tweede Kamer der Staten-Generaal"
			if strings.Contains(mm[1], "Eerste") {
				m.addressee = "Eerste Kamer der Staten-Generaal"
			}
		}
		if head <= 15 && memoRe.MatchString(l) {
			if m.kind == "" {
				m.kind = kg.DocMemo
			}
			if m.title == "" && len(l) > 10 {
				m.title = l
			}
		}
		if mm := signerRe.FindStringSubmatch(l); mm != nil {
			if nm := initialsName.FindStringSubmatch(next(i)); nm != nil {
				m.signatures = append(m.signatures, signature{office: officeTitle(mm[1]), name: nm[1] + " " + nm[2]})
			}
		}
	}
	m.date = reconcileDates(placeDate, dates)
	m.placeDate = placeDate != nil
	readKamerstuk(lines, &m)
	if m.kind == "" {
		m.kind = kg.DocLetter
	}
	return m
}

// reconcileDates picks the letter's date. "Den Haag, <date>" of a published letter wins.
// Otherwise the latest "Datum" field: a letter drafted on one date and sent later keeps the
// stale date on its first page while the later pages' headers carry the sending date, and
// the text then speaks of events between the two as past.
func reconcileDates(placeDate *Date, dates []Date) Date {
	if placeDate != nil {
		return *placeDate
	}
	var best Date
	for _, d := range dates {
		if best.Y == 0 || d.time().After(best.time()) {
			best = d
		}
	}
	return best
}

// officeTitle normalises an office as written in a signature or list: capitalised role,
// single spaces, no trailing punctuation.
func officeTitle(s string) string {
	s = strings.Join(strings.Fields(strings.Trim(s, " ,.;")), " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// documentID chooses the stable ID of a loaded document: its Kamerstuk number when it has
// one, else its kenmerk, else its file name.
func documentID(file string, m meta) string {
	switch {
	case m.dossier != "" && m.number > 0:
		return kg.KamerstukID(m.dossier, m.number)
	case m.kenmerk != "" && atoi(strings.ReplaceAll(m.kenmerk, " ", "")) > 0:
		return kg.DocumentID("kenmerk-" + strings.ReplaceAll(m.kenmerk, " ", ""))
	case m.tkNumber != "":
		return kg.DocumentID(m.tkNumber)
	}
	return kg.DocumentID(strings.TrimSuffix(file, filepath.Ext(file)))
}
