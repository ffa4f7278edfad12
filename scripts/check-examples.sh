#!/usr/bin/env bash
# Validates every example directory with the provider built from this tree,
# through a temporary Terraform CLI config with dev_overrides: no registry,
# no network.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/dev-overrides.sh
. "$root/scripts/dev-overrides.sh"
go build -o "$work/bin/terraform-provider-ecsri" "$root"
write_dev_overrides "$work/bin" "$work/terraformrc"

terraform fmt -recursive -check "$root/examples"
status=0
while IFS= read -r dir; do
  copy="$work/check/${dir#"$root"/}"
  mkdir -p "$copy"
  cp "$dir"/*.tf "$copy"/
  if ! grep -qs required_providers "$copy"/*.tf; then
    printf 'terraform {\n  required_providers {\n    ecsri = { source = "ecsri/ecsri" }\n  }\n}\n' > "$copy/zz_providers.tf"
  fi
  if out=$(cd "$copy" && terraform validate -no-color 2>&1); then
    echo "ok    ${dir#"$root"/}"
  else
    echo "FAIL  ${dir#"$root"/}"; echo "$out"; status=1
  fi
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)
exit $status
