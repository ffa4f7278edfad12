# The demo that `make demo` runs against a local ecsmock: buy two
# reservations, then split one and renew the other.
terraform {
  required_providers {
    ecsri = {
      source = "ecsri/ecsri"
    }
  }
}

# Region, endpoint and credentials come from the environment that
# `make demo` sets (ALIBABA_CLOUD_REGION_ID, ECSRI_ENDPOINT, ...).
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

resource "ecsri_reserved_instance" "web" {
  name           = "demo-web"
  configurations = var.web_configurations
  tags           = { demo = "true" }
}

resource "ecsri_reserved_instance" "db" {
  name           = "demo-db"
  period         = var.db_years
  period_unit    = "Year"
  configurations = [{ instance_type = "ecs.r6.xlarge", zone_id = "cn-hangzhou-h" }]
}

output "web" {
  description = "The web reservation's reserved instances."
  value       = [for c in ecsri_reserved_instance.web.configurations : "${c.id}: ${c.instance_type} x ${c.instance_amount} (${c.status})"]
}

output "db_expires" {
  description = "When the database reservation ends."
  value       = ecsri_reserved_instance.db.expired_time
}
