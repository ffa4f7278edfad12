package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// advanceUntilDaysLeft moves the emulator's clock until the RI has days
// and a half left.
func advanceUntilDaysLeft(e *accEnv, id string, days int) {
	ri, _ := e.mock.ReservedInstance(id)
	left := ri.ExpiredTime.Sub(e.mock.Now())
	e.mock.AdvanceClock(left - time.Duration(days)*24*time.Hour - 12*time.Hour)
}

// Every refresh warns about an RI that lapses within the window without
// renewing itself, naming it, its expiry and the days left; never when it
// renews itself, never outside the window, never when switched off. The
// warning changes no plan and costs no call.
func TestAccExpiry_refreshWarnsAboutLapsingRIs(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(autoRenew bool, providerExtra string) string {
		return e.providerBlock(providerExtra) + fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  auto_renew     = %t
  configurations = [{ instance_type = "ecs.g6.large" }]
}`, autoRenew)
	}
	var id string
	calls := map[int]int{}
	// refresh is a plan that must stay empty; it records its calls.
	refresh := func(step int, before func(), config string, patterns []string, absent ...string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				if before != nil {
					before()
				}
				e.mock.ResetCalls()
				e.diags.take()
			},
			Config: config, PlanOnly: true,
			ConfigPlanChecks: planOnlyChecks(e.warnedNow(patterns, absent...), check(func() error {
				calls[step] = len(e.mock.Calls(ecsmock.CloudAlibaba, ""))
				return nil
			})),
		}
	}
	expiryOf := func() string {
		ri, _ := e.mock.ReservedInstance(id)
		return ri.ExpiredTime.UTC().Format("2006-01-02T15:04Z")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(false, ""), Check: check(func() error { id = riIDs(e)[0]; return nil })},
			refresh(1, func() { advanceUntilDaysLeft(e, id, 40) }, cfg(false, ""), nil, `expire soon`),
			{
				PreConfig: func() { advanceUntilDaysLeft(e, id, 20); e.mock.ResetCalls(); e.diags.take() },
				Config:    cfg(false, ""), PlanOnly: true,
				ConfigPlanChecks: planOnlyChecks(func(s *terraform.State) error {
					calls[2] = len(e.mock.Calls(ecsmock.CloudAlibaba, ""))
					return e.warnedNow([]string{regexp.QuoteMeta(fmt.Sprintf(
						"Reserved instances expire soon and will not renew: %s expires %s (UTC), in 20 days. Auto-renewal is off for %s", id, expiryOf(), id)),
						`raise period to renew them now, or set auto_renew = true`})(s)
				}),
			},
			refresh(3, nil, cfg(false, "expiry_warning_days = 0"), nil, `expire soon`),
			{Config: cfg(true, "")},
			refresh(5, nil, cfg(true, ""), nil, `expire soon`),
		},
	})
	if calls[1] == 0 || calls[1] != calls[2] || calls[2] != calls[3] {
		t.Fatalf("the warning must cost no call: refreshes made %d, %d and %d calls", calls[1], calls[2], calls[3])
	}
}

// seedExpiring seeds an RI that ends days and a half from the emulator's
// now.
func seedExpiring(t *testing.T, e *accEnv, days float64, autoRenew bool) string {
	t.Helper()
	now := e.mock.Now()
	ri, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{
		InstanceType: "ecs.g6.large", StartTime: now.AddDate(0, -6, 0).Truncate(time.Hour),
		ExpiredTime: now.Add(time.Duration(days*24) * time.Hour).Truncate(time.Hour),
		AutoRenew:   autoRenew, AutoRenewDuration: 1, AutoRenewUnit: "Year",
	})
	if err != nil {
		t.Fatal(err)
	}
	return ri.ID
}

// expires_within_days returns exactly the RIs that still run and end
// within the window, renewing or not.
func TestAccExpiry_dataSourceFilter(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	soon := seedExpiring(t, e, 5.5, false)
	renewing := seedExpiring(t, e, 20.5, true)
	seedExpiring(t, e, 45.5, false)
	gone := seedExpiring(t, e, 100, false)
	e.mock.Update(gone, func(ri *ecsmock.ReservedInstance) { ri.Status = "Expired" })
	ds := "data.ecsri_reserved_instances.x"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(`data "ecsri_reserved_instances" "x" { expires_within_days = 30 }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("reserved_instances"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(soon), "auto_renew": knownvalue.Bool(false)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(renewing), "auto_renew": knownvalue.Bool(true)}),
				})),
			},
		}},
	})
}

// The documented check block fails the plan's check, with a message naming
// the RI, when one expires soon without renewing; it passes once it renews.
func TestAccExpiry_documentedCheckBlock(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	lapsing := seedExpiring(t, e, 12.5, false)
	example, err := os.ReadFile("../../examples/data-sources/ecsri_reserved_instances/check.tf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	header := "terraform {\n  required_providers {\n    ecsri = { source = \"ecsri/ecsri\" }\n  }\n}\n" + e.providerBlock("")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), append([]byte(header), example...), 0o600); err != nil {
		t.Fatal(err)
	}
	reattach := servedProvider(t)
	run := func(args ...string) string {
		out, err := terraformIn(dir, reattach, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("terraform %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("init", "-input=false")
	checks := func() string {
		plan := run("plan", "-no-color", "-input=false", "-out=tfplan")
		return strings.Join(strings.Fields(plan), " ") + "\n" + run("show", "-json", "tfplan")
	}
	out := checks()
	for _, want := range []string{"Check block assertion failed", "Reserved instances expire within 30 days and will not renew: " + lapsing, `"status":"fail"`} {
		if !strings.Contains(out, want) {
			t.Fatalf("the check should fail naming %s; %q is missing from:\n%s", lapsing, want, out)
		}
	}
	e.mock.Update(lapsing, func(ri *ecsmock.ReservedInstance) { ri.AutoRenew = true })
	if out := checks(); strings.Contains(out, `"status":"fail"`) || !strings.Contains(out, `"status":"pass"`) {
		t.Fatalf("once the RI renews itself, the check passes:\n%s", out)
	}
}
