// Package gen writes a synthetic corpus of letters of the family the loader reads: Kamerbrieven
// on the approach to human trafficking, in the two layouts of the bundled corpus —
//
//   - the letterhead layout of a ministry's own PDF export: "Aan de Voorzitter …", a sidebar
//     with "Ons kenmerk" and "Datum" repeated on every page, "Onderwerp …", one paragraph per
//     line, superscript footnotes (¹ ² ³) at the foot of each page, tab-separated budget
//     tables;
//   - the officielebekendmakingen layout: "28 638 Mensenhandel / Nr. 161 / BRIEF VAN … / Den
//     Haag, <date>", text hard-wrapped at about 85 columns with words hyphenated at the break,
//     plain-digit footnote markers and footnotes.
//
// The letters carry what the loader extracts: Kamerstuk citations in footnotes and in the text,
// motions with their submitters ("de motie van de leden X en Y¹", "motie-X c.s.", "de leden
// X (VVD), Y (CDA) en Z (SP) een motie"), debates and dates, actielijn sections ("… (actielijn
// N)" headings, "X en Y zijn actiehouder van deze actielijn.", "In opdracht van X heeft
// onderzoeksbureau Y …"), budget tables, organisations the text defines ("… (hierna: ABC)",
// "Stichting …"), reports, toezeggingen, laws, "mede namens" offices and signatures.
//
// One file in ten is a motion's own Kamerstuk ("Nr. 123 MOTIE VAN HET LID X C.S.",
// "Voorgesteld …", the names under the dictum) and one in ten the report of a committee
// debate (the debate's date and minister, the members present): see kinds.go.
//
// The vocabulary grows with the corpus: letter i introduces new organisations, members of
// parliament, motions (with new dossier numbers), reports and toezeggingen, and refers back
// to earlier ones, so that the extracted graph grows about linearly with the number of
// letters. Letter i depends only on (seed, i): the corpus of 100 letters is the first 100 of
// the corpus of 1000.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// File is one generated letter: a file name and its bytes (UTF-8 text).
type File struct {
	Name string
	Data []byte
}

// Corpus returns letters 0 … n-1 for seed.
func Corpus(seed uint64, n int) []File {
	out := make([]File, n)
	for i := range out {
		out[i] = Letter(seed, i)
	}
	return out
}

// Write writes letters 0 … n-1 for seed into dir (created if needed) and returns the number
// of bytes written.
func Write(dir string, seed uint64, n int) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var total int64
	for i := range n {
		f := Letter(seed, i)
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return total, err
		}
		total += int64(len(f.Data))
	}
	return total, nil
}

// FileName is the name of letter i: zero-padded, so that name order is generation order.
func FileName(i int) string { return fmt.Sprintf("gen_%06d.txt", i) }

// Letter returns letter i of the corpus for seed.
func Letter(seed uint64, i int) File {
	switch KindOf(i) {
	case KindMotion:
		return File{Name: FileName(i), Data: []byte(renderMotion(seed, i))}
	case KindDebateReport:
		return File{Name: FileName(i), Data: []byte(renderDebateReport(seed, i))}
	}
	l := newLetter(seed, i)
	var data string
	if l.lay == letterhead {
		data = l.renderLetterhead()
	} else {
		data = l.renderPublished()
	}
	return File{Name: FileName(i), Data: []byte(data)}
}

// newLetter composes letter i: what it says, not yet how it is printed.
func newLetter(seed uint64, i int) *letter {
	l := &letter{seed: seed, i: i, r: rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+1)), lay: layoutOf(seed, i)}
	l.date = l.randomDate(2016, 10)
	l.signer = signers[l.r.IntN(len(signers))]
	l.compose()
	return l
}

type layout int

const (
	letterhead layout = iota // a ministry's own letter, superscript footnotes
	published                // an officielebekendmakingen export, plain-digit footnotes
)

// mix is splitmix64: a well-spread hash of (seed, i, salt), for properties of letter i that
// other letters must know without generating it (its layout, its Kamerstuk number).
func mix(seed uint64, i int, salt uint64) uint64 {
	z := seed + uint64(i)*0x9E3779B97F4A7C15 + salt*0xBF58476D1CE4E5B9
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func layoutOf(seed uint64, i int) layout {
	if mix(seed, i, 1)%2 == 0 {
		return letterhead
	}
	return published
}

// publishedNumber is the Kamerstuk (dossier, number) of a letter in the published layout.
func publishedNumber(i int) (dossier, title string, number int) {
	d := letterDossiers[i%len(letterDossiers)]
	return d.nr, d.title, 4000 + i/len(letterDossiers)
}

// kenmerk is the seven-digit reference of a letter in the letterhead layout; unique per i
// below a million (7919 is prime to 10⁶).
func kenmerk(i int) string { return strconv.Itoa(4_000_000 + (i*7919+123_457)%1_000_000) }

// ---------------------------------------------------------------------------------------
// The entities, by index. Each is a pure function of its index, so every letter that names
// entity k names it the same way.

// Growth per letter: letter i introduces these, and names earlier ones.
const (
	baseMembers    = 40 // members of parliament known before the first letter
	motionsPerSlot = 3  // motion numbers reserved per letter
	definedPerFour = 5  // organisations defined "(hierna: …)" per four letters
)

// definedBy is the number of organisations letters 0 … i define.
func definedBy(i int) int { return max(0, (i+1)*definedPerFour/4) }

type org struct{ name, abbr string }

var definedSpace = len(orgTypes) * len(orgThemes) * len(places)

// definedOrg is organisation k of the ones the letters define: "<type> <theme> <place>
// (hierna: <abbr>)". The index is spread over the name space so that consecutive
// organisations differ in every part.
func definedOrg(k int) org {
	idx := (k*7919 + 13) % definedSpace // 7919 is prime to the space's size
	t := orgTypes[idx%len(orgTypes)]
	th := orgThemes[(idx/len(orgTypes))%len(orgThemes)]
	p := places[idx/(len(orgTypes)*len(orgThemes))]
	return org{name: t.name + " " + th.name + " " + p.name, abbr: t.code + th.code + p.code}
}

var stichtingSpace = len(stichtingNames) * len(places)

// stichting is foundation k: "Stichting <name> <place>".
func stichting(k int) string {
	idx := (k*7919 + 7) % stichtingSpace
	return "Stichting " + stichtingNames[idx%len(stichtingNames)] + " " + places[idx/len(stichtingNames)].name
}

// bureau is research bureau k: "<surname> <suffix>".
func bureau(k int) string {
	return surnames[(k*31)%len(surnames)] + " " + bureauSuffixes[(k/len(surnames))%len(bureauSuffixes)]
}

type member struct {
	surname, party string
	single         bool // one surname: may be named in "motie-X c.s." (a hyphen would read as two members)
}

// memberOf is member of parliament k: the known surnames first, then double surnames.
func memberOf(seed uint64, k int) member {
	n := len(surnames)
	m := member{party: parties[mix(seed, k, 7)%uint64(len(parties))]}
	if k < n {
		m.surname, m.single = surnames[k], true
		return m
	}
	a := (k - n) % n
	b := (a + 1 + ((k-n)/n)%(n-1)) % n
	m.surname = surnames[a] + "-" + surnames[b]
	return m
}

// membersAt is the number of members of parliament known when letter i is written.
func membersAt(i int) int { return baseMembers + i/2 }

type motion struct {
	dossier    string
	number     int
	submitters []member
	subject    string
}

// motionOf is motion g (reserved by letter g/motionsPerSlot): its Kamerstuk number, its
// submitters (members known at the time) and its subject. Most motions are filed in the
// usual dossiers; one in five opens a dossier number of its own range ("36 5xx"), so new
// dossiers appear as the corpus grows.
func motionOf(seed uint64, g int) motion {
	var m motion
	if g%10 < 8 {
		m.dossier, m.number = motionDossiers[g%10], 100+g/10
	} else {
		d := 36500 + g/1000
		m.dossier, m.number = fmt.Sprintf("%d %03d", d/1000, d%1000), 1+g%1000
	}
	pool := membersAt(g / motionsPerSlot)
	n := 1 + int(mix(seed, g, 11)%4)
	seen := map[int]bool{}
	for j := 0; len(m.submitters) < n && j < 20; j++ {
		k := int(mix(seed, g, uint64(100+j)) % uint64(pool))
		if j == 0 && mix(seed, g, 12)%3 == 0 {
			k = pool - 1 - int(mix(seed, g, 13)%3) // a newly elected member
		}
		if !seen[k] {
			seen[k] = true
			m.submitters = append(m.submitters, memberOf(seed, k))
		}
	}
	m.subject = subjects[mix(seed, g, 14)%uint64(len(subjects))]
	return m
}

// reportTitle is the title of report k: "<topic> in <place> <year>". A letter has it
// published by one of the organisations it names.
func reportTitle(k int) string {
	t := reportTopics[k%len(reportTopics)]
	p := places[(k/len(reportTopics))%len(places)].name
	y := 2016 + (k/(len(reportTopics)*len(places)))%10
	return fmt.Sprintf("%s in %s %d", t, p, y)
}

// actionTitle is the title of action n of the plan, the same in every table that lists it.
func actionTitle(n int) string {
	return actionVerbs[n%len(actionVerbs)] + " " + actionObjects[(n/len(actionVerbs))%len(actionObjects)]
}

// ---------------------------------------------------------------------------------------
// Composing a letter.

type blockKind int

const (
	paraBlock blockKind = iota
	headingBlock
	tableBlock
)

type block struct {
	kind  blockKind
	text  string
	rows  []string
	notes []int // footnotes whose markers stand in this block
}

type date struct{ y, m, d int }

func (d date) String() string { return fmt.Sprintf("%d %s %d", d.d, months[d.m-1], d.y) }

// session is the parliamentary year of a date: "2023/24".
func (d date) session() string {
	y := d.y
	if d.m < 9 {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

type letter struct {
	seed    uint64
	i       int
	r       *rand.Rand
	lay     layout
	date    date
	signer  struct{ office, name string }
	title   string
	blocks  []block
	notes   []string
	pending []int
	motions []int // the motions (by index) this letter introduces
}

func (l *letter) pick(xs []string) string { return xs[l.r.IntN(len(xs))] }

func (l *letter) randomDate(from, years int) date {
	return date{y: from + l.r.IntN(years), m: 1 + l.r.IntN(12), d: 1 + l.r.IntN(28)}
}

// earlier is a date before the letter's, in the same or the previous year.
func (l *letter) earlier() date {
	d := date{y: l.date.y, m: 1 + l.r.IntN(l.date.m), d: 1 + l.r.IntN(28)}
	if d.m == l.date.m && d.d >= l.date.d {
		d = date{y: l.date.y - 1, m: 1 + l.r.IntN(12), d: 1 + l.r.IntN(28)}
	}
	return d
}

// note adds a footnote and returns its marker as this layout prints it.
func (l *letter) note(text string) string {
	l.notes = append(l.notes, text)
	n := len(l.notes)
	l.pending = append(l.pending, n)
	if l.lay == letterhead {
		return superscript(n)
	}
	return strconv.Itoa(n)
}

func (l *letter) para(sentences ...string) {
	l.blocks = append(l.blocks, block{kind: paraBlock, text: strings.Join(sentences, " "), notes: l.pending})
	l.pending = nil
}

func (l *letter) heading(text string) {
	l.blocks = append(l.blocks, block{kind: headingBlock, text: text})
}

func (l *letter) filler() string {
	s := l.pick(filler)
	s = strings.ReplaceAll(s, "{P}", places[l.r.IntN(len(places))].name)
	return strings.ReplaceAll(s, "{S}", l.pick(subjects))
}

func (l *letter) fillers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = l.filler()
	}
	return out
}

// someOrg names an organisation the letter may mention: a hub of the dictionary or one
// defined earlier (by name or abbreviation).
func (l *letter) someOrg() string {
	if l.r.IntN(3) == 0 {
		return l.pick(knownOrgs)
	}
	o := definedOrg(l.r.IntN(max(1, definedBy(l.i))))
	if l.r.IntN(2) == 0 {
		return "het " + o.abbr
	}
	return "het " + o.name
}

// kamerstukCitation is how a footnote or the text cites a Kamerstuk.
func (l *letter) kamerstukCitation(dossier string, number int) string {
	switch l.r.IntN(4) {
	case 0:
		return fmt.Sprintf("Kamerstukken II %s, %s, nr. %d", l.date.session(), dossier, number)
	case 1:
		return fmt.Sprintf("Kamerstuk %s, nr. %d", dossier, number)
	case 2:
		return fmt.Sprintf("Kamerstukken %s, %s nr. %d", l.date.session(), strings.ReplaceAll(dossier, " ", ""), number)
	default:
		return fmt.Sprintf("Kamerstuk %s, nr. %d", dossier, number)
	}
}

// submitterList writes "Bakker, Smit en Visser", with parties when withParty.
func submitterList(ms []member, withParty bool) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.surname
		if withParty {
			names[i] += " (" + m.party + ")"
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
}

func allSingle(ms []member) bool {
	for _, m := range ms {
		if !m.single {
			return false
		}
	}
	return true
}

// compose decides what the letter says.
func (l *letter) compose() {
	subject := l.pick(subjects)
	nMotions := 2 + l.r.IntN(2)
	newMotions := make([]motion, nMotions)
	for j := range newMotions {
		newMotions[j] = motionOf(l.seed, l.i*motionsPerSlot+j)
		l.motions = append(l.motions, l.i*motionsPerSlot+j)
	}
	switch l.r.IntN(3) {
	case 0:
		l.title = fmt.Sprintf("Voortgangsbrief Samen tegen mensenhandel over %s", subject)
	case 1:
		l.title = fmt.Sprintf("Brief inzake moties en toezeggingen over %s", subject)
	default:
		l.title = fmt.Sprintf("Reactie op het rapport %s", reportTitle(l.i/2))
	}

	// opening
	co := coOffices[l.r.IntN(len(coOffices))]
	if l.r.IntN(2) == 0 {
		co += " en " + coOffices[l.r.IntN(len(coOffices))]
	}
	open := []string{fmt.Sprintf("Hierbij informeer ik uw Kamer, mede namens %s, over %s.", co, subject)}
	if j := l.citableEarlier(); j >= 0 {
		d, _, n := publishedNumber(j)
		open = append(open, fmt.Sprintf("Sinds mijn vorige brief (Kamerstuk %s, nr. %d) is voortgang geboekt op de acties uit het Actieplan programma Samen tegen mensenhandel.", d, n))
	} else {
		open = append(open, "In het Actieplan programma Samen tegen mensenhandel werk ik samen met betrokken bewindspersonen, actiehouders en organisaties aan het voorkomen van mensenhandel.")
	}
	l.para(append(open, l.fillers(1+l.r.IntN(2))...)...)
	l.para(l.fillers(2 + l.r.IntN(3))...)

	// the motions this letter reports on
	for j, m := range newMotions {
		l.motionSection(j, m)
	}
	// an earlier motion, by its usual name
	if l.i > 0 {
		old := motionOf(l.seed, l.r.IntN(l.i*motionsPerSlot))
		name := "de motie van de leden " + submitterList(old.submitters, false)
		if len(old.submitters) == 1 {
			name = "de motie van het lid " + old.submitters[0].surname
		}
		if allSingle(old.submitters) && len(old.submitters) > 2 {
			name = "de motie-" + old.submitters[0].surname + " c.s."
		}
		l.para(fmt.Sprintf("Ook informeer ik u over de stand van zaken van de uitvoering van %s (%s) over %s.", name, l.kamerstukCitation(old.dossier, old.number), old.subject),
			l.filler())
	}

	// actielijn sections
	for range 1 + l.r.IntN(2) {
		l.actielijnSection()
	}
	l.organisationsSection()
	l.reportSection()
	l.commitmentSection()
	l.lawSection()
	// the body of prose: most letters are short, some run to many pages
	body := 4 + l.r.IntN(16)
	if l.r.IntN(8) == 0 {
		body += 20 + l.r.IntN(20)
	}
	for range body {
		if l.r.IntN(4) == 0 {
			l.heading(l.sectionHeading())
		}
		l.para(l.fillers(3 + l.r.IntN(5))...)
	}
	if l.lay == letterhead && l.r.IntN(3) == 0 {
		l.budgetTable()
	}
	l.heading("Tot slot")
	l.para("Samen met actiehouders, betrokken organisaties en ervaringsdeskundigen is de afgelopen tijd hard gewerkt aan het uitvoeren van de acties.",
		l.filler(), "Ik zal uw Kamer over de voortgang blijven informeren.")
}

// citableEarlier returns an earlier letter in the published layout (it has a Kamerstuk
// number to cite), or -1.
func (l *letter) citableEarlier() int {
	for range 8 {
		if l.i == 0 {
			return -1
		}
		j := l.r.IntN(l.i)
		if layoutOf(l.seed, j) == published {
			return j
		}
	}
	return -1
}

var sectionHeadings = []string{"Voortgang uitvoering Actieplan", "Ontwikkelingen in de regio", "Internationale ontwikkelingen",
	"Aanpak arbeidsuitbuiting", "Bescherming van minderjarigen", "Versterking van de opsporing", "Samenwerking met gemeenten"}

func (l *letter) sectionHeading() string { return l.pick(sectionHeadings) }

func (l *letter) motionSection(j int, m motion) {
	cite := l.kamerstukCitation(m.dossier, m.number)
	debate := l.pick(debates)
	submitted := l.earlier()
	adopted := submitted
	adopted.d = min(28, adopted.d+5)
	switch v := (l.i + j) % 4; {
	case v <= 1 || (v == 2 && !allSingle(m.submitters)):
		l.heading(fmt.Sprintf("Motie van de leden %s over %s", submitterList(m.submitters, false), m.subject))
		if len(m.submitters) == 1 {
			l.blocks[len(l.blocks)-1].text = fmt.Sprintf("Motie van het lid %s over %s", m.submitters[0].surname, m.subject)
		}
		who := "de motie van de leden " + submitterList(m.submitters, false)
		if len(m.submitters) == 1 {
			who = "de motie van het lid " + m.submitters[0].surname
		}
		mk := l.note(cite + ".")
		l.para(fmt.Sprintf("Tijdens %s van %s is %s%s ingediend.", debate, submitted, who, mk),
			fmt.Sprintf("De motie is op %s aangenomen en verzoekt de regering werk te maken van %s.", adopted, m.subject),
			"Met deze brief geef ik uitvoering aan deze motie.", l.filler())
	case v == 1 && len(m.submitters) > 1:
		mk := l.note(cite + ".")
		l.para(fmt.Sprintf("Op %s hebben de leden %s een motie ingediend%s over %s.", submitted, submitterList(m.submitters, true), mk, m.subject),
			fmt.Sprintf("De motie verzoekt de regering om %s te bevorderen.", m.subject),
			"Hieronder ga ik in op de uitvoering van deze motie.", l.filler())
	case v == 2:
		cs := ""
		if len(m.submitters) > 1 {
			cs = " c.s."
		}
		l.para(fmt.Sprintf("In deze brief ga ik in op de motie-%s%s (%s) over %s, die tijdens %s van %s is ingediend.", m.submitters[0].surname, cs, cite, m.subject, debate, submitted),
			l.filler(), l.filler())
	default:
		who := "de motie van de leden " + submitterList(m.submitters, false)
		if len(m.submitters) == 1 {
			who = "de motie van het lid " + m.submitters[0].surname
		}
		mk := l.note("Zie " + cite + ".")
		l.para(fmt.Sprintf("Daarnaast informeer ik u over de uitvoering van %s%s over %s.", who, mk, m.subject), l.filler())
	}
}

func (l *letter) actielijnSection() {
	n := 1 + l.r.IntN(len(actielijnTitles))
	l.heading(fmt.Sprintf("%s (actielijn %d)", actielijnTitles[n-1], n))
	holders := []string{l.someOrg(), l.someOrg()}
	bureauName := bureau(l.i)
	sentences := []string{
		fmt.Sprintf("Actielijn %d heeft als doel de praktijk handvatten te bieden voor de aanpak van mensenhandel.", n),
		capitalise(holders[0]) + " en " + holders[1] + " zijn actiehouder van deze actielijn.",
		fmt.Sprintf("In opdracht van %s heeft onderzoeksbureau %s de knelpunten in de regio %s onderzocht.", l.someOrg(), bureauName, places[l.r.IntN(len(places))].name),
	}
	if l.r.IntN(2) == 0 {
		sentences = append(sentences, capitalise(l.someOrg())+" is de coördinator van deze actielijn.")
	}
	l.para(append(sentences, l.fillers(1+l.r.IntN(3))...)...)
}

func (l *letter) organisationsSection() {
	from, to := definedBy(l.i-1), definedBy(l.i)
	var s []string
	for k := from; k < to; k++ {
		o := definedOrg(k)
		s = append(s, fmt.Sprintf("Sinds dit jaar werkt ook het %s (hierna: %s) mee aan de aanpak van mensenhandel in de regio.", o.name, o.abbr),
			fmt.Sprintf("Het %s richt zich op %s.", o.abbr, l.pick(subjects)))
	}
	// the organisations the previous letter introduced are defined again, as letters do
	for k := definedBy(l.i - 2); k < from; k++ {
		o := definedOrg(k)
		s = append(s, fmt.Sprintf("Het %s (%s) is sinds kort betrokken bij de uitvoering van het Actieplan.", o.name, o.abbr))
	}
	if l.i%3 == 0 {
		s = append(s, fmt.Sprintf("De %s ondersteunt slachtoffers bij het vinden van opvang en werk.", stichting(l.i/3)))
	}
	if l.i > 0 && l.r.IntN(2) == 0 {
		s = append(s, fmt.Sprintf("Ook de %s, die eerder met %s samenwerkte, draagt daaraan bij.", stichting(l.r.IntN(l.i/3+1)), l.someOrg()))
	}
	s = append(s, fmt.Sprintf("Daarnaast zijn %s en %s betrokken bij de uitvoering.", l.someOrg(), l.someOrg()))
	if l.r.IntN(4) == 0 {
		group := definedOrg(l.r.IntN(from + 1))
		s = append(s, fmt.Sprintf("Het %s bestaat uit de volgende organisaties: %s, %s en %s.", group.name, l.someOrg(), l.someOrg(), l.someOrg()))
	}
	l.para(s...)
}

func (l *letter) reportSection() {
	k := l.i / 2
	if l.i > 1 && l.r.IntN(3) == 0 {
		k = l.r.IntN(l.i / 2)
	}
	pub := l.someOrg()
	d := l.earlier()
	q := [][2]string{{"«", "»"}, {"'", "'"}}[l.r.IntN(2)]
	l.para(fmt.Sprintf("Op %s heeft %s het rapport %s%s%s gepubliceerd.", d, pub, q[0], reportTitle(k), q[1]),
		"In deze brief geef ik mijn reactie op dit rapport.", l.filler())
}

func (l *letter) commitmentSection() {
	d := l.earlier()
	mk := l.note(fmt.Sprintf("Zie toezegging nr. %d.", 100_000+l.i))
	l.para(fmt.Sprintf("Tijdens het commissiedebat mensenhandel van %s heb ik uw Kamer toegezegd om terug te komen op %s.%s", d, l.pick(subjects), mk),
		"Met deze brief geef ik invulling aan die toezegging.", l.filler())
}

var laws = []string{"artikel 273f Wetboek van Strafrecht", "artikel 273g Sr", "Richtlijn 2011/36/EU", "Richtlijn (EU) 2024/1712",
	"de Wet modernisering en uitbreiding strafbaarstelling mensenhandel", "het Verdrag van Warschau", "de AVG"}

func (l *letter) lawSection() {
	l.para(fmt.Sprintf("De aanpak steunt op %s en op %s.", l.pick(laws), l.pick(laws)), l.filler(), l.filler())
}

func (l *letter) budgetTable() {
	a := 1 + l.r.IntN(len(actielijnTitles))
	l.para(fmt.Sprintf("In onderstaande tabel staat de begroting van actielijn %d voor de komende jaren.", a))
	rows := []string{fmt.Sprintf("Actielijn %d. %s (€ x10.000)\t2024\t2025\t2026", a, actielijnTitles[a-1])}
	t0 := (l.i * 3) % 100
	total := [3]int{}
	for t := t0; t < t0+3+l.r.IntN(3); t++ {
		n := a + len(actielijnTitles)*t
		cells := [3]string{}
		for y := range cells {
			if v := int(mix(l.seed, n, uint64(20+y)) % 8); v > 2 {
				cells[y] = strconv.Itoa(v * 5)
				total[y] += v * 5
			}
		}
		rows = append(rows, fmt.Sprintf("%d. %s.\t%s\t%s\t%s", n, actionTitle(n), cells[0], cells[1], cells[2]))
	}
	rows = append(rows, fmt.Sprintf("Totaal\t%d\t%d\t%d", total[0], total[1], total[2]))
	l.blocks = append(l.blocks, block{kind: tableBlock, rows: rows})
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

var superDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

func superscript(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(superDigits[c-'0'])
	}
	return b.String()
}

// ---------------------------------------------------------------------------------------
// Rendering.

var directorates = [][]string{
	{"**Directoraat-Generaal", "Rechtspleging en", "Rechtshandhaving**", "Directie Rechtshandhaving en", "Criminaliteitsbestrijding"},
	{"**Directoraat-Generaal", "Straffen en Beschermen**", "Directie Justitiële Jeugd", "en Slachtoffers"},
	{"**Directoraat-Generaal", "Politie en Veiligheidsregio's**", "Directie Politie"},
}

// renderLetterhead prints the letter as a ministry's PDF export: letterhead, paragraphs one
// per line, pages of about seven blocks, each page ending with its footnotes and the repeated
// sidebar with Datum and Ons kenmerk.
func (l *letter) renderLetterhead() string {
	var b strings.Builder
	dir := directorates[l.i%len(directorates)]
	k := kenmerk(l.i)
	sidebar := func() {
		b.WriteString(strings.Join(dir, "\n"))
		fmt.Fprintf(&b, "\n\nDatum\n%s\n\nOns kenmerk\n%s\n\n", l.date, k)
	}
	b.WriteString("\n\n> Retouradres Postbus 20301 2500 EH Den Haag\n\n")
	b.WriteString("Aan de Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA DEN HAAG\n\n")
	b.WriteString(strings.Join(dir, "\n"))
	b.WriteString("\n\nTurfmarkt 147\n2511 DP Den Haag\nPostbus 20301\n2500 EH Den Haag\nwww.rijksoverheid.nl/jenv\n\n")
	fmt.Fprintf(&b, "Ons kenmerk\n%s\n\n", k)
	if n := l.r.IntN(3); n > 0 {
		fmt.Fprintf(&b, "Bijlagen\n%d\n\n", n)
	}
	b.WriteString("*Bij beantwoording de datum\nen ons kenmerk vermelden.\nWilt u slechts één zaak in uw\nbrief behandelen.*\n\n")
	fmt.Fprintf(&b, "Datum %s\n\nOnderwerp %s\n\n", l.date, l.title)
	var pageNotes []int
	inPage := 0
	flushPage := func() {
		for _, n := range pageNotes {
			fmt.Fprintf(&b, "%s %s\n\n", superscript(n), l.notes[n-1])
		}
		pageNotes = nil
		sidebar()
		inPage = 0
	}
	for _, bl := range l.blocks {
		switch bl.kind {
		case tableBlock:
			b.WriteString(strings.Join(bl.rows, "\n"))
			b.WriteString("\n\n")
		default:
			b.WriteString(bl.text)
			b.WriteString("\n\n")
		}
		pageNotes = append(pageNotes, bl.notes...)
		inPage++
		if inPage >= 7 && bl.kind != headingBlock {
			flushPage()
		}
	}
	fmt.Fprintf(&b, "De %s,\n\n%s\n\n", l.signer.office, l.signer.name)
	flushPage()
	return b.String()
}

// renderPublished prints the letter as an officielebekendmakingen text export: head lines,
// hard-wrapped paragraphs, headings on their own line, the signature, then the footnotes.
func (l *letter) renderPublished() string {
	var b strings.Builder
	dossier, dtitle, nr := publishedNumber(l.i)
	fmt.Fprintf(&b, "Brief regering : %s\n%s %s\nNr. %d\n", l.title, dossier, dtitle, nr)
	fmt.Fprintf(&b, "BRIEF VAN DE %s\n", strings.ToUpper(l.signer.office))
	b.WriteString("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n")
	fmt.Fprintf(&b, "Den Haag, %s\n", l.date)
	width := 80 + l.r.IntN(15)
	for _, bl := range l.blocks {
		switch bl.kind {
		case headingBlock:
			b.WriteString(bl.text)
			b.WriteByte('\n')
		case paraBlock:
			l.wrap(&b, bl.text, width)
		}
	}
	fmt.Fprintf(&b, "De %s,\n%s\n", l.signer.office, l.signer.name)
	if len(l.notes) > 0 {
		b.WriteByte('\n')
		for n, text := range l.notes {
			fmt.Fprintf(&b, "%d %s\n", n+1, text)
		}
	}
	return b.String()
}

// wrap writes a paragraph hard-wrapped at width, now and then hyphenating a long lowercase
// word at the break as typesetting does ("mensen-" / "handel").
func (l *letter) wrap(b *strings.Builder, text string, width int) {
	line := 0
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		switch {
		case line == 0:
		case line+1+wl <= width:
			b.WriteByte(' ')
			line++
		default:
			if room := width - line - 2; room >= 4 && wl-room >= 4 && lowerWord(w) && l.r.IntN(3) == 0 {
				r := []rune(w)
				b.WriteByte(' ')
				b.WriteString(string(r[:room]))
				b.WriteString("-\n")
				w, wl = string(r[room:]), wl-room
			} else {
				b.WriteByte('\n')
			}
			line = 0
		}
		b.WriteString(w)
		line += wl
	}
	b.WriteByte('\n')
}

func lowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------------------
// The vocabulary, for benchmarks that ask about what the letters say.

// Organisation returns the name and abbreviation of organisation k of those the letters
// define ("<name> (hierna: <abbreviation>)"). The first N·5/4 are defined by a corpus of N
// letters; the loader keys each by its abbreviation (ID "org:" + lower-case abbreviation).
func Organisation(k int) (name, abbreviation string) {
	o := definedOrg(k)
	return o.name, o.abbr
}
