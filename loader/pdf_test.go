package loader

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"beleidsgraaf/kg"
)

// makePDF writes a small but valid PDF: one page per element of pages, each line set in
// Helvetica (WinAnsi) from the top of the page down, as a word processor exports a letter.
func makePDF(t *testing.T, pages [][]string) []byte {
	t.Helper()
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "") // pages filled in below
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, lines := range pages {
		var content bytes.Buffer
		content.WriteString("BT /F1 11 Tf 14 TL 72 780 Td\n")
		for _, l := range lines {
			enc, err := charmap.Windows1252.NewEncoder().String(l)
			if err != nil {
				t.Fatal(err)
			}
			enc = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(enc)
			fmt.Fprintf(&content, "(%s) Tj T*\n", enc)
		}
		content.WriteString("ET")
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
		contentRef := len(objs)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", contentRef))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestPDFLetter reads testdata/brief-2019.pdf, a letter in the officielebekendmakingen
// layout written by makePDF: hyphenated lines, a footnote, the signature on page 2.
func TestPDFLetter(t *testing.T) {
	data, err := os.ReadFile("testdata/brief-2019.pdf")
	if err != nil {
		t.Fatal(err)
	}
	g, errs := Load([]File{{Name: "brief-2019.pdf", Data: data}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	doc := g.Node("doc:28638-170")
	if doc == nil {
		t.Fatalf("the PDF letter was not recognised as Kamerstuk 28 638, nr. 170: %v", g.Nodes)
	}
	if doc.Str(kg.PropDate) != "2019-03-03" || doc.Str(kg.PropSourceFile) != "brief-2019.pdf" {
		t.Errorf("metadata %v", doc.Props)
	}
	if text := doc.Str(kg.PropText); !strings.Contains(text, "aanpak van mensenhandel in de zorgsector") {
		t.Errorf("hyphenation across PDF lines not undone:\n%s", text)
	}
	if got := targets(g, "person:kuiken", kg.Submitted); len(got) != 1 || got[0] != "motion:28638-165" {
		t.Errorf("motion from the PDF footnote: %v", got)
	}
	if got := targets(g, "doc:28638-170", kg.SignedBy); len(got) != 1 || got[0] != "person:grapperhaus" {
		t.Errorf("signatory on page 2: %v", got)
	}
	if g.Node("org:ckm") == nil {
		t.Error("CKM not found in the PDF text")
	}
}

func TestBrokenPDF(t *testing.T) {
	good := makePDF(t, [][]string{{"Onderwerp Een brief", "Dit is de tekst."}})
	for name, data := range map[string][]byte{
		"truncated.pdf": good[:len(good)/2],
		"garbage.pdf":   []byte("%PDF-1.7\nthis is not a pdf at all"),
		"empty.pdf":     makePDF(t, [][]string{{}}),
	} {
		_, errs := Load([]File{{Name: name, Data: data}})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), name) {
			t.Errorf("%s: want one error naming the file, got %v", name, errs)
		}
	}
}
