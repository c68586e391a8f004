package loader

import (
	_ "embed"
	"regexp"
	"slices"
	"strings"

	"beleidsgraaf/kg"
)

// portfoliosTSV lists the portfolios of ministers and staatssecretarissen with the
// preposition of their title.
//
//go:embed data/portfolios.tsv
var portfoliosTSV string

type portfolio struct {
	name, prep string
	words      []string // folded, commas dropped
}

// portfolios, longest first, so that "Buitenlandse Handel en Ontwikkelingssamenwerking"
// wins over "Buitenlandse Handel".
var portfolios = func() []portfolio {
	var out []portfolio
	for _, l := range strings.Split(portfoliosTSV, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, prep, ok := strings.Cut(l, "\t")
		if !ok {
			panic("data/portfolios.tsv: no preposition in " + l)
		}
		out = append(out, portfolio{name: name, prep: prep, words: headingWords(name)})
	}
	slices.SortStableFunc(out, func(a, b portfolio) int { return len(b.words) - len(a.words) })
	return out
}()

// headingWords splits a heading into folded words; commas separate like spaces.
func headingWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(s, ",", " ")) {
		if f := kg.Fold(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// roleRe finds the role words of a heading or list, singular or plural, any case.
var roleRe = regexp.MustCompile(`(?i)\b(minister-president|ministers?|staatssecretaris(?:sen)?)\b`)

// headingOffices reads the offices a heading or a list names, plural and shared heads
// included: "BRIEF VAN DE STAATSSECRETARISSEN VAN JUSTITIE EN VEILIGHEID EN VAN
// VOLKSGEZONDHEID, WELZIJN EN SPORT EN DE MINISTERS VAN BUITENLANDSE ZAKEN, VOOR
// BUITENLANDSE HANDEL EN ONTWIKKELINGSSAMENWERKING" names four offices. A role takes the
// portfolios that follow it until a word that continues none; a missing "van"/"voor" is
// the portfolio's own.
func headingOffices(s string) []string {
	locs := roleRe.FindAllStringSubmatchIndex(s, -1)
	var out []string
	for i, l := range locs {
		role := strings.ToLower(s[l[2]:l[3]])
		if role == "minister-president" {
			out = append(out, "Minister-President")
			continue
		}
		title := "Minister"
		if strings.HasPrefix(role, "staatssecretaris") {
			title = "Staatssecretaris"
		}
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		words := headingWords(s[l[1]:end])
		for at := 0; at < len(words); {
			if words[at] == "en" {
				at++
				continue
			}
			prep := ""
			if words[at] == "van" || words[at] == "voor" {
				prep = words[at]
				at++
			}
			p, n := matchPortfolio(words[at:])
			if n == 0 {
				break
			}
			if prep == "" {
				prep = p.prep
			}
			out = append(out, title+" "+prep+" "+p.name)
			at += n
		}
	}
	return out
}

func matchPortfolio(words []string) (portfolio, int) {
	for _, p := range portfolios {
		if len(p.words) <= len(words) && slices.Equal(p.words, words[:len(p.words)]) {
			return p, len(p.words)
		}
	}
	return portfolio{}, 0
}
