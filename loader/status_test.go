package loader

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

// TestStatusSteps: each statement of where a motion or commitment stands is a step with
// its date and sentence; sentences that state nothing yield none.
func TestStatusSteps(t *testing.T) {
	const head = "Nr. 300 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 18 december 2023\n\n"
	tests := []struct {
		name, text string
		want       []string // "node STATUS date", date "undated" when none
	}{
		{"submitted and adopted, dates before each word",
			"Tijdens het tweeminutendebat van 27 september jl. is de motie van de leden Bikker en Mutluer (Kamerstuk 28 638, nr. 229) ingediend en op 3 oktober jl. aangenomen.",
			[]string{"motion:28638-229 SUBMITTED 2023-09-27", "motion:28638-229 ADOPTED 2023-10-03"}},
		{"one date after both words",
			"Deze motie van het lid Krul (Kamerstuk 28 638, nr. 242), ingediend en aangenomen op 11 december, vraagt een hoofdstuk.",
			[]string{"motion:28638-242 SUBMITTED 2023-12-11", "motion:28638-242 ADOPTED 2023-12-11"}},
		{"later sentences of the paragraph speak of the motion",
			"Tijdens het debat is de motie van Bikker en Verkuilen (Kamerstuk 28 638, nr. 231) ingediend. De motie is op 3 oktober jl. aangenomen en roept de regering op om uitvoering te geven aan X. Dit helpt. Middels onderstaande passage wordt deze motie afgedaan.",
			[]string{"motion:28638-231 SUBMITTED undated", "motion:28638-231 ADOPTED 2023-10-03", "motion:28638-231 COMPLETED 2023-12-18"}},
		{"carried out by the letter, on its date; both motions joined by 'en de'",
			"Ik ga in gesprek over hoe uitvoering gegeven kan worden aan de motie van het lid Bikker (Kamerstuk 28 638, nr. 238) en de motie van het lid Veltman (Kamerstuk 28 638, nr. 240).",
			[]string{"motion:28638-238 IN_PROGRESS 2023-12-18", "motion:28638-240 IN_PROGRESS 2023-12-18"}},
		{"the request says what is asked, not where the motion stands",
			"De motie van het lid Ceder (Kamerstuk 35 925 IV, nr. 20) verzoekt de regering de uitvoering van het plan af te ronden.",
			nil},
		{"a gewijzigde motie is the replacement, no step",
			"Hierbij ga ik in op de gewijzigde motie van de leden Van der Graaf en Kuiken (Kamerstuk 29 628, nr. 960) over het lokprofiel.",
			nil},
		{"withdrawn and rejected",
			"De motie van het lid Kuik (Kamerstuk 28 638, nr. 250) is op 5 maart 2024 ingetrokken. De motie van het lid Podt (Kamerstuk 28 638, nr. 251) is op 12 maart 2024 verworpen.",
			[]string{"motion:28638-250 WITHDRAWN 2024-03-05", "motion:28638-251 REJECTED 2024-03-12"}},
		{"a commitment made in a dated debate and reported on",
			"1. Toezeggingen\n\nTijdens het debat van 19 januari jl. heb ik uw Kamer toegezegd in het programma terug te komen op gegevensdeling tussen politie en CoMensha.",
			[]string{"commitment:in-het-programma-terug-te-komen-op-gegevensdeling MADE 2023-01-19",
				"commitment:in-het-programma-terug-te-komen-op-gegevensdeling REPORTED 2023-12-18"}},
		{"a commitment fulfilled by a later sentence",
			"In een eerder stadium heb ik toegezegd de bevindingen van het Field Lab mee te nemen in het programma¹. Hiermee doe ik mijn eerdere toezegging gestand.\n\n¹ Toezegging nr. 118836",
			[]string{"commitment:118836 MADE undated", "commitment:118836 FULFILLED 2023-12-18"}},
		{"'het debat' is the debate named before",
			"Tijdens het commissiedebat van 21 december 2023 spraken wij over het Actieplan. In het debat heb ik ook toegezegd voor de begroting een brief te sturen met de kosten van extra acties. Met deze brief voer ik deze toezegging uit.",
			[]string{"commitment:voor-de-begroting-een-brief-te-sturen-met MADE 2023-12-21",
				"commitment:voor-de-begroting-een-brief-te-sturen-met FULFILLED 2023-12-18"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, errs := Load([]File{{Name: "letter.txt", Data: []byte(head + tt.text + "\n")}})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var got []string
			for _, n := range g.Nodes {
				for _, s := range n.Steps() {
					got = append(got, n.ID+" "+s.Status+" "+cmp.Or(s.Date, "undated"))
					if !strings.Contains(head+tt.text, s.Evidence.Quote) || s.Evidence.Document != "doc:letter" {
						t.Errorf("step %s: evidence %+v", s.Status, s.Evidence)
					}
				}
			}
			want := slices.Clone(tt.want)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("\n got  %q\n want %q", got, want)
			}
		})
	}
}

// TestAmendedBy: a Handelingen item that renumbers a motion ("Zij krijgt nr. 30, was nr. 20")
// names the gewijzigde motie on its AMENDED step.
func TestAmendedBy(t *testing.T) {
	text := "Stemming motie\n\nDe motie-Ceder (35925-IV, nr. 20) is in die zin gewijzigd dat zij thans luidt:\n\nZij krijgt nr. 30, was nr. 20 (35925-IV).\n"
	g, errs := Load([]File{{Name: "handelingen.txt", Data: []byte(text)}})
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, n := range g.Nodes {
		for _, s := range n.Steps() {
			got = append(got, n.ID+" "+s.Status+" → "+s.ReplacedBy)
		}
	}
	if want := []string{"motion:35925-iv-20 AMENDED → motion:35925-iv-30"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHistoryStatuses: the current status is the latest dated step, the furthest the step
// of highest rank; a motion without steps was submitted.
func TestHistoryStatuses(t *testing.T) {
	g, errs := LoadPaths("../corpus")
	if errs = Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, c := range []struct{ id, current, furthest string }{
		{"motion:28638-231", kg.MotionCompleted, kg.MotionCompleted},
		{"motion:28638-229", kg.MotionInProgress, kg.MotionInProgress},
		{"motion:29628-960", kg.MotionSubmitted, kg.MotionSubmitted},
		{"commitment:118836", kg.CommitmentFulfilled, kg.CommitmentFulfilled},
		{"commitment:u-nader-te-informeren-over-de-stand-van", kg.CommitmentReported, kg.CommitmentReported},
	} {
		n := g.Node(c.id)
		if n == nil {
			t.Errorf("%s missing", c.id)
			continue
		}
		if n.Str(kg.PropStatus) != c.current || n.Str(kg.PropFurthestStatus) != c.furthest {
			t.Errorf("%s: status %s, furthest %s; want %s, %s", c.id, n.Str(kg.PropStatus), n.Str(kg.PropFurthestStatus), c.current, c.furthest)
		}
	}
}
