package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// Every answer that can be lost is lost, once per money path, on each
// cloud, end to end through terraform: nothing is ever bought, renewed or
// modified twice, across applies.
//  1. Every purchase answer is lost after the purchase happened: the apply
//     warns that it is incomplete, records the purchase with its token and
//     buys nothing else.
//  2. The next apply confirms it with the same token (the cloud answers
//     from the first call) and buys the other element: two RIs, ever.
//  3. Every renewal answer is lost after the renewal happened: the apply
//     fails, saying so.
//  4. The next apply measures the real expiries and renews nothing again.
//  5. The answer to a modification is lost: the client finds out what it
//     did (Alibaba: by shape; Volcengine: its ClientToken) and the apply
//     ends with exactly one modification.
func TestAccReservationLostAnswersNeverPayTwice(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		calls := c.Rules.Calls
		terms := map[string][2]string{"alibaba": {"period = 1\nperiod_unit = \"Year\"", "period = 2\nperiod_unit = \"Year\""},
			"volcengine": {"period = 6", "period = 12"}}[c.Name]
		two := acctest.Elements(c.Element(c.Large, 1, ""), c.Element(c.Other, 1, ""))
		split := acctest.Elements(c.Element(c.Medium, 1, ""), c.Element(c.Medium, 1, ""), c.Element(c.Other, 1, ""))
		var token string
		expiries := map[string]time.Time{}
		config := func(body string) string { return c.Provider(e, "max_retries = 2") + c.ResourceBlock(body) }
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{
					PreConfig:          func() { e.Proxy.Add(acctest.Rule{Action: calls.Purchase, From: 1, Drop: true}) },
					Config:             config(two + terms[0]),
					ExpectNonEmptyPlan: true,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.Address(), acctest.At("configurations").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact(converge.StatusUnconfirmed)),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact(converge.StatusNotPurchased)),
					},
					Check: resource.ComposeTestCheckFunc(
						e.Warned([]string{`Apply incomplete: 0 of 2 reserved instances bought`, `The purchase may have happened`,
							`configurations\[1\] \(` + regexp.QuoteMeta(c.Other) + ` × 1 \(regional\)\): not attempted: the purchase of configurations\[0\] got no answer`,
							`The next apply buys the 1 recorded as NotPurchased and confirms the 1 recorded as PurchaseUnconfirmed`}, `nothing was charged`),
						acctest.Check(func() error {
							tokens := e.Tokens(c.Mock, calls.Purchase)
							for _, tok := range tokens {
								if tok != tokens[0] {
									return fmt.Errorf("every retry reuses the ClientToken: %v", tokens)
								}
							}
							token = tokens[0]
							return acctest.Expect(len(tokens) >= 2 && len(e.Live(c.Mock)) == 1, "one purchase, retried with its token: %v", tokens)
						}),
					),
				},
				{
					PreConfig: func() { e.Proxy.Clear() },
					Config:    config(two + terms[0]),
					Check: acctest.Check(func() error {
						all := e.Mock.Calls(c.Mock, calls.Purchase)
						confirm := all[len(all)-2]
						if confirm.Params["ClientToken"] != token || !confirm.Replayed {
							return fmt.Errorf("the next apply confirms with the first token and gets the first answer: %+v", confirm)
						}
						for _, ri := range e.Live(c.Mock) {
							expiries[ri.ID] = ri.ExpiredTime
						}
						return acctest.Expect(len(e.Live(c.Mock)) == 2 && e.Mock.CountCalls(c.Mock, calls.Purchase) == 2, "two RIs from two purchases")
					}),
				},
				{
					PreConfig:   func() { e.Proxy.Add(acctest.Rule{Action: calls.Renew, From: 1, Drop: true}) },
					Config:      config(two + terms[1]),
					ExpectError: regexp.MustCompile(`Renewal stopped part way`),
				},
				{
					PreConfig: func() { e.Proxy.Clear() },
					Config:    config(two + terms[1]),
					Check: acctest.Check(func() error {
						for _, ri := range e.Live(c.Mock) {
							if got := ri.ExpiredTime.Sub(expiries[ri.ID]); got < 360*24*time.Hour && c.Name == "alibaba" || got < 180*24*time.Hour || got > 370*24*time.Hour {
								return fmt.Errorf("%s was renewed by %s: twice, or not at all", ri.ID, got)
							}
						}
						renewed := map[string]int{}
						for _, call := range e.Mock.Calls(c.Mock, calls.Renew) {
							if call.Status == 200 && !call.Replayed {
								for k, v := range call.Params {
									if strings.HasPrefix(k, "ReservedInstanceId") || k == "InstanceID" {
										renewed[v]++
									}
								}
							}
						}
						for id, n := range renewed {
							if n != 1 {
								return fmt.Errorf("%s was renewed %d times", id, n)
							}
						}
						return acctest.Expect(len(renewed) == 2, "both RIs renewed once: %v", renewed)
					}),
				},
				{
					PreConfig: func() { e.Proxy.Add(acctest.Rule{Action: calls.Modify, From: 1, To: 1, Drop: true}) },
					Config:    config(split + terms[1]),
					Check: acctest.Check(func() error {
						var shapes []string
						for _, ri := range e.Live(c.Mock) {
							shapes = append(shapes, acctest.Shape(ri))
						}
						slices.Sort(shapes)
						want := []string{c.Other + "×1@", c.Medium + "×1@", c.Medium + "×1@"}
						slices.Sort(want)
						return acctest.Expect(slices.Equal(shapes, want) && e.Mock.CountCalls(c.Mock, calls.Modify) == 1,
							"one modification carried out, its targets in state: %v, %d", shapes, e.Mock.CountCalls(c.Mock, calls.Modify))
					}),
				},
			},
		})
	})
}

// A documented refusal (no capacity in one zone, HTTP 500 on Volcengine) is
// a definite answer: the apply buys every other element, one summary names
// the element it could not buy and the cloud's remedy, the state says
// NotPurchased, the next plan shows the purchase left, and the next apply
// makes it (issue #18, defect 1).
func TestAccReservationIncompleteApplyNamesWhatIsMissing(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		e.Mock.SetStock(c.Mock, c.Zone2, c.Small, false)
		cfg := c.Config(e, acctest.Elements(c.Element(c.Small, 1, c.Zone), c.Element(c.Small, 1, c.Zone2), c.Element(c.Medium, 1, c.Zone)))
		code := map[string]string{"alibaba": "OperationDenied.NoStock", "volcengine": "Insufficient.InstanceCapacity"}[c.Name]
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{
					Config: cfg, ExpectNonEmptyPlan: true,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.Address(), acctest.At("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact(converge.StatusNotPurchased)),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("configurations").AtSliceIndex(2).AtMapKey("status"), knownvalue.StringExact(c.Active)),
					},
					Check: resource.ComposeTestCheckFunc(
						e.Warned([]string{regexp.QuoteMeta(fmt.Sprintf("Apply incomplete: 2 of 3 reserved instances bought: configurations[1] (%s × 1 (zone %s)): refused, so nothing was charged for it:", c.Small, c.Zone2)),
							regexp.QuoteMeta(code), `choose another zone or instance type, or try again later`,
							`The next apply buys the 1 recorded as NotPurchased; terraform plan shows it.`}, `may have happened`),
						acctest.Check(func() error {
							refused := 0
							for _, call := range e.Mock.Calls(c.Mock, c.Rules.Calls.Purchase) {
								if call.Code == code {
									refused++
								}
							}
							return acctest.Expect(refused == 1 && len(e.Live(c.Mock)) == 2, "a definite refusal is not retried (%d calls); 2 RIs bought", refused)
						}),
					),
				},
				{
					PreConfig: func() { e.Mock.SetStock(c.Mock, c.Zone2, c.Small, true) },
					Config:    cfg,
					Check:     acctest.Check(func() error { return acctest.Expect(len(e.Live(c.Mock)) == 3, "the next apply buys what is missing") }),
				},
			},
		})
	})
}

// Destroying a reservation whose purchase was never confirmed names the RI
// that purchase bought, which renews itself, and how to stop it; it makes
// no paid call to find out (issue #18, defect 8).
func TestAccReservationDestroyNamesWhatAnUnconfirmedPurchaseBought(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{{
				PreConfig:          func() { e.Proxy.Add(acctest.Rule{Action: c.Rules.Calls.Purchase, From: 1, Drop: true}) },
				Config:             c.Provider(e, "max_retries = 1") + c.ResourceBlock(acctest.Elements(c.Element(c.Small, 1, ""))+"name = \"web\"\nauto_renew = true"),
				ExpectNonEmptyPlan: true,
			}},
			CheckDestroy: func(s *terraform.State) error {
				live := e.Live(c.Mock)
				if len(live) != 1 {
					return fmt.Errorf("live %v", live)
				}
				for _, call := range e.Mock.Calls(c.Mock, c.Rules.Calls.AutoRenew) {
					return fmt.Errorf("no paid or renewal call on an RI no state tracks: %+v", call)
				}
				return e.Warned([]string{`A purchase was never confirmed`, `These reserved instances match it: ` + live[0].ID + ` \(started`,
					`auto-renewal ON: it renews itself`, `switch its auto-renewal off in the console, or import it \(terraform import <address> ` + c.Region + `:<id>\)`})(s)
			},
		})
	})
}
