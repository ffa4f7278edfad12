package main

import "fmt"

// A config is one subject of the benchmark: N resources of one type in one
// Terraform configuration. Every config is measured in every phase of every
// run, one after another, never two at once.
type config struct {
	name string
	// hcl writes the configuration of n resources against the emulator.
	hcl func(n int, m *mock) string
	// calls picks the emulator calls that belong to this config. Nil means
	// the config makes no API call: a floor. A call it does not pick fails
	// the benchmark, because it would mean two measurements overlapped.
	calls func(apiCall) bool
}

// The two floors the ratios are taken against.
const (
	frameworkFloor = "time_static"    // any plugin-framework provider, zero API calls
	terraformFloor = "terraform_data" // Terraform alone, no plugin process
)

// configs are measured in this order within a run (rotated from run to
// run). The targets hold every ecsri config to the same limits.
var configs = []config{
	{name: terraformFloor, hcl: terraformData},
	{name: frameworkFloor, hcl: timeStatic},
	{name: "ecsri_reserved_instance", hcl: alibabaRIs, calls: callsOf("alibaba")},
	{name: "ecsri_volcengine_reserved_instance", hcl: volcengineRIs, calls: callsOf("volcengine")},
}

func terraformData(n int, _ *mock) string {
	return fmt.Sprintf(`resource "terraform_data" "r" {
  count = %d
  input = "bench-${count.index}"
}
`, n)
}

func timeStatic(n int, _ *mock) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    time = { source = "hashicorp/time" }
  }
}
resource "time_static" "r" {
  count    = %d
  triggers = { name = "bench-${count.index}" }
}
`, n)
}

func alibabaRIs(n int, m *mock) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    ecsri = { source = "ecsri/ecsri" }
  }
}
provider "ecsri" {
  region     = "cn-hangzhou"
  endpoint   = %q
  access_key = %q
  secret_key = %q
}
resource "ecsri_reserved_instance" "r" {
  count          = %d
  name           = "bench-${count.index}"
  configurations = [{ instance_type = "ecs.g6.large" }]
}
`, m.endpoint, m.accessKey, m.secretKey, n)
}

// callsOf picks the calls one cloud's API answered. The emulator's call log
// names the cloud in "cloud"; a log without it predates Volcengine and is
// all Alibaba.
func callsOf(cloud string) func(apiCall) bool {
	return func(c apiCall) bool {
		if c.Cloud == "" {
			return cloud == "alibaba"
		}
		return c.Cloud == cloud
	}
}

func volcengineRIs(n int, m *mock) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    ecsri = { source = "ecsri/ecsri" }
  }
}
provider "ecsri" {
  volcengine {
    region     = "cn-beijing"
    endpoint   = %q
    access_key = %q
    secret_key = %q
  }
}
resource "ecsri_volcengine_reserved_instance" "r" {
  count          = %d
  name           = "bench-${count.index}"
  configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]
}
`, m.endpoint, m.accessKey, m.secretKey, n)
}

// shortNames keep the calls-by-action column narrow.
var shortNames = map[string]string{
	"PurchaseReservedInstancesOffering":          "Purchase",
	"DescribeReservedInstances":                  "Describe",
	"DescribeReservedInstanceAutoRenewAttribute": "DescribeAutoRenew",
	"ModifyReservedInstanceAttribute":            "SetAttribute",
}

func shortName(action string) string {
	if s, ok := shortNames[action]; ok {
		return s
	}
	return action
}
