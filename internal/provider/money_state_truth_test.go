package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// callsOn lists the IDs the successful calls of an action named, in order.
func callsOn(e *accEnv, action, param string) []string {
	var out []string
	for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, action) {
		if c.Status == 200 {
			if v, ok := c.Params[param]; ok {
				out = append(out, v)
			}
			out = append(out, indexedParams(c.Params, param)...)
		}
	}
	return out
}

// Someone renames, retags and switches auto-renewal on for the second RI
// only: the plan shows it, and the apply repairs exactly that RI.
func TestAccState_driftOnAnyRIShowsAndIsRepaired(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := riConfig(e, `
name           = "web"
tags           = { team = "web" }
configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }]`)
	var first, second string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: check(func() error { ids := riIDs(e); first, second = ids[0], ids[1]; return nil })},
			{
				PreConfig: func() {
					e.mock.Update(second, func(ri *ecsmock.ReservedInstance) {
						ri.Name, ri.Tags = "other", map[string]string{"team": "web", "extra": "x"}
						ri.AutoRenew, ri.AutoRenewDuration, ri.AutoRenewUnit = true, 1, "Year"
					})
					e.mock.ResetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					e.warnedNow([]string{`Reserved instances of one reservation differ`, second + `: name "other"`,
						`This apply changes reserved instances in place`, `switch auto-renewal off for ` + second}),
					check(func() error {
						ri, _ := e.mock.ReservedInstance(second)
						if ri.Name != "web" || len(ri.Tags) != 1 || ri.Tags["team"] != "web" || ri.AutoRenew {
							return fmt.Errorf("the drifted RI was not repaired: %+v", ri)
						}
						for _, action := range []string{"ModifyReservedInstanceAttribute", "UntagResources", "ModifyReservedInstanceAutoRenewAttribute"} {
							param := "ResourceId"
							if action != "UntagResources" {
								param = "ReservedInstanceId"
							}
							if ids := callsOn(e, action, param); len(ids) != 1 || ids[0] != second {
								return fmt.Errorf("%s must touch only %s, touched %v", action, second, ids)
							}
						}
						if ri, _ := e.mock.ReservedInstance(first); ri.Name != "web" {
							return fmt.Errorf("the first RI changed: %+v", ri)
						}
						return nil
					}),
				),
			},
		},
	})
}

// Importing RIs that disagree on their name: the plan converges them on the
// configured name instead of showing no changes.
func TestAccState_importOfDisagreeingRIsIsNotAnEmptyPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	start := time.Now().UTC().Truncate(time.Hour)
	end := time.Date(start.Year()+1, start.Month(), start.Day()+1, 0, 0, 0, 0, time.UTC)
	a, errA := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", Name: "first", StartTime: start, ExpiredTime: end})
	b, errB := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", Name: "second", StartTime: start, ExpiredTime: end})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	cfg := e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  name           = "first"
  configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.g6.large" }]
}
import {
  to = ecsri_reserved_instance.test
  id = "%s,%s"
}`, a.ID, b.ID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
			Check: check(func() error {
				if ri, _ := e.mock.ReservedInstance(b.ID); ri.Name != "first" {
					return fmt.Errorf("%s keeps name %q", b.ID, ri.Name)
				}
				if e.purchases() != 0 || e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstanceAttribute") != 1 {
					return fmt.Errorf("one rename and nothing bought; calls %+v", e.mock.Calls(ecsmock.CloudAlibaba, ""))
				}
				return nil
			}),
		}},
	})
}

// A split whose new RIs could not be tagged: the next plan shows it and the
// next apply tags them.
func TestAccState_reshapeStoppedBeforeDecorationIsFinished(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(elems string) string {
		return riConfig(e, "tags = { team = \"web\" }\ndescription = \"web tier\"\nconfigurations = ["+elems+"]")
	}
	split := `{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(`{ instance_type = "ecs.g6.2xlarge" }`)},
			{
				PreConfig: func() {
					e.proxy.add(proxyRule{action: "TagResources", from: 1, status: 400, code: "InvalidTagKey.Malformed"})
				},
				Config:      cfg(split),
				ExpectError: regexp.MustCompile(`Update stopped part way`),
				Check:       check(func() error { return nil }),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg(split),
				Check: check(func() error {
					ris := live(e)
					if len(ris) != 2 {
						return fmt.Errorf("want the 2 RIs of the split, got %d", len(ris))
					}
					for _, ri := range ris {
						if ri.Tags["team"] != "web" || ri.Description != "web tier" {
							return fmt.Errorf("%s was not decorated: %+v", ri.ID, ri)
						}
					}
					if e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstances") != 1 || e.purchases() != 1 {
						return fmt.Errorf("one split, one purchase; calls %+v", e.mock.Calls(ecsmock.CloudAlibaba, ""))
					}
					return nil
				}),
			},
		},
	})
}

// An RI that lapsed can leave the configuration: its record is dropped and
// no call is made. One that still bills cannot.
func TestAccState_lapsedRIElementCanBeRemoved(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	two := riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }]`)
	one := riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }]`)
	var second string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: two, Check: check(func() error { second = riIDs(e)[1]; return nil })},
			{Config: one, PlanOnly: true, ExpectError: regexp.MustCompile(`cannot\s+be\s+removed\s+or\s+returned`)},
			{
				PreConfig: func() {
					e.mock.Update(second, func(ri *ecsmock.ReservedInstance) { ri.Status, ri.OperationLocks = "Expired", []string{"financial"} })
					e.mock.ResetCalls()
				},
				Config: one,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("configurations"), knownvalue.ListSizeExact(1)),
				},
				Check: resource.ComposeTestCheckFunc(
					e.warnedNow([]string{`Lapsed reserved instances leave the reservation`, second + ` no longer bill`, `with no API call`}),
					check(func() error {
						for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, "") {
							if c.Action != "DescribeReservedInstances" && c.Action != "DescribeReservedInstanceAutoRenewAttribute" {
								return fmt.Errorf("dropping a lapsed record made a %s call", c.Action)
							}
						}
						return nil
					}),
				),
			},
		},
	})
}

// Importing twice the same RI is refused.
func TestAccState_importListingAnRITwiceIsRefused(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	ri, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.g6.large" }]
}
import {
  to = ecsri_reserved_instance.test
  id = "%s,%s"
}`, ri.ID, ri.ID)),
			ExpectError: regexp.MustCompile(ri.ID + `\s+is\s+listed\s+twice`),
		}},
	})
}

// A configuration generated at import for a zonal RI plans as it is: no
// change, no error.
func TestAccState_generatedConfigForAZonalRIPlans(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	ri, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.c6.2xlarge", InstanceAmount: 3, ZoneID: "cn-hangzhou-i", Name: "generated",
		Tags: map[string]string{"team": "data"}})
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:          e.providerBlock(""),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   ri.ID,
			GenerateConfig:  true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(0).AtMapKey("zone_id"), knownvalue.StringExact("cn-hangzhou-i")),
				plancheck.ExpectKnownValue(addr, at("start_time"), knownvalue.NotNull()),
				plancheck.ExpectKnownValue(addr, at("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("data")})),
				plancheck.ExpectKnownValue(addr, at("period"), knownvalue.Int64Exact(1)),
			}},
		}},
	})
}

// A split plus a new element of another family in one change; after a
// partial purchase, the unbought element listed first: both matched by
// content.
func TestAccState_elementsAreMatchedByContent(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.2xlarge" }]`)},
			{
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }]`),
				Check: check(func() error {
					return expectShapes(e, 1, "ecs.g6.xlarge×1@", "ecs.g6.xlarge×1@", "ecs.c6.large×1@")
				}),
			},
			{
				PreConfig:          func() { e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.r6.large", false) },
				Config:             riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }, { instance_type = "ecs.r6.large", zone_id = "cn-hangzhou-i" }]`),
				ExpectError:        regexp.MustCompile(`Purchase failed`),
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() { e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.r6.large", true) },
				Config:    riConfig(e, `configurations = [{ instance_type = "ecs.r6.large", zone_id = "cn-hangzhou-i" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }]`),
				Check: check(func() error {
					if e.purchases() != 3 {
						return fmt.Errorf("the unbought element is bought once, wherever it is listed: %d purchases", e.purchases())
					}
					return expectShapes(e, 1, "ecs.g6.xlarge×1@", "ecs.g6.xlarge×1@", "ecs.c6.large×1@", "ecs.r6.large×1@cn-hangzhou-i")
				}),
			},
		},
	})
}
