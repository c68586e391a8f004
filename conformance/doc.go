// Package conformance proves that the two stores answer the API alike: the bundled corpus
// goes through the real loader into the memory store and, when NEO4J_URI is set, into Neo4j,
// and the same GraphQL queries must give byte-identical answers and cost the same number of
// store round trips (at most one per nesting level).
package conformance
