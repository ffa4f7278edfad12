# The computing power of 3 × ecs.g6.2xlarge, in normalisation units (24):
output "compute" {
  value = 3 * provider::ecsri::normalization_factor("ecs.g6.2xlarge")
}
