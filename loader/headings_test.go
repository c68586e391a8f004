package loader

import (
	"slices"
	"testing"
)

func TestHeadingOffices(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID", []string{"Staatssecretaris van Justitie en Veiligheid"}},
		{"BRIEF VAN DE STAATSSECRETARISSEN VAN JUSTITIE EN VEILIGHEID EN VAN VOLKSGEZONDHEID, WELZIJN EN SPORT EN DE MINISTERS VAN BUITENLANDSE ZAKEN, VOOR BUITENLANDSE HANDEL EN ONTWIKKELINGSSAMENWERKING EN VAN SOCIALE ZAKEN EN WERKGELEGENHEID", []string{
			"Staatssecretaris van Justitie en Veiligheid", "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
			"Minister van Buitenlandse Zaken", "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
			"Minister van Sociale Zaken en Werkgelegenheid"}},
		{"BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR RECHTSBESCHERMING EN DE STAATSSECRETARIS JUSTITIE EN VEILIGHEID", []string{
			"Minister van Justitie en Veiligheid", "Minister voor Rechtsbescherming", "Staatssecretaris van Justitie en Veiligheid"}},
		{"mede namens de Ministers van Financiën en voor Medische Zorg", []string{"Minister van Financiën", "Minister voor Medische Zorg"}},
		{"BRIEF VAN DE MINISTER-PRESIDENT", []string{"Minister-President"}},
		{"BRIEF VAN DE VOORZITTER VAN DE VASTE COMMISSIE VOOR JUSTITIE EN VEILIGHEID", nil},
		{"de ministers zijn het eens", nil},
	}
	for _, c := range cases {
		if got := headingOffices(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%q\n got  %q\n want %q", c.in, got, c.want)
		}
	}
}
