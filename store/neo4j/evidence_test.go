package neo4j

import (
	"reflect"
	"testing"

	"beleidsgraaf/kg"
)

// TestEvidenceLists: evidence written as four lists reads back equal, in the shape the
// driver returns lists (as []any); lists that do not line up are an error, not a guess.
func TestEvidenceLists(t *testing.T) {
	asRead := func(p map[string]any, prefix string) any {
		names := evidenceProps(prefix)
		if _, ok := p[names[0]]; !ok {
			return []any{nil, nil, nil, nil} // absent properties read as null
		}
		out := make([]any, 4)
		for i, n := range names {
			var l []any
			switch v := p[n].(type) {
			case []string:
				for _, x := range v {
					l = append(l, x)
				}
			case []int64:
				for _, x := range v {
					l = append(l, x)
				}
			}
			out[i] = l
		}
		return out
	}
	for _, ev := range [][]kg.Evidence{
		nil,
		{{Document: "doc:a", Quote: "Het CKM is betrokken.", Start: 3, End: 24}},
		{{Document: "doc:a", Quote: "“Citaat” — ü", Start: 0, End: 12}, {Document: "doc:b", Quote: "", Start: 7, End: 7}},
	} {
		p := map[string]any{}
		encodeEvidence(p, propEvidence, ev)
		got, err := decodeEvidence(asRead(p, propEvidence))
		if err != nil || !reflect.DeepEqual(got, ev) {
			t.Errorf("%+v: read back %+v, %v", ev, got, err)
		}
	}
	for _, bad := range []any{
		[]any{[]any{"doc:a"}},
		[]any{[]any{"doc:a"}, []any{"q"}, []any{int64(1)}, []any{}},
		[]any{[]any{"doc:a"}, []any{"q"}, []any{"1"}, []any{int64(2)}},
	} {
		if ev, err := decodeEvidence(bad); err == nil {
			t.Errorf("decodeEvidence(%v) = %+v, want an error", bad, ev)
		}
	}
	if ev, err := decodeEvidence(nil); ev != nil || err != nil {
		t.Errorf("decodeEvidence(nil) = %+v, %v; want none", ev, err)
	}
}
