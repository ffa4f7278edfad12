# Sourced by the scripts that run terraform against a provider built from
# this tree: writes a CLI config whose dev_overrides points at $1 and exports
# it, so no registry and no network are involved.
write_dev_overrides() {
  local bin_dir=$1 rc=$2
  cat > "$rc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/ecsri/ecsri" = "$bin_dir"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$rc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
}
