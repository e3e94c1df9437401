#!/usr/bin/env bash
# Builds the Function App package from the repository root: compiled JavaScript of functions/,
# orchestrations/ and shared/, host.json, package.json and production dependencies only.
#
# Usage: infra/scripts/package.sh [output.zip]   (default: signoff.zip in the current directory)
# Leaves node_modules without devDependencies; run npm ci again to develop.
set -euo pipefail

out="$(realpath -m "${1:-signoff.zip}")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

npm ci
npm run build
npm ci --omit=dev

for dir in dist/functions dist/orchestrations dist/shared; do
  if [[ ! -d "$dir" ]]; then
    echo "Missing $dir after the build; package.json \"main\" loads dist/{functions,orchestrations}/*.js" >&2
    exit 1
  fi
done

rm -f "$out"
zip --quiet --recurse-paths --symlinks "$out" \
  host.json package.json package-lock.json dist/functions dist/orchestrations dist/shared node_modules
echo "Packaged $out ($(du -h "$out" | cut -f1))"
