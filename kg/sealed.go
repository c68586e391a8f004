package kg

import (
	"slices"
	"strings"
)

// A store's node is read far more often than it is built, and mostly for one or two of its
// properties: a motion's citation, a document's title. Read from the map, such a property
// cost a hash of the key and, for a map of more than eight entries, four dependent loads
// (the map, its directory, its table, its group), each a cache miss on a large graph: at
// 10 000 letters 6 % of the CPU of an answer of a hundred motions. A sealed node reads
// it from an array next to it, sorted by key, with string values unboxed. Its ID, name and
// short string values are copied side by side into one string: the first read of any of
// them (the loaders hash a node's ID) brings the others into the cache, and an answer that
// writes a motion's name and citation finds them there (at 10 000 letters, 3.5 % less CPU
// a nested answer).

// sealedProps is a node's properties sorted by key; nil for a node that is not sealed.
type sealedProps []sealedProp

type sealedProp struct {
	key string
	val any    // the value, as Props holds it
	str string // the value, unboxed, when it is a string
}

// Seal copies the node's properties into the array that Prop, Str, Int and the like read
// from then on, and lays its short strings side by side: a store seals its own copies,
// which nothing changes after. Props stays as it is, for the readers that range over it;
// a change to it after Seal is not seen by those accessors until the node is sealed again.
func (n *Node) Seal() {
	sealed := make(sealedProps, 0, len(n.Props))
	for k, v := range n.Props {
		s, _ := v.(string)
		sealed = append(sealed, sealedProp{key: k, val: v, str: s})
	}
	slices.SortFunc(sealed, func(a, b sealedProp) int { return strings.Compare(a.key, b.key) })
	n.sealed = sealed
	n.joinStrings()
}

// maxJoined is the longest string value joined (joinStrings): longer ones, such as a
// document's text, stay where they are.
const maxJoined = 256

// joinStrings copies the node's ID, name and short sealed string values, in that order,
// into one string, and points them at their copies.
func (n *Node) joinStrings() {
	size := len(n.ID) + len(n.Name)
	for _, p := range n.sealed {
		if len(p.str) <= maxJoined {
			size += len(p.str)
		}
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(n.ID)
	b.WriteString(n.Name)
	for _, p := range n.sealed {
		if len(p.str) <= maxJoined {
			b.WriteString(p.str)
		}
	}
	joined, at := b.String(), 0
	next := func(s string) string {
		s = joined[at : at+len(s)]
		at += len(s)
		return s
	}
	n.ID, n.Name = next(n.ID), next(n.Name)
	for i := range n.sealed {
		if p := &n.sealed[i]; len(p.str) <= maxJoined {
			p.str = next(p.str)
		}
	}
}

// Unsealed returns the node as it was before Seal: equal to the node that was sealed, for
// comparisons that look at every field.
func (n Node) Unsealed() Node {
	n.sealed = nil
	return n
}

// find returns the property named key, or nil. The keys are few (at most some fifteen), and
// most are the constants of props.go, so comparing them by length first finds a key in a
// handful of comparisons without hashing it.
func (s sealedProps) find(key string) *sealedProp {
	for i := range s {
		if s[i].key == key {
			return &s[i]
		}
	}
	return nil
}
