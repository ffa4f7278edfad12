package acctest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Cloud is one cloud as the acceptance tests write it: its resource and
// data source, a region with two zones, three sizes of one family
// (normalisation factors 2, 4 and 8) and a type of another family, and its
// API actions (Rules.Calls).
type Cloud struct {
	Name                 string
	Mock                 ecsmock.Cloud
	Rules                *reservation.Rules
	Resource, DataSource string
	Region, Zone, Zone2  string
	Small, Medium, Large string
	Other                string
	// Active is the cloud's spelling of an active RI's status.
	Active string
}

// The clouds, and both of them for one table of cases.
var (
	Alibaba = Cloud{Name: "alibaba", Mock: ecsmock.CloudAlibaba, Rules: reservation.Alibaba,
		Resource: "ecsri_reserved_instance", DataSource: "ecsri_reserved_instances",
		Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Zone2: "cn-hangzhou-i",
		Small: "ecs.g6.large", Medium: "ecs.g6.xlarge", Large: "ecs.g6.2xlarge", Other: "ecs.c6.large", Active: "Active"}
	Volcengine = Cloud{Name: "volcengine", Mock: ecsmock.CloudVolcengine, Rules: reservation.Volcengine,
		Resource: "ecsri_volcengine_reserved_instance", DataSource: "ecsri_volcengine_reserved_instances",
		Region: "cn-beijing", Zone: "cn-beijing-a", Zone2: "cn-beijing-b",
		Small: "ecs.g3i.large", Medium: "ecs.g3i.xlarge", Large: "ecs.g3i.2xlarge", Other: "ecs.c3i.large", Active: "ACTIVE"}
	Clouds = []Cloud{Alibaba, Volcengine}
)

// EachCloud runs a case on every cloud, in parallel.
func EachCloud(t *testing.T, run func(t *testing.T, c Cloud)) {
	t.Helper()
	for _, c := range Clouds {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			run(t, c)
		})
	}
}

// Address is the test's resource of this cloud.
func (c Cloud) Address() string { return c.Resource + ".test" }

// Provider is a provider block that configures this cloud only, against
// the emulator; extra lines go inside the cloud's settings.
func (c Cloud) Provider(e *Env, extra string) string {
	if c.Mock == ecsmock.CloudAlibaba {
		return fmt.Sprintf("provider \"ecsri\" {\n  region     = %q\n  endpoint   = %q\n  access_key = %q\n  secret_key = %q\n  %s\n}\n",
			c.Region, e.Endpoint, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, extra)
	}
	return fmt.Sprintf("provider \"ecsri\" {\n  %s\n  volcengine {\n    region     = %q\n    endpoint   = %q\n    access_key = %q\n    secret_key = %q\n  }\n}\n",
		extra, c.Region, e.Endpoint, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret)
}

// Config is the provider block and the test's resource with the body given.
func (c Cloud) Config(e *Env, body string) string {
	return c.Provider(e, "") + c.ResourceBlock(body)
}

// ResourceBlock is the test's resource with the body given; Volcengine's
// required name is "ri" unless the body names it.
func (c Cloud) ResourceBlock(body string) string {
	if c.Rules.RenameByModify && !strings.Contains(body, "name ") && !strings.Contains(body, "name=") {
		body = "name = \"ri\"\n" + body
	}
	return fmt.Sprintf("resource %q \"test\" {\n%s\n}\n", c.Resource, body)
}

// Element writes one element of configurations.
func (c Cloud) Element(typ string, amount int, zone string) string {
	if zone == "" {
		return fmt.Sprintf("{ instance_type = %q, instance_amount = %d }", typ, amount)
	}
	return fmt.Sprintf("{ instance_type = %q, instance_amount = %d, zone_id = %q }", typ, amount, zone)
}

// Elements writes configurations.
func Elements(elems ...string) string {
	return "configurations = [" + strings.Join(elems, ", ") + "]\n"
}

// Shape is an RI of the emulator as "type×amount@zone" (no zone for a
// regional one), to compare inventories.
func Shape(ri ecsmock.ReservedInstance) string {
	return fmt.Sprintf("%s×%d@%s", ri.InstanceType, ri.InstanceAmount, ri.ZoneID)
}

// At is a path in the test's resource.
func At(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// Settings configure the provider for this cloud only, against the
// emulator, for a Harness; shared are top-level settings every cloud
// reads (max_retries, read_timeout, …), and local this cloud's own.
func (c Cloud) Settings(e *Env, shared, local map[string]any) map[string]any {
	own := map[string]any{"region": c.Region, "endpoint": e.Endpoint, "access_key": ecsmock.DefaultAccessKeyID,
		"secret_key": ecsmock.DefaultAccessKeySecret}
	for k, v := range local {
		own[k] = v
	}
	out := map[string]any{}
	for k, v := range shared {
		out[k] = v
	}
	if c.Mock == ecsmock.CloudAlibaba {
		for k, v := range own {
			out[k] = v
		}
		return out
	}
	out["volcengine"] = own
	return out
}

// Harness drives this cloud's resource over the protocol, configured
// against the emulator.
func (c Cloud) Harness(t *testing.T, e *Env, shared map[string]any, opts ...provider.Option) *Harness {
	return NewHarness(t, c.Resource, c.Settings(e, shared, nil), opts...)
}

// Elem is one element of configurations as a Harness writes it.
func Elem(typ string, amount int, zone string) map[string]any {
	e := map[string]any{"instance_type": typ, "instance_amount": amount}
	if zone != "" {
		e["zone_id"] = zone
	}
	return e
}

// Body is a configuration of this cloud's resource as a Harness writes it:
// Volcengine's required name is "ri" unless values name it.
func (c Cloud) Body(values map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range values {
		out[k] = v
	}
	if _, ok := out["name"]; !ok && c.Rules.RenameByModify {
		out["name"] = "ri"
	}
	return out
}
