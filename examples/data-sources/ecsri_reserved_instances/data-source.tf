# Active reserved instances of the ecs.g6 family owned by the web team.
data "ecsri_reserved_instances" "web" {
  instance_type_family = "ecs.g6"
  statuses             = ["Active"]
  tags                 = { team = "web" }
}

output "expiring" {
  value = { for ri in data.ecsri_reserved_instances.web.reserved_instances : ri.id => ri.expired_time }
}
