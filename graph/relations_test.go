package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// kamerstukFields return a node of the graph but follow no edge: the motion a Kamerstuk
// document is and the Kamerstuk of a motion are found by dossier and number, the office
// that made a commitment by its madeBy property.
var kamerstukFields = map[string]bool{"Document.motion": true, "Motion.document": true, "Commitment.madeBy": true}

// TestRelationFieldsDefined checks that relationFields and the schema agree: every
// relationship field of a node type (one that returns a relation connection, nodes or
// involvements; the generic `relations` aside) has a definition of the shape its type
// says; every role field has its connection twin; a field name has the same shape on every
// type; and every definition names a field of the schema.
func TestRelationFieldsDefined(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	isNode := func(name string) bool {
		def := schema.Types[name]
		return name == "Node" || def != nil && strings.Contains(","+strings.Join(def.Interfaces, ",")+",", ",Node,")
	}
	shapeOf := func(typ *ast.Type) (shape, bool) {
		name := typ.Name()
		switch {
		case strings.HasSuffix(name, "RelationConnection"):
			return connectionShape, true
		case typ.Elem != nil && name == "Involvement":
			return involvementShape, true
		case typ.Elem != nil && isNode(name):
			return listShape, true
		case typ.Elem == nil && isNode(name):
			return singleShape, true
		}
		return 0, false
	}

	seen := map[string]bool{}
	shapeByName := map[string]shape{}
	counts := map[shape]int{}
	for _, def := range schema.Types {
		if def.Name == "Node" || !isNode(def.Name) {
			continue
		}
		for _, f := range def.Fields {
			key := def.Name + "." + f.Name
			want, ok := shapeOf(f.Type)
			if !ok || f.Name == "relations" || kamerstukFields[key] {
				continue
			}
			d, ok := lookupRelation(def.Name, f.Name)
			if !ok {
				t.Errorf("%s has no entry in relationFields", key)
				continue
			}
			if d.shape != want {
				t.Errorf("%s: relationFields says %s, the schema %s", key, d.shape, want)
			}
			if s, ok := shapeByName[f.Name]; ok && s != want {
				t.Errorf("%s: the field %q has another shape on another type", key, f.Name)
			}
			shapeByName[f.Name] = want
			counts[want]++
			if _, ok := relationFields[key]; ok {
				seen[key] = true
			}
			if want != connectionShape {
				twin := def.Fields.ForName(f.Name + twinSuffix)
				if twin == nil || !strings.HasSuffix(twin.Type.Name(), "RelationConnection") {
					t.Errorf("role field %s has no connection twin %s%s", key, f.Name, twinSuffix)
				}
			}
		}
	}
	for key := range relationFields {
		if !seen[key] {
			t.Errorf("relationFields has %s, which the schema lacks", key)
		}
	}
	t.Logf("relationship fields by shape: %v", counts)
	if counts[connectionShape] < 60 || counts[listShape] < 30 || counts[singleShape] < 3 || counts[involvementShape] != 2 {
		t.Errorf("too few relationship fields found: %v", counts)
	}
}
