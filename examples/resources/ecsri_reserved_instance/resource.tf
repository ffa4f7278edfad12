# Two reserved instances bought together: a regional one that matches
# ecs.g6.large instances anywhere in the region, and a zonal one that also
# reserves capacity in cn-hangzhou-h.
resource "ecsri_reserved_instance" "web" {
  name        = "web-tier"
  description = "Covers the web tier's steady load"
  period      = 1
  period_unit = "Year"

  configurations = [
    { instance_type = "ecs.g6.large", instance_amount = 4 },
    { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" },
  ]

  auto_renew             = true
  auto_renew_period      = 1
  auto_renew_period_unit = "Year"

  tags = {
    team = "web"
  }
}
