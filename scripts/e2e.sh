#!/usr/bin/env bash
# End-to-end tests of the web front end (web/): the graph explorer and GraphiQL, in headless
# Chromium (Debian's chromium package driven by playwright-core; no browser downloads).
#
#   1. checks for /usr/bin/chromium (Debian's chromium package); with E2E_INSTALL_CHROMIUM=1
#      installs it with apt-get (sudo when not root) when missing, otherwise fails saying so;
#   2. npm ci in web/ and rebuilds the bundle; fails if it differs from the committed web/dist
#      (the Go binary embeds web/dist, so what is committed is what is served);
#   3. builds the server, starts it on 127.0.0.1 on a free port, waits for /readyz;
#   4. runs web/e2e/*.test.mjs with node --test; screenshots land in web/e2e/screenshots/;
#   5. stops the server.
# Needs go, node >= 20.19 (vite 8; playwright-core needs >= 20) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

step() { printf '\n== %s\n' "$*"; }

step "chromium"
if [ ! -x /usr/bin/chromium ]; then
  if [ "${E2E_INSTALL_CHROMIUM:-0}" != 1 ]; then
    echo "no /usr/bin/chromium: install Debian's chromium package (sudo apt-get install chromium)," >&2
    echo "or run with E2E_INSTALL_CHROMIUM=1 to let this script install it with apt-get (as .ci/run does)" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "E2E_INSTALL_CHROMIUM=1: installing Debian's chromium with ${sudo:+sudo }apt-get"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version 2>/dev/null | grep -v '^\s*$' | tail -1 || true

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "scripts/e2e.sh needs Node >= 20.19 (vite 8; playwright-core needs >= 20); this is node $(node --version)" >&2
  exit 1
fi

step "npm ci (web/)"
(cd web && npm ci --no-audit --no-fund)

step "rebuild the bundle; it must equal the committed web/dist"
(cd web && npm run build)
if ! git diff --exit-code --stat -- web/dist; then
  echo "web/dist differs from the build of web/: run 'npm ci && npm run build' in web/ and commit web/dist"
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- web/dist)
if [ -n "$untracked" ]; then
  echo "$untracked"
  echo "the build made files that are not committed: commit web/dist"
  exit 1
fi

step "build and start the server"
source scripts/corpus_server.sh
start_corpus_server

step "end-to-end tests (node --test, playwright-core, /usr/bin/chromium)"
status=0
(cd web && BASE_URL="$base" node --test --test-concurrency=1 --test-reporter=spec e2e/) || status=$?
echo "screenshots: web/e2e/screenshots/"
if [ "$status" -ne 0 ]; then
  echo "--- server log (tail)"; tail -n 40 "$work/server.log"
fi
exit "$status"
