# Fail a pipeline before a Volcengine reserved instance lapses unnoticed:
# this check fails when one expires within 30 days (counted by the
# service's clock) and will not renew itself. Failed checks are warnings in
# `terraform plan`; to stop CI on them, save the plan and test its JSON:
#   terraform plan -out=tfplan
#   terraform show -json tfplan | jq -e '[.checks[]? | select(.status == "fail")] | length == 0'
check "volcengine_reserved_instances_keep_renewing" {
  data "ecsri_volcengine_reserved_instances" "expiring" {
    expires_within_days = 30
  }

  assert {
    condition = alltrue([for ri in data.ecsri_volcengine_reserved_instances.expiring.reserved_instances : ri.auto_renew])
    error_message = format(
      "Reserved instances expire within 30 days and will not renew: %s. Raise period on their resource to renew them now, or set auto_renew = true.",
      join(", ", [for ri in data.ecsri_volcengine_reserved_instances.expiring.reserved_instances : "${ri.id} (expires ${ri.expired_time})" if !ri.auto_renew]),
    )
  }
}
