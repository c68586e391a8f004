package loader

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

// makeDocx zips parts into a .docx; body is the inside of w:body.
func makeDocx(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wordBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		body + `<w:sectPr/></w:body></w:document>`
}

func wordPara(runs ...string) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>`)
	for _, r := range runs {
		b.WriteString(`<w:r><w:rPr><w:b/></w:rPr>` + r + `</w:r>`)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

func TestDocxToText(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"paragraphs, runs split mid-word, a tab and a break",
			wordPara(`<w:t>Den Haag, 3 maart</w:t>`, `<w:t xml:space="preserve"> 2024</w:t>`) + wordPara(`<w:t>Datum</w:t><w:tab/><w:t>3 maart 2024</w:t>`) +
				wordPara(`<w:t>De Minister van Justitie en Veiligheid,</w:t><w:br/><w:t>D. Yeşilgöz-Zegerius</w:t>`),
			"Den Haag, 3 maart 2024\n\nDatum\t3 maart 2024\n\nDe Minister van Justitie en Veiligheid,\nD. Yeşilgöz-Zegerius\n\n"},
		{"a table: tab-separated cells, a row to a line, a cell's paragraphs joined",
			wordPara(`<w:t>Begroting</w:t>`) + `<w:tbl><w:tblPr/><w:tr><w:tc>` + wordPara(`<w:t>Actie 17</w:t>`) + `</w:tc><w:tc>` + wordPara(`<w:t>2024:</w:t>`) + wordPara(`<w:t>€ 1 mln</w:t>`) +
				`</w:tc></w:tr><w:tr><w:tc>` + wordPara() + `</w:tc><w:tc>` + wordPara() + `</w:tc></w:tr></w:tbl>` + wordPara(`<w:t>Slot.</w:t>`),
			"Begroting\n\nActie 17\t2024: € 1 mln\n\nSlot.\n\n"},
		{"field instructions, tracked deletions and empty paragraphs are no text",
			wordPara(`<w:instrText> PAGE </w:instrText>`) + wordPara(`<w:delText>geschrapt</w:delText>`) + wordPara() + wordPara(`<w:t>Tekst</w:t>`),
			"Tekst\n\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := docxToText(makeDocx(t, map[string]string{"[Content_Types].xml": "<Types/>", docxBody: wordBody(c.body)}))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestDocxRefusesWhatIsNoWordDocument(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("%PDF-1.7 something else"), "not a Word document (.docx is a zip)"},
		{"a zip without the body", makeDocx(t, map[string]string{"word/styles.xml": "<w:styles/>"}), "no word/document.xml"},
		{"a body that is no XML", makeDocx(t, map[string]string{docxBody: "<w:document><w:body><w:p>"}), "not readable XML"},
		{"a body that inflates past the limit", makeDocx(t, map[string]string{docxBody: wordBody(strings.Repeat(" ", MaxFileSize+10))}), "inflates to more than 32 MB"},
	}
	for _, c := range cases {
		if _, err := docxToText(c.data); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

// A .docx original loads like any document: its letterhead read, its metadata file applied.
func TestLoadDocx(t *testing.T) {
	body := wordPara(`<w:t>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</w:t>`) + wordPara(`<w:t>Den Haag, 3 maart 2024</w:t>`) +
		wordPara(`<w:t>Hierbij informeer ik uw Kamer over de aanpak van mensenhandel door het CKM.</w:t>`) +
		wordPara(`<w:t>De Minister van Justitie en Veiligheid,</w:t>`) + wordPara(`<w:t>D. Yeşilgöz-Zegerius</w:t>`)
	g, errs := Load([]File{
		{Name: "tk-2024d12345.docx", Data: makeDocx(t, map[string]string{docxBody: wordBody(body)})},
		{Name: "tk-2024d12345.meta.json", Data: []byte(`{"source":"tkodata","dossier":"28638","number":261,"kind":"LETTER"}`)},
		{Name: "broken.docx", Data: []byte("no zip")},
	})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.docx") {
		t.Fatalf("errors = %v, want one naming broken.docx", errs)
	}
	d := g.Node("doc:28638-261")
	if d == nil || d.Str(kg.PropDate) != "2024-03-03" || d.Str(kg.PropSourceFile) != "tk-2024d12345.docx" {
		t.Fatalf("document = %+v", d)
	}
	if !strings.Contains(d.Str(kg.PropText), "aanpak van mensenhandel") {
		t.Errorf("text = %q", d.Str(kg.PropText))
	}
	if g.Node("person:yesilgoz-zegerius") == nil {
		t.Error("the signature was not read")
	}
}

// FuzzDocx: whatever a .docx holds, reading it ends in text or an error, never a panic.
func FuzzDocx(f *testing.F) {
	f.Add(makeDocx(f, map[string]string{docxBody: wordBody(wordPara(`<w:t>Den Haag, 3 maart 2024</w:t>`) + `<w:tbl><w:tr><w:tc>` + wordPara(`<w:t>a</w:t>`) + `</w:tc></w:tr></w:tbl>`)}))
	f.Add(makeDocx(f, map[string]string{docxBody: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tc><w:tc></w:tr></w:tbl>`}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if text, err := docxToText(data); err == nil && len(text) > MaxFileSize*2 {
			t.Fatalf("%d bytes of text from %d bytes", len(text), len(data))
		}
	})
}
