package kg

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestSealedReadsAsProps checks that a sealed node answers every accessor as its Props map
// does, for every kind of value, for keys it lacks, and for keys of the same length.
func TestSealedReadsAsProps(t *testing.T) {
	props := map[string]any{
		PropTitle:       "Voortgangsbrief",
		PropKind:        "",
		PropNumber:      int64(257),
		PropCoSigned:    true,
		PropSubmitters:  []string{"Bikker", "Mutluer"},
		PropBudgetEuro:  []int64{250000, 300000},
		PropDate:        "2024-02-02",
		"estimatedCost": 1.5e6,
		"abcd":          "same length as date", // a key as long as another, read by ==
	}
	keys := []string{PropTitle, PropKind, PropNumber, PropCoSigned, PropSubmitters, PropBudgetEuro,
		PropDate, "estimatedCost", "abcd", "absent", "", "dat", "datee"}
	plain := Node{ID: "x", Label: Document, Props: props}
	sealed := plain
	sealed.Seal()
	if sealed.sealed == nil {
		t.Fatal("Seal left the node unsealed")
	}
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			pv, pok := plain.Prop(k)
			sv, sok := sealed.Prop(k)
			if pok != sok || !reflect.DeepEqual(pv, sv) {
				t.Errorf("Prop = %#v, %v; want %#v, %v", sv, sok, pv, pok)
			}
			ps, psok := plain.LookupStr(k)
			ss, ssok := sealed.LookupStr(k)
			if ps != ss || psok != ssok {
				t.Errorf("LookupStr = %q, %v; want %q, %v", ss, ssok, ps, psok)
			}
			if plain.Str(k) != sealed.Str(k) {
				t.Errorf("Str = %q; want %q", sealed.Str(k), plain.Str(k))
			}
			if pr, sr := plain.StrRef(k), sealed.StrRef(k); (pr == nil) != (sr == nil) || pr != nil && *pr != *sr || pr != nil && *pr != plain.Str(k) || pr == nil && plain.Str(k) != "" {
				t.Errorf("StrRef = %v; want %v", sr, pr)
			}
			pi, piok := plain.Int(k)
			si, siok := sealed.Int(k)
			if pi != si || piok != siok {
				t.Errorf("Int = %d, %v; want %d, %v", si, siok, pi, piok)
			}
			if !reflect.DeepEqual(plain.Strings(k), sealed.Strings(k)) || !reflect.DeepEqual(plain.Ints(k), sealed.Ints(k)) || plain.Bool(k) != sealed.Bool(k) {
				t.Errorf("lists or bool differ: %v %v %v", sealed.Strings(k), sealed.Ints(k), sealed.Bool(k))
			}
		})
	}
	if allocs := testing.AllocsPerRun(10, func() { _ = sealed.StrRef(PropTitle) }); allocs != 0 || sealed.StrRef(PropTitle) != sealed.StrRef(PropTitle) {
		t.Errorf("a sealed node's StrRef allocates (%v) or is not the node's own copy", allocs)
	}
	if !reflect.DeepEqual(sealed.Unsealed(), plain) {
		t.Error("Unsealed differs from the node that was sealed")
	}
}

// TestSealedReadsItsOwnCopy checks that a sealed node reads what it held when sealed, and
// that a node without properties reads none, sealed or not.
func TestSealedReadsItsOwnCopy(t *testing.T) {
	n := Node{Props: map[string]any{PropTitle: "before"}}
	n.Seal()
	n.Props[PropTitle] = "after"
	if got := n.Str(PropTitle); got != "before" {
		t.Errorf("sealed Str = %q, want the value it was sealed with", got)
	}
	n.Seal()
	if got := n.Str(PropTitle); got != "after" {
		t.Errorf("sealed again: Str = %q, want %q", got, "after")
	}
	var empty Node
	empty.Seal()
	if _, ok := empty.Prop(PropTitle); ok || empty.sealed == nil {
		t.Errorf("a sealed node without properties: Prop ok = %v, sealed = %v", ok, empty.sealed != nil)
	}
}

// TestSealLaysShortStringsSideBySide checks that a sealed node's ID, name and short string
// values follow each other in memory, and that a long value is left where it was.
func TestSealLaysShortStringsSideBySide(t *testing.T) {
	long := strings.Repeat("tekst ", maxJoined)
	n := Node{ID: "motion:28638-224", Name: "Motie Bikker c.s.", Props: map[string]any{
		PropCitation: "Kamerstuk 28 638, nr. 224", PropNumber: int64(224), PropText: long,
	}}
	n.Seal()
	at := func(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }
	citation := n.Str(PropCitation)
	if at(n.Name) != at(n.ID)+uintptr(len(n.ID)) || at(citation) != at(n.Name)+uintptr(len(n.Name)) {
		t.Errorf("ID, name and citation are not side by side: %#x %#x %#x", at(n.ID), at(n.Name), at(citation))
	}
	if at(n.Str(PropText)) != at(long) {
		t.Error("a value longer than maxJoined was copied")
	}
	if n.ID != "motion:28638-224" || n.Name != "Motie Bikker c.s." || citation != "Kamerstuk 28 638, nr. 224" || n.Str(PropText) != long {
		t.Error("a string changed in the copy")
	}
}
