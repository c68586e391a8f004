package graph

import (
	"strings"
	"testing"
)

// TestRelationFieldsDefined checks that relationFields and the schema agree: every
// relationship field (returning a *RelationConnection, other than the generic relations)
// has a definition, and every definition names a field of the schema.
func TestRelationFieldsDefined(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	seen := map[string]bool{}
	for _, def := range schema.Types {
		if len(def.Interfaces) == 0 || !strings.Contains(strings.Join(def.Interfaces, ","), "Node") {
			continue
		}
		for _, f := range def.Fields {
			if f.Name == "relations" || !strings.HasSuffix(f.Type.Name(), "RelationConnection") {
				continue
			}
			key := def.Name + "." + f.Name
			seen[key] = true
			if _, ok := relationFields[key]; !ok {
				t.Errorf("%s has no entry in relationFields", key)
			}
		}
	}
	for key := range relationFields {
		if !seen[key] {
			t.Errorf("relationFields has %s, which the schema lacks", key)
		}
	}
	if len(seen) < 60 {
		t.Errorf("only %d relationship fields found", len(seen))
	}
}
