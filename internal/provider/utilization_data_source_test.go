package provider_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// The utilisation data sources through Terraform, against ecsmock's fleet,
// on the scenarios every number of the docs comes from. T is the
// emulator's hour when the test starts; the windows end a little later,
// when Terraform reads.

// utilizationOf is the utilisation data source of a cloud.
func utilizationOf(c acctest.Cloud) string {
	return strings.TrimSuffix(c.DataSource, "s") + "_utilization"
}

// about checks that a number of the state is want, ±tolerance.
func about(address, key string, want, tolerance float64) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(address, key, func(v string) error {
		got, err := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(got-want) > tolerance {
			return fmt.Errorf("%s = %s, want %g ± %g", key, v, want, tolerance)
		}
		return nil
	})
}

// hours checks a quantity of the state: perHour for each of the window's
// hours, but the one still running.
func hours(address, key string, n int, perHour float64) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(address, key, func(v string) error {
		got, err := strconv.ParseFloat(v, 64)
		if lo, hi := float64(n-1)*perHour, float64(n)*perHour; err != nil || got < lo-0.01 || got > hi+0.01 {
			return fmt.Errorf("%s = %s, want %g to %g (%d hours of %g, the last still running)", key, v, lo, hi, n, perHour)
		}
		return nil
	})
}

// declare runs instances of a type in a zone from a time on, still running.
func declare(t *testing.T, e *acctest.Env, c acctest.Cloud, typ, zone string, count int, since time.Time) string {
	t.Helper()
	id, err := e.Mock.DeclareInstances(c.Mock, ecsmock.Instances{InstanceType: typ, ZoneID: zone, Count: count, StartTime: since})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A zonal RI of the small type × 2, in effect since T−20 days, and one
// instance of its type in its zone since T−10 days: it used half of what it
// reserved over the last 10 days, a quarter over 20. The instance's usage is
// all covered.
func TestAccUtilizationZonalRI(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		at := e.Mock.Now().Truncate(time.Hour)
		ri := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, InstanceAmount: 2, ZoneID: c.Zone, StartTime: at.Add(-20 * 24 * time.Hour)})
		declare(t, e, c, c.Small, c.Zone, 1, at.Add(-10*24*time.Hour))
		ds := utilizationOf(c)
		config := c.Provider(e, "")
		for _, days := range []int{10, 20} {
			config += fmt.Sprintf("data %q \"d%d\" {\n  days = %d\n  ids  = [%q]\n}\n", ds, days, days, ri.ID)
		}
		d10, d20 := "data."+ds+".d10", "data."+ds+".d20"
		factor := 2.0 // the small type's normalisation factor
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{{Config: config, Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(d10, "reserved_instances.#", "1"),
				resource.TestCheckResourceAttr(d10, "reserved_instances.0.id", ri.ID),
				resource.TestCheckResourceAttr(d10, "reserved_instances.0.scope", "Zone"),
				resource.TestCheckResourceAttr(d10, "reserved_instances.0.zone_id", c.Zone),
				resource.TestCheckResourceAttr(d10, "reserved_instances.0.unit", "factor-hours"),
				about(d10, "reserved_instances.0.utilization_percent", 50, 1),
				// The clouds count whole hours: the window's last, still
				// running, is not yet counted.
				hours(d10, "reserved_instances.0.reserved_quantity", 240, 2*factor),
				hours(d10, "reserved_instances.0.used_quantity", 240, factor),
				hours(d10, "reserved_instances.0.unused_quantity", 240, factor),
				about(d20, "reserved_instances.0.utilization_percent", 25, 1),
				about(d20, "total.utilization_percent", 25, 1),
				hours(d20, "total.reserved_quantity", 480, 2*factor),
				resource.TestCheckResourceAttr(d10, "coverage.#", "1"),
				resource.TestCheckResourceAttr(d10, "coverage.0.instance_type", c.Small),
				about(d10, "coverage.0.coverage_percent", 100, 1),
				hours(d10, "coverage.0.usage_quantity", 240, factor),
				resource.TestCheckResourceAttrWith(d10, "window_end", func(v string) error {
					end, err := time.Parse("2006-01-02T15:04Z", v)
					return acctest.Expect(err == nil && !end.Before(at) && end.Sub(at) < time.Hour,
						"window_end %s is not the emulator's clock (%s)", v, at.Format(time.RFC3339))
				}),
			)}},
		})
	})
}

// A regional RI of the large type × 1 (factor 8) pays for instances of its
// family in any zone, by normalisation factor: four of the small type
// (factor 2), two in each zone, use all of it; two use half.
func TestAccUtilizationRegionalRI(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		if c.Mock == ecsmock.CloudVolcengine {
			c.Small, c.Large = "ecs.g3i.large", "ecs.g3i.2xlarge"
		} else {
			c.Small, c.Large = "ecs.c6.large", "ecs.c6.2xlarge"
		}
		e := acctest.New(t, ecsmock.Options{})
		at := e.Mock.Now().Truncate(time.Hour)
		ri := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Large, InstanceAmount: 1, StartTime: at.Add(-10 * 24 * time.Hour)})
		declare(t, e, c, c.Small, c.Zone, 2, at.Add(-10*24*time.Hour))
		second := declare(t, e, c, c.Small, c.Zone2, 2, at.Add(-10*24*time.Hour))
		ds := utilizationOf(c)
		config := c.Provider(e, "") + fmt.Sprintf("data %q \"week\" {\n  days = 7\n  ids  = [%q]\n}\n", ds, ri.ID)
		week := "data." + ds + ".week"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{{
				Config: config, Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(week, "reserved_instances.0.scope", "Region"),
					resource.TestCheckNoResourceAttr(week, "reserved_instances.0.zone_id"),
					about(week, "reserved_instances.0.utilization_percent", 100, 1),
					hours(week, "reserved_instances.0.reserved_quantity", 168, 8),
				),
			}, {
				PreConfig: func() {
					if !e.Mock.RemoveInstances(second) {
						t.Fatal("the second zone's instances were not declared")
					}
				},
				Config: config, Check: resource.ComposeAggregateTestCheckFunc(
					about(week, "reserved_instances.0.utilization_percent", 50, 1),
					hours(week, "reserved_instances.0.unused_quantity", 168, 4),
				),
			}},
		})
	})
}

// The documented check block fails the plan's check, naming the RI, when it
// is idle over the last 30 days, and passes once instances use it.
func TestAccUtilizationCheckBlock(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		at := e.Mock.Now().Truncate(time.Hour)
		idle := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, InstanceAmount: 2, ZoneID: c.Zone, StartTime: at.Add(-40 * 24 * time.Hour)})
		example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", utilizationOf(c), "check.tf"))
		if err != nil {
			t.Fatal(err)
		}
		w := acctest.Terraform(t, c.Provider(e, "")+string(example))
		checks := func() string {
			plan, ok := w.Run("plan", "-input=false", "-out=tfplan")
			if !ok {
				t.Fatalf("plan: %s", plan)
			}
			show, err := w.Command("show", "-json", "tfplan").CombinedOutput()
			if err != nil {
				t.Fatalf("show: %v\n%s", err, show)
			}
			return plan + "\n" + string(show)
		}
		out := checks()
		want := fmt.Sprintf("Reserved instances used less than 80 %% of what they reserved over the last 30 days: %s (0 %% of 2 × %s in %s)",
			idle.ID, c.Small, c.Zone)
		for _, s := range []string{"Check block assertion failed", want, `"status":"fail"`} {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), s) {
				t.Fatalf("the check should fail naming %s; %q is missing from:\n%s", idle.ID, s, out)
			}
		}
		declare(t, e, c, c.Small, c.Zone, 2, at.Add(-35*24*time.Hour))
		if out := checks(); strings.Contains(out, `"status":"fail"`) || !strings.Contains(out, `"status":"pass"`) {
			t.Fatalf("once instances use the RI, the check passes:\n%s", out)
		}
	})
}

// Windows and filters that cannot be read are refused at plan time, naming
// the attribute and the rule.
func TestAccUtilizationPlanTimeRules(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		ds := utilizationOf(c)
		cases := []struct{ body, want string }{
			{"", `Exactly one of these attributes must be configured: \[days,start_time\]`},
			{"days = 7\nstart_time = \"2026-11-01T00:00:00Z\"", `Invalid Attribute Combination`},
			{"days = 0", `Attribute days value must be between 1 and 3650, got: 0`},
			{"start_time = \"2026-11-01\"", `start_time must be an RFC 3339 time such as 2026-11-01T00:00:00Z, not "2026-11-01"`},
			{"start_time = \"2026-11-02T00:00:00Z\"\nend_time = \"2026-11-01T00:00:00Z\"", `end_time \(2026-11-01T00:00:00Z\) must be later than start_time`},
			{"days = 7\nend_time = \"2026-11-01T00:00:00Z\"", `Attribute "start_time" must be specified when "end_time" is specified`},
		}
		var steps []resource.TestStep
		for _, tc := range cases {
			steps = append(steps, resource.TestStep{
				Config: c.Provider(e, "") + fmt.Sprintf("data %q \"bad\" {\n%s\n}\n", ds, tc.body), PlanOnly: true,
				ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
			})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
		if n := len(e.Mock.Calls(c.Mock, "")); n != 0 {
			t.Errorf("a refused configuration made %d calls", n)
		}
	})
}
