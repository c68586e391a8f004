#!/usr/bin/env bash
# The attacker's loop of issue #16, on loopback: builds the server, starts it with the
# default flags and the bundled corpus (and a second one with --timeout 300ms for the time
# limit), sends each attack (aliases × lists × fragments × introspection, big caches,
# malformed requests), some of them several at once, and checks that every one is
#
#   * answered (an HTTP status and a JSON body: never an empty or cut-off answer),
#   * within the server's time limit + 1 s,
#   * with one GraphQL error carrying the expected extensions.code and no data,
#   * while the server's resident memory stays under its baseline + 256 MB (VmHWM).
#
# The servers run with --gc-headroom 0 (Go's own pacing of the garbage collector): by
# default serve lets garbage build up to 256 MB between collections (gcpace.go), which
# would fill the bound above before any attack and hide what an attack holds.
#
# Prints one line per attack: status, code, seconds, peak extra RSS. Exits non-zero on any
# failure. Needs go and curl only.
#
# Environment (optional): ABUSE_MAX_EXTRA_MB (256).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
MAX_EXTRA_MB="${ABUSE_MAX_EXTRA_MB:-256}"

work=$(mktemp -d "${TMPDIR:-/tmp}/beleidsgraaf-abuse.XXXXXX")
pids=()
failures=0
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [ "$failures" -eq 0 ]; then rm -rf "$work"; else echo "abuse: logs kept in $work"; fi
}
trap cleanup EXIT

say() { printf 'abuse: %s\n' "$*"; }
# shellcheck source=scripts/ports.sh
. scripts/ports.sh # the working directory is the repository root

go build -o "$work/beleidsgraaf" .

# start NAME FLAGS...: starts a server, sets $base and $pid.
start() {
  local name=$1 port
  shift
  port=$(free_port)
  base="http://127.0.0.1:$port"
  env -u NEO4J_URI "$work/beleidsgraaf" serve --addr "127.0.0.1:$port" --gc-headroom 0 "$@" corpus >"$work/server-$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null -m 2 "$base/readyz" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/server-$name.log"; exit 1; }
    sleep 0.1
  done
  say "the $name server did not become ready"; exit 1
}

kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/status"; }

# rep S N: S repeated N times, joined by commas.
rep() {
  local out="" i
  for ((i = 0; i < $2; i++)); do out+="${out:+,}$1"; done
  printf '%s' "$out"
}
# aliases FIELD N: N aliased copies of FIELD.
aliases() {
  local out="" i
  for ((i = 0; i < $2; i++)); do out+="a$i: $1 "; done
  printf '%s' "$out"
}
# body FILE QUERY [VARIABLES]: writes a JSON request (QUERY must hold no " or \).
body() { printf '{"query":"%s","variables":%s}' "$2" "${3:-{\}}" >"$work/$1"; }

# attack NAME WANT LIMIT_S N FILE [CURL ARGS...]: sends FILE N times at once to $base/graphql
# and checks each answer. WANT is the expected extensions.code, "data" for an answer with
# data (and no errors), or "data|CODE" for either.
attack() {
  local name=$1 want=$2 limit=$3 n=$4 file=$5 i out status secs code ok=1 worst=0 codes=""
  shift 5
  for ((i = 0; i < n; i++)); do
    curl -sS -o "$work/out.$i" -w '%{http_code} %{time_total}\n' -m $((${limit%.*} + 30)) \
      -H 'Content-Type: application/json' "$@" --data-binary "@$work/$file" "$base/graphql" >"$work/meta.$i" 2>&1 &
  done
  wait_curls
  for ((i = 0; i < n; i++)); do
    read -r status secs <"$work/meta.$i" || true
    out=$(head -c 400 "$work/out.$i")
    code=$(grep -o '"code":"[A-Z_]*"' "$work/out.$i" | head -n 1 | cut -d'"' -f4 || true)
    if [ -z "$code" ] && grep -q '^{"data":' "$work/out.$i" && ! grep -q '"errors"' "$work/out.$i"; then code=data; fi
    codes="$code"
    case "|$want|" in *"|$code|"*) ;; *) ok=0; say "  $name: want $want, got status $status: $out" ;; esac
    if [ "$code" != data ] && grep -q '"data"' "$work/out.$i"; then ok=0; say "  $name: an error with data: $out"; fi
    if ! awk -v s="$secs" -v l="$limit" 'BEGIN { exit !(s <= l + 1) }'; then ok=0; say "  $name: took ${secs}s, limit ${limit}s + 1s"; fi
    worst=$(awk -v a="$worst" -v b="$secs" 'BEGIN { print (b > a ? b : a) }')
  done
  local hwm extra
  hwm=$(kb VmHWM "$pid")
  extra=$(((hwm - baseline_kb) / 1024))
  if [ "$extra" -gt "$MAX_EXTRA_MB" ]; then ok=0; say "  $name: $extra MB over the baseline RSS"; fi
  printf 'abuse: %-62s ×%-2d %-3s %-26s %6.2fs  +%d MB  %s\n' "$name" "$n" "$status" "$codes" "$worst" "$extra" "$([ $ok = 1 ] && echo ok || echo FAIL)"
  [ "$ok" = 1 ] || failures=$((failures + 1))
}
wait_curls() { wait $(jobs -p | grep -vxF -f <(printf '%s\n' "${pids[@]}")) 2>/dev/null || true; }

start default
default_base=$base default_pid=$pid
start timeout --timeout 300ms --persisted-queries
timeout_base=$base timeout_pid=$pid

# Payloads.
: >"$work/empty.json"
politie500=$(rep '"org:politie"' 500)
politie100=$(rep '"org:politie"' 100)
# The letter with the longest text.
doc=$(curl -sS -H 'Content-Type: application/json' --data '{"query":"{ documents(first: 1000) { edges { node { id text } } } }"}' "$default_base/graphql" |
  sed 's/{"node":{"id":/\n/g' | awk 'length($0) > n { n = length($0); id = $1 } END { sub(/,.*/, "", id); print id }')
docs500=$(rep "$doc" 500)
letters500=$(rep '"a"' 500)
ids60k=$(rep '"org:x"' 60000)
body mentions500.json 'query($i:[ID!]!){nodes(ids:$i){mentions{document{text}}}}' "{\"i\":[$politie500]}"
body mentions100.json 'query($i:[ID!]!){nodes(ids:$i){mentions{document{text}}}}' "{\"i\":[$politie100]}"
body text20.json "query(\$i:[ID!]!){ $(aliases 'nodes(ids:$i){... on Document{text}}' 20) }" "{\"i\":[$docs500]}"
body letters20.json "query(\$i:[ID!]!){ $(aliases 'nodes(ids:$i){... on Document{text}}' 20) }" "{\"i\":[$letters500]}"
body textfrag.json 'query($i:[ID!]!){ ...Q } fragment Q on Query { a: nodes(ids:$i){...T} b: nodes(ids:$i){...T} c: nodes(ids:$i){...T} d: nodes(ids:$i){...T} } fragment T on Node { ... on Document { text } mentions { quote document { title } } }' "{\"i\":[$docs500]}"
body text2.json 'query($i:[ID!]!){ a: nodes(ids:$i){... on Document{text}} b: nodes(ids:$i){... on Document{text}} }' "{\"i\":[$docs500]}"
body text2frag.json 'query($i:[ID!]!){ ...Q } fragment Q on Query { a: nodes(ids:$i){...T} b: nodes(ids:$i){...T} } fragment T on Node { mentions { quote } ... on Document { text } }' "{\"i\":[$docs500]}"
body evidence.json "{ $(aliases 'organisations(first:1000){edges{node{holds(first:500){edges{evidence{document{text}}}}}}}' 5) }"
body schema280.json "{ $(aliases '__schema{...S}' 280) } fragment S on __Schema { types { name fields { name type { name } } } }"
body schema20.json "{ $(aliases '__schema{...S}' 20) } fragment S on __Schema { types { name description fields { name description args { name description type { name } } type { name kind ofType { name kind ofType { name } } } } } }"
body type20.json "{ $(aliases '__type(name:\"Organisation\"){...T}' 20) } fragment T on __Type { fields { name description args { name description type { name } } type { name } } }"
body deepintro.json '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }'
body in60k.json 'query($i:[ID!]!){ organisations(where:{related:{other:{related:{other:{related:{other:{id:{in:$i}}}}}}}}){ totalCount } }' "{\"i\":[$ids60k]}"
body hood20.json "{ $(aliases 'neighbourhood(id:\"org:politie\",depth:3,limit:1000){nodes{id name aliases mentions{quote document{title}}} edges{id type evidence{quote}}}' 20) }"
body search20.json "{ $(aliases 'search(text:\"mensenhandel\",first:200){score snippet node{id name mentions{quote document{text}}}}' 20) }"
body strint.json "query(\$n:Int){ $(aliases 'documents(first:$n){edges{node{mentioned(first:$n){edges{node{...on Organisation{mentionedIn(first:$n){edges{node{...on Document{text}}}}}}}}}}}' 5) }" '{"n":"500"}'
body bigint.json '{ motion(dossier: \"28 638\", number: 3000000000) { id } }'
printf '{"query":"{ %s }"}' "$(head -c 900000 /dev/zero | tr '\0' 'a')" >"$work/longname.json"

base=$default_base pid=$default_pid
sleep 0.5
baseline_kb=$(kb VmRSS "$pid")
say "default server (pid $pid, $((baseline_kb / 1024)) MB RSS), time limit 15 s"
L=15
attack "nodes(ids: 500 × org:politie) → mentions → document text" COMPLEXITY_LIMIT_EXCEEDED $L 1 mentions500.json
attack "… the same, 6 at once" COMPLEXITY_LIMIT_EXCEEDED $L 6 mentions500.json
attack "nodes(ids: 100 × org:politie) → mentions → document text" COMPLEXITY_LIMIT_EXCEEDED $L 1 mentions100.json
attack "20 aliases × nodes(ids: 500 × a letter) → text" "INPUT_LIMIT_EXCEEDED|COMPLEXITY_LIMIT_EXCEEDED" $L 1 text20.json
attack "20 aliases × nodes(ids: 500 × \"a\") → text" "INPUT_LIMIT_EXCEEDED|COMPLEXITY_LIMIT_EXCEEDED" $L 1 letters20.json
attack "4 × 500 IDs → text and mentions, through fragments" "INPUT_LIMIT_EXCEEDED|COMPLEXITY_LIMIT_EXCEEDED" $L 1 textfrag.json
attack "2 × 500 × the longest letter → text, 16 at once" "RESPONSE_TOO_LARGE|SERVER_BUSY" $L 16 text2.json
attack "the same through fragments with mentions, 6 at once" RESPONSE_TOO_LARGE $L 6 text2frag.json
attack "5 × organisations → holds(500) → evidence → text" COMPLEXITY_LIMIT_EXCEEDED $L 1 evidence.json
attack "5 aliases × first: \$n sent as the string \"500\", three levels → text" COMPLEXITY_LIMIT_EXCEEDED $L 1 strint.json
attack "280 aliases of __schema through one fragment" INPUT_LIMIT_EXCEEDED $L 1 schema280.json
attack "… the same, 6 at once" INPUT_LIMIT_EXCEEDED $L 6 schema280.json
attack "20 aliases of __schema with descriptions, 6 at once" INPUT_LIMIT_EXCEEDED $L 6 schema20.json
attack "20 aliases of __type, 6 at once" "data|COMPLEXITY_LIMIT_EXCEEDED" $L 6 type20.json
attack "introspection nested through field types" GRAPHQL_VALIDATION_FAILED $L 1 deepintro.json
attack "where id in 60 000 IDs, nested three deep" INPUT_LIMIT_EXCEEDED $L 1 in60k.json
attack "… the same, 32 at once" "INPUT_LIMIT_EXCEEDED|SERVER_BUSY" $L 32 in60k.json
attack "20 × neighbourhood(depth 3, limit 1000) with mentions" "COMPLEXITY_LIMIT_EXCEEDED|RESPONSE_TOO_LARGE" $L 1 hood20.json
attack "… the same, 6 at once" "COMPLEXITY_LIMIT_EXCEEDED|RESPONSE_TOO_LARGE|SERVER_BUSY" $L 6 hood20.json
attack "20 × search(first 200) → mentions → document text" "COMPLEXITY_LIMIT_EXCEEDED|RESPONSE_TOO_LARGE" $L 1 search20.json
attack "Int literal above 2^31 - 1" BAD_USER_INPUT $L 1 bigint.json
attack "a 900 kB unknown field name" "GRAPHQL_VALIDATION_FAILED" $L 1 longname.json
if [ "$(wc -c <"$work/out.0")" -gt 2000 ]; then failures=$((failures + 1)); say "  the validation error repeats the name: $(wc -c <"$work/out.0") bytes"; fi

# The parsed-query cache: 300 distinct queries of ~1 MB (comments), 4 at once.
for i in 1 2 3 4; do
  printf '{"query":"{ stats { totalNodes } } #%s %s"}' "$i" "$(head -c 1000000 /dev/zero | tr '\0' 'x')" >"$work/big$i.json"
done
for round in $(seq 1 75); do
  for i in 1 2 3 4; do sed -i "s/#[0-9]* /#$round$i /" "$work/big$i.json"; done
  for i in 1 2 3 4; do
    curl -sS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$work/big$i.json" "$base/graphql" &
  done
  wait_curls
done
attack "300 distinct 1 MB queries, then one more" "data" $L 1 big1.json

# The same through GET.
attack "280 aliases of __schema, by GET" INPUT_LIMIT_EXCEEDED $L 1 empty.json -G --data-urlencode "query={ $(aliases '__schema{...S}' 280) } fragment S on __Schema { types { name } }"

# The time limit: past it the answer is TIMEOUT, never late and never data.
base=$timeout_base pid=$timeout_pid
baseline_kb=$(kb VmRSS "$pid")
say "server with --timeout 300ms (pid $pid)"
body heavy.json "{ $(aliases 'neighbourhood(id:\"org:politie\",depth:3,limit:1000){nodes{id label name aliases} edges{id type from to}}' 20) }"
body heavy2.json "query(\$i:[ID!]!){ $(aliases 'nodes(ids:$i){id ... on Document{title text}}' 2) }" "{\"i\":[$docs500]}"
attack "20 × neighbourhood(depth 3, limit 1000)" "data|TIMEOUT|RESPONSE_TOO_LARGE" 0.3 1 heavy.json
attack "… the same, 16 at once" "data|TIMEOUT|RESPONSE_TOO_LARGE|SERVER_BUSY" 0.3 16 heavy.json
attack "2 × 500 × a letter's text, 6 at once" "TIMEOUT|RESPONSE_TOO_LARGE|SERVER_BUSY" 0.3 6 heavy2.json
attack "where id in 60 000 IDs (refused before it runs)" INPUT_LIMIT_EXCEEDED 0.3 1 in60k.json

# Persisted queries (on for this server): coded errors, nothing unparseable kept.
junk='{ stats { totalNodes '
junk_hash=$(printf '%s' "$junk" | sha256sum | cut -d' ' -f1)
printf '{"query":"%s","extensions":{"persistedQuery":{"version":1,"sha256Hash":"%s"}}}' "$junk" "$junk_hash" >"$work/apqjunk.json"
printf '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"%s"}}}' "$junk_hash" >"$work/apqhash.json"
printf '{"query":"{ stats { totalNodes } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}' >"$work/apqwrong.json"
attack "APQ: an unparseable query with its hash" GRAPHQL_PARSE_FAILED 0.3 1 apqjunk.json
attack "APQ: … its hash alone (not kept)" PERSISTED_QUERY_NOT_FOUND 0.3 1 apqhash.json
attack "APQ: a hash that is not the query's" BAD_REQUEST 0.3 1 apqwrong.json

# Still serving.
base=$default_base pid=$default_pid
body ok.json '{ stats { totalNodes } organisation(name: \"comensha\") { name } }'
attack "an ordinary query afterwards" data 15 1 ok.json

if [ "$failures" -gt 0 ]; then say "$failures attack(s) FAILED"; exit 1; fi
say "every attack answered in time, with its error code, within +$MAX_EXTRA_MB MB"
