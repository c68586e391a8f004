package model

import (
	"bytes"
	"io"
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

// Every enum appends what it writes, after what dst holds, the odd values too.
func TestEnumsAppendWhatTheyWrite(t *testing.T) {
	type enum interface {
		MarshalGQL(w io.Writer)
		AppendGQL(dst []byte) []byte
	}
	for _, s := range []string{"HOLDS", "SUBMITTED_IN", "", "a\"b", `a\b`, "a\nb", "é", "\x7f", " ", "~"} {
		for _, e := range []enum{Label(s), RelationType(s), Direction(s), DocumentKind(s), PersonKind(s), MotionStatus(s), OrderField(s), OrderDirection(s)} {
			var b bytes.Buffer
			e.MarshalGQL(&b)
			if got := string(e.AppendGQL([]byte("x:"))); got != "x:"+b.String() {
				t.Errorf("%T(%q): appended %s, wrote %s", e, s, got, b.String())
			}
		}
	}
}
