package loader

import (
	"reflect"
	"testing"
)

func TestFindCitations(t *testing.T) {
	type ref struct {
		Dossier string
		Number  int
		Doc     string
	}
	tests := []struct {
		in   string
		want []ref
	}{
		{"Kamerstukken II 2023/24, 28 638, nr. 233", []ref{{"28 638", 233, ""}}},
		{"Kamerstuk 28 638, nr. 257", []ref{{"28 638", 257, ""}}},
		{"Kamerstukken 2023/24, 28638 nr. 233.", []ref{{"28 638", 233, ""}}},
		{"Kamerstukken II 2021, 28638, nr. 205.", []ref{{"28 638", 205, ""}}},
		{"Kamerstuk 35 300 XVII, nr. 34", []ref{{"35 300 XVII", 34, ""}}},
		{"Motie Segers/Asscher TK 2019–2020, 35 300, nr. 25", []ref{{"35 300", 25, ""}}},
		{"Kamerstukken II 2023/24, 28 638, nr.231", []ref{{"28 638", 231, ""}}},
		{"Kamerstukken II 2020/21, 28 638, nr. 184 en 203", []ref{{"28 638", 184, ""}, {"28 638", 203, ""}}},
		{"(Kamerstuk 35 570 VI, nr. 50)", []ref{{"35 570 VI", 50, ""}}},
		{"Kamerstukken II 2023/24, 2024D03521", []ref{{"", 0, "2024D03521"}}},
		{"in 2023 zijn 58 fte geworven", nil},
		{"artikel 273f, lid 1", nil},
	}
	for _, tt := range tests {
		var got []ref
		for _, c := range findCitations(tt.in, 0) {
			got = append(got, ref{c.Dossier, c.Number, c.DocNumber})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findCitations(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFindDates(t *testing.T) {
	ref := &Date{Y: 2023, M: 11, D: 30}
	tests := []struct {
		in   string
		want []string
	}{
		{"Den Haag, 4 juli 2025", []string{"2025-07-04"}},
		{"op 27 september jl. ingediend", []string{"2023-09-27"}},
		{"het vragenuur van 13 juni j.l.", []string{"2023-06-13"}},
		{"het debat op 26 oktober a.s.", []string{"2024-10-26"}},
		{"ingediend en aangenomen op 21 december", []string{"2022-12-21"}},
		{"van 19 januari jl. en 3 oktober jl.", []string{"2023-01-19", "2023-10-03"}},
		{"in 2024", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findDates(tt.in, 0, ref) {
			got = append(got, d.ISO())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestReconcileDates(t *testing.T) {
	stale, sent := Date{Y: 2023, M: 11, D: 30}, Date{Y: 2023, M: 12, D: 18}
	if got := reconcileDates(nil, []Date{stale, sent, sent}); got != sent {
		t.Errorf("first-page date won over the later page headers: %v", got.ISO())
	}
	place := Date{Y: 2025, M: 7, D: 4}
	if got := reconcileDates(&place, []Date{stale}); got != place {
		t.Errorf("Den Haag date lost: %v", got.ISO())
	}
}
