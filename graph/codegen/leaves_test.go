package main

import (
	"go/types"
	"testing"
)

func TestSizeOf(t *testing.T) {
	str := types.Typ[types.String]
	named := types.NewNamed(types.NewTypeName(0, nil, "Label", nil), str, nil)
	for _, c := range []struct {
		name string
		t    types.Type
		want string
	}{
		{"string", str, "int64(len(v)) + 2"},
		{"*string", types.NewPointer(str), "resultSize(v)"},
		{"a named string, as resultSize sees it: not a string", named, "8"},
		{"*named", types.NewPointer(named), "8"},
		{"int", types.Typ[types.Int], "8"},
		{"[]string", types.NewSlice(str), "resultSize(v)"},
	} {
		if got := sizeOf(c.t); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
