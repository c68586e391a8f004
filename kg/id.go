package kg

import (
	"fmt"
	"strconv"
	"strings"
)

// The ID scheme: "<prefix>:<readable key>". IDs are stable across loads, so links to a node
// keep working when the corpus grows.
const (
	prefixDocument     = "doc"
	prefixPerson       = "person"
	prefixOffice       = "office"
	prefixParty        = "party"
	prefixOrganisation = "org"
	prefixActionPlan   = "actionplan"
	prefixActielijn    = "actielijn"
	prefixAction       = "action"
	prefixProposal     = "proposal"
	prefixMotion       = "motion"
	prefixReport       = "report"
	prefixCommitment   = "commitment"
	prefixLegislation  = "law"
	prefixEvent        = "event"
)

// DossierKey turns a dossier as cited ("28 638", "35 300 XVII", "28638") into the compact
// form used in IDs ("28638", "35300-xvii").
func DossierKey(dossier string) string {
	f := strings.Fields(dossier)
	var digits, rest []string
	for _, p := range f {
		if isDigits(p) && len(rest) == 0 {
			digits = append(digits, p)
		} else {
			rest = append(rest, strings.ToLower(p))
		}
	}
	key := strings.Join(digits, "")
	if len(rest) > 0 {
		key += "-" + strings.Join(rest, "-")
	}
	return key
}

// DossierDisplay formats a dossier the way Kamerstukken print it: "28638" → "28 638".
func DossierDisplay(dossier string) string {
	f := strings.Fields(dossier)
	if len(f) == 0 {
		return ""
	}
	var digits string
	i := 0
	for ; i < len(f) && isDigits(f[i]); i++ {
		digits += f[i]
	}
	if digits == "" {
		return strings.Join(f, " ")
	}
	if len(digits) > 3 {
		digits = digits[:len(digits)-3] + " " + digits[len(digits)-3:]
	}
	return strings.Join(append([]string{digits}, f[i:]...), " ")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// KamerstukID is the ID of the Document that is Kamerstuk (dossier, number).
func KamerstukID(dossier string, number int) string {
	return fmt.Sprintf("%s:%s-%d", prefixDocument, DossierKey(dossier), number)
}

// Citation is the canonical citation of Kamerstuk (dossier, number).
func Citation(dossier string, number int) string {
	// The common forms, digits alone with or without spaces ("28638", "28 638"), in one
	// allocation: every motion an answer shows has its citation made.
	var digits [12]byte
	n := 0
	for i := 0; i < len(dossier); i++ {
		switch c := dossier[i]; {
		case c == ' ':
		case c >= '0' && c <= '9' && n < len(digits):
			digits[n] = c
			n++
		default:
			return "Kamerstuk " + DossierDisplay(dossier) + ", nr. " + strconv.Itoa(number)
		}
	}
	if n == 0 {
		return "Kamerstuk " + DossierDisplay(dossier) + ", nr. " + strconv.Itoa(number)
	}
	var b strings.Builder
	b.Grow(len("Kamerstuk , nr. ") + n + 1 + 20)
	b.WriteString("Kamerstuk ")
	if k := n - 3; k > 0 {
		b.Write(digits[:k])
		b.WriteByte(' ')
		b.Write(digits[k:n])
	} else {
		b.Write(digits[:n])
	}
	b.WriteString(", nr. ")
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], int64(number), 10))
	return b.String()
}

// DocumentID is the ID of a document without a Kamerstuk number, keyed by another stable
// handle (its kenmerk, a Kamer document number such as "2024D03521", or its file name).
func DocumentID(key string) string { return prefixDocument + ":" + Slug(key) }

// MotionID is the ID of motion (dossier, number).
func MotionID(dossier string, number int) string {
	return fmt.Sprintf("%s:%s-%d", prefixMotion, DossierKey(dossier), number)
}

// UnnumberedMotionID is the ID of a motion known only by its submitters and subject.
func UnnumberedMotionID(key string) string { return prefixMotion + ":" + Slug(key) }

func PersonID(surname string) string       { return prefixPerson + ":" + Slug(surname) }
func OfficeID(title string) string         { return prefixOffice + ":" + Slug(title) }
func PartyID(name string) string           { return prefixParty + ":" + Slug(name) }
func OrganisationID(key string) string     { return prefixOrganisation + ":" + Slug(key) }
func ActionPlanID(key string) string       { return prefixActionPlan + ":" + Slug(key) }
func ActielijnID(number int) string        { return fmt.Sprintf("%s:%d", prefixActielijn, number) }
func ActionID(number int) string           { return fmt.Sprintf("%s:%d", prefixAction, number) }
func ProposalID(number int) string         { return fmt.Sprintf("%s:%d", prefixProposal, number) }
func ReportID(key string) string           { return prefixReport + ":" + Slug(key) }
func CommitmentID(key string) string       { return prefixCommitment + ":" + Slug(key) }
func LegislationID(citation string) string { return prefixLegislation + ":" + Slug(citation) }
func EventID(kind, isoDate string) string  { return prefixEvent + ":" + Slug(kind) + "-" + isoDate }
