#!/usr/bin/env bash
# Stop the Neo4j launcher started by start.sh (SIGTERM, then SIGKILL after
# NEO4J_STOP_TIMEOUT seconds) and wait until the process is gone.
# Quiet and successful if nothing is running.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PID_FILE="${NEO4J_PID_FILE:-$DIR/target/neo4j.pid}"
TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

# Process helpers: /proc on Linux, ps elsewhere (macOS).
# alive PID: some thread of it is still running. A process whose threads have
# all exited can linger as a zombie (e.g. under a PID 1 that reaps slowly), and
# right after a kill the main thread shows "Z" while the other threads (and the
# Bolt socket) are still being torn down, so look at every thread.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -d "/proc/$1/task" ]]; then
    local f st
    for f in "/proc/$1"/task/*/stat; do
      st="$(awk '{print $3}' "$f" 2>/dev/null)" || continue
      [[ -n "$st" && "$st" != Z ]] && return 0
    done
    return 1
  fi
  [[ "$(ps -o stat= -p "$1" 2>/dev/null)" != Z* ]]
}
proc_args() {
  if [[ -r "/proc/$1/cmdline" ]]; then tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
  else ps -o args= -p "$1" 2>/dev/null || true; fi
}
is_launcher() { proc_args "$1" | grep -q 'neo4j-launcher\.jar'; }

[[ -f "$PID_FILE" ]] || exit 0
pid="$(cat "$PID_FILE" 2>/dev/null || true)"

if [[ -z "$pid" ]] || ! alive "$pid"; then
  rm -f "$PID_FILE"
  exit 0
fi
# Guard against a recycled pid: only signal our own launcher.
if ! is_launcher "$pid"; then
  echo "neo4j stop: pid $pid in $PID_FILE is not the neo4j launcher; removing stale pid file" >&2
  rm -f "$PID_FILE"
  exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + TIMEOUT))
while alive "$pid"; do
  if ((SECONDS >= deadline)); then
    echo "neo4j stop: pid $pid still running after ${TIMEOUT}s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    break
  fi
  sleep 0.2
done
rm -f "$PID_FILE"
if alive "$pid"; then
  echo "neo4j stop: pid $pid did not exit" >&2
  exit 1
fi
