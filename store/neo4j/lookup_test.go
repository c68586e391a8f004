package neo4j

import (
	"strings"
	"testing"

	"beleidsgraaf/kg"
)

func TestLookupQuery(t *testing.T) {
	long := strings.Repeat("x", maxLookupKey+1)
	many := make([]string, maxLookupTerms+1)
	for i := range many {
		many[i] = "k"
	}
	for _, tc := range []struct {
		keys []string
		want string
		ok   bool
	}{
		{[]string{"comensha"}, `"comensha"`, true},
		{[]string{"centrum tegen kinderhandel", "ckm"}, `"centrum tegen kinderhandel" OR "ckm"`, true},
		{[]string{`a "b" c\d`}, `"a \"b\" c\\d"`, true},
		{[]string{"*", "x~1", "a OR b"}, `"*" OR "x~1" OR "a OR b"`, true}, // inside quotes nothing else is special
		{nil, "", false},
		{[]string{"ok", long}, "", false},
		{many, "", false},
	} {
		got, ok := lookupQuery(tc.keys)
		if got != tc.want || ok != tc.ok {
			t.Errorf("lookupQuery(%.40q) = %q, %v; want %q, %v", tc.keys, got, ok, tc.want, tc.ok)
		}
	}
}

// TestLookupByIndex: names with the characters a Lucene query treats specially, a key
// that is another's prefix, and a name too long for the index (looked up without it) are
// all found exactly, and nothing by a part of a key.
func TestLookupByIndex(t *testing.T) {
	s := openTest(t, testConfig(t))
	long := strings.Repeat("lang ", maxLookupKey/5+1)
	ev := kg.Evidence{Document: "doc:a", Quote: "q", Start: 0, End: 1}
	b := kg.NewBuilder()
	b.Node(kg.Node{ID: "doc:a", Label: kg.Document, Name: "A", Mentions: []kg.Evidence{ev}})
	for _, n := range []kg.Node{
		{ID: "org:quote", Label: kg.Organisation, Name: `Het "Bureau" \ Zuid`, Aliases: []string{"BZ*"}},
		{ID: "org:prefix", Label: kg.Organisation, Name: "Bureau"},
		{ID: "org:long", Label: kg.Organisation, Name: long},
		{ID: "person:bureau", Label: kg.Person, Name: "Bureau"},
	} {
		n.Mentions = []kg.Evidence{ev}
		b.Node(n)
	}
	if err := s.Replace(ctx, b.Graph()); err != nil {
		t.Fatal(err)
	}
	// (Folding drops the punctuation: "BZ*" and "bz" are one key.)
	names := []string{`het "bureau" \ zuid`, "bz*", "BUREAU", "bureau zuid", "het bureau", long, "bz", "lang"}
	want := [][]string{{"org:quote"}, {"org:quote"}, {"org:prefix"}, nil, nil, {"org:long"}, {"org:quote"}, nil}
	got, err := s.Lookup(ctx, kg.Organisation, names)
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		var ids []string
		for _, n := range got[i] {
			ids = append(ids, n.ID)
		}
		if strings.Join(ids, ",") != strings.Join(want[i], ",") {
			t.Errorf("Lookup(%.30q) = %v, want %v", names[i], ids, want[i])
		}
	}
	// Every label: the person too.
	all, err := s.Lookup(ctx, "", []string{"Bureau"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all[0]) != 2 || all[0][0].ID != "org:prefix" || all[0][1].ID != "person:bureau" {
		t.Errorf("Lookup in every label = %v, want org:prefix and person:bureau", all[0])
	}
}
