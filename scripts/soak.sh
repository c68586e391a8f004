#!/usr/bin/env bash
# Bounded soak on loopback against both stores: for each, start the server (memory: the
# bundled corpus; neo4j: a Neo4j of its own on a spare port, loaded with the corpus), warm
# up (each query 20 times one at a time, then the rate for SOAK_WARMUP), then run cmd/soak at a fixed rate for a fixed time over a mix of five queries. Prints
# per store: requests, errors (must be 0), p50/p90/p99 latency, and the server's resident
# memory at the start, while running and at the end. Fails if any request failed.
#
# Environment (all optional):
#   SOAK_DURATION   soak time per store       (60s)
#   SOAK_RATE       requests per second       (50)
#   SOAK_WARMUP     warm-up before measuring  (5s)
#   SOAK_STORES     which stores              ("memory neo4j")
#   SOAK_NEO4J_URI  use this Neo4j, already loaded with the corpus, instead of starting one
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

DURATION="${SOAK_DURATION:-60s}"
RATE="${SOAK_RATE:-50}"
WARMUP="${SOAK_WARMUP:-5s}"
STORES="${SOAK_STORES:-memory neo4j}"

work="$(mktemp -d "${TMPDIR:-/tmp}/beleidsgraaf-soak.XXXXXX")"
neo4j_env=(NEO4J_HOME_DIR="$work/neo4j" NEO4J_PID_FILE="$work/neo4j.pid" NEO4J_LOG="$work/neo4j.log")
server_pid="" neo4j_started=0 ok=0

say() { printf 'soak: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
# shellcheck source=scripts/ports.sh
. scripts/ports.sh # the working directory is the repository root
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  if [[ "$neo4j_started" == 1 ]]; then
    env "${neo4j_env[@]}" NEO4J_STOP_TIMEOUT=20 scripts/neo4j/stop.sh >/dev/null 2>&1 || true
  fi
  if [[ "$ok" == 1 ]]; then rm -rf "$work"; else say "logs kept in $work"; fi
}
trap cleanup EXIT

go build -o "$work/beleidsgraaf" .
go build -o "$work/soak" ./cmd/soak

# serve NAME ARGS...: start the server, wait until ready, warm up, soak, stop.
soak_store() {
  local name=$1 port base
  shift
  port=$(free_port)
  base="http://127.0.0.1:$port"
  "$work/beleidsgraaf" serve --addr "127.0.0.1:$port" "$@" >"$work/server-$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$base/readyz" || true)" == 200 ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the $name server exited: $(tail -n 5 "$work/server-$name.log")"
    sleep 0.1
  done
  say "$name: server pid $server_pid on $base; warming up for $WARMUP"
  "$work/soak" --url "$base" --prime 20 --duration "$WARMUP" --rate "$RATE" --name "$name warm-up" >"$work/warmup-$name.txt" ||
    { cat "$work/warmup-$name.txt"; fail "$name: errors during the warm-up"; }
  local status=0
  "$work/soak" --url "$base" --duration "$DURATION" --rate "$RATE" --name "$name ($DURATION at $RATE/s)" || status=$?
  stop_server
  ((status == 0)) || fail "$name: the soak had errors (exit $status)"
}

for store in $STORES; do
  case "$store" in
  memory)
    soak_store memory corpus
    ;;
  neo4j)
    uri="${SOAK_NEO4J_URI:-}"
    if [[ -z "$uri" ]]; then
      bolt_port=$(free_port)
      uri="bolt://127.0.0.1:$bolt_port"
      neo4j_started=1
      env "${neo4j_env[@]}" NEO4J_PORT="$bolt_port" scripts/neo4j/start.sh >/dev/null
      "$work/beleidsgraaf" load --neo4j "$uri" corpus 2>"$work/load.log" | sed 's/^/soak: /'
    fi
    soak_store neo4j --neo4j "$uri"
    ;;
  *) fail "unknown store $store (memory or neo4j)" ;;
  esac
done
ok=1
