package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Besides letters, a dossier holds the motions' own Kamerstukken and the reports of its
// debates: one file in ten of each, in the officielebekendmakingen layout.

// Kind is what file i of a corpus is.
type Kind int

const (
	KindLetter Kind = iota
	KindMotion
	KindDebateReport
)

// KindOf is the kind of file i.
func KindOf(i int) Kind {
	switch i % 10 {
	case 9:
		return KindMotion
	case 4:
		return KindDebateReport
	}
	return KindLetter
}

// MotionOfFile is the motion whose own Kamerstuk file i is (for KindMotion): the first
// motion reserved by its slot, so that its number is its own.
func MotionOfFile(seed uint64, i int) (dossier string, number int, submitters []string) {
	m := motionOf(seed, i*motionsPerSlot)
	for _, s := range m.submitters {
		submitters = append(submitters, s.surname)
	}
	return m.dossier, m.number, submitters
}

// renderMotion writes motion (the Kamerstuk) i: "Nr. N MOTIE VAN HET LID X C.S.",
// "Voorgesteld <date>", considerations, the request, the submitters' names.
func renderMotion(seed uint64, i int) string {
	r := rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+7))
	m := motionOf(seed, i*motionsPerSlot)
	d := date{y: 2016 + r.IntN(10), m: 1 + r.IntN(12), d: 1 + r.IntN(28)}
	var b strings.Builder
	fmt.Fprintf(&b, "Kamerstuk\n\nDatum publicatieOrganisatieVergaderjaarDossier- en ondernummer\nTweede Kamer der Staten-Generaal%s%s nr. %d\n\n",
		d.session(), strings.ReplaceAll(m.dossier, " ", ""), m.number)
	fmt.Fprintf(&b, "%s %s\n\n", m.dossier, dossierTitle(m.dossier))
	head := "HET LID " + strings.ToUpper(m.submitters[0].surname)
	switch {
	case len(m.submitters) == 2:
		head = "DE LEDEN " + strings.ToUpper(m.submitters[0].surname) + " EN " + strings.ToUpper(m.submitters[1].surname)
	case len(m.submitters) > 2:
		head += " C.S."
	}
	fmt.Fprintf(&b, "Nr. %d MOTIE VAN %s\n\nVoorgesteld %s\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n", m.number, head, d)
	fmt.Fprintf(&b, "constaterende dat %s nog onvoldoende aandacht krijgt;\n\n", m.subject)
	fmt.Fprintf(&b, "overwegende dat %s;\n\n", filler[r.IntN(len(filler))])
	fmt.Fprintf(&b, "verzoekt de regering werk te maken van %s en de Kamer hierover voor het einde van het jaar te informeren,\n\n", m.subject)
	b.WriteString("en gaat over tot de orde van de dag.\n\n")
	for _, s := range m.submitters {
		b.WriteString(s.surname + "\n\n")
	}
	return b.String()
}

// renderDebateReport writes the report of a committee debate: "VERSLAG VAN EEN
// COMMISSIEDEBAT", "Vastgesteld <date>", the debate's date and minister, the agenda, the
// chair and clerk, the members present.
func renderDebateReport(seed uint64, i int) string {
	r := rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+9))
	held := date{y: 2016 + r.IntN(10), m: 1 + r.IntN(11), d: 1 + r.IntN(28)}
	fixed := date{y: held.y, m: held.m + 1, d: 1 + r.IntN(28)}
	signer := signers[r.IntN(len(signers))]
	office, name := signer.office, signer.name
	surname := name[strings.LastIndex(name, ". ")+2:]
	var b strings.Builder
	fmt.Fprintf(&b, "28 638 Mensenhandel\n\nNr. %d VERSLAG VAN EEN COMMISSIEDEBAT\n\nVastgesteld %s\n\n", 5000+i, fixed)
	fmt.Fprintf(&b, "De vaste commissie voor Justitie en Veiligheid heeft op %s overleg gevoerd met de heer %s, %s, over:\n\n", held, capitalise(surname), office)
	for j := 0; j < 1+r.IntN(3); j++ {
		dossier, _, nr := publishedNumber(r.IntN(i + 1))
		fmt.Fprintf(&b, "– de brief van de %s d.d. %s inzake %s (Kamerstuk %s, nr. %d);\n\n", office, held, subjects[r.IntN(len(subjects))], dossier, nr)
	}
	b.WriteString("Van dit overleg brengt de commissie bijgaand geredigeerd woordelijk verslag uit.\n\n")
	pool := membersAt(i)
	present := map[int]bool{}
	var names []string
	for len(names) < 3+r.IntN(6) {
		k := r.IntN(pool)
		if !present[k] {
			present[k] = true
			names = append(names, memberOf(seed, k).surname)
		}
	}
	fmt.Fprintf(&b, "De voorzitter van de commissie, %s\n\nDe griffier van de commissie, %s\n\n", names[0], surnames[r.IntN(len(surnames))])
	fmt.Fprintf(&b, "Voorzitter: %s\n\nGriffier: %s\n\n", names[0], surnames[r.IntN(len(surnames))])
	fmt.Fprintf(&b, "Aanwezig zijn %d leden der Kamer, te weten: %s en %s,\n\n", len(names), strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
	fmt.Fprintf(&b, "en de heer %s, %s.\n\nAanvang 10.00 uur.\n\nDe voorzitter:\n\n", capitalise(surname), office)
	for j := 0; j < 3+r.IntN(5); j++ {
		fmt.Fprintf(&b, "%s. %s.\n\n", capitalise(filler[r.IntN(len(filler))]), capitalise(filler[r.IntN(len(filler))]))
	}
	return b.String()
}

// dossierTitle is the title a dossier's Kamerstukken carry.
func dossierTitle(dossier string) string {
	for _, d := range letterDossiers {
		if d.nr == dossier {
			return d.title
		}
	}
	return "Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI)"
}
