# The demo that `make demo` runs against a local ecsmock, on both clouds:
# buy reservations, then split some and renew the others; then find the
# reservations that sit idle while instances of their type run elsewhere,
# and move them.
terraform {
  required_providers {
    ecsri = {
      source = "ecsri/ecsri"
    }
  }
}

# Regions, endpoints and credentials of both clouds come from the
# environment that `make demo` sets (ALIBABA_CLOUD_REGION_ID, ECSRI_ENDPOINT,
# VOLCENGINE_REGION, VOLCENGINE_ENDPOINT, ...).
provider "ecsri" {}

variable "web_configurations" {
  description = "The reserved instances of the web reservation."
  type = list(object({
    instance_type   = string
    instance_amount = number
  }))
  default = [{ instance_type = "ecs.g6.2xlarge", instance_amount = 1 }]
}

variable "db_years" {
  description = "Term of the database reservation, in years."
  type        = number
  default     = 1
}

variable "volcengine_configurations" {
  description = "The reserved instances of the Volcengine batch reservation."
  type = list(object({
    instance_type = string
    zone_id       = string
  }))
  default = [{ instance_type = "ecs.g3i.2xlarge", zone_id = "cn-beijing-a" }]
}

variable "db_zone" {
  description = "Zone of the database reservation."
  type        = string
  default     = "cn-hangzhou-h"
}

variable "cache_zone" {
  description = "Zone of the Volcengine cache reservation."
  type        = string
  default     = "cn-beijing-b"
}

variable "volcengine_months" {
  description = "Term of the Volcengine cache reservation, in months."
  type        = number
  default     = 1
}

resource "ecsri_reserved_instance" "web" {
  name           = "demo-web"
  configurations = var.web_configurations
  tags           = { demo = "true" }
}

resource "ecsri_reserved_instance" "db" {
  name           = "demo-db"
  period         = var.db_years
  period_unit    = "Year"
  configurations = [{ instance_type = "ecs.r6.xlarge", zone_id = var.db_zone }]
}

output "web" {
  description = "The web reservation's reserved instances."
  value       = [for c in ecsri_reserved_instance.web.configurations : "${c.id}: ${c.instance_type} x ${c.instance_amount} (${c.status})"]
}

output "db_expires" {
  description = "When the database reservation ends."
  value       = ecsri_reserved_instance.db.expired_time
}

resource "ecsri_volcengine_reserved_instance" "batch" {
  name           = "demo-batch"
  configurations = var.volcengine_configurations
  tags           = { demo = "true" }
}

resource "ecsri_volcengine_reserved_instance" "cache" {
  name           = "demo-cache"
  period         = var.volcengine_months
  period_unit    = "Month"
  configurations = [{ instance_type = "ecs.r3i.xlarge", zone_id = var.cache_zone }]
}

output "volcengine_batch" {
  description = "The Volcengine batch reservation's reserved instances."
  value       = [for c in ecsri_volcengine_reserved_instance.batch.configurations : "${c.id}: ${c.instance_type} x ${c.instance_amount} (${c.status})"]
}

output "volcengine_cache_expires" {
  description = "When the Volcengine cache reservation ends."
  value       = ecsri_volcengine_reserved_instance.cache.expired_time
}

# What the database and cache reservations paid for over the last day, and
# how much of the pay-as-you-go usage of their instance type they covered,
# zone by zone.
data "ecsri_reserved_instance_utilization" "db" {
  days          = 1
  ids           = [for c in ecsri_reserved_instance.db.configurations : c.id]
  instance_type = "ecs.r6.xlarge"
}

data "ecsri_volcengine_reserved_instance_utilization" "cache" {
  days          = 1
  ids           = [for c in ecsri_volcengine_reserved_instance.cache.configurations : c.id]
  instance_type = "ecs.r3i.xlarge"
}

output "utilization" {
  description = "Use of the database and cache reservations, and coverage of their instance types, over the last day."
  value = concat(
    [for ri in data.ecsri_reserved_instance_utilization.db.reserved_instances : "db ${ri.id} in ${ri.zone_id}: ${ri.utilization_percent} % used"],
    [for c in data.ecsri_reserved_instance_utilization.db.coverage : "pay-as-you-go ${c.instance_type} in ${coalesce(c.zone_id, "the region")}: ${c.coverage_percent} % covered"],
    [for ri in data.ecsri_volcengine_reserved_instance_utilization.cache.reserved_instances : "cache ${ri.id} in ${ri.zone_id}: ${ri.utilization_percent} % used"],
    [for c in data.ecsri_volcengine_reserved_instance_utilization.cache.coverage : "pay-as-you-go ${c.instance_type} in ${coalesce(c.zone_id, "the region")}: ${c.coverage_percent} % covered"],
  )
}
