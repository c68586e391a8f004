package neo4j

import (
	"strings"
)

// maxLookupKey is the longest name key the lookup index holds, in bytes: Lucene refuses a
// term over 32 766 bytes, and a name that long is no name. Lookup finds a longer key by
// testing every node's keys instead (lookupQuery).
const maxLookupKey = 4096

// lookupKeys are the keys of a node that go into the lookup index (_lookup).
func lookupKeys(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "" && len(k) <= maxLookupKey {
			out = append(out, k)
		}
	}
	return out
}

// maxLookupTerms bounds the terms of one index query (Lucene allows 1 024 clauses); a
// Lookup of more names tests every node's keys instead.
const maxLookupTerms = 512

// lookupQuery is the Lucene query of the lookup index that finds the nodes with any of
// keys as a whole key: each key a quoted phrase, which the keyword analyzer keeps as one
// term. ok is false when the index cannot answer (too many keys, or one too long).
func lookupQuery(keys []string) (q string, ok bool) {
	if len(keys) == 0 || len(keys) > maxLookupTerms {
		return "", false
	}
	var b strings.Builder
	for i, k := range keys {
		if len(k) > maxLookupKey {
			return "", false
		}
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteByte('"')
		for _, r := range k {
			if r == '"' || r == '\\' { // the only characters special inside a phrase
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	return b.String(), true
}
