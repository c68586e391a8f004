package loader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// docxBody is the part of a Word document (.docx, Office Open XML) that holds its text.
const docxBody = "word/document.xml"

// docxToText reads a Word document's text: the paragraphs of word/document.xml in order,
// one to a line with a blank line between them as the other readers give blocks; tabs and
// line breaks as written; a table's cells tab-separated, one row to a line, as html.go
// gives tables. Headers, footers and footnotes (parts of their own) are left out: the
// originals the Kamer publishes as .docx are letters and notes whose text is the body.
// The standard library is enough: a .docx is a zip of XML parts (ECMA-376).
func docxToText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("not a Word document (.docx is a zip): %w", err)
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == docxBody {
			part = f
			break
		}
	}
	if part == nil {
		return "", errors.New("not a Word document: no " + docxBody)
	}
	rc, err := part.Open()
	if err != nil {
		return "", fmt.Errorf("%s: %w", docxBody, err)
	}
	defer rc.Close()
	// a small file may inflate to a huge part: read no more than a document may weigh
	body := io.LimitReader(rc, MaxFileSize+1)
	counted := &countingReader{r: body}
	text, err := docxParagraphs(counted)
	if counted.n > MaxFileSize {
		return "", fmt.Errorf("%s inflates to more than %d MB", docxBody, MaxFileSize>>20)
	}
	if err != nil {
		return "", fmt.Errorf("%s: not readable XML: %w", docxBody, err)
	}
	return text, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// docxParagraphs walks the WordprocessingML elements that carry text and layout: w:t (text),
// w:tab, w:br and w:cr, w:p (paragraph), w:tc, w:tr and w:tbl (table cell, row, table).
// Everything else (properties, drawings, fields' instructions in w:instrText) is passed
// over. A table nested in a cell reads as part of that cell's text.
func docxParagraphs(r io.Reader) (string, error) {
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(r)
	var out, para strings.Builder
	inText, depth := false, 0 // depth: how deep in table cells
	var cell, row []string    // the paragraphs of the cell, the cells of the row
	endPara := func() {
		p := strings.TrimSpace(para.String())
		para.Reset()
		switch {
		case p == "":
		case depth > 0: // a paragraph of a cell: the cell's text goes on
			cell = append(cell, p)
		default:
			out.WriteString(p)
			out.WriteString("\n\n")
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "tc":
				depth++
			}
		case xml.EndElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				endPara()
			case "tc":
				endPara()
				if depth--; depth == 0 {
					row = append(row, strings.Join(cell, " "))
					cell = nil
				}
			case "tr":
				if depth == 0 { // a row as the HTML reader writes one: tab-separated cells
					if strings.TrimSpace(strings.Join(row, "")) != "" {
						out.WriteString(strings.Join(row, "\t"))
						out.WriteString("\n")
					}
					row = nil
				}
			case "tbl":
				if depth == 0 {
					out.WriteString("\n")
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	endPara()
	return out.String(), nil
}
