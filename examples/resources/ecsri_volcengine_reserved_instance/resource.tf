# Two Volcengine reserved instances bought together for a year (12 months),
# renewing themselves 3 months at a time.
resource "ecsri_volcengine_reserved_instance" "web" {
  name         = "web-tier"
  description  = "Covers the web tier's steady load"
  project_name = "default"
  period       = 12
  period_unit  = "Month"

  configurations = [
    { instance_type = "ecs.g3i.large", instance_amount = 4, zone_id = "cn-beijing-a" },
    { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-b" },
  ]

  auto_renew        = true
  auto_renew_period = 3

  tags = {
    team = "web"
  }
}
