package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"beleidsgraaf/kg"
)

// writeExportJSON writes the graph as
//
//	{"nodes": [{"id", "label", "name", "aliases", <every other property, keys sorted>, "mentions"}],
//	 "edges": [{"type", "from", "to", <edge properties, keys sorted>, "evidence"}]}
//
// with nodes and edges in the graph's (canonical) order, so the same graph always gives the
// same bytes. aliases, mentions and evidence are always arrays, possibly empty.
//
// It streams: each node and edge is written as soon as it is encoded, so an export needs
// memory for the graph, not for its JSON as well (100 000 letters make gigabytes of it).
func writeExportJSON(w io.Writer, g *kg.Graph) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	var obj, indented bytes.Buffer
	// element writes one array element indented as json.Indent would inside the document
	element := func(first bool, write func(o *jsonObject)) error {
		obj.Reset()
		indented.Reset()
		o := jsonObject{buf: &obj}
		write(&o)
		if err := o.close(); err != nil {
			return err
		}
		if err := json.Indent(&indented, obj.Bytes(), "    ", "  "); err != nil {
			return err
		}
		if first {
			bw.WriteString("\n    ")
		} else {
			bw.WriteString(",\n    ")
		}
		_, err := indented.WriteTo(bw)
		return err
	}
	bw.WriteString("{\n  \"nodes\": [")
	for i := range g.Nodes {
		n := &g.Nodes[i]
		err := element(i == 0, func(o *jsonObject) {
			o.field("id", n.ID)
			o.field("label", n.Label)
			o.field("name", n.Name)
			o.field("aliases", orEmpty(n.Aliases))
			o.props(n.Props, "id", "label", "name", "aliases", "mentions")
			o.field("mentions", orEmpty(n.Mentions))
		})
		if err != nil {
			return fmt.Errorf("node %s: %w", n.ID, err)
		}
	}
	closeArray(bw, len(g.Nodes))
	bw.WriteString(",\n  \"edges\": [")
	for i := range g.Edges {
		e := &g.Edges[i]
		err := element(i == 0, func(o *jsonObject) {
			o.field("type", e.Type)
			o.field("from", e.From)
			o.field("to", e.To)
			o.props(e.Props, "type", "from", "to", "evidence")
			o.field("evidence", orEmpty(e.Evidence))
		})
		if err != nil {
			return fmt.Errorf("edge %s: %w", e.ID(), err)
		}
	}
	closeArray(bw, len(g.Edges))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// closeArray ends an array the way json.Indent does: "[]" when empty.
func closeArray(bw *bufio.Writer, n int) {
	if n == 0 {
		bw.WriteString("]")
		return
	}
	bw.WriteString("\n  ]")
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// jsonObject writes one JSON object with keys in the order they are added.
type jsonObject struct {
	buf *bytes.Buffer
	n   int
	err error
}

func (o *jsonObject) field(key string, v any) {
	if o.err != nil {
		return
	}
	if o.n == 0 {
		o.buf.WriteByte('{')
	} else {
		o.buf.WriteByte(',')
	}
	o.n++
	o.buf.Write(mustJSON(key))
	o.buf.WriteByte(':')
	b, err := marshal(v)
	if err != nil {
		o.err = err
		return
	}
	o.buf.Write(b)
}

// props adds every property but the reserved keys, sorted by key.
func (o *jsonObject) props(p map[string]any, reserved ...string) {
	keys := make([]string, 0, len(p))
	for k := range p {
		if !slices.Contains(reserved, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		o.field(k, p[k])
	}
}

func (o *jsonObject) close() error {
	if o.n == 0 {
		o.buf.WriteByte('{')
	}
	o.buf.WriteByte('}')
	return o.err
}

// marshal encodes v without HTML escaping, so quotes with "<" or "&" stay readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func mustJSON(s string) []byte {
	b, _ := marshal(s)
	return b
}

// writeExportGraphML writes the graph as GraphML for Gephi and similar tools. Node
// properties become node attributes (lists joined with "; "), except the long document
// text; edges carry their type, evidence count and first quote and document.
func writeExportGraphML(w io.Writer, g *kg.Graph) error {
	type key struct{ id, name, typ string }
	nodeKeys := []key{{"label", "label", "string"}, {"name", "name", "string"}, {"aliases", "aliases", "string"}}
	nodeKeyType := map[string]string{}
	var propNames []string
	for i := range g.Nodes {
		for k, v := range g.Nodes[i].Props {
			if k == kg.PropText || k == "label" || k == "name" || k == "aliases" {
				continue
			}
			t := graphMLType(v)
			prev, seen := nodeKeyType[k]
			switch {
			case !seen:
				nodeKeyType[k] = t
				propNames = append(propNames, k)
			case prev != t:
				nodeKeyType[k] = "string"
			}
		}
	}
	slices.Sort(propNames)
	for _, k := range propNames {
		nodeKeys = append(nodeKeys, key{"n_" + k, k, nodeKeyType[k]})
	}
	edgeKeys := []key{{"type", "type", "string"}, {"evidenceCount", "evidenceCount", "int"},
		{"quote", "quote", "string"}, {"document", "document", "string"}}

	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n")
	for _, k := range nodeKeys {
		fmt.Fprintf(&b, "  <key id=%q for=\"node\" attr.name=%q attr.type=%q/>\n", k.id, k.name, k.typ)
	}
	for _, k := range edgeKeys {
		fmt.Fprintf(&b, "  <key id=\"e_%s\" for=\"edge\" attr.name=%q attr.type=%q/>\n", k.id, k.name, k.typ)
	}
	b.WriteString("  <graph id=\"beleidsgraaf\" edgedefault=\"directed\">\n")
	data := func(key, val string) {
		fmt.Fprintf(&b, "      <data key=\"%s\">%s</data>\n", xmlEscape(key), xmlEscape(val))
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		fmt.Fprintf(&b, "    <node id=\"%s\">\n", xmlEscape(n.ID))
		data("label", string(n.Label))
		data("name", n.Name)
		if len(n.Aliases) > 0 {
			data("aliases", strings.Join(n.Aliases, "; "))
		}
		for _, k := range propNames {
			if v, ok := n.Props[k]; ok {
				data("n_"+k, graphMLValue(v))
			}
		}
		b.WriteString("    </node>\n")
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		fmt.Fprintf(&b, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", xmlEscape(e.ID()), xmlEscape(e.From), xmlEscape(e.To))
		data("e_type", string(e.Type))
		data("e_evidenceCount", strconv.Itoa(len(e.Evidence)))
		if len(e.Evidence) > 0 {
			data("e_quote", e.Evidence[0].Quote)
			data("e_document", e.Evidence[0].Document)
		}
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func graphMLType(v any) string {
	switch v.(type) {
	case int64:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	}
	return "string"
}

func graphMLValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		return strings.Join(x, "; ")
	case []int64:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = strconv.FormatInt(n, 10)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
