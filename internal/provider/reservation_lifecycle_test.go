package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// The whole life of a reservation through the real terraform binary, on
// each cloud: bought with every argument (an automatic renewal a purchase
// cannot carry is set right after, as announced); then split, renamed,
// retagged, its renewal changed and its term raised in one apply, whose
// plan lists every call; imported back by its IDs; destroyed, which
// switches renewal off and says until when the RIs bill.
func TestAccReservationLifecycle(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		rules := c.Rules
		// One automatic renewal a purchase cannot carry, and one it can.
		longRenewal, longTerm, shortRenewal := "auto_renew_period = 5\nauto_renew_period_unit = \"Year\"", "5 Years", "auto_renew_period = 1\nauto_renew_period_unit = \"Year\""
		firstTerm, secondTerm, secondTermText := "period = 1\nperiod_unit = \"Year\"", "period = 2\nperiod_unit = \"Year\"", "2 Years"
		extra := "platform = \"Linux\"\noffering_type = \"No Upfront\"\nresource_group_id = \"rg-web\""
		if c.Name == "volcengine" {
			longRenewal, longTerm, shortRenewal = "auto_renew_period = 4", "4 Months", "auto_renew_period = 12"
			firstTerm, secondTerm, secondTermText = "period = 6", "period = 12", "12 Months"
			extra = "project_name = \"web\""
			if err := e.Mock.AddProject(c.Mock, "web"); err != nil {
				t.Fatal(err)
			}
		}
		small, large := c.Element(c.Small, 2, c.Zone), c.Element(c.Large, 1, c.Zone2)
		medium := c.Element(c.Medium, 1, c.Zone2)
		create := c.Config(e, acctest.Elements(small, large)+fmt.Sprintf(`
name        = "web"
description = "web tier"
tags        = { team = "web", env = "prod" }
auto_renew  = true
%s
%s
%s`, longRenewal, firstTerm, extra))
		change := c.Config(e, acctest.Elements(small, medium, medium)+fmt.Sprintf(`
name        = "web2"
description = "web tier"
tags        = { team = "ops" }
auto_renew  = true
%s
%s
%s`, shortRenewal, secondTerm, extra))
		var bought []string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{
					Config: create,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.Address(), acctest.At("status"), knownvalue.StringExact(c.Active)),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("name"), knownvalue.StringExact("web")),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("auto_renew"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("expired_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\dZ$`))),
					},
					Check: resource.ComposeTestCheckFunc(
						e.Warned([]string{regexp.QuoteMeta(fmt.Sprintf("This apply buys reserved instances: 2 %s call(s): %s × 2 (zone %s), %s × 1 (zone %s)",
							rules.Calls.Purchase, c.Small, c.Zone, c.Large, c.Zone2)),
							regexp.QuoteMeta(fmt.Sprintf("A purchase cannot carry an automatic renewal of %s, so %d %s call(s) follow to set it.",
								longTerm, (2+rules.Calls.AutoRenewIDs-1)/rules.Calls.AutoRenewIDs, rules.Calls.AutoRenew))}),
						acctest.Check(func() error {
							live := e.Live(c.Mock)
							for _, ri := range live {
								bought = append(bought, ri.ID)
								months := ri.AutoRenewDuration
								if ri.AutoRenewUnit == "Year" {
									months *= 12
								}
								if !ri.AutoRenew || months != map[string]int{"alibaba": 60, "volcengine": 4}[c.Name] || ri.Tags["team"] != "web" || ri.Name != "web" {
									return fmt.Errorf("%s: %+v", ri.ID, ri)
								}
							}
							return acctest.Expect(len(live) == 2 && e.Mock.CountCalls(c.Mock, rules.Calls.Purchase) == 2 && e.Mock.CountCalls(c.Mock, rules.Calls.AutoRenew) >= 1,
								"two RIs from two purchases, renewal set after: %v", live)
						}),
					),
				},
				{
					PreConfig: func() { e.Mock.ResetCalls() },
					Config:    change,
					Check: resource.ComposeTestCheckFunc(
						func(s *terraform.State) error {
							return e.Warned([]string{
								fmt.Sprintf(`This apply reshapes reserved instances: %d ModifyReservedInstances call\(s\)`, map[string]int{"alibaba": 1, "volcengine": 2}[c.Name]),
								regexp.QuoteMeta("split " + bought[1]),
								`This apply renews reserved instances: To reach the term of ` + secondTermText,
								`Renewals are paid for and cannot be refunded`,
							})(s)
						},
						acctest.Check(func() error {
							live := e.Live(c.Mock)
							var shapes []string
							for _, ri := range live {
								shapes = append(shapes, acctest.Shape(ri))
								if ri.Name != "web2" || ri.Tags["team"] != "ops" || len(ri.Tags) != 1 || !ri.AutoRenew {
									return fmt.Errorf("%s not converged: %+v", ri.ID, ri)
								}
								if want := ri.StartTime.AddDate(0, map[string]int{"alibaba": 24, "volcengine": 12}[c.Name], 0); ri.ExpiredTime.Sub(want).Abs() > 48*time.Hour {
									return fmt.Errorf("%s expires %s, want about %s", ri.ID, ri.ExpiredTime, want)
								}
							}
							slices.Sort(shapes)
							want := []string{c.Small + "×2@" + c.Zone, c.Medium + "×1@" + c.Zone2, c.Medium + "×1@" + c.Zone2}
							slices.Sort(want)
							return acctest.Expect(slices.Equal(shapes, want) && e.Mock.CountCalls(c.Mock, rules.Calls.Purchase) == 0,
								"live %v, want %v; no purchase", shapes, want)
						}),
					),
				},
				{
					ResourceName: c.Address(), ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
					ImportStateIdFunc: func(s *terraform.State) (string, error) {
						return s.RootModule().Resources[c.Address()].Primary.ID, nil
					},
				},
			},
			CheckDestroy: resource.ComposeTestCheckFunc(
				e.Warned([]string{`Reserved instances keep billing until they expire: Reserved instances cannot be refunded`}),
				acctest.Check(func() error {
					for _, ri := range e.Live(c.Mock) {
						if ri.AutoRenew || c.Name == "volcengine" && ri.RenewType != "NonRenewal" {
							return fmt.Errorf("destroy must stop the renewal of %s: %+v", ri.ID, ri)
						}
					}
					return acctest.Expect(len(e.Live(c.Mock)) == 3, "destroy refunds nothing: the RIs keep billing")
				}),
			),
		})
	})
}

// A change that keeps computing power but needs more than one call is
// carried out as a sequence (issue #18, defect 5), on each cloud: Volcengine
// splits one RI of 60 into 60 (at most 50 targets a call), Alibaba Cloud
// merges 25 into one (at most 20 sources a call); the plan lists the calls.
func TestAccReservationReshapeBeyondOneCall(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{Alibaba: alibabaOptions(30)})
		many, one := 60, 1
		if c.Name == "alibaba" {
			many, one = 1, 25
		}
		elems := func(n, amount int) string {
			var out []string
			for range n {
				out = append(out, c.Element(c.Small, amount, c.Zone))
			}
			return acctest.Elements(out...)
		}
		before, after := elems(1, many), elems(many, 1)
		if c.Name == "alibaba" {
			before, after = elems(one, 1), elems(1, one)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{Config: c.Config(e, before)},
				{
					PreConfig: func() { e.Mock.ResetCalls() },
					Config:    c.Config(e, after),
					Check: resource.ComposeTestCheckFunc(
						e.Warned([]string{`This apply reshapes reserved instances: 2 ModifyReservedInstances call\(s\)`}),
						acctest.Check(func() error {
							live := e.Live(c.Mock)
							want := map[string]int{"alibaba": 1, "volcengine": 60}[c.Name]
							return acctest.Expect(len(live) == want && e.Mock.CountCalls(c.Mock, c.Rules.Calls.Modify) == 2 &&
								e.Mock.CountCalls(c.Mock, c.Rules.Calls.Purchase) == 0, "%d RIs after %d modifications", len(live), e.Mock.CountCalls(c.Mock, c.Rules.Calls.Modify))
						}),
					),
				},
			},
		})
	})
}

// alibabaOptions raises Alibaba's RI quotas to n.
func alibabaOptions(n int) alibaba.Options {
	return alibaba.Options{RegionalQuota: n, ZonalQuota: n}
}
