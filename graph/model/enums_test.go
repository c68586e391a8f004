package model

import (
	"bytes"
	"strconv"
	"testing"
)

// TestWriteQuoted: enum values are written as strconv.Quote writes them, also the odd value
// the fast path leaves to it.
func TestWriteQuoted(t *testing.T) {
	for _, s := range []string{"HOLDS", "SUBMITTED_IN", "", "a\"b", `a\b`, "a\nb", "é", "\x7f"} {
		var b bytes.Buffer
		writeQuoted(&b, s)
		if want := strconv.Quote(s); b.String() != want {
			t.Errorf("writeQuoted(%q) = %s, want %s", s, b.String(), want)
		}
	}
	var b bytes.Buffer
	RelationType("MEMBER_OF").MarshalGQL(&b)
	if b.String() != `"MEMBER_OF"` {
		t.Errorf("MarshalGQL wrote %s", b.String())
	}
}
