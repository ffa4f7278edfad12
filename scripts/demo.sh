#!/usr/bin/env bash
# make demo: the provider doing its main job against a local ecsmock, on
# Alibaba Cloud and Volcengine, with no credentials and no network. Builds
# both, starts the emulator (which serves both clouds) on a free loopback
# port, applies examples/demo twice (buy; then split and renew), runs a
# day of instances where the database and cache reservations are not, reads
# their utilisation, moves them and reads it again a day later; prints the
# outputs and the emulator's call log, and cleans up.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
mock_pid=""
cleanup() {
  [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null && wait "$mock_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

command -v terraform >/dev/null || { echo "make demo needs the terraform CLI on PATH" >&2; exit 1; }
echo "==> building the provider and ecsmock"
go build -o "$work/bin/terraform-provider-ecsri" "$root"
go build -o "$work/ecsmock" "$root/cmd/ecsmock"

"$work/ecsmock" -addr 127.0.0.1:0 -activation-delay 1s -quiet > "$work/ecsmock.out" &
mock_pid=$!
for _ in $(seq 50); do grep -q ECSMOCK_ENDPOINT "$work/ecsmock.out" 2>/dev/null && break; sleep 0.1; done
endpoint=$(sed -n 's/^ECSMOCK_ENDPOINT=//p' "$work/ecsmock.out")
[ -n "$endpoint" ] || { echo "ecsmock did not start" >&2; exit 1; }
echo "==> ecsmock listening on $endpoint"

# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
write_dev_overrides "$work/bin" "$work/terraformrc"
export ECSRI_ENDPOINT="$endpoint" ALIBABA_CLOUD_REGION_ID=cn-hangzhou
export ALIBABA_CLOUD_ACCESS_KEY_ID=ecsmock-access-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=ecsmock-secret-key
export VOLCENGINE_ENDPOINT="$endpoint" VOLCENGINE_REGION=cn-beijing
export VOLCENGINE_ACCESS_KEY=ecsmock-access-key VOLCENGINE_SECRET_KEY=ecsmock-secret-key
cp "$root"/examples/demo/*.tf "$root"/examples/demo/*.tfvars "$work/"
cd "$work"

# quiet drops Terraform's notes about development overrides; noreport
# drops the utilisation output, which the last acts show.
quiet() { grep -v -e '^$' -e 'Provider development overrides' -e 'dev_overrides' -e '^ - registry' -e 'The behavior may therefore' -e 'published releases' -e '^│ *$' -e 'may cause unexpected'; }
noreport() { sed '/^utilization = \[/,/^\]/d'; }
report() { sed -n '/^utilization = \[/,/^\]/p'; }
# control POSTs a JSON body to ecsmock's control API.
control() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$endpoint/_ecsmock/$1" >/dev/null; }

echo; echo "==> apply 1: buy two reservations on each cloud"
terraform apply -auto-approve -no-color 2>&1 | quiet | noreport
echo; echo "==> apply 2: split one reservation on each cloud, renew the others"
terraform apply -auto-approve -no-color -var-file=split-and-renew.tfvars 2>&1 | quiet | noreport

now=$(curl -fsS "$endpoint/_ecsmock/clock" | jq -r .now)
echo; echo "==> instances run where the db and cache reservations are not (ecs.r6.xlarge in cn-hangzhou-i, ecs.r3i.xlarge in cn-beijing-a); a day passes"
control instances "{\"cloud\":\"alibaba\",\"zone_id\":\"cn-hangzhou-i\",\"instance_type\":\"ecs.r6.xlarge\",\"count\":1,\"start_time\":\"$now\"}"
control instances "{\"cloud\":\"volcengine\",\"zone_id\":\"cn-beijing-a\",\"instance_type\":\"ecs.r3i.xlarge\",\"count\":1,\"start_time\":\"$now\"}"
control clock '{"advance":"24h"}'
echo "utilisation over the last day:"
terraform apply -auto-approve -no-color -var-file=split-and-renew.tfvars 2>&1 | quiet | report
echo; echo "==> apply 3: move them to their instances' zones (db_zone, cache_zone)"
terraform apply -auto-approve -no-color -var-file=move-idle.tfvars 2>&1 | quiet | sed '/^Outputs:/,$d'
control clock '{"advance":"24h"}'
echo; echo "==> a day later, utilisation over the last day:"
terraform apply -auto-approve -no-color -var-file=move-idle.tfvars 2>&1 | quiet | report
echo; echo "==> the API calls ecsmock received"
"$work/ecsmock" calls "$endpoint"
