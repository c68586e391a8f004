#!/usr/bin/env bash
# Neo4j outage drill. Starts its own Neo4j on a spare port (never the one other tests use),
# loads the bundled corpus into it, serves it, and while GraphQL traffic and /readyz and
# /healthz probes run, kills Neo4j (SIGKILL: a crash), keeps it down for a while, and starts
# it again on the same port and data directory. Asserts:
#
#   * during the outage /readyz answers 503, /healthz 200, and every GraphQL request answers
#     (HTTP 200) either data or the error code STORE_UNAVAILABLE, well within the request
#     time limit (no hang, no TIMEOUT, no other error);
#   * after the restart the same server process (never restarted) answers /readyz 200 and
#     GraphQL with the same data again, by itself.
#
# Prints the measured detection and recovery times. Everything it starts it stops; its
# files are in a temporary directory, kept (and named) when the drill fails.
#
# Environment (all optional):
#   OUTAGE_SECONDS       how long Neo4j stays down            (8)
#   OUTAGE_NEO4J_PORT    Bolt port of the drill's Neo4j       (a free one)
#   OUTAGE_HTTP_PORT     the server's port                    (a free one)
#   OUTAGE_RECOVERY_MAX  seconds allowed to recover after Bolt is back (30)
#   OUTAGE_KEEP          1: keep the temporary directory even on success
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

OUTAGE_SECONDS="${OUTAGE_SECONDS:-8}"
RECOVERY_MAX="${OUTAGE_RECOVERY_MAX:-30}"
REQUEST_TIMEOUT=15 # the server's --timeout, seconds

work="$(mktemp -d "${TMPDIR:-/tmp}/beleidsgraaf-outage.XXXXXX")"
neo4j_env=(NEO4J_HOME_DIR="$work/neo4j" NEO4J_PID_FILE="$work/neo4j.pid" NEO4J_LOG="$work/neo4j.log")
server_pid="" loops=() ok=0

now_ms() { date +%s%3N; }
say() { printf 'outage: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

# shellcheck source=scripts/ports.sh
. scripts/ports.sh # the working directory is the repository root

cleanup() {
  local l
  for l in "${loops[@]}"; do kill "$l" 2>/dev/null || true; done
  for l in "${loops[@]}"; do wait "$l" 2>/dev/null || true; done
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  env "${neo4j_env[@]}" NEO4J_STOP_TIMEOUT=20 scripts/neo4j/stop.sh >/dev/null 2>&1 || true
  if [[ "$ok" == 1 && "${OUTAGE_KEEP:-0}" != 1 ]]; then
    rm -rf "$work"
  else
    say "logs kept in $work (server.log, neo4j.log, graphql.log, probes.log)"
  fi
}
trap cleanup EXIT

bolt_port="${OUTAGE_NEO4J_PORT:-$(free_port)}"
http_port="${OUTAGE_HTTP_PORT:-$(free_port)}"
port_free "$bolt_port" || fail "port $bolt_port is taken"
port_free "$http_port" || fail "port $http_port is taken"
uri="bolt://127.0.0.1:$bolt_port"
base="http://127.0.0.1:$http_port"

say "building; Neo4j on $uri, server on $base, files in $work"
go build -o "$work/beleidsgraaf" .

start_neo4j() { env "${neo4j_env[@]}" NEO4J_PORT="$bolt_port" "$@" scripts/neo4j/start.sh >/dev/null; }
start_neo4j NEO4J_KEEP_DATA=0
go run . load --neo4j "$uri" corpus 2>"$work/load.log" | sed 's/^/outage: /'

"$work/beleidsgraaf" serve --neo4j "$uri" --addr "127.0.0.1:$http_port" --timeout "${REQUEST_TIMEOUT}s" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$base/readyz" || true)" == 200 ]] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited: $(tail -n 5 "$work/server.log")"
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$base/readyz" || true)" == 200 ]] || fail "the server is not ready"

# The graph as served before the outage, to compare after it.
stats_query='{"query":"{ stats { totalNodes totalEdges } }"}'
before="$(curl -s -m 5 -H 'Content-Type: application/json' -d "$stats_query" "$base/graphql")"
[[ "$before" == *'"totalNodes":'* ]] || fail "stats before the outage: $before"

# Traffic: GraphQL, one request at a time, every 100 ms, each line
#   start_ms end_ms http_status result       (result: OK, an error code, or NOANSWER)
queries=(
  "$stats_query"
  '{"query":"query Search { search(text: \"mensenhandel\", first: 10) { score node { id } } }"}'
  '{"query":"query Org { organisation(name: \"CoMensha\") { name holds { totalCount } } }"}'
  '{"query":"query Hood { neighbourhood(id: \"actielijn:6\", depth: 2) { nodes { id } } }"}'
)
graphql_loop() {
  set +e
  local i=0 t0 t1 status body result
  while :; do
    t0=$(now_ms)
    status=$(curl -s -m $((REQUEST_TIMEOUT + 10)) -o "$work/resp" -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "${queries[i % ${#queries[@]}]}" "$base/graphql" || true)
    t1=$(now_ms)
    body="$(cat "$work/resp" 2>/dev/null || true)"
    if [[ "$body" == *'"errors"'* ]]; then
      result="$(grep -o '"code":"[A-Z_]*"' <<<"$body" | head -n 1 | cut -d'"' -f4)"
      result="${result:-UNCODED}"
    elif [[ "$status" == 200 && "$body" == *'"data":{'* ]]; then
      result=OK
    else
      result=NOANSWER
    fi
    echo "$t0 $t1 ${status:-000} $result" >>"$work/graphql.log"
    i=$((i + 1))
    sleep 0.1
  done
}
# Probes: every 100 ms, each line   time_ms readyz_status healthz_status
probe_loop() {
  set +e
  local t r h
  while :; do
    t=$(now_ms)
    r=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$base/readyz" || true)
    h=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$base/healthz" || true)
    echo "$t ${r:-000} ${h:-000}" >>"$work/probes.log"
    sleep 0.1
  done
}
: >"$work/graphql.log"
: >"$work/probes.log"
graphql_loop &
loops+=($!)
probe_loop &
loops+=($!)

sleep 3
neo4j_pid="$(cat "$work/neo4j.pid")"
t_kill=$(now_ms)
kill -KILL "$neo4j_pid"
say "Neo4j (pid $neo4j_pid) killed; down for ${OUTAGE_SECONDS}s"
sleep "$OUTAGE_SECONDS"
# Gone for good: its Bolt port closed (the process may linger as a zombie, unreaped).
for _ in $(seq 1 300); do port_free "$bolt_port" && break; sleep 0.1; done
port_free "$bolt_port" || fail "the killed Neo4j still holds port $bolt_port"
rm -f "$work/neo4j.pid"

t_restart=$(now_ms)
start_neo4j NEO4J_KEEP_DATA=1
t_bolt=$(now_ms)
say "Neo4j restarted (same port and data); Bolt open after $(((t_bolt - t_restart)))ms"

# Wait for the recovery, then a few seconds of traffic after it.
deadline=$((t_bolt + RECOVERY_MAX * 1000))
while :; do
  if awk -v t="$t_bolt" '$1 >= t && $2 == 200 { f = 1 } END { exit !f }' "$work/probes.log" &&
    awk -v t="$t_bolt" '$1 >= t && $4 == "OK" { f = 1 } END { exit !f }' "$work/graphql.log"; then
    break
  fi
  (($(now_ms) < deadline)) || fail "no recovery within ${RECOVERY_MAX}s after Bolt was back"
  sleep 0.2
done
sleep 3
for l in "${loops[@]}"; do kill "$l" 2>/dev/null || true; done
for l in "${loops[@]}"; do wait "$l" 2>/dev/null || true; done
loops=()
kill -0 "$server_pid" 2>/dev/null || fail "the server died"

# --- analysis ---------------------------------------------------------------------------
g="$work/graphql.log" p="$work/probes.log"
ms() { awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }'; }

ready_down=$(awk -v t="$t_kill" '$1 >= t && $2 == 503 { print $1 - t; exit }' "$p")
[[ -n "$ready_down" ]] || fail "/readyz never answered 503 during the outage"
gql_down=$(awk -v t="$t_kill" '$2 >= t && $4 == "STORE_UNAVAILABLE" { print $2 - t; exit }' "$g")
[[ -n "$gql_down" ]] || fail "no GraphQL request answered STORE_UNAVAILABLE during the outage"
health_bad=$(awk '$3 != 200' "$p" | wc -l)
((health_bad == 0)) || fail "/healthz did not answer 200 $health_bad time(s): $(awk '$3 != 200' "$p" | head -n 3)"
readyz_other=$(awk '$2 != 200 && $2 != 503' "$p" | wc -l)
((readyz_other == 0)) || fail "/readyz answered neither 200 nor 503: $(awk '$2 != 200 && $2 != 503' "$p" | head -n 3)"

# Every GraphQL answer from the kill to the recovery: data or STORE_UNAVAILABLE, HTTP 200.
bad=$(awk -v a="$t_kill" '$2 >= a && !($3 == 200 && ($4 == "OK" || $4 == "STORE_UNAVAILABLE"))' "$g")
[[ -z "$bad" ]] || fail "GraphQL answers other than data or STORE_UNAVAILABLE:"$'\n'"$bad"
slowest=$(awk -v a="$t_kill" -v b="$t_bolt" '$2 >= a && $1 <= b { d = $2 - $1; if (d > m) m = d } END { print m + 0 }' "$g")
# No hang: every request answered before the server's time limit (one that ran into it
# would have answered TIMEOUT, refused above).
((slowest < REQUEST_TIMEOUT * 1000)) || fail "a request took $(ms "$slowest") during the outage (limit ${REQUEST_TIMEOUT} s)"
unavailable=$(awk -v a="$t_kill" '$2 >= a && $4 == "STORE_UNAVAILABLE"' "$g" | wc -l)
during=$(awk -v a="$t_kill" -v b="$t_bolt" '$2 >= a && $1 <= b' "$g" | wc -l)

ready_up=$(awk -v t="$t_bolt" '$1 >= t && $2 == 200 { print $1 - t; exit }' "$p")
gql_up=$(awk -v t="$t_bolt" '$1 >= t && $4 == "OK" { print $2 - t; exit }' "$g")
# Once recovered, it stays recovered.
first_ok=$(awk -v t="$t_bolt" '$1 >= t && $4 == "OK" { print $1; exit }' "$g")
after_bad=$(awk -v t="$first_ok" '$1 > t && $4 != "OK"' "$g")
[[ -z "$after_bad" ]] || fail "errors after the recovery:"$'\n'"$after_bad"
after="$(curl -s -m 5 -H 'Content-Type: application/json' -d "$stats_query" "$base/graphql")"
[[ "$after" == "$before" ]] || fail "the graph differs after the restart: $before vs $after"
total=$(wc -l <"$g")

say "PASS (server pid $server_pid served throughout, never restarted)"
say "  detection: /readyz 503 after $(ms "$ready_down"), first GraphQL STORE_UNAVAILABLE after $(ms "$gql_down") (from the kill)"
say "  during the outage: $during GraphQL requests, $unavailable STORE_UNAVAILABLE, slowest $(ms "$slowest") (limit ${REQUEST_TIMEOUT} s); /healthz 200 throughout"
say "  recovery: Neo4j back (Bolt open) $(ms $((t_bolt - t_restart))) after its restart; then /readyz 200 after $(ms "$ready_up"), GraphQL data after $(ms "$gql_up")"
say "  $total GraphQL requests in all; the same graph before and after"
ok=1
