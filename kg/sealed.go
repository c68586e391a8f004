package kg

import (
	"slices"
	"strings"
)

// A store's node is read far more often than it is built, and mostly for one or two of its
// properties: a motion's citation, a document's title. Read from the map, such a property
// cost a hash of the key and, for a map of more than eight entries, four dependent loads
// (the map, its directory, its table, its group), each a cache miss on a large graph: at
// 10 000 letters a tenth of the CPU of an answer of a hundred motions. A sealed node reads
// it from an array next to it, sorted by key, with string values unboxed.

// sealedProps is a node's properties sorted by key; nil for a node that is not sealed.
type sealedProps []sealedProp

type sealedProp struct {
	key string
	val any    // the value, as Props holds it
	str string // the value, unboxed, when it is a string
}

// Seal copies the node's properties into the array that Prop, Str, Int and the like read
// from then on: a store seals its own copies, which nothing changes after. Props stays as it
// is, for the readers that range over it; changing it after Seal leaves the two apart, so
// Seal again (or Unseal) after a change.
func (n *Node) Seal() {
	sealed := make(sealedProps, 0, len(n.Props))
	for k, v := range n.Props {
		s, _ := v.(string)
		sealed = append(sealed, sealedProp{key: k, val: v, str: s})
	}
	slices.SortFunc(sealed, func(a, b sealedProp) int { return strings.Compare(a.key, b.key) })
	n.sealed = sealed
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
