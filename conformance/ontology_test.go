package conformance

import (
	"slices"
	"testing"

	"beleidsgraaf/graph"
	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store/memory"
)

// The schema's enums are the ontology's: a label or relation type added to kg must be added
// to schema/node.graphqls too (and the other way round), in the same order, or the API would
// answer values its schema does not declare. Likewise every value of the kind and status
// enums must be one graph/model accepts (graph/model/enums.go).
func TestSchemaEnumsAreTheOntology(t *testing.T) {
	schema := graph.NewSchema(memory.New()).Schema()
	values := func(enum string) []string {
		def := schema.Types[enum]
		if def == nil {
			t.Fatalf("the schema has no enum %s", enum)
		}
		var out []string
		for _, v := range def.EnumValues {
			out = append(out, v.Name)
		}
		return out
	}
	var labels, types []string
	for _, l := range kg.Labels {
		labels = append(labels, string(l))
	}
	for _, r := range kg.RelTypes {
		types = append(types, string(r))
	}
	if got := values("Label"); !slices.Equal(got, labels) {
		t.Errorf("enum Label is %v,\nkg.Labels %v", got, labels)
	}
	if got := values("RelationType"); !slices.Equal(got, types) {
		t.Errorf("enum RelationType is %v,\nkg.RelTypes %v", got, types)
	}
	for _, v := range values("DocumentKind") {
		if !model.DocumentKind(v).IsValid() {
			t.Errorf("DocumentKind %s is not in graph/model/enums.go", v)
		}
	}
	for _, v := range values("PersonKind") {
		if !model.PersonKind(v).IsValid() {
			t.Errorf("PersonKind %s is not in graph/model/enums.go", v)
		}
	}
	for _, v := range values("MotionStatus") {
		if !model.MotionStatus(v).IsValid() {
			t.Errorf("MotionStatus %s is not in graph/model/enums.go", v)
		}
	}
}
