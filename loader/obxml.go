package loader

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The XML that zoek.officielebekendmakingen.nl publishes for every Kamerstuk
// (kst-28638-251.xml): the document's own metadata (<meta name="OVERHEIDop.dossiernummer"
// content="28638"/>, …) and its text as elements: <kamerstukkop>, <dossier> with
// <dossiernr> and <titel>, <stuk> with <stuknr><ondernummer>, its <titel> ("BRIEF VAN …"),
// <al> paragraphs, <kop> headings, <noot> footnotes, the <ondertekening>.

// xmlMeta is what the XML states outright; it wins over what the text suggests.
type xmlMeta struct {
	dossier string
	number  int
	date    Date
}

// obBlocks are the elements that stand on lines of their own.
var obBlocks = map[string]bool{
	"al": true, "titel": true, "tussenkop": true, "kop": true, "tekstregel": true, "stuknr": true,
	"datumtekst": true, "li": true, "functie": true, "naam": true, "aanhef": true, "slotformule": true,
	"plaats": true, "dagtekening": true, "regel": true, "dossier": true, "ondertekening": true,
	"p": true, "entry": true, "row": true, "lijst": true,
}

// obXMLToText turns an officielebekendmakingen XML publication into text laid out as the
// site's HTML reads, footnotes at the end tied to superscript markers, and returns the
// metadata the XML states.
func obXMLToText(data []byte) (string, xmlMeta, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var (
		m           xmlMeta
		body        strings.Builder
		notes       []string
		stack       []string
		noteNr      string
		noteText    strings.Builder
		inNote      int
		dossierNr   string
		metaNumber  string
		metaDossier string
	)
	newline := func() {
		if body.Len() > 0 && !strings.HasSuffix(body.String(), "\n\n") {
			body.WriteString("\n\n")
		}
	}
	open := map[string]int{} // how many elements of each name enclose the current token
	within := func(name string) bool { return open[name] > 0 }
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if body.Len() == 0 {
				return "", m, err
			}
			break // a truncated file: keep what was read
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			open[name]++
			switch {
			case name == "meta":
				var key, content string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "name":
						key = a.Value
					case "content":
						content = a.Value
					}
				}
				switch key {
				case "OVERHEIDop.dossiernummer":
					metaDossier = content
				case "OVERHEIDop.ondernummer":
					metaNumber = content
				}
			case name == "noot":
				inNote++
				noteNr = ""
				noteText.Reset()
			case name == "datum" && within("stuk") && m.date.Y == 0:
				for _, a := range t.Attr {
					if a.Name.Local == "isodatum" && len(a.Value) == 10 {
						m.date = Date{Y: atoi(a.Value[:4]), M: monthOf(atoi(a.Value[5:7])), D: atoi(a.Value[8:])}
					}
				}
			case obBlocks[name] && inNote == 0 && !within("metadata"):
				if name != "titel" || !within("dossier") {
					newline()
				}
			}
		case xml.EndElement:
			name := t.Name.Local
			if len(stack) > 0 {
				open[stack[len(stack)-1]]--
				stack = stack[:len(stack)-1]
			}
			switch {
			case name == "noot" && inNote > 0:
				inNote--
				n := atoi(noteNr)
				if n > 0 {
					body.WriteString(toSuperscript(n))
					notes = append(notes, toSuperscript(n)+" "+strings.Join(strings.Fields(noteText.String()), " "))
				}
			case obBlocks[name] && inNote == 0 && !within("metadata"):
				if name == "titel" && within("dossier") {
					continue // "28 638 Mensenhandel" stays one line
				}
				newline()
			}
		case xml.CharData:
			if within("metadata") {
				continue
			}
			text := string(t)
			switch {
			case inNote > 0 && within("noot.nr"):
				noteNr += strings.TrimSpace(text)
			case inNote > 0:
				noteText.WriteString(text)
			default:
				if within("dossiernr") {
					dossierNr += text
				}
				if within("ondernummer") && within("stuk") && m.number == 0 {
					m.number = atoi(strings.TrimSpace(text))
				}
				if within("dossier") && within("titel") && !strings.HasSuffix(body.String(), " ") {
					body.WriteString(" ") // "28 638" + " " + "Mensenhandel" on one line
				}
				if text != "" && strings.TrimLeft(text, " \t\n\r") != text && !strings.HasSuffix(body.String(), " ") && !strings.HasSuffix(body.String(), "\n") && body.Len() > 0 {
					body.WriteString(" ")
				}
				if f := strings.Join(strings.Fields(text), " "); f != "" {
					body.WriteString(f + spaceAfter(text))
				}
			}
		}
	}
	m.dossier = normaliseDossier(strings.TrimSpace(dossierNr))
	if m.dossier == "" && metaDossier != "" {
		m.dossier = dossierOf(strings.Fields(metaDossier)[0], strings.Join(strings.Fields(metaDossier)[1:], " "))
	}
	if m.number == 0 {
		m.number = atoi(metaNumber)
	}
	out := body.String()
	if len(notes) > 0 {
		out = strings.TrimRight(out, "\n") + "\n\n" + strings.Join(notes, "\n\n")
	}
	return out + "\n", m, nil
}

// spaceAfter keeps the space a text run ends with, which strings.Fields drops.
func spaceAfter(s string) string {
	if s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == '\t') {
		return " "
	}
	return ""
}
