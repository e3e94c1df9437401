#!/usr/bin/env bash
# Deploys a package built by package.sh to the Flex Consumption Function App (zip deploy to its
# deployment container). Retries because role assignments of a new environment take minutes to apply.
#
# Usage: infra/scripts/deploy-app.sh <resource-group> <function-app> <package.zip>
set -euo pipefail

resource_group="${1:?usage: deploy-app.sh <resource-group> <function-app> <package.zip>}"
function_app="${2:?usage: deploy-app.sh <resource-group> <function-app> <package.zip>}"
package="${3:?usage: deploy-app.sh <resource-group> <function-app> <package.zip>}"
attempts=5

for attempt in $(seq 1 "$attempts"); do
  if az functionapp deployment source config-zip \
    --resource-group "$resource_group" --name "$function_app" --src "$package" --only-show-errors; then
    echo "Deployed $package to $function_app."
    exit 0
  fi
  if [[ "$attempt" -lt "$attempts" ]]; then
    echo "Deployment attempt $attempt of $attempts failed; retrying in 60 s." >&2
    sleep 60
  fi
done
echo "Deployment failed after $attempts attempts." >&2
exit 1
