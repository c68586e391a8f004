package loader

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"beleidsgraaf/kg"
)

// hostileFiles are documents built to hurt: each must end in a clear error naming the file
// or in a sane partial graph, and none may stop the others from loading.
func hostileFiles(t *testing.T) (files []File, wantError map[string]string) {
	t.Helper()
	latin1, err := charmap.ISO8859_1.NewEncoder().String("Onderwerp Coördinatie\n\nHet Coördinatiecentrum tegen Mensenhandel (CoMensha) werkt samen met Fier.\n")
	if err != nil {
		t.Fatal(err)
	}
	var manyNotes, notes strings.Builder
	manyNotes.WriteString("Onderwerp Veel voetnoten\n\n")
	for i := 1; i <= 10_000; i++ {
		fmt.Fprintf(&manyNotes, "Zin %d verwijst naar de motie van de leden Kuik en Bikker%s.\n\n", i, toSuperscript(i))
		fmt.Fprintf(&notes, "%s Kamerstuk 28 638, nr. %d.\n\n", toSuperscript(i), i%500+1)
	}
	manyNotes.WriteString(notes.String())
	files = []File{
		{Name: "empty.txt"},
		{Name: "binary.txt", Data: []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3}},
		{Name: "invalid-utf8.txt", Data: []byte("Onderwerp Kapot\n\nDe VNG \xff\xfe en het OM \xc3\x28 werken samen.\n")},
		{Name: "latin1.txt", Data: []byte(latin1)},
		{Name: "truncated.pdf", Data: []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")},
		{Name: "script.html", Data: []byte(`<html><head><script>alert("CoMensha")</script></head><body><p>De <b>VNG</b> werkt samen met <i>Fier</i>.</p><script>document.write('CKM')</script></body></html>`)},
		{Name: "footnotes.txt", Data: []byte(manyNotes.String())},
		{Name: "long-line.txt", Data: bytes.Repeat([]byte("CoMensha en de politie werken samen (met (geneste (haakjes))) "), 80_000)},
		{Name: "nested.html", Data: []byte(strings.Repeat("<div><span>", 20_000) + "De VNG" + strings.Repeat("</span></div>", 20_000))},
		{Name: "parens.txt", Data: []byte("Onderwerp Haakjes\n\n" + strings.Repeat("(", 200_000) + "CKM" + strings.Repeat(")", 200_000))},
		{Name: "too-large.txt", Data: make([]byte, MaxFileSize+1)},
		{Name: "nested.xml", Data: []byte("<officiele-publicatie>" + strings.Repeat("<al>", 200_000) + "De VNG" + strings.Repeat("</al>", 200_000) + "</officiele-publicatie>")},
		{Name: "entities.xml", Data: []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><officiele-publicatie><al>CoMensha &lol3; werkt.</al></officiele-publicatie>`)},
		{Name: "truncated.xml", Data: []byte(`<officiele-publicatie><kamerstuk><stuk><titel>BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID</titel><al>Het CKM werkt sa`)},
		{Name: "garbage.xml", Data: []byte("<<<>>> &&& </x></y>")},
	}
	wantError = map[string]string{
		"empty.txt":     "no text",
		"binary.txt":    "binary",
		"truncated.pdf": "PDF",
		"too-large.txt": "too large",
		"garbage.xml":   "not readable XML",
	}
	return files, wantError
}

func TestHostileInputs(t *testing.T) {
	files, wantError := hostileFiles(t)
	good, errs := ReadDirs("../corpus")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	g, errs := Load(append(files, good...))
	got := map[string]string{}
	for _, err := range Failures(errs) { // warnings (no date in a hostile file) are not the point here
		name, msg, _ := strings.Cut(err.Error(), ": ")
		got[name] = msg
	}
	for name, want := range wantError {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s: error %q, want one saying %q", name, got[name], want)
		}
	}
	for name, msg := range got {
		if _, expected := wantError[name]; !expected {
			t.Errorf("%s: unexpected error %q", name, msg)
		}
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	// the good corpus loaded in full beside them
	for _, id := range []string{"doc:28638-257", "actielijn:6", "motion:28638-231"} {
		if g.Node(id) == nil {
			t.Errorf("%s missing: a hostile file stopped the corpus", id)
		}
	}
	// Latin-1 is read as such, not as broken UTF-8
	if n := g.Node(kg.DocumentID("latin1")); n == nil || !strings.Contains(n.Str(kg.PropText), "Coördinatiecentrum") {
		t.Errorf("Latin-1 letter not decoded: %+v", n)
	}
	// scripts are no text
	if n := g.Node(kg.DocumentID("script")); n == nil || strings.Contains(n.Str(kg.PropText), "alert") || strings.Contains(n.Str(kg.PropText), "document.write") {
		t.Errorf("script content in the text of script.html")
	}
	// XML: entities are not expanded (no billion laughs), a truncated file keeps what it read
	if n := g.Node(kg.DocumentID("entities")); n == nil || len(n.Str(kg.PropText)) > 200 {
		t.Errorf("entities.xml: %v", n)
	}
	if n := g.Node(kg.DocumentID("truncated")); n == nil || !strings.Contains(n.Str(kg.PropText), "Het CKM werkt sa") {
		t.Errorf("truncated.xml: %v", n)
	}
	// the letter with 10 000 footnotes kept every one of them and resolved the motion numbers
	if n := g.Node("motion:28638-500"); n == nil {
		t.Error("footnote 499 (nr. 500) was not tied to its motion")
	}
}

func TestTooLargeFileIsNotRead(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // a sparse 100 MB file
		t.Fatal(err)
	}
	f.Close()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Onderwerp Klein\n\nCoMensha werkt.\n"), 0o644)
	files, errs := ReadDirs(dir)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "huge.txt: file too large: 100 MB") {
		t.Errorf("errors %v", errs)
	}
	if len(files) != 1 || files[0].Name != "ok.txt" {
		t.Errorf("files %v", files)
	}
}
