#!/usr/bin/env bash
# GraphQL-over-HTTP conformance audit: builds the server, starts it on a free port on
# 127.0.0.1 with the embedded store and the bundled corpus, waits for /readyz, runs the
# audits of the npm package graphql-http (scripts/graphql-audit, versions pinned in its
# package-lock.json) against /graphql and stops the server. Prints each audit and a summary:
#
#   graphql-http audit: N passed, 0 MUST failures, K SHOULD/MAY warnings
#
# Exits non-zero when any MUST-level audit fails or the server does not come up.
# Needs go, node (>= 18, for fetch), npm and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
audit_dir="$root/scripts/graphql-audit"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== npm ci (scripts/graphql-audit)"
(cd "$audit_dir" && npm ci --no-audit --no-fund --loglevel=error)

echo "== go build"
GOFLAGS="${GOFLAGS:--buildvcs=false}" go build -o "$work/beleidsgraaf" .

# A free port: bind port 0, read what the kernel chose, release it.
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"

echo "== starting the server on $base"
# The embedded store, whatever the environment says, and the defaults of `go run .`
# (introspection on: one audit asks for __type).
env -u NEO4J_URI "$work/beleidsgraaf" serve --addr "127.0.0.1:$port" --introspection=true \
  --cors-origins "" corpus >"$work/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 300); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  if curl -fsS -o /dev/null "$base/readyz" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "the server did not become ready; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

echo "== graphql-http audit of $base/graphql"
status=0
node "$audit_dir/audit.mjs" "$base/graphql" || status=$?
if [ "$status" -ne 0 ]; then
  echo "server log (tail):" >&2
  tail -n 20 "$work/server.log" >&2
fi
exit "$status"
