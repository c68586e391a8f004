#!/usr/bin/env bash
# bench/instructions.sh — instructions a request of each benchmark query executes, counted
# by valgrind, for revisions side by side.
#
#   bench/instructions.sh                     # the working tree
#   bench/instructions.sh main HEAD~3 HEAD    # revisions (git worktrees), in this order
#
# On a shared machine the CPU time of a request moves by ±20 % from one minute to the next,
# more than most changes of one pass make. The instructions a request executes do not: two
# runs of one binary agree within some 1 500 instructions a request at the defaults (1 % of
# a lookup, 0.15 % of a nested request). They are not time (a cache miss costs no
# instruction, an inlined call saves some), so they complement the timed benchmarks
# (BenchmarkQuery, bench/run.sh) and do not replace them.
#
# What is counted: every instruction of BenchmarkQuery's process (valgrind's cachegrind, no
# cache simulation) on one core (GOMAXPROCS=1), with asynchronous preemption off (callgrind
# and cachegrind do not survive its signals) and the garbage collector off (GOGC=off: its
# cycles would fall on different requests from run to run). Each query runs N1 and then N2
# requests, and the difference is divided by N2 − N1: loading the corpus and the first
# request of each variant (parsing, caches) cancel out. So a request's count is all its own
# work — the handler, decoding, validation, execution, writing, allocation — and not what
# its garbage later costs the collector (allocs/op and B/op of BenchmarkQuery say that).
#
# Environment (all optional):
#   INSTR_QUERIES=lookup,list,nested,search,neighbourhood
#   INSTR_DOCS=100         generated letters the benchmark serves (valgrind runs ~50× slower)
#   INSTR_N1=100 INSTR_N2=1100
#   INSTR_JOBS=2           valgrind processes at once
#   INSTR_TOP=0            also list, per query and revision, the functions a request spends
#                          most instructions in (the difference of the two counts, cg_diff)
#
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v valgrind >/dev/null || { echo "bench/instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
QUERIES="${INSTR_QUERIES:-lookup,list,nested,search,neighbourhood}"
DOCS="${INSTR_DOCS:-100}"
N1="${INSTR_N1:-100}"
N2="${INSTR_N2:-1100}"
JOBS="${INSTR_JOBS:-2}"
TOP="${INSTR_TOP:-0}"
work=$(mktemp -d "${TMPDIR:-/tmp}/beleidsgraaf-instr.XXXXXX")
trap 'for d in "$work"/tree-*; do [[ -d "$d" ]] && git worktree remove --force "$d" >/dev/null 2>&1; done; rm -rf "$work"' EXIT

revs=("$@")
names=()
if ((${#revs[@]} == 0)); then
  go test -c -o "$work/bin-0.test" .
  names+=("working-tree")
else
  for i in "${!revs[@]}"; do
    git worktree add -q --detach "$work/tree-$i" "${revs[$i]}"
    (cd "$work/tree-$i" && go test -c -o "$work/bin-$i.test" .)
    names+=("${revs[$i]}")
  done
fi

# count BIN QUERY N OUT: the instructions of a process that answers N requests of QUERY;
# cachegrind's counts per function go to OUT.
count() {
  local out
  out=$(BENCH_QUERY_DOCS="$DOCS" GOMAXPROCS=1 GOGC=off GODEBUG=asyncpreemptoff=1 \
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$4" \
    "$1" -test.run '^$' -test.bench "^BenchmarkQuery/$2\$" -test.benchtime "${3}x" 2>&1)
  awk '/I *refs/ { gsub(",", "", $NF); print $NF }' <<<"$out"
}
export -f count
export DOCS

jobs=()
for i in "${!names[@]}"; do
  for q in ${QUERIES//,/ }; do
    for n in "$N1" "$N2"; do jobs+=("$i $q $n"); done
  done
done
printf '%s\n' "${jobs[@]}" | xargs -P "$JOBS" -L 1 bash -c \
  'c=$(count "'"$work"'/bin-$0.test" "$1" "$2" "'"$work"'/cg-$0-$1-$2.out"); echo "$0 $1 $2 ${c:-0}"' >"$work/counts"

echo "Instructions per request ($DOCS letters, ($N2 − $N1) requests):"
echo
printf '| query |'; for n in "${names[@]}"; do printf ' %s |' "$n"; done; echo
printf '| --- |'; for _ in "${names[@]}"; do printf ' ---: |'; done; echo
failed=0
for q in ${QUERIES//,/ }; do
  printf '| %s |' "$q"
  for i in "${!names[@]}"; do
    a=$(awk -v i="$i" -v q="$q" -v n="$N1" '$1==i && $2==q && $3==n {print $4}' "$work/counts")
    b=$(awk -v i="$i" -v q="$q" -v n="$N2" '$1==i && $2==q && $3==n {print $4}' "$work/counts")
    if [[ "${a:-0}" == 0 || "${b:-0}" == 0 ]]; then
      printf ' failed |'; failed=1
    else
      printf ' %s |' "$(((b - a) / (N2 - N1)))"
    fi
  done
  echo
done
if ((TOP > 0)); then
  for q in ${QUERIES//,/ }; do
    for i in "${!names[@]}"; do
      echo
      echo "$q, ${names[$i]}: instructions a request by function (top $TOP)"
      echo '```'
      cg_diff "$work/cg-$i-$q-$N1.out" "$work/cg-$i-$q-$N2.out" >"$work/diff.out" 2>/dev/null &&
        cg_annotate --auto=no --show-percs=no "$work/diff.out" 2>/dev/null |
        awk -v d=$((N2 - N1)) -v top="$TOP" '
            /file:function/ { on = 1; next }
            on && $1 ~ /^-?[0-9,]+$/ && n < top { c = $1; gsub(",", "", c); $1 = ""; sub(/^ +/, ""); printf "%9d  %s\n", c / d, $0; n++ }'
      echo '```'
    done
  done
fi
exit "$failed"
