package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// Each cloud's data source, every filter at once in one configuration, on
// an emulator whose clock runs 60 days ahead of this machine's: the RI the
// service says lapses in 10 days is found by expires_within_days = 30 on
// both clouds (the service's clock counts), and times read in the
// documented format on both.
func TestAccReservationsDataSourceFilters(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		renews := ecsmock.ReservedInstance{AutoRenew: true, AutoRenewDuration: 1, AutoRenewUnit: "Month"}
		a := renews
		a.InstanceType, a.InstanceAmount, a.ZoneID, a.Name, a.Tags = c.Small, 2, c.Zone, "fleet-a", map[string]string{"team": "data"}
		a = e.Seed(t, c.Mock, a)
		e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Medium, ZoneID: c.Zone2, Name: "fleet-b"})
		now := e.Mock.Now()
		lapsing := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Other, ZoneID: c.Zone, Name: "lapsing",
			StartTime: now.Add(-300 * 24 * time.Hour).Truncate(time.Hour), ExpiredTime: now.Add(70 * 24 * time.Hour).Truncate(24 * time.Hour)})
		e.Mock.AdvanceClock(60 * 24 * time.Hour)
		filters := []struct {
			name, body string
			count      int
		}{
			{"all", "", 3}, {"ids", fmt.Sprintf("ids = [%q, \"ecsri-unknown\"]", a.ID), 1}, {"none", "ids = []", 0},
			{"type", fmt.Sprintf("instance_type = %q", c.Medium), 1}, {"tags", `tags = { team = "data" }`, 1},
			{"regex", `name_regex = "^fleet-[ab]$"`, 2}, {"zone", fmt.Sprintf("zone_id = %q", c.Zone2), 1},
			{"expiring", "expires_within_days = 30", 1},
		}
		config := c.Provider(e, "")
		var checks []statecheck.StateCheck
		for _, f := range filters {
			config += fmt.Sprintf("data %q %q {\n%s\n}\n", c.DataSource, f.name, f.body)
			checks = append(checks, statecheck.ExpectKnownValue("data."+c.DataSource+"."+f.name, acctest.At("reserved_instances"), knownvalue.ListSizeExact(f.count)))
		}
		item := func(name, key string, v knownvalue.Check) statecheck.StateCheck {
			return statecheck.ExpectKnownValue("data."+c.DataSource+"."+name, acctest.At("reserved_instances").AtSliceIndex(0).AtMapKey(key), v)
		}
		checks = append(checks,
			item("ids", "instance_amount", knownvalue.Int64Exact(2)), item("ids", "auto_renew", knownvalue.Bool(true)),
			item("ids", "scope", knownvalue.StringExact("Zone")), item("ids", "zone_id", knownvalue.StringExact(c.Zone)),
			item("ids", "tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("data")})),
			item("expiring", "id", knownvalue.StringExact(lapsing.ID)),
			item("expiring", "expired_time", knownvalue.StringExact(lapsing.ExpiredTime.UTC().Format("2006-01-02T15:04Z"))))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
		})
	})
}

// The documented check block of each cloud's data source fails the plan's
// check, naming the RI, when one expires soon without renewing; it passes
// once the RI renews itself.
func TestAccReservationsDataSourceCheckBlock(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		now := e.Mock.Now()
		lapsing := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, ZoneID: c.Zone, Name: "lapsing",
			StartTime: now.Add(-300 * 24 * time.Hour).Truncate(time.Hour), ExpiredTime: now.Add(12 * 24 * time.Hour).Truncate(24 * time.Hour)})
		example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", c.DataSource, "check.tf"))
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
		for _, want := range []string{"Check block assertion failed", "Reserved instances expire within 30 days and will not renew: " + lapsing.ID, `"status":"fail"`} {
			if !strings.Contains(out, want) {
				t.Fatalf("the check should fail naming %s; %q is missing from:\n%s", lapsing.ID, want, out)
			}
		}
		e.Mock.Update(lapsing.ID, func(ri *ecsmock.ReservedInstance) {
			ri.AutoRenew, ri.AutoRenewDuration, ri.AutoRenewUnit, ri.RenewType = true, 1, "Month", "AutoRenewal"
		})
		if out := checks(); strings.Contains(out, `"status":"fail"`) || !strings.Contains(out, `"status":"pass"`) {
			t.Fatalf("once the RI renews itself, the check passes:\n%s", out)
		}
	})
}
