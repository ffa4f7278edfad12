package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func riConfig(e *accEnv, body string) string {
	return e.config("resource \"ecsri_reserved_instance\" \"test\" {\n" + body + "\n}")
}

// live returns the emulator's RIs that are in effect (not Inactive).
func live(e *accEnv) []ecsmock.ReservedInstance {
	var out []ecsmock.ReservedInstance
	for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
		if ri.Status == "Active" || ri.Status == "Creating" {
			out = append(out, ri)
		}
	}
	return out
}

// expectShapes checks the RIs in effect are exactly these "type×amount@zone"
// shapes, that the calls were made as counted, and returns them.
func expectShapes(e *accEnv, modifies int, want ...string) error {
	got := map[string]int{}
	for _, ri := range live(e) {
		got[fmt.Sprintf("%s×%d@%s", ri.InstanceType, ri.InstanceAmount, ri.ZoneID)]++
	}
	wantCount := map[string]int{}
	for _, w := range want {
		wantCount[w]++
	}
	if fmt.Sprint(got) != fmt.Sprint(wantCount) {
		return fmt.Errorf("RIs in effect %v, want %v", got, wantCount)
	}
	if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstances"); n != modifies {
		return fmt.Errorf("want %d ModifyReservedInstances calls, got %d", modifies, n)
	}
	return nil
}

func TestAccReshape(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		before   string
		after    string
		modifies int
		want     []string
	}{
		{"modify type", `{ instance_type = "ecs.g6.2xlarge" }`, `{ instance_type = "ecs.g6.xlarge", instance_amount = 2 }`, 1, []string{"ecs.g6.xlarge×2@"}},
		{"modify amount and type", `{ instance_type = "ecs.g6.large", instance_amount = 4 }`, `{ instance_type = "ecs.g6.2xlarge" }`, 1, []string{"ecs.g6.2xlarge×1@"}},
		{"split", `{ instance_type = "ecs.g6.2xlarge" }`, `{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.large", instance_amount = 2 }`, 1, []string{"ecs.g6.xlarge×1@", "ecs.g6.large×2@"}},
		{"merge", `{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.large", instance_amount = 2 }`, `{ instance_type = "ecs.g6.2xlarge" }`, 1, []string{"ecs.g6.2xlarge×1@"}},
		{"split across zones", `{ instance_type = "ecs.g6.2xlarge" }`, `{ instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" }, { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-i" }`, 3,
			[]string{"ecs.g6.xlarge×1@cn-hangzhou-h", "ecs.g6.xlarge×1@cn-hangzhou-i"}},
		{"merge across zones", `{ instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" }, { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-i" }`, `{ instance_type = "ecs.g6.2xlarge", zone_id = "cn-hangzhou-j" }`, 3,
			[]string{"ecs.g6.2xlarge×1@cn-hangzhou-j"}},
	}
	// Every case is a reservation of its own in one configuration: one
	// apply buys them all, the next reshapes them all, concurrently.
	e := newAccEnv(t, ecsmock.Options{})
	config := func(after bool) string {
		out := e.providerBlock("")
		for k, tc := range cases {
			elems := tc.before
			if after {
				elems = tc.after
			}
			out += fmt.Sprintf("resource \"ecsri_reserved_instance\" \"r%d\" {\n  name = \"web\"\n  configurations = [%s]\n}\n", k, elems)
		}
		return out
	}
	var want []string
	modifies, bought := 0, 0
	var planChecks []plancheck.PlanCheck
	var stateChecks []statecheck.StateCheck
	for k, tc := range cases {
		want = append(want, tc.want...)
		modifies += tc.modifies
		bought += len(regexp.MustCompile(`instance_type`).FindAllString(tc.before, -1))
		name := fmt.Sprintf("ecsri_reserved_instance.r%d", k)
		planChecks = append(planChecks, plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate))
		stateChecks = append(stateChecks, statecheck.ExpectKnownValue(name, at("status"), knownvalue.StringExact("Active")))
	}
	var boughtExpiry time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: config(false),
				Check: check(func() error {
					boughtExpiry = e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0].ExpiredTime
					return nil
				}),
			},
			{
				Config:            config(true),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: planChecks},
				ConfigStateChecks: stateChecks,
				Check: check(func() error {
					if err := expectShapes(e, modifies, want...); err != nil {
						return err
					}
					for _, ri := range live(e) {
						if ri.Name != "web" || !ri.ExpiredTime.Equal(boughtExpiry) {
							return fmt.Errorf("new RI %s: name %q expiry %s, want web and %s", ri.ID, ri.Name, ri.ExpiredTime, boughtExpiry)
						}
					}
					if e.purchases() != bought {
						return fmt.Errorf("a reshape must buy nothing: %d purchases for %d elements", e.purchases(), bought)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccReshape_withRenameTagsAndUnchangedElement(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	var keptID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: riConfig(e, `
name        = "old-name"
description = "before"
tags        = { env = "prod" }
auto_renew  = true
configurations = [{ instance_type = "ecs.c6.large" }, { instance_type = "ecs.g6.2xlarge" }]`),
				Check: check(func() error {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						if ri.InstanceType == "ecs.c6.large" {
							keptID = ri.ID
						}
					}
					return nil
				}),
			},
			{
				// Element order changes too: the unchanged RI is found by content.
				Config: riConfig(e, `
name        = "new-name"
description = "after"
tags        = { env = "prod", team = "web" }
auto_renew  = true
configurations = [{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(2).AtMapKey("id"), knownvalue.StringFunc(func(v string) error {
						if v != keptID {
							return fmt.Errorf("the unchanged element should keep %s, has %s", keptID, v)
						}
						return nil
					})),
				},
				Check: check(func() error {
					if err := expectShapes(e, 1, "ecs.c6.large×1@", "ecs.g6.xlarge×1@", "ecs.g6.xlarge×1@"); err != nil {
						return err
					}
					for _, ri := range live(e) {
						if ri.Name != "new-name" || ri.Description != "after" || ri.Tags["team"] != "web" || ri.Tags["env"] != "prod" || !ri.AutoRenew {
							return fmt.Errorf("%s did not get the resource's attributes: %+v", ri.ID, ri)
						}
					}
					return nil
				}),
			},
		},
	})
}

func TestAccRenew(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	var before time.Time
	cfg := func(period int, unit string) string {
		return riConfig(e, fmt.Sprintf("period = %d\nperiod_unit = %q\nconfigurations = [{ instance_type = \"ecs.g6.large\" }, { instance_type = \"ecs.g6.xlarge\" }]", period, unit))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg(12, "Month"),
				Check:  check(func() error { before = e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0].ExpiredTime; return nil }),
			},
			{
				Config: cfg(2, "Year"),
				Check: check(func() error {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						day := before.Add(-time.Hour)
						want := time.Date(day.Year()+1, day.Month(), day.Day()+1, 0, 0, 0, 0, time.UTC)
						if !ri.ExpiredTime.Equal(want) {
							return fmt.Errorf("%s expires %s, want exactly one year later: %s", ri.ID, ri.ExpiredTime, want)
						}
					}
					calls := e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")
					if len(calls) != 1 || calls[0].Params["Period"] != "1" || calls[0].Params["PeriodUnit"] != "Year" || calls[0].Params["ReservedInstanceId.2"] == "" {
						return fmt.Errorf("want one RenewReservedInstances of 1 Year for both RIs: %+v", calls)
					}
					return nil
				}),
			},
			{
				// Lowering makes no call; raising back to what was bought renews nothing.
				Config: cfg(1, "Year"),
			},
			{
				Config: cfg(24, "Month"),
				Check: check(func() error {
					if n := len(e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")); n != 1 {
						return fmt.Errorf("raising back to the bought term must not renew again: %d renewals", n)
					}
					return nil
				}),
			},
			{
				// Auto-renewal moves the expiry without a diff.
				PreConfig: func() {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						e.mock.Update(ri.ID, func(r *ecsmock.ReservedInstance) { r.AutoRenew, r.AutoRenewDuration, r.AutoRenewUnit = true, 1, "Year" })
					}
					e.mock.AdvanceClock(800 * 24 * time.Hour)
				},
				Config:           riConfig(e, "auto_renew = true\nperiod = 24\nperiod_unit = \"Month\"\nconfigurations = [{ instance_type = \"ecs.g6.large\" }, { instance_type = \"ecs.g6.xlarge\" }]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccCreateWithTermLongerThanOnePurchase(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: riConfig(e, "period = 2\nperiod_unit = \"Year\"\nconfigurations = [{ instance_type = \"ecs.g6.large\" }]"),
			Check: check(func() error {
				p := e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
				r := e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")
				if len(p) != 1 || p[0].Params["Period"] != "1" || len(r) != 1 || r[0].Params["Period"] != "1" {
					return fmt.Errorf("2 Years = buy 1 Year + renew 1 Year; purchases %+v renewals %+v", p, r)
				}
				ri := e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0]
				if y := ri.ExpiredTime.Sub(ri.StartTime).Hours() / 24 / 365; y < 1.99 || y > 2.01 {
					return fmt.Errorf("the RI runs %.2f years", y)
				}
				return nil
			}),
		}},
	})
}

func TestAccReshape_ambiguousModifyIsNotRepeated(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.2xlarge" }]`)},
			{
				PreConfig: func() {
					e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "ModifyReservedInstances", DropResponse: true})
				},
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }]`),
				Check: check(func() error {
					calls := e.mock.Calls(ecsmock.CloudAlibaba, "ModifyReservedInstances")
					if len(calls) != 1 || !calls[0].Dropped {
						return fmt.Errorf("the dropped call must not be repeated: %+v", calls)
					}
					return expectShapes(e, 1, "ecs.g6.xlarge×1@", "ecs.g6.xlarge×1@")
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

func TestAccReshape_failureMidSequenceIsFinishedByNextApply(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	target := riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" }, { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-i" }]`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.2xlarge" }]`)},
			{
				// The split succeeds; moving a part to zone i fails for lack of stock.
				PreConfig:   func() { e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g6.xlarge", false) },
				Config:      target,
				ExpectError: regexp.MustCompile(`(?s)Reshape stopped part way.*OperationDenied.NoStock.*Done:.*split`),
			},
			{
				PreConfig: func() { e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g6.xlarge", true) },
				Config:    target,
				Check: check(func() error {
					// split + move to h + move to i (failed, rejected) + move to i
					return expectShapes(e, 3, "ecs.g6.xlarge×1@cn-hangzhou-h", "ecs.g6.xlarge×1@cn-hangzhou-i")
				}),
			},
		},
	})
}

func TestAccRenew_batchesOfTen(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(years int) string {
		return riConfig(e, fmt.Sprintf("period = %d\nperiod_unit = \"Year\"\nconfigurations = [%s]", years,
			strings.TrimSuffix(strings.Repeat(`{ instance_type = "ecs.g6.large" }, `, 12), ", ")))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(1)},
			{
				Config: cfg(3),
				Check: check(func() error {
					calls := e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")
					if len(calls) != 4 {
						return fmt.Errorf("2 more years for 12 RIs = 2 renewals of 1 Year × 2 batches (10 + 2): got %d calls", len(calls))
					}
					for _, c := range calls {
						if c.Params["ReservedInstanceId.11"] != "" || c.Params["Period"] != "1" || c.Params["ClientToken"] == "" {
							return fmt.Errorf("a renewal names more than 10 RIs, the wrong period, or no token: %v", c.Params)
						}
					}
					return nil
				}),
			},
		},
	})
}

func TestAccReshape_mergeAcrossExpiriesRejectedAtPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.g6.large" }]`)},
			{
				PreConfig: func() {
					ri := e.mock.ReservedInstances(ecsmock.CloudAlibaba)[1]
					e.mock.Update(ri.ID, func(r *ecsmock.ReservedInstance) { r.ExpiredTime = r.ExpiredTime.AddDate(1, 0, 0) })
				},
				Config:      riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge" }]`),
				ExpectError: regexp.MustCompile(`expire\s+at\s+different\s+times`),
			},
		},
		CheckDestroy: check(func() error {
			if n := len(e.mock.Calls(ecsmock.CloudAlibaba, "ModifyReservedInstances")); n != 0 {
				return fmt.Errorf("a merge rejected at plan time reached the API %d times", n)
			}
			return nil
		}),
	})
}
