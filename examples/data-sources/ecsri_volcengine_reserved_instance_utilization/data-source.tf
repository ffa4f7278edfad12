# What every reserved instance of the region paid for over the last 30 days
# (on the service's clock), and the share of the usage of the g3i family
# that reserved instances covered.
data "ecsri_volcengine_reserved_instance_utilization" "g3i" {
  days                 = 30
  instance_type_family = "ecs.g3i"
}

output "idle_g3i_reservations" {
  value = {
    for ri in data.ecsri_volcengine_reserved_instance_utilization.g3i.reserved_instances :
    ri.id => "${ri.utilization_percent} % used, ${ri.unused_quantity} ${ri.unit} idle in ${coalesce(ri.zone_id, ri.region_id)}"
    if ri.utilization_percent < 100
  }
}

# A fixed window, for a monthly report.
data "ecsri_volcengine_reserved_instance_utilization" "november" {
  start_time = "2026-11-01T00:00:00+08:00"
  end_time   = "2026-12-01T00:00:00+08:00"
}
