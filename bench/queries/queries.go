// Package queries holds the five representative queries of the API benchmarks, in two
// dialects: our schema (schema/*.graphqls) and @neo4j/graphql over the same Neo4j data
// (bench/neo4j-graphql/typeDefs.graphql). Each query has variants (variables) that the load
// generator cycles through; variant i asks the same question in both dialects.
//
// The questions are about the synthetic corpus of package gen (organisations it defines),
// so they find something in any corpus of 10 letters or more.
package queries

import (
	"fmt"
	"strings"

	"beleidsgraaf/gen"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Query is one benchmark query.
type Query struct {
	Name string
	// What it is, for the tables.
	Desc string
	// Levels is how many nesting levels fetch from the store: the most store round trips
	// the query may cost ("one round trip per nesting level").
	Levels int
	Ours   string
	Neo    string           // the @neo4j/graphql version; it may use $gen (the server sets it)
	Vars   []map[string]any // variants, our dialect
	NeoVar []map[string]any // the same variants, @neo4j/graphql dialect
}

// Variants per query.
const variants = 10

// All returns the five queries.
func All() []Query {
	var lookup, search, hood Query
	lookup = Query{
		Name: "lookup", Levels: 1,
		Desc: "organisation by name (case- and accent-insensitive)",
		Ours: `query Lookup($name: String!) { organisation(name: $name) { id name abbreviation kind aliases } }`,
		Neo:  `query Lookup($key: String!, $gen: Int) { organisations(where: {_keys: {includes: $key}, _gen: {eq: $gen}}) { id name abbreviation kind aliases } }`,
	}
	search = Query{
		Name: "search", Levels: 1,
		Desc: "search for an organisation's full name, top 20",
		Ours: `query Search($text: String!) { search(text: $text, first: 20) { score node { id label name } } }`,
		Neo:  `query Search($phrase: String!, $terms: [String!]!) { search(phrase: $phrase, terms: $terms, first: 20) { id label name score } }`,
	}
	hood = Query{
		Name: "neighbourhood", Levels: 1,
		Desc: "neighbourhood of an organisation, depth 2, at most 200 nodes",
		Ours: `query Neighbourhood($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 200) { nodes { id label name } edges { id type from to } } }`,
		Neo:  `query Neighbourhood($id: ID!) { neighbourhood(id: $id, limit: 200) { nodes { id label name } edges { id type from to } } }`,
	}
	for k := range variants {
		name, abbr := gen.Organisation(k)
		lookup.Vars = append(lookup.Vars, map[string]any{"name": name})
		lookup.NeoVar = append(lookup.NeoVar, map[string]any{"key": kg.Fold(name)})
		p := store.ParseSearch(name)
		search.Vars = append(search.Vars, map[string]any{"text": name})
		search.NeoVar = append(search.NeoVar, map[string]any{"phrase": p.Phrase, "terms": p.Terms})
		id := kg.OrganisationID(strings.ToLower(abbr))
		hood.Vars = append(hood.Vars, map[string]any{"id": id})
		hood.NeoVar = append(hood.NeoVar, map[string]any{"id": id})
	}
	list := Query{
		Name: "list", Levels: 1,
		Desc: "letters dated from a year on, newest first, page of 20 with totalCount",
		Ours: `query List($from: Date!) { documents(first: 20, where: {kind: {eq: LETTER}, date: {gte: $from}}, orderBy: [{field: DATE, direction: DESC}]) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title date } } } }`,
		Neo:  `query List($from: String!, $gen: Int) { documentsConnection(first: 20, where: {kind: {eq: "LETTER"}, date: {gte: $from}, _gen: {eq: $gen}}, sort: [{date: DESC}, {_key: ASC}, {id: ASC}]) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title date } } } }`,
	}
	nested := Query{
		Name: "nested", Levels: 3,
		Desc: "10 letters → the motions they respond to (10 each) → their submitters",
		Ours: `query Nested($to: Date!) { documents(first: 10, where: {kind: {eq: LETTER}, date: {lte: $to}}, orderBy: [{field: DATE, direction: DESC}]) { edges { node { id title respondsTo(first: 10) { edges { node { ... on Motion { name citation submitters { name } } } } } } } } }`,
		Neo:  `query Nested($to: String!, $gen: Int) { documentsConnection(first: 10, where: {kind: {eq: "LETTER"}, date: {lte: $to}, _gen: {eq: $gen}}, sort: [{date: DESC}, {_key: ASC}, {id: ASC}]) { edges { node { id title respondsToConnection(first: 10) { edges { node { ... on Motion { name citation submitters { name } } } } } } } } }`,
	}
	for k := range variants {
		from := fmt.Sprintf("%d-01-01", 2016+k%10)
		list.Vars = append(list.Vars, map[string]any{"from": from})
		list.NeoVar = append(list.NeoVar, map[string]any{"from": from})
		to := fmt.Sprintf("%d-12-31", 2016+k%10)
		nested.Vars = append(nested.Vars, map[string]any{"to": to})
		nested.NeoVar = append(nested.NeoVar, map[string]any{"to": to})
	}
	return []Query{lookup, list, nested, search, hood}
}

// Select returns the queries named in a comma-separated list ("" or "all": every one).
func Select(names string) ([]Query, error) {
	all := All()
	if names == "" || names == "all" {
		return all, nil
	}
	var out []Query
	for _, n := range strings.Split(names, ",") {
		found := false
		for _, q := range all {
			if q.Name == strings.TrimSpace(n) {
				out, found = append(out, q), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown query %q", n)
		}
	}
	return out, nil
}
