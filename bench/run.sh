#!/usr/bin/env bash
# bench/run.sh — every performance benchmark of BENCHMARKS.md, printed as tables.
#
#   bench/run.sh            # full run: real corpus + 100, 1 000, 10 000 generated letters (~45 min)
#   bench/run.sh --quick    # smoke run: real corpus + 100 letters, short API runs (~3 min)
#
# Steps (each bounded by a count, a duration or a timeout):
#   1. generate the corpora (beleidsgraaf gen --docs N --seed S) into $BENCH_WORK
#   2. loader: MB/s, docs/s and peak memory, GOMAXPROCS=1 and all cores, per corpus
#      (bench/loaderbench, one process per run), plus CPU profiles (pprof top)
#   3. Neo4j: store/neo4j Replace per corpus, elements/s (bench/neo4jbench) — on a Neo4j of
#      its own (scripts/neo4j/start.sh on $BENCH_NEO4J_PORT), stopped at the end
#   4. store round trips per query (bench/roundtrips)
#   5. API on loopback (bench/loadgen) at each concurrency, for the five queries of
#      bench/queries, against: the floor (bench/floor), our server on the memory store, our
#      server on Neo4j, and @neo4j/graphql (bench/neo4j-graphql) on the same Neo4j data
#   6. the tables (bench/report)
#
# Environment (all optional):
#   BENCH_DOCS="100 1000 10000"  generated corpus sizes (the real corpus, N=5, always runs)
#   BENCH_API_DOCS=<largest>     corpus size the API benchmarks serve
#   BENCH_SEED=1                 generator seed
#   BENCH_CONC=1,8,64            API concurrencies
#   BENCH_REQUESTS=10000000      API: at most this many requests per query and concurrency:
#                                so many that a cell lasts BENCH_DURATION on any server
#   BENCH_DURATION=8s            API: at most this long per query and concurrency
#   BENCH_WARMUP=2s              API: warm-up per query and server
#   BENCH_ROUNDS=3               API: rounds; every cell is measured once a round, the two
#                                servers of a ratio in turn (the report gives the median)
#   BENCH_NEO4J=1                0: skip everything that needs Neo4j
#   BENCH_NEO4J_URI=             use this Neo4j instead of starting one (takes the test lock)
#   BENCH_NEO4J_PORT=7688        Bolt port of the Neo4j this script starts
#   BENCH_NEO4J_TIMEOUT=15m      bound of each Replace
#   BENCH_NGQL=1                 0: skip @neo4j/graphql (needs node and npm)
#   BENCH_LOADER=1               0: skip the loader benchmarks and profiles (step 2)
#   BENCH_MEMORY=1               0: skip the memory store and the floor in step 5 (the Neo4j
#                                servers alone, e.g. to compare them at 10 000 letters)
#   BENCH_QUERIES=all            API: a comma-separated subset of bench/queries
#   BENCH_PORT_BASE=39080        the HTTP servers listen on 127.0.0.1:BASE..BASE+3
#   BENCH_WORK=/tmp/beleidsgraaf-bench   corpora, binaries, logs, results
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
if ((QUICK)); then
  DOCS="${BENCH_DOCS:-100}"
  DURATION="${BENCH_DURATION:-1s}"
  WARMUP="${BENCH_WARMUP:-300ms}"
  REQUESTS="${BENCH_REQUESTS:-2000}"
  ROUNDS="${BENCH_ROUNDS:-1}"
else
  DOCS="${BENCH_DOCS:-100 1000 10000}"
  DURATION="${BENCH_DURATION:-8s}"
  WARMUP="${BENCH_WARMUP:-2s}"
  # Cells of equal duration: a cap on requests ended the floor's cells at concurrency 8 in
  # under a second, and such short cells read 3–9 % faster than cells of 5 s (BENCHMARKS.md).
  REQUESTS="${BENCH_REQUESTS:-10000000}"
  ROUNDS="${BENCH_ROUNDS:-3}"
fi
largest=0
for n in $DOCS; do ((n > largest)) && largest=$n; done
API_DOCS="${BENCH_API_DOCS:-$largest}"
SEED="${BENCH_SEED:-1}"
CONC="${BENCH_CONC:-1,8,64}"
USE_NEO4J="${BENCH_NEO4J:-1}"
USE_NGQL="${BENCH_NGQL:-1}"
USE_LOADER="${BENCH_LOADER:-1}"
USE_MEMORY="${BENCH_MEMORY:-1}"
QUERIES="${BENCH_QUERIES:-all}"
NEO4J_PORT="${BENCH_NEO4J_PORT:-7688}"
NEO4J_TIMEOUT="${BENCH_NEO4J_TIMEOUT:-15m}"
BASE="${BENCH_PORT_BASE:-39080}"
WORK="${BENCH_WORK:-/tmp/beleidsgraaf-bench}"
BIN="$WORK/bin"
OUT="$WORK/results.jsonl"
NPROC="$(nproc)"

mkdir -p "$BIN" "$WORK/logs"
: >"$OUT"
log() { printf '\n== %s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- processes this script starts, stopped on exit (by PID, never by name) -------------
PIDS=()
NEO4J_STARTED=0
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  if ((NEO4J_STARTED)); then
    NEO4J_PID_FILE="$WORK/neo4j.pid" scripts/neo4j/stop.sh || true
  fi
}
trap cleanup EXIT

# shellcheck source=../scripts/ports.sh
. "$ROOT/scripts/ports.sh"

# start NAME PORT CMD...: starts a server in the background, records its PID, and waits until
# it answers on PORT (its own /healthz or /readyz), bounded.
start() {
  local name="$1" port="$2" path="$3"
  shift 3
  port_free "$port" || { echo "bench: port $port is taken; set BENCH_PORT_BASE" >&2; exit 1; }
  "$@" >"$WORK/logs/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  eval "PID_${name//-/_}=$pid"
  for _ in $(seq 1 1800); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/logs/$name.log" >&2; echo "bench: $name exited" >&2; exit 1; }
    curl -sf "http://127.0.0.1:$port$path" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "bench: $name did not become ready on port $port" >&2
  exit 1
}

stop() {
  local var="PID_${1//-/_}"
  local pid="${!var:-}"
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

# --- 0. build, machine --------------------------------------------------------------------
log "building"
go build -o "$BIN/beleidsgraaf" .
for t in loaderbench neo4jbench loadgen floor roundtrips report; do
  go build -o "$BIN/$t" "./bench/$t"
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"
nodev="$(node --version 2>/dev/null || echo none)"
cmdline="bench/run.sh $*"
[[ -n "${BENCH_DOCS:-}" ]] && cmdline="BENCH_DOCS=\"$BENCH_DOCS\" $cmdline"
# json_str VALUE: VALUE as a JSON string (the command line holds quotes)
json_str() {
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\t'/\\t}"
  s="${s//$'\n'/\\n}"
  printf '"%s"' "$s"
}
printf '{"kind":"machine","date":%s,"commit":%s,"cpu":%s,"nproc":%d,"memory":%s,"go":%s,"node":%s,"neo4j":%s,"load_avg":%s,"command":%s}\n' \
  "$(json_str "$(date -u +%Y-%m-%dT%H:%MZ)")" "$(json_str "$commit")" "$(json_str "$cpu")" "$NPROC" "$(json_str "$mem")" \
  "$(json_str "$(go env GOVERSION)")" "$(json_str "$nodev")" \
  "$(json_str "Community 5.26 (scripts/neo4j), page cache 1 GB, heap 3 GB")" \
  "$(json_str "$(cut -d' ' -f1-3 /proc/loadavg)")" "$(json_str "$cmdline")" >>"$OUT"

# --- 1. corpora -----------------------------------------------------------------------------
log "generating corpora: $DOCS (seed $SEED)"
corpus_dir() { if [[ "$1" == real ]]; then echo "$ROOT/corpus"; else echo "$WORK/gen-$1"; fi; }
for n in $DOCS $API_DOCS; do
  "$BIN/beleidsgraaf" gen --docs "$n" --seed "$SEED" "$(corpus_dir "$n")" >&2
done

# --- 2. loader ------------------------------------------------------------------------------
((USE_LOADER)) && for n in real $DOCS; do
  dir="$(corpus_dir "$n")"
  label="$([[ $n == real ]] && echo "corpus (real)" || echo "gen-$n")"
  for procs in 1 "$NPROC"; do
    log "loader: $label, GOMAXPROCS=$procs"
    "$BIN/loaderbench" --dir "$dir" --label "$label" --procs "$procs" >>"$OUT"
  done
  log "loader: $label, $NPROC shards in parallel"
  "$BIN/loaderbench" --dir "$dir" --label "$label" --procs "$NPROC" --shards "$NPROC" >>"$OUT"
done
prof_n="$(for n in $DOCS; do echo "$n"; done | sort -n | awk '$1 >= 1000 && !p {print; p = 1}')"
prof_n="${prof_n:-$largest}"
((USE_LOADER)) && log "loader: CPU profiles"
((USE_LOADER)) && for n in real "$prof_n"; do
  "$BIN/loaderbench" --dir "$(corpus_dir "$n")" --label "profile-$n" --procs 1 --min-time 10s \
    --cpuprofile "$WORK/loader-$n.pprof" >/dev/null
  go tool pprof -top -nodecount=30 "$BIN/loaderbench" "$WORK/loader-$n.pprof" >"$WORK/loader-$n.top.txt" 2>/dev/null || true
  go tool pprof -top -cum -nodecount=400 "$BIN/loaderbench" "$WORK/loader-$n.pprof" >"$WORK/loader-$n.cum.txt" 2>/dev/null || true
done

# --- 3. Neo4j load --------------------------------------------------------------------------
NEO4J_URI_B=""
LOCK=()
if ((USE_NEO4J)); then
  if [[ -n "${BENCH_NEO4J_URI:-}" ]]; then
    NEO4J_URI_B="$BENCH_NEO4J_URI"
    LOCK=(--lock)
  else
    log "starting a Neo4j of our own on port $NEO4J_PORT"
    if [[ ! -f "$WORK/neo4j.pid" ]] || ! kill -0 "$(cat "$WORK/neo4j.pid")" 2>/dev/null; then
      NEO4J_STARTED=1
    fi
    env NEO4J_PORT="$NEO4J_PORT" NEO4J_HOME_DIR="$WORK/neo4j-home" NEO4J_PID_FILE="$WORK/neo4j.pid" \
      NEO4J_LOG="$WORK/logs/neo4j.log" NEO4J_PAGECACHE=1g \
      NEO4J_JAVA_OPTS="-Xms1g -Xmx3g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Dio.netty.tryReflectionSetAccessible=true -Djdk.nio.maxCachedBufferSize=1024 -Dlog4j2.disable.jmx=true" \
      scripts/neo4j/start.sh >"$WORK/logs/neo4j-start.txt"
    NEO4J_URI_B="bolt://127.0.0.1:$NEO4J_PORT"
  fi
  log "Neo4j: warm-up (one untimed load of the real corpus: query plans, JIT)"
  "$BIN/neo4jbench" --dir "$ROOT/corpus" --neo4j "$NEO4J_URI_B" --reloads 1 "${LOCK[@]}" >/dev/null
  for n in real $DOCS; do
    [[ "$n" == "$API_DOCS" ]] && continue # loaded last, to be served
    reloads=1
    [[ "$n" != real ]] && ((n >= 10000)) && reloads=0
    log "Neo4j load: $n"
    "$BIN/neo4jbench" --dir "$(corpus_dir "$n")" --label "$([[ $n == real ]] && echo "corpus (real)" || echo "gen-$n")" \
      --neo4j "$NEO4J_URI_B" --timeout "$NEO4J_TIMEOUT" --reloads "$reloads" "${LOCK[@]}" >>"$OUT"
  done
  reloads=1
  ((API_DOCS >= 10000)) && reloads=0
  log "Neo4j load: $API_DOCS (stays loaded for the API benchmarks)"
  res="$("$BIN/neo4jbench" --dir "$(corpus_dir "$API_DOCS")" --label "gen-$API_DOCS" --neo4j "$NEO4J_URI_B" \
    --timeout "$NEO4J_TIMEOUT" --reloads "$reloads" "${LOCK[@]}")" || true
  printf '%s\n' "$res" >>"$OUT"
  if ! grep -q '"complete":true' <<<"$res" || grep -q '"complete":false' <<<"$res"; then
    echo "bench: the API corpus did not load into Neo4j within $NEO4J_TIMEOUT; Neo4j API benchmarks skipped" >&2
    USE_NEO4J=0
  fi
fi

# --- 4. round trips -------------------------------------------------------------------------
log "store round trips"
smallest="$(for n in $DOCS; do echo "$n"; done | sort -n | sed -n 1p)"
rt=(--dir "$(corpus_dir "$smallest")")
((USE_NEO4J)) && rt+=(--neo4j "$NEO4J_URI_B")
"$BIN/roundtrips" "${rt[@]}" >>"$OUT"

# --- 5. API ---------------------------------------------------------------------------------
lg=("$BIN/loadgen" --queries "$QUERIES" --conc "$CONC" --requests "$REQUESTS" --duration "$DURATION" --warmup "$WARMUP")
api_dir="$(corpus_dir "$API_DOCS")"

qnames="$QUERIES"
[[ "$qnames" == all ]] && qnames="lookup,list,nested,search,neighbourhood"

# in_turn ROUND A B: runs the load generators of the arrays named A and B, A first in odd
# rounds and B first in even ones, so that neither side of a ratio is always measured
# second, after the other has warmed or loaded the machine.
in_turn() {
  local a="$2" b="$3"
  if (($1 % 2 == 0)); then
    a="$3" b="$2"
  fi
  local -n first="$a" second="$b"
  "${first[@]}" >>"$OUT"
  "${second[@]}" >>"$OUT"
}

if ((USE_MEMORY)); then
  # The memory store and the floor take turns query by query, as the two Neo4j servers
  # below do: the cells of a ratio are measured a minute apart at most. The floor idles
  # while the memory store is measured and the other way round.
  log "API: our server on the memory store ($API_DOCS letters; loading them first) and the floor (net/http, the same bodies), query by query"
  start memory "$BASE" /readyz "$BIN/beleidsgraaf" serve --addr "127.0.0.1:$BASE" "$api_dir"
  "$BIN/loadgen" --prime "$WORK/bodies.json" --url "http://127.0.0.1:$BASE/graphql"
  start floor "$((BASE + 2))" /healthz "$BIN/floor" --addr "127.0.0.1:$((BASE + 2))" --bodies "$WORK/bodies.json"
  for q in ${qnames//,/ }; do
    for round in $(seq 1 "$ROUNDS"); do
      log "API: $q, round $round of $ROUNDS"
      mem=("${lg[@]}" --round "$round" --queries "$q" --server memory --url "http://127.0.0.1:$BASE/graphql")
      floor=("${lg[@]}" --round "$round" --queries "$q" --server floor --dialect floor --url "http://127.0.0.1:$((BASE + 2))")
      in_turn "$round" mem floor
    done
  done
  stop memory
  stop floor
fi

if ((USE_NEO4J)); then
  # Both Neo4j servers run side by side and take turns query by query, so that the two
  # cells of a ratio are measured minutes apart at most, not a whole run apart: on a
  # shared machine the load moves more than that.
  log "API: our server on Neo4j and @neo4j/graphql on the same Neo4j, query by query"
  start neo4j "$((BASE + 1))" /readyz "$BIN/beleidsgraaf" serve --addr "127.0.0.1:$((BASE + 1))" --neo4j "$NEO4J_URI_B"
  ngql=0
  if ((USE_NGQL)) && command -v node >/dev/null; then
    if [[ ! -d bench/neo4j-graphql/node_modules ]]; then
      (cd bench/neo4j-graphql && npm ci --no-audit --no-fund >&2)
    fi
    start neo4j-graphql "$((BASE + 3))" /healthz env NEO4J_URI="$NEO4J_URI_B" PORT="$((BASE + 3))" node bench/neo4j-graphql/server.mjs
    ngql=1
  fi
  for q in ${qnames//,/ }; do
    for round in $(seq 1 "$ROUNDS"); do
      log "API: $q, round $round of $ROUNDS"
      ours=("${lg[@]}" --round "$round" --queries "$q" --server neo4j --url "http://127.0.0.1:$((BASE + 1))/graphql")
      if ((ngql)); then
        theirs=("${lg[@]}" --round "$round" --queries "$q" --server neo4j-graphql --dialect neo4j-graphql --url "http://127.0.0.1:$((BASE + 3))/graphql")
        in_turn "$round" ours theirs
      else
        "${ours[@]}" >>"$OUT"
      fi
    done
  done
  stop neo4j
  stop neo4j-graphql
fi

# --- 6. tables ------------------------------------------------------------------------------
log "done; results in $OUT"
echo
"$BIN/report" "$OUT"
((USE_LOADER)) || exit 0
echo "### Loader CPU profile (one core; cumulative, the loader's own functions)"
for n in real "$prof_n"; do
  echo
  echo "corpus $n (go tool pprof $WORK/loader-$n.pprof):"
  echo '```'
  grep -E 'Total samples|      flat|beleidsgraaf|runtime.mallocgc$|regexp.\(\*Regexp\).doExecute$' "$WORK/loader-$n.cum.txt" |
    grep -v -E 'loaderbench|loader.Load$|func[0-9]' | sed -n '1,32p' || true
  echo '```'
done
