# Fail a pipeline when a reservation sits idle: this check fails when a
# reserved instance paid for less than 80 % of what it reserved over the
# last 30 days, and names it (one not yet in effect reserved nothing and
# passes). Failed checks are warnings in `terraform plan`;
# to stop CI on them, save the plan and test its JSON:
#   terraform plan -out=tfplan
#   terraform show -json tfplan | jq -e '[.checks[]? | select(.status == "fail")] | length == 0'
check "reserved_instances_are_used" {
  data "ecsri_reserved_instance_utilization" "last_30_days" {
    days     = 30
    statuses = ["Active"]
  }

  assert {
    condition = alltrue([for ri in data.ecsri_reserved_instance_utilization.last_30_days.reserved_instances : ri.reserved_quantity == 0 || ri.utilization_percent >= 80])
    error_message = format(
      "Reserved instances used less than 80 %% of what they reserved over the last 30 days: %s. Move them where instances of their family run (zone_id, or split them), or stop renewing them.",
      join(", ", [for ri in data.ecsri_reserved_instance_utilization.last_30_days.reserved_instances : "${ri.id} (${ri.utilization_percent} % of ${ri.instance_amount} × ${ri.instance_type} in ${coalesce(ri.zone_id, ri.region_id)})" if ri.reserved_quantity > 0 && ri.utilization_percent < 80]),
    )
  }
}
