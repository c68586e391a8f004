package kg

import (
	"reflect"
	"strings"
	"testing"
)

func TestFoldAndSlug(t *testing.T) {
	tests := []struct{ in, fold, slug string }{
		{"Coördinatiecentrum tegen Mensenhandel", "coordinatiecentrum tegen mensenhandel", "coordinatiecentrum-tegen-mensenhandel"},
		{"GL/PvdA", "gl pvda", "gl-pvda"},
		{"  Yeşilgöz-Zegerius ", "yesilgoz zegerius", "yesilgoz-zegerius"},
		{"KEN!", "ken", "ken"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := Slug(tt.in); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
		}
	}
}

func TestKamerstukIDs(t *testing.T) {
	tests := []struct {
		dossier  string
		number   int
		id, cite string
	}{
		{"28 638", 257, "doc:28638-257", "Kamerstuk 28 638, nr. 257"},
		{"28638", 233, "doc:28638-233", "Kamerstuk 28 638, nr. 233"},
		{"35 300 XVII", 34, "doc:35300-xvii-34", "Kamerstuk 35 300 XVII, nr. 34"},
		{"638", 7, "doc:638-7", "Kamerstuk 638, nr. 7"},
		{"1638", 0, "doc:1638-0", "Kamerstuk 1 638, nr. 0"},
		{"128638", -1, "doc:128638--1", "Kamerstuk 128 638, nr. -1"},
		{"28638 ", 12, "doc:28638-12", "Kamerstuk 28 638, nr. 12"},
		{"2 8 6 3 8", 3, "doc:28638-3", "Kamerstuk 28 638, nr. 3"},
		{"   ", 3, "doc:-3", "Kamerstuk , nr. 3"},
		{"1234567890123", 4, "doc:1234567890123-4", "Kamerstuk 1234567890 123, nr. 4"},
		{"36\t200", 5, "doc:36200-5", "Kamerstuk 36 200, nr. 5"},
	}
	for _, tt := range tests {
		if got := KamerstukID(tt.dossier, tt.number); got != tt.id {
			t.Errorf("KamerstukID(%q, %d) = %q, want %q", tt.dossier, tt.number, got, tt.id)
		}
		if got := Citation(tt.dossier, tt.number); got != tt.cite {
			t.Errorf("Citation(%q, %d) = %q, want %q", tt.dossier, tt.number, got, tt.cite)
		}
	}
	if MotionID("28 638", 224) != "motion:28638-224" {
		t.Error("motion IDs follow the Kamerstuk key")
	}
}

func TestBuilderMergesAndOrders(t *testing.T) {
	ev := func(doc string, start int) Evidence {
		return Evidence{Document: doc, Quote: "q", Start: start, End: start + 1}
	}
	b := NewBuilder()
	b.Node(Node{ID: "org:ckm", Label: Organisation, Name: "Centrum tegen Kinderhandel en Mensenhandel", Props: map[string]any{PropAbbreviation: "CKM"}, Mentions: []Evidence{ev("doc:b", 5)}})
	b.Node(Node{ID: "org:ckm", Label: Organisation, Name: "Centrum Kinderhandel en Mensenhandel", Aliases: []string{"CKM", "centrum tegen kinderhandel en mensenhandel"}, Props: map[string]any{PropAbbreviation: "X", PropKind: "NGO"}, Mentions: []Evidence{ev("doc:a", 1), ev("doc:b", 5)}})
	b.Node(Node{ID: "actielijn:6", Label: Actielijn, Name: "6", Mentions: []Evidence{ev("doc:a", 2)}})
	b.Edge(Edge{Type: Holds, From: "org:ckm", To: "actielijn:6", Evidence: []Evidence{ev("doc:b", 9)}})
	b.Edge(Edge{Type: Holds, From: "org:ckm", To: "actielijn:6", Evidence: []Evidence{ev("doc:a", 3)}})
	b.Edge(Edge{Type: Mentions, From: "doc:a", To: "org:ckm", Evidence: []Evidence{ev("doc:a", 1)}}) // doc:a never added
	g := b.Graph()

	if len(g.Nodes) != 2 || g.Nodes[0].ID != "actielijn:6" {
		t.Fatalf("nodes not in ID order: %+v", g.Nodes)
	}
	ckm := g.Node("org:ckm")
	if ckm.Name != "Centrum tegen Kinderhandel en Mensenhandel" || ckm.Str(PropAbbreviation) != "CKM" || ckm.Str(PropKind) != "NGO" {
		t.Errorf("the first value of each property wins, new ones are added: %+v", ckm)
	}
	if want := []string{"CKM", "Centrum Kinderhandel en Mensenhandel"}; !reflect.DeepEqual(ckm.Aliases, want) {
		t.Errorf("aliases %v, want %v (sorted, without the name's own spelling)", ckm.Aliases, want)
	}
	if want := []Evidence{ev("doc:a", 1), ev("doc:b", 5)}; !reflect.DeepEqual(ckm.Mentions, want) {
		t.Errorf("mentions %v, want sorted and deduplicated %v", ckm.Mentions, want)
	}
	if len(g.Edges) != 1 || len(g.Edges[0].Evidence) != 2 || g.Edges[0].Evidence[0].Document != "doc:a" {
		t.Errorf("edges %+v: one HOLDS edge with both evidences, the dangling MENTIONS dropped", g.Edges)
	}
	if err := g.Validate(); err != nil {
		t.Error(err)
	}
}

func TestValidate(t *testing.T) {
	ev := []Evidence{{Document: "doc:a", Quote: "q", End: 1}}
	node := func(id string, l Label) Node { return Node{ID: id, Label: l, Name: id} }
	tests := []struct {
		name string
		g    Graph
		want string
	}{
		{"unknown label", Graph{Nodes: []Node{node("x:1", "Thing")}}, "bad id or label"},
		{"duplicate id", Graph{Nodes: []Node{node("a", Person), node("a", Person)}}, "duplicate"},
		{"dangling edge", Graph{Nodes: []Node{node("a", Person)}, Edges: []Edge{{Type: Submitted, From: "a", To: "b", Evidence: ev}}}, "dangling"},
		{"edge without evidence", Graph{Nodes: []Node{node("a", Person), node("b", Motion)}, Edges: []Edge{{Type: Submitted, From: "a", To: "b"}}}, "no evidence"},
		{"unsupported value", Graph{Nodes: []Node{{ID: "a", Label: Person, Props: map[string]any{"x": map[string]int{}}}}}, "unsupported"},
	}
	for _, tt := range tests {
		err := tt.g.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}

// TestAppendEdgeID: an edge's ID appended is the ID made, after what dst holds.
func TestAppendEdgeID(t *testing.T) {
	for _, e := range []struct {
		from string
		t    RelType
		to   string
	}{
		{"org:comensha", Holds, "actielijn:6"},
		{"", "", ""},
		{"doc:a|b", "X", "org:\"q\""},
	} {
		want := EdgeID(e.from, e.t, e.to)
		if got := string(AppendEdgeID(nil, e.from, e.t, e.to)); got != want {
			t.Errorf("AppendEdgeID(nil, %q, %q, %q) = %q, want %q", e.from, e.t, e.to, got, want)
		}
		if got := string(AppendEdgeID([]byte("prefix:"), e.from, e.t, e.to)); got != "prefix:"+want {
			t.Errorf("after a prefix: %q", got)
		}
	}
}

// The ASCII fast path folds as the general path does, byte for byte: letters, digits,
// every punctuation and control byte, runs of them at either end and between words.
func TestFoldASCIIAsRunes(t *testing.T) {
	inputs := []string{"", " ", "a", "A", "a b", "a  b", " a", "a ", "28 638 nr. 224", "28638-224",
		"GL/PvdA", "CoMensha", "\tKEN!\n", "Motie-Van der Werf c.s.", "x\x00y", "\x7f", "--", "a-", "-a",
		"ab cd", "ab  cd", "2024D03838", "ABC def GHI", "a b c", "a\x01b"}
	for c := 0; c < 0x80; c++ {
		inputs = append(inputs, string(rune(c)), "a"+string(rune(c))+"b", string(rune(c))+"Z"+string(rune(c)))
	}
	for _, in := range inputs {
		if got, want := Fold(in), foldRunes(in); got != want {
			t.Errorf("Fold(%q) = %q, the general path %q", in, got, want)
		}
		if isFoldedASCII(in) != (foldRunes(in) == in) {
			t.Errorf("isFoldedASCII(%q) = %v, but it folds to %q", in, isFoldedASCII(in), foldRunes(in))
		}
	}
}

func FuzzFoldASCII(f *testing.F) {
	f.Add("GL/PvdA 28 638, nr. 224")
	f.Fuzz(func(t *testing.T, in string) {
		if !isASCII(in) {
			return
		}
		if got, want := Fold(in), foldRunes(in); got != want {
			t.Errorf("Fold(%q) = %q, the general path %q", in, got, want)
		}
	})
}

// TestFoldLatinAsUnicode: the Latin fast path folds as the Unicode transform does, for every
// rune it takes alone, between letters, twice, and for every pair of them; it takes Dutch
// text, and leaves to the transform what it cannot fold alone.
func TestFoldLatinAsUnicode(t *testing.T) {
	var taken []rune
	for r := rune(0x80); r < 0x3000; r++ {
		if r == latinFoldsEnd {
			r = 0x1E00 // Latin Extended Additional (ṣ, ẞ), which the fast path leaves alone
		}
		for _, in := range []string{string(r), "a" + string(r) + "b", string(r) + "Z" + string(r), "x " + string(r), string(r) + "\u0308", "o" + string(r) + "\u0301"} {
			if got, want := Fold(in), foldUnicode(in); got != want {
				t.Errorf("Fold(%q) = %q, the transform %q", in, got, want)
			}
		}
		if _, ok := foldLatin(string(r)); ok {
			taken = append(taken, r)
		}
	}
	for _, a := range taken {
		for _, b := range taken {
			if in := string(a) + string(b); Fold(in) != foldUnicode(in) {
				t.Fatalf("Fold(%q) = %q, the transform %q", in, Fold(in), foldUnicode(in))
			}
		}
	}
	for _, in := range []string{"Coördinatiecentrum tegen Mensenhandel", "Yeşilgöz-Zegerius", "‘dé’ aanpak – ook in Curaçao…", "Ĉu ŝi?", "\u00a0CoMensha\u200b"} {
		got, ok := foldLatin(in)
		if !ok || got != foldUnicode(in) {
			t.Errorf("foldLatin(%q) = %q, %v; the transform %q", in, got, ok, foldUnicode(in))
		}
	}
	for _, in := range []string{"Straße", "Ærø", "o\u0308", "Mensenhandel\ufffd", "\xff", "Ĳsselmeer", "Łódź", "ẞ"} {
		if _, ok := foldLatin(in); ok {
			t.Errorf("foldLatin(%q) took what it cannot fold alone", in)
		}
		if got, want := Fold(in), foldUnicode(in); got != want {
			t.Errorf("Fold(%q) = %q, the transform %q", in, got, want)
		}
	}
}

func FuzzFoldLatin(f *testing.F) {
	f.Add("Coördinatiecentrum – ‘Yeşilgöz’ ß o\u0308")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := Fold(in), foldUnicode(in); got != want {
			t.Errorf("Fold(%q) = %q, the transform %q", in, got, want)
		}
	})
}
