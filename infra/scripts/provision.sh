#!/usr/bin/env bash
# Provisions one Signoff environment: the subscription-scope deployment of infra/main.bicep with
# infra/parameters/<environment>.bicepparam. A cursor HMAC key is generated only when the environment's
# Key Vault has none yet (or SIGNOFF_ROTATE_CURSOR_SECRET=1), so outstanding cursors stay valid.
#
# Usage: infra/scripts/provision.sh <environment>
# Needs: az CLI signed in to the target subscription; SIGNOFF_AUTH_AUDIENCE and SIGNOFF_PUBLISHER_EMAIL
# (see docs/deploy.md). In GitHub Actions it also writes the main outputs to $GITHUB_OUTPUT.
set -euo pipefail

environment="${1:?usage: provision.sh <environment>}"
infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
params="$infra_dir/parameters/$environment.bicepparam"
deployment="signoff-$environment"
cursor_secret_name='cursor-secret'

if [[ ! -f "$params" ]]; then
  echo "No parameter file for environment '$environment': expected $params" >&2
  exit 2
fi
location="$(sed -n "s/^param location = '\(.*\)'$/\1/p" "$params")"
if [[ -z "$location" ]]; then
  echo "$params must set location as a literal: param location = '<region>'" >&2
  exit 2
fi

# The previous deployment of this environment names its vault; a missing deployment means a first run.
cursor_secret_exists() {
  local vault_id
  vault_id="$(az deployment sub show --name "$deployment" \
    --query 'properties.outputs.KEY_VAULT_ID.value' --output tsv 2>/dev/null || true)"
  [[ -n "$vault_id" ]] &&
    az resource show --ids "$vault_id/secrets/$cursor_secret_name" --query id --output tsv >/dev/null 2>&1
}

if [[ "${SIGNOFF_ROTATE_CURSOR_SECRET:-0}" != 1 ]] && cursor_secret_exists; then
  export SIGNOFF_CURSOR_SECRET=''
else
  SIGNOFF_CURSOR_SECRET="$(openssl rand -base64 48 | tr -d '\n')"
  export SIGNOFF_CURSOR_SECRET
  if [[ -n "${GITHUB_ACTIONS:-}" ]]; then
    echo "::add-mask::$SIGNOFF_CURSOR_SECRET"
  fi
  echo "Writing a new cursor secret to Key Vault (first deployment or rotation)."
fi

az bicep version >/dev/null 2>&1 || az bicep install

outputs="$(az deployment sub create \
  --name "$deployment" \
  --location "$location" \
  --template-file "$infra_dir/main.bicep" \
  --parameters "$params" \
  --query properties.outputs \
  --output json)"

output() {
  jq --raw-output --arg name "$1" '.[$name].value' <<<"$outputs"
}

echo "Deployment $deployment succeeded:"
jq 'map_values(.value)' <<<"$outputs"

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "resource-group=$(output AZURE_RESOURCE_GROUP)"
    echo "function-app=$(output FUNCTION_APP_NAME)"
    echo "function-url=$(output FUNCTION_APP_URL)"
    echo "api-url=$(output API_GATEWAY_URL)"
  } >>"$GITHUB_OUTPUT"
fi
