package graph

import (
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestObjectAnswerIsFieldSetMarshalGQL(t *testing.T) {
	fieldsOf := func(aliases ...string) []graphql.CollectedField {
		fs := make([]graphql.CollectedField, len(aliases))
		for i, a := range aliases {
			fs[i] = graphql.CollectedField{Field: &ast.Field{Alias: a, Name: "name"}}
		}
		return fs
	}
	many := make([]string, 0, 2*manyFields+2)
	for i := range manyFields + 1 {
		many = append(many, fmt.Sprintf("f%d", i))
	}
	many = append(many, many[3], many[manyFields]) // repeated beyond the scan's reach
	for _, c := range []struct {
		name    string
		aliases []string
	}{
		{"no field", nil},
		{"one field", []string{"id"}},
		{"three fields", []string{"id", "name", "__typename"}},
		{"an alias twice", []string{"a", "b", "a"}},
		{"many fields", many},
	} {
		t.Run(c.name, func(t *testing.T) {
			fields := fieldsOf(c.aliases...)
			values := make([]graphql.Marshaler, len(fields))
			for i := range values {
				values[i] = graphql.MarshalString(fmt.Sprintf("value <%d> \"of\" %s", i, c.aliases[i]))
			}
			want := graphql.NewFieldSet(fields)
			copy(want.Values, values)
			if got, w := written(answerObject(fields, values)), written(want); got != w {
				t.Errorf("answer\n%s\nwant\n%s", got, w)
			}
		})
	}
}
