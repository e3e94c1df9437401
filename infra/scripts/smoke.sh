#!/usr/bin/env bash
# Waits until a deployed Signoff answers its readiness probe (database and Redis reachable).
#
# Usage: infra/scripts/smoke.sh <api-base-url>   e.g. https://func-signoff-abc.azurewebsites.net/api
set -euo pipefail

base_url="${1:?usage: smoke.sh <api-base-url>}"
probe="${base_url%/}/v1/health/ready"
attempts=30
status=''

for _ in $(seq 1 "$attempts"); do
  status="$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 "$probe" || true)"
  if [[ "$status" == 200 ]]; then
    echo "$probe is ready."
    exit 0
  fi
  sleep 10
done
echo "$probe was not ready after $attempts attempts (last status: ${status:-none})." >&2
exit 1
