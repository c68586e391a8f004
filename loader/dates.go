package loader

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
	"augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"okt": 10, "nov": 11, "dec": 12,
}

// dateRe matches Dutch dates: "4 juli 2025", "27 september jl.", "13 juni j.l.",
// "26 oktober a.s.", "21 december" (year from context).
var dateRe = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b(?:\s+(\d{4})\b|\s+(jl\.|j\.l\.|jongstleden|a\.s\.|aanstaande))?`)

// Date is a calendar day found in a text, with its byte span.
type Date struct {
	Y          int
	M          time.Month
	D          int
	Start, End int
	Relative   string // "past" for jl., "future" for a.s., "" for absolute or bare
}

// ISO formats the date as yyyy-mm-dd.
func (d Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D) }

func (d Date) time() time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

// findDates returns the dates in s; relative and year-less dates are resolved against ref
// ("27 september jl." in a letter of 30 november 2023 is 2023-09-27; "21 december" without
// a year is the nearest such day not after ref). Without ref they get Y == 0.
func findDates(s string, offset int, ref *Date) []Date {
	var out []Date
	for _, m := range dateRe.FindAllStringSubmatchIndex(s, -1) {
		day := atoi(s[m[2]:m[3]])
		mon := months[strings.ToLower(s[m[4]:m[5]])]
		if day < 1 || day > 31 {
			continue
		}
		d := Date{D: day, M: mon, Start: offset + m[0], End: offset + m[1]}
		switch {
		case m[6] >= 0:
			d.Y = atoi(s[m[6]:m[7]])
		case m[8] >= 0:
			rel := strings.ToLower(s[m[8]:m[9]])
			if strings.HasPrefix(rel, "a") {
				d.Relative = "future"
			} else {
				d.Relative = "past"
			}
			d.Y = resolveYear(day, mon, ref, d.Relative == "future")
		default:
			d.Y = resolveYear(day, mon, ref, false)
		}
		out = append(out, d)
	}
	return out
}

func resolveYear(day int, mon time.Month, ref *Date, future bool) int {
	if ref == nil || ref.Y == 0 {
		return 0
	}
	y := ref.Y
	cand := time.Date(y, mon, day, 0, 0, 0, 0, time.UTC)
	if future {
		if cand.Before(ref.time()) {
			y++
		}
		return y
	}
	if cand.After(ref.time()) {
		y--
	}
	return y
}

// parseDate reads one absolute Dutch date ("4 juli 2025").
func parseDate(s string) (Date, bool) {
	for _, d := range findDates(s, 0, nil) {
		if d.Y != 0 {
			return d, true
		}
	}
	return Date{}, false
}
