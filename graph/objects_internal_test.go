package graph

import (
	"fmt"
	"strings"
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
		{"two fields", []string{"id", "name"}},
		{"three fields", []string{"id", "name", "__typename"}},
		{"four fields", []string{"id", "name", "label", "__typename"}},
		{"five fields", []string{"id", "name", "label", "since", "__typename"}},
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
			got := newObjectAnswer(fields)
			copy(got.Values, values)
			if got, w := written(got), written(want); got != w {
				t.Errorf("answer\n%s\nwant\n%s", got, w)
			}
			// Written to a writer other than the executor's bytes.Buffer.
			var other strings.Builder
			got.MarshalGQL(&other)
			if w := written(want); other.String() != w {
				t.Errorf("answer to a %T\n%s\nwant\n%s", &other, other.String(), w)
			}
		})
	}
}

func TestAnswerBufferIsTheCountedSize(t *testing.T) {
	counted := func(maxBytes int64, fields ...int64) *guard {
		g := &guard{maxBytes: maxBytes}
		for _, size := range fields {
			_ = g.count("a", size)
		}
		return g
	}
	for _, c := range []struct {
		name string
		g    *guard
		cap  int
	}{
		{"no guard", nil, 0},
		{"no byte limit: nothing counted", counted(0, 100), 0},
		{"two fields", counted(1000, 10, 20), 2*(8+1) + 30 + answerSlack},
		{"over the limit: no more than it", counted(50, 100), 50 + answerSlack},
	} {
		if got := answerBuffer(c.g); cap(got) != c.cap || len(got) != 0 {
			t.Errorf("%s: len %d cap %d, want an empty buffer of capacity %d", c.name, len(got), cap(got), c.cap)
		}
	}
}
