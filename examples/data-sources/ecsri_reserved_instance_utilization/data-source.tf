# What every reserved instance of the region paid for over the last 30 days
# (on the service's clock), and how much of the pay-as-you-go usage of the
# g6 family reserved instances covered, zone by zone.
data "ecsri_reserved_instance_utilization" "g6" {
  days                 = 30
  instance_type_family = "ecs.g6"
}

output "idle_g6_reservations" {
  value = {
    for ri in data.ecsri_reserved_instance_utilization.g6.reserved_instances :
    ri.id => "${ri.utilization_percent} % used, ${ri.unused_quantity} ${ri.unit} idle in ${coalesce(ri.zone_id, ri.region_id)}"
    if ri.utilization_percent < 100
  }
}

output "uncovered_g6_usage" {
  value = {
    for c in data.ecsri_reserved_instance_utilization.g6.coverage :
    "${c.instance_type} in ${c.zone_id}" => "${c.coverage_percent} % covered"
    if c.coverage_percent < 100
  }
}

# A fixed window, for a monthly report.
data "ecsri_reserved_instance_utilization" "november" {
  start_time = "2026-11-01T00:00:00+08:00"
  end_time   = "2026-12-01T00:00:00+08:00"
}
