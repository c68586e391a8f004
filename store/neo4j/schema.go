package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Names of the database objects this package owns. Labels, relationship types and
// property names that appear in Cypher text come only from here and from kg's fixed
// lists (kg.Labels, kg.RelTypes), never from a caller.
const (
	labelNode = "Node" // every graph node also carries this label
	labelMeta = "Meta" // the one node that says which generation is served

	// storeFormat is the layout of a loaded graph: the properties Replace writes and the
	// indexes the reads rely on. Replace records it on the Meta node with the served
	// generation, and CheckFormat refuses a graph of another format: a graph loaded by an
	// earlier version would answer wrongly (no lookup keys: every lookup empty), not fail.
	// Raise it with every change of layout. 2: evidence as lists, lookup keys, dated status
	// steps (December 2026); before it, none was recorded.
	storeFormat = 2
	metaKey     = "graph"

	propID       = "id"
	propName     = "name"
	propAliases  = "aliases"
	propGen      = "_gen"             // generation the node belongs to
	propLabel    = "_label"           // kg.Label, also set as a Neo4j label
	propKey      = "_key"             // store.NameKey: folded name, the sort key
	propKeys     = "_keys"            // store.NameKeys: folded name, aliases, abbreviation
	propSearch   = "_search"          // SearchDoc.NamesKey: folded names and title (searchIndex)
	propCites    = "_cites"           // SearchDoc.CiteKey: citation keys (searchIndex)
	propText     = "_text"            // SearchDoc.FoldedText: a document's folded text (searchIndex)
	searchIndex  = "bg_search_fields" // the full-text index over _search, _cites and _text
	propLookup   = "_lookup"          // the name keys Lookup finds by index (lookupIndex)
	lookupIndex  = "bg_lookup"        // a full-text index of whole keys over _lookup
	propDegree   = "_deg"             // edges at the node, a self-loop once
	propMentions = "_m_"              // prefix of Node.Mentions as four lists (see evidenceProps)
	propEvidence = "_e_"              // prefix of Edge.Evidence as four lists
	propPropKeys = "_pk"              // names of Node.Props / Edge.Props, sorted
	propPropType = "_pt"              // their Go types, parallel to _pk (see encode.go)
	fieldPrefix  = "_f_"              // typed copy of a filterable property (see encode.go)
	propSteps    = "_steps"           // store.DatedSteps: "yyyy-mm-dd STATUS", for statuses as of a date
)

// schemaStatements create, idempotently, the constraints and indexes the store relies on.
// Uniqueness is on (id, _gen), not on id alone: while Replace writes a new generation,
// the served one holds the same IDs. Each constraint is backed by a range index, which
// serves every lookup of a node by ID.
func schemaStatements() []string {
	var out []string
	add := func(name, label string) {
		out = append(out, fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE (n.%s, n.%s) IS UNIQUE",
			name, label, propID, propGen))
	}
	add("bg_node_id", labelNode)
	for _, l := range kg.Labels {
		add("bg_"+strings.ToLower(string(l))+"_id", string(l))
	}
	out = append(out,
		fmt.Sprintf("CREATE CONSTRAINT bg_meta_key IF NOT EXISTS FOR (m:%s) REQUIRE m.key IS UNIQUE", labelMeta),
		fmt.Sprintf("CREATE INDEX bg_node_gen IF NOT EXISTS FOR (n:%s) ON (n.%s)", labelNode, propGen),
		"DROP INDEX bg_names IF EXISTS",  // the full-text index of earlier versions, never read
		"DROP INDEX bg_search IF EXISTS", // of earlier versions: _search alone, the text in it
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.%s, n.%s, n.%s]", searchIndex, labelNode, propSearch, propCites, propText),
	)
	// The keyword analyzer keeps each key of the list whole, as one term: Lookup asks for
	// exact terms, a seek instead of testing the keys of every node of the label.
	out = append(out, fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.%s] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
		lookupIndex, labelNode, propLookup))
	for _, ix := range listIndexes() {
		out = append(out, fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)", ix.name, labelNode, strings.Join(ix.props, ", n.")))
	}
	return out
}

type index struct {
	name  string
	props []string
}

// listIndexes serve List (list.go): its statement tests _label = $label, _gen = g and the
// filter's comparisons as plain predicates, so a range index on (_label, _gen, the fields
// compared or ordered by) turns a scan of every node of the label into a seek of the
// matching rows, and counts them without reading a node: one per filter field, the name
// key (the default order), and kind with date (a kind of document, or of event, from or
// until a date: the API's commonest list).
func listIndexes() []index {
	out := []index{{"bg_list_key", []string{propLabel, propGen, propKey}}}
	for _, f := range filterFields {
		out = append(out, index{"bg_list_" + string(f), []string{propLabel, propGen, fieldPrefix + string(f)}})
	}
	return append(out, index{"bg_list_kind_date", []string{propLabel, propGen, fieldPrefix + string(store.FieldKind), fieldPrefix + string(store.FieldDate)}})
}

// indexNames are the indexes ensureSchema waits for.
func indexNames() []string {
	names := []string{"bg_node_id", "bg_meta_key", "bg_node_gen", searchIndex, lookupIndex}
	for _, ix := range listIndexes() {
		names = append(names, ix.name)
	}
	for _, l := range kg.Labels {
		names = append(names, "bg_"+strings.ToLower(string(l))+"_id")
	}
	return names
}

// ensureSchema creates what schemaStatements lists (one statement per transaction, as
// Neo4j requires for schema changes) and waits until the indexes are online.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, q := range schemaStatements() {
		if _, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return s.run(ctx, tx, q, nil)
		}); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	for _, name := range indexNames() {
		if _, err := s.readRaw(ctx, "CALL db.awaitIndex($name, 300)", map[string]any{"name": name}); err != nil {
			return fmt.Errorf("schema: index %s: %w", name, err)
		}
	}
	return nil
}
