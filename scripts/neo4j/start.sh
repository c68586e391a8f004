#!/usr/bin/env bash
# Start an embedded Neo4j Community (Bolt only, no auth) in the background and
# wait until it accepts Bolt connections. On success prints only eval-able lines:
#
#   eval "$(scripts/neo4j/start.sh)"   # sets NEO4J_URI
#
# Environment (all optional):
#   NEO4J_HOST           bind address                 (127.0.0.1)
#   NEO4J_PORT           Bolt port                    (7687)
#   NEO4J_HOME_DIR       Neo4j home (data + debug.log) (scripts/neo4j/target/home)
#   NEO4J_KEEP_DATA      1 = keep existing data, else the home is wiped on start (0)
#   NEO4J_LOG            launcher stdout/stderr        (scripts/neo4j/target/neo4j.log)
#   NEO4J_PID_FILE       pid file                      (scripts/neo4j/target/neo4j.pid)
#   NEO4J_PAGECACHE      page cache size               (64m)
#   NEO4J_JAVA_OPTS      JVM options                   (-Xmx1g ...)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt      (180)
#   JAVA_HOME / MVN      java / maven to use
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$DIR/target"
JAR="$TARGET/neo4j-launcher.jar"

HOST="${NEO4J_HOST:-127.0.0.1}"
PORT="${NEO4J_PORT:-7687}"
HOME_DIR="${NEO4J_HOME_DIR:-$TARGET/home}"
KEEP_DATA="${NEO4J_KEEP_DATA:-0}"
LOG="${NEO4J_LOG:-$TARGET/neo4j.log}"
PID_FILE="${NEO4J_PID_FILE:-$TARGET/neo4j.pid}"
TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
JAVA_OPTS="${NEO4J_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow -Dio.netty.tryReflectionSetAccessible=true -Djdk.nio.maxCachedBufferSize=1024 -Dlog4j2.disable.jmx=true}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVN="${MVN:-mvn}"

die() { echo "neo4j start: $*" >&2; exit 1; }

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

bolt_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

print_env() {
  echo "export NEO4J_URI=bolt://$HOST:$PORT"
  echo "# neo4j pid $1, log $LOG, stop with $DIR/stop.sh"
}

# Already running (started by us)? Then nothing to do.
if [[ -f "$PID_FILE" ]]; then
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && alive "$pid" && is_launcher "$pid"; then
    if bolt_open; then
      print_env "$pid"
      exit 0
    fi
    die "pid $pid from $PID_FILE is running but bolt://$HOST:$PORT is not open; run $DIR/stop.sh first"
  fi
  rm -f "$PID_FILE"
fi

if bolt_open; then
  die "something is already listening on $HOST:$PORT (not started by this script)"
fi

# Build only if the artifact is missing or sources are newer.
if [[ ! -f "$JAR" || ! -d "$TARGET/lib" ]] || [[ -n "$(find "$DIR/pom.xml" "$DIR/src" -newer "$JAR" -print -quit)" ]]; then
  mkdir -p "$TARGET"
  if ! (cd "$DIR" && "$MVN" -q -B -Dstyle.color=never package -DskipTests) >"$TARGET/build.log" 2>&1; then
    tail -n 40 "$TARGET/build.log" >&2
    die "maven build failed (full log: $TARGET/build.log)"
  fi
  touch "$JAR" # jar plugin may skip re-jarring when unchanged; keep the freshness check stable
fi

if [[ "$KEEP_DATA" != "1" ]]; then
  rm -rf "$HOME_DIR"
fi
mkdir -p "$HOME_DIR" "$(dirname "$LOG")" "$(dirname "$PID_FILE")"
: >"$LOG"

# shellcheck disable=SC2086 # JAVA_OPTS is intentionally word-split
NEO4J_HOST="$HOST" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-64m}" \
  nohup "$JAVA" $JAVA_OPTS -jar "$JAR" "$PORT" "$HOME_DIR" </dev/null >>"$LOG" 2>&1 &
pid=$!
echo "$pid" >"$PID_FILE"

deadline=$((SECONDS + TIMEOUT))
until grep -q '^neo4j ready ' "$LOG" 2>/dev/null && bolt_open; do
  if ! alive "$pid"; then
    rm -f "$PID_FILE"
    tail -n 40 "$LOG" >&2
    die "launcher exited before Bolt was ready (log: $LOG)"
  fi
  if ((SECONDS >= deadline)); then
    tail -n 40 "$LOG" >&2
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
    die "bolt://$HOST:$PORT not ready after ${TIMEOUT}s (log: $LOG)"
  fi
  sleep 0.5
done

print_env "$pid"
