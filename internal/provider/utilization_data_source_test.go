package provider_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

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

// about checks that a percentage of the state is want, ±1 point.
func about(address, key string, want float64) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(address, key, func(v string) error {
		got, err := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(got-want) > 1 {
			return fmt.Errorf("%s = %s, want %g ± 1", key, v, want)
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

// One emulator per cloud, three families that do not meet:
//   - a zonal RI of the small type × 2, in effect since T−20 days, and one
//     instance of its type in its zone since T−10 days: it used half of what
//     it reserved over the last 10 days, a quarter over 20, and the
//     instance's usage is all covered;
//   - a regional RI of a family's 2xlarge × 1 (factor 8), which pays for
//     instances of its family in any zone by normalisation factor: four of
//     its large (factor 2), two in each zone, use all of it;
//   - the same in a third family with two of those instances: half.
func TestAccUtilization(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		at := e.Mock.Now().Truncate(time.Hour)
		zonal := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, InstanceAmount: 2, ZoneID: c.Zone, StartTime: at.Add(-20 * 24 * time.Hour)})
		declare(t, e, c, c.Small, c.Zone, 1, at.Add(-10*24*time.Hour))
		full, half := "ecs.c6", "ecs.r6"
		if c.Mock == ecsmock.CloudVolcengine {
			full, half = "ecs.c3i", "ecs.r3i"
		}
		regional := func(family string, zones ...string) string {
			ri := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: family + ".2xlarge", InstanceAmount: 1, StartTime: at.Add(-10 * 24 * time.Hour)})
			for _, zone := range zones {
				declare(t, e, c, family+".large", zone, 2, at.Add(-10*24*time.Hour))
			}
			return ri.ID
		}
		used, halfUsed := regional(full, c.Zone, c.Zone2), regional(half, c.Zone)

		ds := utilizationOf(c)
		config := c.Provider(e, "")
		for _, days := range []int{10, 20} {
			config += fmt.Sprintf("data %q \"d%d\" {\n  days = %d\n  ids  = [%q]\n}\n", ds, days, days, zonal.ID)
		}
		config += fmt.Sprintf("data %q \"week\" {\n  days = 7\n  ids  = [%q, %q]\n}\n", ds, used, halfUsed)
		d10, d20, week := "data."+ds+".d10", "data."+ds+".d20", "data."+ds+".week"
		factor := 2.0 // the small type's normalisation factor
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{{
				Config: config, Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(d10, "reserved_instances.#", "1"),
					resource.TestCheckResourceAttr(d10, "reserved_instances.0.id", zonal.ID),
					resource.TestCheckResourceAttr(d10, "reserved_instances.0.scope", "Zone"),
					resource.TestCheckResourceAttr(d10, "reserved_instances.0.zone_id", c.Zone),
					resource.TestCheckResourceAttr(d10, "reserved_instances.0.unit", "factor-hours"),
					about(d10, "reserved_instances.0.utilization_percent", 50),
					// The clouds count whole hours: the window's last, still
					// running, is not yet counted.
					hours(d10, "reserved_instances.0.reserved_quantity", 240, 2*factor),
					hours(d10, "reserved_instances.0.used_quantity", 240, factor),
					hours(d10, "reserved_instances.0.unused_quantity", 240, factor),
					about(d20, "reserved_instances.0.utilization_percent", 25),
					about(d20, "total.utilization_percent", 25),
					hours(d20, "total.reserved_quantity", 480, 2*factor),
					// The instances' usage is all covered.
					coverage(d10, c.Small, c.Zone, 100),
					coverage(week, full+".large", c.Zone2, 100),
					coverage(week, half+".large", c.Zone, 100),
					resource.TestCheckResourceAttrWith(d10, "window_end", func(v string) error {
						end, err := time.Parse("2006-01-02T15:04Z", v)
						return acctest.Expect(err == nil && !end.Before(at) && end.Sub(at) < time.Hour,
							"window_end %s is not the emulator's clock (%s)", v, at.Format(time.RFC3339))
					}),
					resource.TestCheckResourceAttr(week, "reserved_instances.#", "2"),
					resource.TestCheckResourceAttr(week, "reserved_instances.0.id", used),
					resource.TestCheckResourceAttr(week, "reserved_instances.0.scope", "Region"),
					resource.TestCheckNoResourceAttr(week, "reserved_instances.0.zone_id"),
					about(week, "reserved_instances.0.utilization_percent", 100),
					hours(week, "reserved_instances.0.reserved_quantity", 168, 8),
					resource.TestCheckResourceAttr(week, "reserved_instances.1.id", halfUsed),
					about(week, "reserved_instances.1.utilization_percent", 50),
					hours(week, "reserved_instances.1.unused_quantity", 168, 4),
					about(week, "total.utilization_percent", 75),
				),
			}},
		})
	})
}

// coverage checks that the coverage of a type in a zone (on Volcengine,
// which reports deductions region-wide, the region's) is want percent.
func coverage(address, typ, zone string, want float64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s is not in state", address)
		}
		a := rs.Primary.Attributes
		n, _ := strconv.Atoi(a["coverage.#"])
		for i := range n {
			p := fmt.Sprintf("coverage.%d.", i)
			if a[p+"instance_type"] == typ && (a[p+"zone_id"] == zone || a[p+"zone_id"] == "") {
				got, _ := strconv.ParseFloat(a[p+"coverage_percent"], 64)
				return acctest.Expect(math.Abs(got-want) <= 1, "%s: coverage of %s in %s is %g %%, want %g", address, typ, zone, got, want)
			}
		}
		return fmt.Errorf("%s: no coverage of %s in %s among %d rows", address, typ, zone, n)
	}
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
		// The plan's text shows a failed check; its JSON, a passed one.
		plan := func() string {
			out, ok := w.Run("plan", "-input=false", "-out=tfplan")
			if !ok {
				t.Fatalf("plan: %s", out)
			}
			return out
		}
		out := plan()
		want := fmt.Sprintf("Reserved instances used less than 80 %% of what they reserved over the last 30 days: %s (0 %% of 2 × %s in %s)",
			idle.ID, c.Small, c.Zone)
		for _, s := range []string{"Check block assertion failed", want} {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), s) {
				t.Fatalf("the check should fail naming %s; %q is missing from:\n%s", idle.ID, s, out)
			}
		}
		declare(t, e, c, c.Small, c.Zone, 2, at.Add(-35*24*time.Hour))
		if out := plan(); strings.Contains(out, "Check block assertion failed") {
			t.Fatalf("once instances use the RI, the check passes:\n%s", out)
		}
		show, err := w.Command("show", "-json", "tfplan").CombinedOutput()
		if err != nil || !strings.Contains(string(show), `"status":"pass"`) || strings.Contains(string(show), `"status":"fail"`) {
			t.Fatalf("the saved plan records the check as passed: %v\n%s", err, show)
		}
	})
}

// Windows that cannot be read are refused at plan time, naming the
// attribute and the rule, with no call.
func TestUtilizationPlanTimeRules(t *testing.T) {
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		h := c.Harness(t, e, nil)
		cases := []struct {
			name       string
			values     map[string]any
			path, want string
		}{
			{"no window", map[string]any{}, "days", "Missing window: Set days (the last days, ending now on the service's clock) or start_time"},
			{"two windows", map[string]any{"days": 7, "start_time": "2026-11-01T00:00:00Z"}, "days", "Two windows: days and start_time both set a window: set one of them."},
			{"no day", map[string]any{"days": 0}, "days", "value must be between 1 and 3650, got: 0"},
			{"too long", map[string]any{"days": 3651}, "days", "value must be between 1 and 3650, got: 3651"},
			{"a date", map[string]any{"start_time": "2026-11-01"}, "start_time", `start_time must be an RFC 3339 time such as 2026-11-01T00:00:00Z, not "2026-11-01"`},
			{"backwards", map[string]any{"start_time": "2026-11-02T00:00:00Z", "end_time": "2026-11-01T00:00:00+08:00"}, "end_time",
				"end_time (2026-11-01T00:00:00+08:00) must be later than start_time (2026-11-02T00:00:00Z)"},
			{"end alone", map[string]any{"days": 7, "end_time": "2026-11-01T00:00:00Z"}, "end_time", `Attribute "start_time" must be specified when "end_time" is specified`},
			{"bad scope", map[string]any{"days": 7, "scope": "Zonal"}, "scope", `value must be one of: ["Region" "Zone"]`},
			{"bad regex", map[string]any{"days": 7, "name_regex": "("}, "name_regex", "Invalid regular expression"},
		}
		for _, tc := range cases {
			if err := rejected(h.ValidateData(utilizationOf(c), tc.values), tc.path, tc.want); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		if d := h.ValidateData(utilizationOf(c), map[string]any{"start_time": "2026-11-01T00:00:00+08:00"}); acctest.HasErrors(d) {
			t.Errorf("a start alone is a window up to now:%s", acctest.DiagText(d))
		}
		if n := len(e.Mock.Calls(c.Mock, "")); n != 0 {
			t.Errorf("validation made %d calls", n)
		}
	})
}
