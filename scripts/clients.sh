#!/usr/bin/env bash
# The GraphQL clients frontends use, against a running server (clients/, clients/README.md):
#
#   1. npm ci in clients/ (the committed package-lock.json: relay-compiler and relay-runtime,
#      @apollo/client, @urql/core with Graphcache and the persisted exchange,
#      graphql-codegen);
#   2. builds the server and starts it on 127.0.0.1 on a free port with the bundled corpus
#      (memory store, default options: persisted queries off), waits for /readyz;
#   3. npm run prepare-clients: the schema from /graphql/schema.graphql, the README's queries,
#      graphql-codegen (possibleTypes, introspection, types) and relay-compiler;
#   4. npm test: every README query through Relay, Apollo and Graphcache equal to the
#      server's answer from their caches, paging walks both ways, one relation from both ends,
#      persisted-query clients, a second GET answered 304, and no client warnings;
#   5. stops the server.
# Needs go, node >= 20 and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

step() { printf '\n== %s\n' "$*"; }

step "npm ci (clients/)"
(cd clients && npm ci --no-audit --no-fund)

step "build and start the server"
source scripts/corpus_server.sh
start_corpus_server

step "schema, README queries, graphql-codegen, relay-compiler"
(cd clients && BASE_URL="$base" npm run --silent prepare-clients)

step "Relay, Apollo Client and urql Graphcache against the server"
status=0
(cd clients && BASE_URL="$base" npm test) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (tail)"; tail -n 40 "$work/server.log"
fi
exit "$status"
