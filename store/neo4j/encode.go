package neo4j

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Property type codes, kept in _pt parallel to the names in _pk, so that a read gives back
// exactly the Go values Replace was given: Neo4j returns every list as []any and drops the
// element type of an empty list, and cannot hold a nil list at all.
const (
	typeString      = "s"
	typeInt         = "i"
	typeFloat       = "f"
	typeBool        = "b"
	typeStrings     = "S"
	typeInts        = "I"
	typeNilStrings  = "S0" // []string(nil): no property stored
	typeNilInts     = "I0" // []int64(nil): no property stored
	typeEmptyString = "S_" // []string{}: no property stored
	typeEmptyInts   = "I_" // []int64{}: no property stored
)

// filterFields are the optional fields a list filters and orders by. Each gets a typed
// copy _f_<field> holding the value only when it is of the field's kind (string, or int64
// for number), so that Cypher comparisons and ORDER BY treat a value of another kind as
// missing, as store.Filter.Match and store.SortValues do.
var filterFields = store.PropertyFields()

// reservedNodeProp reports whether a Props key would clash with what the store keeps on a
// node itself.
func reservedNodeProp(k string) bool {
	return k == propID || k == propName || k == propAliases || strings.HasPrefix(k, "_")
}

// checkProps refuses property names the representation cannot hold.
func checkProps(g *kg.Graph) error {
	for _, n := range g.Nodes {
		for k := range n.Props {
			if reservedNodeProp(k) || k == "" {
				return fmt.Errorf("neo4j: node %q: property name %q is reserved by the store", n.ID, k)
			}
		}
	}
	for _, e := range g.Edges {
		for k := range e.Props {
			if strings.HasPrefix(k, "_") || k == "" {
				return fmt.Errorf("neo4j: edge %s: property name %q is reserved by the store", e.ID(), k)
			}
		}
	}
	return nil
}

// encodeProps adds props to p as Neo4j properties, with their names (_pk) and types (_pt).
func encodeProps(p map[string]any, props map[string]any) error {
	if len(props) == 0 {
		return nil
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	types := make([]string, len(keys))
	for i, k := range keys {
		switch v := props[k].(type) {
		case string:
			types[i], p[k] = typeString, v
		case int64:
			types[i], p[k] = typeInt, v
		case float64:
			types[i], p[k] = typeFloat, v
		case bool:
			types[i], p[k] = typeBool, v
		case []string:
			switch {
			case v == nil:
				types[i] = typeNilStrings
			case len(v) == 0:
				types[i] = typeEmptyString
			default:
				types[i], p[k] = typeStrings, v
			}
		case []int64:
			switch {
			case v == nil:
				types[i] = typeNilInts
			case len(v) == 0:
				types[i] = typeEmptyInts
			default:
				types[i], p[k] = typeInts, v
			}
		default:
			return fmt.Errorf("property %q: unsupported value type %T", k, v)
		}
	}
	p[propPropKeys] = keys
	p[propPropType] = types
	return nil
}

// decodeProps rebuilds Props from _pk, _pt and the values read in _pk order.
func decodeProps(keys, types, vals any) (map[string]any, error) {
	ks, _ := keys.([]any)
	ts, _ := types.([]any)
	vs, _ := vals.([]any)
	if len(ks) == 0 {
		return nil, nil
	}
	if len(ts) != len(ks) || len(vs) != len(ks) {
		return nil, fmt.Errorf("property lists of unequal length")
	}
	out := make(map[string]any, len(ks))
	for i := range ks {
		k, _ := ks[i].(string)
		t, _ := ts[i].(string)
		v, err := decodeValue(t, vs[i])
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func decodeValue(t string, v any) (any, error) {
	bad := fmt.Errorf("stored %T does not hold type %q", v, t)
	switch t {
	case typeString:
		if x, ok := v.(string); ok {
			return x, nil
		}
	case typeInt:
		if x, ok := v.(int64); ok {
			return x, nil
		}
	case typeFloat:
		if x, ok := v.(float64); ok {
			return x, nil
		}
	case typeBool:
		if x, ok := v.(bool); ok {
			return x, nil
		}
	case typeNilStrings:
		return []string(nil), nil
	case typeNilInts:
		return []int64(nil), nil
	case typeEmptyString:
		return []string{}, nil
	case typeEmptyInts:
		return []int64{}, nil
	case typeStrings:
		l, ok := v.([]any)
		if !ok {
			return nil, bad
		}
		out := make([]string, len(l))
		for i, x := range l {
			if out[i], ok = x.(string); !ok {
				return nil, bad
			}
		}
		return out, nil
	case typeInts:
		l, ok := v.([]any)
		if !ok {
			return nil, bad
		}
		out := make([]int64, len(l))
		for i, x := range l {
			if out[i], ok = x.(int64); !ok {
				return nil, bad
			}
		}
		return out, nil
	}
	return nil, bad
}

// encodeEvidence is the JSON kept in _mentions and _evidence; nil for none.
func encodeEvidence(ev []kg.Evidence) (any, error) {
	if len(ev) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func decodeEvidence(v any) ([]kg.Evidence, error) {
	s, _ := v.(string)
	if s == "" {
		return nil, nil
	}
	var ev []kg.Evidence
	if err := json.Unmarshal([]byte(s), &ev); err != nil {
		return nil, err
	}
	if len(ev) == 0 {
		return nil, nil
	}
	return ev, nil
}

// nodeRow is what Replace writes for a node: every property of the Neo4j node.
// The generation is not in it: the write statement sets it.
func nodeRow(n *kg.Node, degree int) (map[string]any, error) {
	d := store.NewSearchDoc(n) // folds once: NameKey and SearchKey both come from it
	p := map[string]any{
		propID:     n.ID,
		propLabel:  string(n.Label),
		propName:   n.Name,
		propKey:    d.NameKey,
		propKeys:   store.NameKeys(n),
		propSearch: d.NamesKey(),
		propDegree: int64(degree),
	}
	if c := d.CiteKey(); c != "" {
		p[propCites] = c
	}
	if t := d.FoldedText(); t != "" {
		p[propText] = t
	}
	if len(n.Aliases) > 0 {
		p[propAliases] = n.Aliases
	}
	m, err := encodeEvidence(n.Mentions)
	if err != nil {
		return nil, err
	}
	if m != nil {
		p[propMentions] = m
	}
	if err := encodeProps(p, n.Props); err != nil {
		return nil, err
	}
	for _, f := range filterFields {
		if v := store.SortValues([]store.Order{{Field: f}}, n, "", 0)[0]; v != nil {
			p[fieldPrefix+string(f)] = v
		}
	}
	if steps := store.DatedSteps(n); len(steps) > 0 {
		p[propSteps] = steps
	}
	return p, nil
}

// edgeRow is what Replace writes for an edge: its ends and the relationship's properties.
func edgeRow(e *kg.Edge) (map[string]any, error) {
	p := map[string]any{}
	ev, err := encodeEvidence(e.Evidence)
	if err != nil {
		return nil, err
	}
	if ev != nil {
		p[propEvidence] = ev
	}
	if err := encodeProps(p, e.Props); err != nil {
		return nil, err
	}
	return map[string]any{"from": e.From, "to": e.To, "p": p}, nil
}

// nodeProj is the Cypher expression that returns node v for decodeNode: a list rather than
// the whole property map, so that the derived properties (the search key holds a folded
// copy of a document's text) are not sent back.
func nodeProj(v string) string {
	return fmt.Sprintf("[%[1]s.%[2]s, %[1]s.%[3]s, %[1]s.%[4]s, %[1]s.%[5]s, %[1]s.%[6]s, %[1]s.%[7]s, %[1]s.%[8]s, [k IN coalesce(%[1]s.%[7]s, []) | %[1]s[k]]]",
		v, propID, propLabel, propName, propAliases, propMentions, propPropKeys, propPropType)
}

// nodeProjLight is nodeProj without what a light read leaves out (store.ListQuery.Light):
// the mentions and the text property, a document's bulk.
func nodeProjLight(v string) string { return nodeProjWithout(v, true) }

// nodeProjNoMentions is nodeProj without the mentions: what a light search reads (ranking
// needs the text).
func nodeProjNoMentions(v string) string { return nodeProjWithout(v, false) }

func nodeProjWithout(v string, text bool) string {
	keep := "true"
	if text {
		keep = fmt.Sprintf("k <> '%s'", kg.PropText)
	}
	return fmt.Sprintf("[%[1]s.%[2]s, %[1]s.%[3]s, %[1]s.%[4]s, %[1]s.%[5]s, null, "+
		"[k IN coalesce(%[1]s.%[6]s, []) WHERE %[8]s], "+
		"[i IN range(0, size(coalesce(%[1]s.%[6]s, [])) - 1) WHERE %[9]s | %[1]s.%[7]s[i]], "+
		"[k IN coalesce(%[1]s.%[6]s, []) WHERE %[8]s | %[1]s[k]]]",
		v, propID, propLabel, propName, propAliases, propPropKeys, propPropType, keep,
		strings.ReplaceAll(keep, "k ", fmt.Sprintf("%s.%s[i] ", v, propPropKeys)))
}

// projection is nodeProj, or nodeProjLight for a light read.
func projection(light bool) func(string) string {
	if light {
		return nodeProjLight
	}
	return nodeProj
}

// decodeNode reads what nodeProj and nodeProjLight return.
func decodeNode(v any) (*kg.Node, error) {
	l, ok := v.([]any)
	if !ok || len(l) != 8 {
		return nil, fmt.Errorf("neo4j: unexpected node value %T", v)
	}
	n := &kg.Node{}
	n.ID, _ = l[0].(string)
	label, _ := l[1].(string)
	n.Label = kg.Label(label)
	n.Name, _ = l[2].(string)
	if as, ok := l[3].([]any); ok && len(as) > 0 {
		n.Aliases = make([]string, len(as))
		for i, a := range as {
			n.Aliases[i], _ = a.(string)
		}
	}
	var err error
	if n.Mentions, err = decodeEvidence(l[4]); err != nil {
		return nil, fmt.Errorf("neo4j: node %q mentions: %w", n.ID, err)
	}
	if n.Props, err = decodeProps(l[5], l[6], l[7]); err != nil {
		return nil, fmt.Errorf("neo4j: node %q: %w", n.ID, err)
	}
	return n, nil
}

// edgeProj is the Cypher expression that returns relationship r for decodeEdge.
func edgeProj(r string) string {
	return fmt.Sprintf("[type(%[1]s), startNode(%[1]s).%[2]s, endNode(%[1]s).%[2]s, %[1]s.%[3]s, %[1]s.%[4]s, %[1]s.%[5]s, [k IN coalesce(%[1]s.%[4]s, []) | %[1]s[k]]]",
		r, propID, propEvidence, propPropKeys, propPropType)
}

// decodeEdge reads what edgeProj returns.
func decodeEdge(v any) (*kg.Edge, error) {
	l, ok := v.([]any)
	if !ok || len(l) != 7 {
		return nil, fmt.Errorf("neo4j: unexpected edge value %T", v)
	}
	e := &kg.Edge{}
	t, _ := l[0].(string)
	e.Type = kg.RelType(t)
	e.From, _ = l[1].(string)
	e.To, _ = l[2].(string)
	var err error
	if e.Evidence, err = decodeEvidence(l[3]); err != nil {
		return nil, fmt.Errorf("neo4j: edge %s evidence: %w", e.ID(), err)
	}
	if e.Props, err = decodeProps(l[4], l[5], l[6]); err != nil {
		return nil, fmt.Errorf("neo4j: edge %s: %w", e.ID(), err)
	}
	return e, nil
}

// genClause starts every read: it binds g to the served generation, in the same statement
// as the rest of the read, which then matches nodes of generation g only. Without a
// graph, g is null and nothing matches.
var genClause = fmt.Sprintf("OPTIONAL MATCH (meta:%s {key: $meta})\nWITH meta.current AS g\n", labelMeta)

// stableTail ends every read. The read has reduced its answer to one row (cols, with g in
// scope) by aggregation, so this runs after all of it, and reads Meta.current again:
// Neo4j reads are read-committed, not snapshots, so a read that began on generation g just
// before Replace made another one current could see g partly deleted. Replace deletes
// only generations that are no longer current, so when Meta.current is still g at the end,
// nothing the read saw was being deleted; otherwise "stable" is false and read runs the
// statement again.
func stableTail(cols string) string {
	return fmt.Sprintf(`
OPTIONAL MATCH (meta2:%s {key: $meta})
RETURN %s, coalesce(meta2.current = g, meta2.current IS NULL AND g IS NULL) AS stable`, labelMeta, cols)
}
