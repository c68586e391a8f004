package loader

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfToText extracts a PDF's text as lines, page after page, in the PDF-text layout the
// normaliser already reads (hard-wrapped lines, hyphenation, footnotes at page bottoms).
// The PDF library panics on some malformed files; that becomes an error for this file only.
func pdfToText(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("unreadable PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("unreadable PDF: %w", err)
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		for _, line := range textLines(p.Content().Text) {
			b.WriteString(joinRow(line))
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	if strings.TrimSpace(b.String()) == "" {
		return "", fmt.Errorf("the PDF has no extractable text (a scan needs OCR first)")
	}
	return b.String(), nil
}

// textLines groups a page's text pieces into lines, top of the page first: pieces whose
// baselines lie within half a font size of each other share a line.
func textLines(texts []pdf.Text) [][]pdf.Text {
	sorted := append([]pdf.Text(nil), texts...)
	sort.SliceStable(sorted, func(a, c int) bool { return sorted[a].Y > sorted[c].Y })
	var lines [][]pdf.Text
	for _, t := range sorted {
		n := len(lines)
		if n > 0 {
			first := lines[n-1][0]
			if first.Y-t.Y <= math.Max(first.FontSize, t.FontSize)*0.5 {
				lines[n-1] = append(lines[n-1], t)
				continue
			}
		}
		lines = append(lines, []pdf.Text{t})
	}
	return lines
}

// joinRow puts the text pieces of one row together, left to right, with a space where the
// PDF leaves a gap between them.
func joinRow(texts []pdf.Text) string {
	sort.SliceStable(texts, func(a, c int) bool { return texts[a].X < texts[c].X })
	var b strings.Builder
	end := 0.0
	for i, t := range texts {
		if i > 0 && t.X-end > t.FontSize*0.2 && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t.S, " ") {
			b.WriteByte(' ')
		}
		b.WriteString(t.S)
		end = t.X + t.W
	}
	return b.String()
}
