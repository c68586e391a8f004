# scripts/corpus_server.sh — sourced by the scripts that test the web front end and the
# clients against a running server (e2e.sh, clients.sh).

# start_corpus_server: builds the server and starts it on 127.0.0.1 on a free port with the
# bundled corpus and default options, waits for /readyz, and sets work (a temporary
# directory holding the binary and server.log), pid and base (http://127.0.0.1:PORT). It
# installs an EXIT trap that stops the server and removes work. The memory store, whatever
# NEO4J_URI says: the tests expect the bundled graph, and a Neo4j left by other tests holds
# whatever they wrote last. Needs go and node (for the readiness probe).
start_corpus_server() {
  local port ready=""
  work=$(mktemp -d)
  go build -o "$work/beleidsgraaf" .
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  base="http://127.0.0.1:$port"
  env -u NEO4J_URI "$work/beleidsgraaf" serve --addr "127.0.0.1:$port" corpus >"$work/server.log" 2>&1 &
  pid=$!
  trap stop_corpus_server EXIT
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work/server.log"; echo "the server exited"; return 1
    fi
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base/readyz"; then
      ready=1; break
    fi
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    cat "$work/server.log"; echo "the server did not become ready at $base"; return 1
  fi
  echo "serving at $base"
}

# stop_corpus_server: stops the server start_corpus_server started and removes its files.
stop_corpus_server() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
