# Active Volcengine reserved instances of the ecs.g3i family in one project.
data "ecsri_volcengine_reserved_instances" "web" {
  instance_type_family = "ecs.g3i"
  statuses             = ["ACTIVE"]
  project_name         = "default"
}

output "renewing" {
  value = { for ri in data.ecsri_volcengine_reserved_instances.web.reserved_instances : ri.id => ri.auto_renew }
}
