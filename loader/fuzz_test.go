package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedFuzz adds the bundled letters and a few awkward shapes to a fuzz corpus.
func seedFuzz(f *testing.F) {
	files, _ := filepath.Glob("../corpus/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(data[:min(len(data), 600)])
		}
	}
	for _, s := range []string{"", "\x00\x01", "¹", "1 Kamerstuk 28 638, nr. 1.", "mensen-\nhandel", "\t\t\t\n\t", "Datum\n\nOns kenmerk\n", "(hierna: X)", "motie van de leden"} {
		f.Add([]byte(s))
	}
}

// FuzzNormalise: any bytes give a valid UTF-8 body whose blocks lie inside it, in order,
// and whose markers point at superscript digits.
func FuzzNormalise(f *testing.F) {
	seedFuzz(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		txt := Normalise(data)
		if !utf8.ValidString(txt.Body) {
			t.Fatal("body is not valid UTF-8")
		}
		prev := 0
		for _, b := range txt.Blocks {
			if b.Start < prev || b.End < b.Start || b.End > len(txt.Body) {
				t.Fatalf("block %+v out of order or bounds (body %d bytes)", b, len(txt.Body))
			}
			prev = b.End
		}
		for _, m := range txt.Markers {
			r, _ := utf8.DecodeRuneInString(txt.Body[m.Pos:])
			if _, ok := superDigits[r]; !ok {
				t.Fatalf("marker %d at %d points at %q", m.N, m.Pos, r)
			}
		}
		for _, s := range Segment(txt) {
			if s.Start > s.End || s.End > len(txt.Body) {
				t.Fatalf("sentence %+v out of bounds", s)
			}
		}
	})
}

// FuzzCitationsAndDates: the parsers never panic and report spans inside the input.
func FuzzCitationsAndDates(f *testing.F) {
	for _, s := range []string{"Kamerstukken II 2023/24, 28 638, nr. 233", "28638 nr. 184 en 203", "2024D03521", "op 27 september jl.", "31 februari 2023", "99 december 99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range findCitations(s, 0) {
			if c.Start < 0 || c.End > len(s) || c.Start > c.End {
				t.Fatalf("citation span %d-%d outside %d bytes", c.Start, c.End, len(s))
			}
		}
		ref := &Date{Y: 2024, M: 2, D: 29}
		for _, d := range findDates(s, 0, ref) {
			if d.Start < 0 || d.End > len(s) || d.D < 1 || d.D > 31 {
				t.Fatalf("date %+v out of range", d)
			}
		}
	})
}

// FuzzLoad: the whole loader on arbitrary bytes, as text, HTML, XML and PDF, gives a valid
// graph whose evidence offsets hold their quotes, or a file-named error.
func FuzzLoad(f *testing.F) {
	seedFuzz(f)
	if xml, err := os.ReadFile("testdata/kamerstukken/ob-kst-28638-167.xml"); err == nil {
		f.Add(xml)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"x.txt", "x.html", "x.xml", "x.pdf"} {
			g, errs := Load([]File{{Name: name, Data: data}})
			for _, err := range errs {
				if !strings.HasPrefix(err.Error(), name+": ") {
					t.Fatalf("error does not name the file: %v", err)
				}
			}
			if err := g.Validate(); err != nil {
				t.Fatalf("%s: invalid graph: %v", name, err)
			}
			for _, n := range g.Nodes {
				if text := n.Str("text"); text != "" {
					runes := []rune(text)
					for _, e := range g.Edges {
						for _, ev := range e.Evidence {
							if ev.Document == n.ID && (ev.End > len(runes) || string(runes[ev.Start:ev.End]) != ev.Quote) {
								t.Fatalf("%s: evidence %d-%d does not hold its quote", name, ev.Start, ev.End)
							}
						}
					}
				}
			}
		}
	})
}
