package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// foundByProperty are the fields that return a node of the graph but follow no edge: the
// motion a Kamerstuk document is and the Kamerstuk of a motion are found by dossier and
// number, the office that made a commitment by its madeBy property.
var foundByProperty = map[fieldRef]bool{{"Document", "motion"}: true, {"Motion", "document"}: true, {"Commitment", "madeBy"}: true}

// TestRelationFieldsDeclared checks the table read from the schema's @relation
// declarations: every field of a node type that returns nodes, involvements or a relation
// connection (the generic `relations` and foundByProperty aside) is in it with the shape
// its type says; every role field brings its twin; a field name has one shape on every
// type; and the table holds as many fields of each shape as the schema has.
func TestRelationFieldsDeclared(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	byName := map[string]shape{}
	counts := map[shape]int{}
	for _, def := range schema.Types {
		if def.Kind != ast.Object || !isNodeType(schema, def.Name) {
			continue
		}
		for _, f := range def.Fields {
			ref := fieldRef{def.Name, f.Name}
			want, ok := shapeOfType(schema, f.Type)
			if !ok || f.Name == "relations" || foundByProperty[ref] {
				continue
			}
			d, ok := lookupRelation(def.Name, f.Name)
			switch {
			case !ok:
				t.Errorf("%s returns %s but is not declared", ref, f.Type)
				continue
			case d.shape != want:
				t.Errorf("%s: declared %s, returns %s", ref, d.shape, f.Type)
			}
			if s, ok := byName[f.Name]; ok && s != want {
				t.Errorf("%s: the field %q has another shape on another type", ref, f.Name)
			}
			byName[f.Name] = want
			counts[want]++
			if want != connectionShape {
				if _, ok := lookupRelation(def.Name, f.Name+twinSuffix); !ok {
					t.Errorf("role field %s has no twin", ref)
				}
			}
		}
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != len(relationFields) {
		t.Errorf("the schema has %d relationship fields, the table %d", total, len(relationFields))
	}
	t.Logf("relationship fields by shape: %v", counts)
	if counts[connectionShape] < 60 || counts[listShape] < 30 || counts[singleShape] < 3 || counts[involvementShape] != 2 {
		t.Errorf("too few relationship fields found: %v", counts)
	}
}

// TestRelationDeclarationsRead pins what a few declarations read as, enum values converted
// to the graph's relation types and labels.
func TestRelationDeclarationsRead(t *testing.T) {
	for ref, want := range map[fieldRef]string{
		{"Actielijn", "holders"}:            "HOLDS IN Organisation LIST",
		{"Actielijn", "holdersConnection"}:  "HOLDS IN Organisation CONNECTION",
		{"Organisation", "holds"}:           "HOLDS OUT  CONNECTION",
		{"Person", "party"}:                 "MEMBER_OF OUT Party SINGLE",
		{"Action", "involved"}:              "HOLDS,EXECUTES,COMMISSIONED,COORDINATES IN Organisation INVOLVEMENTS",
		{"Document", "mentionedIn"}:         "MENTIONS IN Document CONNECTION",
		{"Organisation", "parts"}:           "PART_OF IN  LIST",
		{"Organisation", "partsConnection"}: "PART_OF IN  CONNECTION",
	} {
		d, ok := lookupRelation(ref.typ, ref.field)
		if !ok {
			t.Errorf("%s is not declared", ref)
			continue
		}
		var types, labels []string
		for _, x := range d.types {
			types = append(types, string(x))
		}
		for _, x := range d.labels {
			labels = append(labels, string(x))
		}
		got := strings.Join([]string{strings.Join(types, ","), string(d.dir), strings.Join(labels, ","), d.shape.String()}, " ")
		if got != want {
			t.Errorf("%s reads as %q, want %q", ref, got, want)
		}
	}
}

// TestRelationDeclarationMistakes: each mistake in a declaration, made in a copy of the
// real schema, stops the reading with an error that names the field and the mistake
// (mustReadRelations, which runs when the package is initialised, panics with it).
func TestRelationDeclarationMistakes(t *testing.T) {
	const holders = `): [Organisation!]! @relation(types: [HOLDS], direction: IN, labels: [Organisation], shape: LIST)`
	const asOf = "    \"Only relations (and nodes at the other end) in the graph on this date (see `since`); null: all.\"\n    asOf: Date\n"
	const last = "    \"Page backward: at most this many, the last before `before` (or the last of all); at most 500. Not with `first` or `after`.\"\n    last: Int\n"
	const before = "    \"Page backward: the items just before this cursor (a `pageInfo.startCursor` or an edge's `cursor`).\"\n    before: String\n"
	const mentionedIn = `): DocumentRelationConnection! @relation(types: [MENTIONS], direction: IN, labels: [Document])`
	cases := []struct {
		name     string
		old, new string
		want     string
	}{
		{"unknown relation type", holders, strings.Replace(holders, "[HOLDS]", "[HOLDZ]", 1), `Actielijn.holders: @relation(types:): "HOLDZ" is not a valid RelationType`},
		{"no relation type", holders, strings.Replace(holders, "[HOLDS]", "[]", 1), "Actielijn.holders: @relation(types:) names no relation type"},
		{"unknown label", holders, strings.Replace(holders, "labels: [Organisation]", "labels: [Organisatie]", 1), `Actielijn.holders: @relation(labels:): "Organisatie" is not a valid Label`},
		{"unknown shape", holders, strings.Replace(holders, "LIST", "LISTS", 1), `Actielijn.holders: @relation(shape:): LISTS is not a valid RelationShape`},
		{"a quoted value", holders, strings.Replace(holders, "[HOLDS]", `["HOLDS"]`, 1), `Actielijn.holders: @relation(types: ["HOLDS"]): write enum values`},
		{"a list declared SINGLE", holders, strings.Replace(holders, "LIST", "SINGLE", 1), "Actielijn.holders: @relation says shape SINGLE, but the field returns [Organisation!]!"},
		{"a list declared a connection", holders, strings.Replace(holders, ", shape: LIST", "", 1), "Actielijn.holders: @relation says shape CONNECTION, but the field returns [Organisation!]!"},
		{"a connection declared a list", mentionedIn, strings.Replace(mentionedIn, "])", "], shape: LIST)", 1), "@relation says shape LIST, but the field returns DocumentRelationConnection!"},
		{"labels the type cannot hold", holders, strings.Replace(holders, "labels: [Organisation]", "labels: [Person]", 1), "Actielijn.holders: returns [Organisation!]!, so @relation must say labels: [Organisation]"},
		{"any label where the type holds one", holders, strings.Replace(holders, "labels: [Organisation], ", "", 1), "Actielijn.holders: returns [Organisation!]!, so @relation must say labels: [Organisation]"},
		{"a connection without @relation", mentionedIn, "): DocumentRelationConnection!", "returns relations but has no @relation"},
		{"a role field without @relation", holders, "): [Organisation!]!", "Actielijn.holders: returns relations but has no @relation"},
		{"a twin with its own @relation", "  holdersConnection(", "  holdersConnection(x: Int): OrganisationRelationConnection! @relation(types: [HOLDS], direction: IN, labels: [Organisation])\n  other(", "holdersConnection: the twin of holders takes that field's @relation"},
		{"a twin that is no connection", "  ): OrganisationRelationConnection!\n  \"Organisations that carry out or work on it (EXECUTES).\"", "  ): [Organisation!]!\n  \"Organisations that carry out or work on it (EXECUTES).\"", "Actielijn.holdersConnection: the twin of holders must return a relation connection, not [Organisation!]!"},
		{"a role field without its twin", "  holdersConnection(", "  holdersConn(", "holders: a role field needs its twin holdersConnection"},
		{"a role field without asOf", asOf + "  " + holders, "  " + holders, "Actielijn.holders: a LIST field takes asOf: Date"},
		{"a connection without last", last + before + asOf + "  " + mentionedIn, before + asOf + "  " + mentionedIn, "mentionedIn: a CONNECTION field takes last: Int"},
		{"@relation on a type that is no node", `  node("A node ID such as`, `  nodeX: Node @relation(types: [HOLDS], direction: IN)
  node("A node ID such as`, "Query.nodeX: @relation on a field of Query, which is not a node type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var srcs []*ast.Source
			found := false
			for _, src := range sources {
				in := src.Input
				if !found && strings.Contains(in, tc.old) {
					in, found = strings.Replace(in, tc.old, tc.new, 1), true
				}
				srcs = append(srcs, &ast.Source{Name: src.Name, Input: in, BuiltIn: src.BuiltIn})
			}
			if !found {
				t.Fatalf("the schema has no %q to change", tc.old)
			}
			s, gerr := gqlparser.LoadSchema(srcs...)
			if gerr != nil {
				t.Fatalf("the changed schema does not load: %v", gerr)
			}
			_, err := readRelations(s)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error with %q", err, tc.want)
			}
			defer func() {
				if p := recover(); p == nil || !strings.Contains(p.(string), tc.want) {
					t.Errorf("mustReadRelations: panic %v, want one with %q", p, tc.want)
				}
			}()
			mustReadRelations(s)
		})
	}
}
