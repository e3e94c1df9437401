#!/usr/bin/env bash
# Compiles and lints every Bicep file and builds each parameter file with the Bicep CLI (through az),
# with the rule levels of infra/bicepconfig.json. CI runs it; the deployment compiles the same files.
#
# Usage: infra/scripts/check-bicep.sh   (needs az; SIGNOFF_AUTH_AUDIENCE and SIGNOFF_PUBLISHER_EMAIL set,
# any value, because the parameter files read them)
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

az bicep version >/dev/null 2>&1 || az bicep install

for template in "$infra_dir"/main.bicep "$infra_dir"/modules/*.bicep; do
  echo "bicep: $template"
  az bicep build --file "$template" --stdout >/dev/null
  az bicep lint --file "$template"
done
for params in "$infra_dir"/parameters/*.bicepparam; do
  echo "bicep: $params"
  az bicep build-params --file "$params" --stdout >/dev/null
done
