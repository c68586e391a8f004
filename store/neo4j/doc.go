// Package neo4j is the store.Store on Neo4j 5 (neo4j-go-driver v5). It answers exactly as
// store/memory does: the conformance suite (store/storetest) and a differential test
// against the memory store on a random graph pin that.
//
// # Connection
//
// Open makes one driver per Store (meant to be one per process), checks connectivity, and
// sets up the schema. A read is sent first as an auto-commit transaction (one round trip:
// a read has nothing to commit); when that fails with an error the driver deems
// transient, and for every write, it runs in a managed transaction (ExecuteRead /
// ExecuteWrite), so transient errors are retried for a bounded time (Config.RetryTime). All
// run on the configured database ("neo4j" by default), with every value passed as a
// parameter and the caller's deadline passed to the server as the transaction timeout. The only things written into Cypher
// text are labels and relationship types from kg.Labels and kg.RelTypes (checked first),
// the fixed property names of this package, and integers (depth, maxLength). Failures to
// reach the database are store.ErrUnavailable; a cancelled context is returned as such.
//
// # Representation
//
// A kg.Node is a Neo4j node with the labels :Node and its kg.Label, and properties:
//
//	id, name              as in kg.Node
//	aliases               list of strings; absent when there are none
//	<prop>                every Node.Props entry under its own name, as it is: string,
//	                      int64, float64, bool, []string, []int64 (absent for a nil or
//	                      empty list, which Neo4j cannot type)
//	_pk, _pt              the Props names, sorted, and their Go types ("s", "i", "f",
//	                      "b", "S", "I"; "S0"/"I0" a nil list, "S_"/"I_" an empty one), so
//	                      that reads give back the same Go types (Neo4j returns lists as
//	                      []any) and nil versus empty lists
//	_m_doc, _m_quote,     Node.Mentions as four parallel lists (documents, quotes, starts,
//	_m_start, _m_end      ends): Neo4j properties cannot hold maps, and lists come back
//	                      decoded (a JSON string had to be parsed in Go); absent when none
//	_gen                  the generation (see below)
//	_label                the kg.Label again, for filters on the label
//	_key                  store.NameKey (kg.Fold of the name): the sort key
//	_keys                 store.NameKeys (name, aliases, abbreviation, folded): Lookup and
//	                      name CONTAINS / STARTS_WITH
//	_lookup               the same keys, those of at most maxLookupKey bytes, for the
//	                      full-text index bg_lookup (keyword analyzer: a key is one term)
//	_search, _cites,      store.SearchKey in three parts (SearchDoc.NamesKey: folded names
//	_text                 and title; CiteKey: citation keys; FoldedText: a document's folded
//	                      text): Search finds candidates in them through the full-text index
//	                      bg_search_fields and tests the text in Neo4j, so that it ships no
//	                      text to rank
//	_deg                  the degree (store.Degrees), for ordering by degree
//	_f_<field>            for date, dossier, kind, status (strings) and number (int64): a
//	                      copy of the property only when it is of that kind, so that Cypher
//	                      treats other kinds as missing, as the contract says
//
// A kg.Edge is a relationship of type Edge.Type from From to To, with Edge.Props as
// properties (plus _pk, _pt as on nodes) and the evidence as four lists, as on nodes, in
// _e_doc, _e_quote, _e_start and _e_end.
// Property names that start with "_", and id, name and aliases on nodes, are refused by
// Replace.
//
// # Schema
//
// Created with IF NOT EXISTS at Open: a uniqueness constraint on (id, _gen) for :Node and
// for every label of kg.Labels (on the pair, since two generations hold the same IDs while
// Replace runs; the backing range indexes serve every lookup by ID), a uniqueness
// constraint on :Meta(key), a range index on :Node(_gen), and the full-text index
// bg_search_fields over _search, _cites and _text (Search asks it for "*word*" and
// "word~1", a superset of the contract's matches, and "_text:word~1" for the typo tier,
// and ranks light nodes in Go; bg_names and bg_search of earlier versions are dropped);
// the full-text index bg_lookup over _lookup with the keyword analyzer (Lookup asks for
// whole keys as terms); and the list indexes bg_list_* on :Node, range indexes on
// (_label, _gen, _key), (_label, _gen, _f_<field>) for each filter field and (_label,
// _gen, _f_kind, _f_date), which serve List's filters, counts and cuts (listIndexes). A database
// loaded by an earlier version has no _lookup and keeps evidence as JSON: load it again.
//
// # Generations
//
// Replace writes the new graph as a new generation: nodes tagged _gen = N, written in
// batches of UNWIND $rows … MERGE, each its own transaction. One node (:Meta {key:
// "graph"}) holds current = the served generation; Replace sets it to N in one last
// transaction, after checking that generation N holds every node and edge, and then
// deletes the older generations in batches. Every read starts by reading Meta.current
// and matches only nodes of that generation, in the same statement. A Replace that fails
// before the switch leaves the previous generation served and deletes what it wrote (or
// the next Replace does). Loading the same graph twice gives the same answers.
//
// Neo4j reads are read-committed, not snapshots: a read that began on generation N-1 just
// before the switch could see it being deleted. So every read ends by reading
// Meta.current again, after its answer has been aggregated into one row; if it changed,
// the statement is run again (counted by rereads). Replaces are serialised within a
// process; running two loaders against one database at once is not supported.
//
// # Reads
//
// Every Reader method sends one statement for all the IDs or names it is given (Queries
// counts them). Their shapes, all framed by the generation read and re-check:
//
//	Nodes            MATCH (n:Node) WHERE n.id IN $ids AND n._gen = g
//	Lookup           db.index.fulltext.queryNodes('bg_lookup', '"key1" OR "key2"') then
//	                 WHERE n._gen = g AND n:Label AND any(k IN n._keys WHERE k IN $keys)
//	Neighbours       UNWIND $ids AS id CALL { WITH g, id MATCH (n {id, _gen: g})-[r:TYPES]-(m)
//	                 … ORDER BY type(r), m._key, m.id, outgoing-first LIMIT $first }
//	CountNeighbours  the same pattern, count(r) per ID
//	List             CALL { count(n) } (only WithTotal), CALL { the first sort key alone,
//	                 ORDER BY it LIMIT $first+1: the cut } (when every match has that key)
//	                 and CALL { MATCH (n:Node) WHERE n._label = $label AND <filter> AND
//	                 <keyset after> AND <first key at or beyond the cut> ORDER BY <order>
//	                 LIMIT $first+1 }; the store.Filter tree becomes a predicate (relation
//	                 tests as EXISTS {…}), plain comparisons outside a NOT so that the list
//	                 indexes serve them
//	Search           db.index.fulltext.queryNodes('bg_search_fields', '(*w1* OR w1~1) AND
//	                 *w2*') with the text tests in Cypher, then store.Rank of light nodes
//	                 in Go
//	Subgraph         breadth-first in Cypher, one CALL subquery per level (each level in
//	                 ID order, cut at the limit), then the edges among the nodes taken;
//	                 with NamesOnly and EndsOnly only ID, label and name of the nodes and
//	                 type and ends of the edges are sent back
//	ShortestPath     allShortestPaths, ORDER BY the node IDs then per-step (type,
//	                 direction), LIMIT 1: the contract's deterministic pick. It
//	                 enumerates every shortest path, which is fine for this graph but
//	                 would be slow between nodes joined by combinatorially many
//	Stats            counts per _label and per type(r), of generation g
//
// Cursors are made and read with the shared helpers of package store, so they are the
// memory store's cursors, and ordering compares the same stored keys.
package neo4j
