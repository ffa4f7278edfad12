package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// The money-safety suite: no path through the provider pays twice, loses
// an RI, or leaves state out of step with the cloud. Each test asserts the
// emulator's inventory and call log.

// tokensOf lists the ClientTokens of an action's calls, in order.
func tokensOf(e *accEnv, action string) []string {
	var out []string
	for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, action) {
		out = append(out, c.Params["ClientToken"])
	}
	return out
}

// riIDs lists every RI the emulator holds.
func riIDs(e *accEnv) []string {
	var out []string
	for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
		out = append(out, ri.ID)
	}
	return out
}

// Every answer to a purchase is lost after the purchase happened: the
// apply says so, records the purchase with its ClientToken, buys nothing
// else, and the next apply confirms it with the same token: one RI, never
// two. The second element is bought only then.
func TestAccMoney_lostPurchaseAnswerIsConfirmedNotRepeated(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }]`)
	var firstToken string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { e.proxy.add(proxyRule{action: "PurchaseReservedInstancesOffering", from: 1, drop: true}) },
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact(converge.StatusUnconfirmed)),
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact(converge.StatusNotPurchased)),
				},
				Check: resource.ComposeTestCheckFunc(
					e.warnedNow([]string{`A purchase got no answer`, `ClientToken ecsri-[0-9a-f]+`, `the next apply repeats it with that token`},
						`nothing was charged`),
					check(func() error {
						tokens := tokensOf(e, "PurchaseReservedInstancesOffering")
						if len(riIDs(e)) != 1 || len(tokens) < 2 {
							return fmt.Errorf("one purchase happened and was retried with its token; RIs %v, calls %v", riIDs(e), tokens)
						}
						for _, tok := range tokens {
							if tok != tokens[0] {
								return fmt.Errorf("every retry must reuse the ClientToken: %v", tokens)
							}
						}
						firstToken = tokens[0]
						return nil
					}),
				),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg,
				Check: check(func() error {
					calls := e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
					confirm := calls[len(calls)-2]
					if confirm.Params["ClientToken"] != firstToken || !confirm.Replayed {
						return fmt.Errorf("the next apply must confirm with the first token and get the first answer back: %+v", confirm)
					}
					if n := len(riIDs(e)); n != 2 || e.purchases() != 2 {
						return fmt.Errorf("want exactly 2 RIs bought in all, got %d RIs and %d purchases", n, e.purchases())
					}
					return nil
				}),
			},
		},
	})
}

// The first element is bought; the answers for the second are all lost
// after it was bought. The first stays in state, the second is recorded as
// unconfirmed and confirmed by the next apply with its token.
func TestAccMoney_lostAnswerForTheSecondElement(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }]`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { e.proxy.add(proxyRule{action: "PurchaseReservedInstancesOffering", from: 2, drop: true}) },
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`^ecsri-`))),
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact(converge.StatusUnconfirmed)),
				},
				Check: e.warnedNow([]string{`A purchase got no answer`}),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg,
				Check: check(func() error {
					if n := len(riIDs(e)); n != 2 || e.purchases() != 2 {
						return fmt.Errorf("want 2 RIs from 2 purchases, got %d RIs, %d purchases", n, e.purchases())
					}
					return nil
				}),
			},
		},
	})
}

// A renewal of twelve RIs takes two calls (ten at most each). The second
// fails; the next apply renews only the two left, and every RI ends exactly
// one year later.
func TestAccMoney_partialRenewalIsFinishedFromRealExpiries(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	elems := strings.Repeat(`{ instance_type = "ecs.g6.large" }, `, 12)
	cfg := func(years int) string {
		return riConfig(e, fmt.Sprintf("period = %d\nperiod_unit = \"Year\"\nconfigurations = [%s]", years, elems))
	}
	before := map[string]time.Time{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg(1),
				Check: check(func() error {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						before[ri.ID] = ri.ExpiredTime
					}
					return nil
				}),
			},
			{
				PreConfig: func() {
					e.proxy.add(proxyRule{action: "RenewReservedInstances", from: 2, to: 2, status: 403, code: "OperationDenied"})
				},
				Config:      cfg(2),
				ExpectError: regexp.MustCompile(`Renewal stopped part way`),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg(2),
				Check: check(func() error {
					renewed := 0
					for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances") {
						if c.Status == 200 {
							renewed += len(indexedParams(c.Params, "ReservedInstanceId"))
						}
					}
					if renewed != 12 {
						return fmt.Errorf("12 RIs renewed once each in all, got %d renewals", renewed)
					}
					return expectExpiries(e, before, 12)
				}),
			},
		},
	})
}

// expectExpiries checks every RI in before ends exactly months later.
func expectExpiries(e *accEnv, before map[string]time.Time, months int) error {
	for id, was := range before {
		ri, _ := e.mock.ReservedInstance(id)
		want := was.AddDate(0, months, 0)
		if ri.ExpiredTime.Sub(want).Abs() > 72*time.Hour {
			return fmt.Errorf("%s expires %s, want %d months after %s", id, ri.ExpiredTime, months, was)
		}
	}
	return nil
}

func indexedParams(params map[string]string, name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := params[fmt.Sprintf("%s.%d", name, i)]
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

// A renewal whose answers are all lost after it happened: the next apply
// reads the moved expiry and renews nothing more. One whose call failed
// with a server error (it did not happen) is repeated by the next apply
// with the very same ClientToken.
func TestAccMoney_lostRenewalAnswerNeverRenewsTwice(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(years int) string {
		return riConfig(e, fmt.Sprintf("period = %d\nperiod_unit = \"Year\"\nconfigurations = [{ instance_type = \"ecs.g6.large\" }]", years))
	}
	before := map[string]time.Time{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(1), Check: check(func() error {
				before[riIDs(e)[0]] = e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0].ExpiredTime
				return nil
			})},
			{
				PreConfig:   func() { e.proxy.add(proxyRule{action: "RenewReservedInstances", from: 1, drop: true}) },
				Config:      cfg(2),
				ExpectError: regexp.MustCompile(`(?s)Renewal stopped part way.*nothing is renewed twice`),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg(2),
				Check: check(func() error {
					if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "RenewReservedInstances"); n != 1 {
						return fmt.Errorf("the renewal happened once; the next apply must not renew again: %d renewals", n)
					}
					return expectExpiries(e, before, 12)
				}),
			},
			{
				PreConfig: func() {
					e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "RenewReservedInstances", Times: -1, Status: 503, Code: "ServiceUnavailable"})
				},
				Config:      cfg(3),
				ExpectError: regexp.MustCompile(`Renewal stopped part way`),
			},
			{
				PreConfig: func() { e.mock.ClearFaults() },
				Config:    cfg(3),
				Check: check(func() error {
					tokens := tokensOf(e, "RenewReservedInstances")
					failed, succeeded := tokens[len(tokens)-2], tokens[len(tokens)-1]
					if failed != succeeded {
						return fmt.Errorf("the repeat of a renewal that did not happen must carry the same ClientToken: %v", tokens)
					}
					if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "RenewReservedInstances"); n != 2 {
						return fmt.Errorf("two renewals in all, got %d", n)
					}
					return expectExpiries(e, before, 24)
				}),
			},
		},
	})
}

// An element added to a two-year reservation is bought for a year and
// renewed for another; when that renewal fails, the next apply renews it,
// and only it.
func TestAccMoney_appendedElementIsRenewedToTheTerm(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	one := `{ instance_type = "ecs.g6.large" }`
	cfg := func(elems ...string) string {
		return riConfig(e, "period = 2\nperiod_unit = \"Year\"\nconfigurations = ["+strings.Join(elems, ", ")+"]")
	}
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(one), Check: check(func() error { firstID = riIDs(e)[0]; return nil })},
			{
				PreConfig: func() {
					e.proxy.add(proxyRule{action: "RenewReservedInstances", from: 2, to: 2, status: 403, code: "OperationDenied"})
				},
				Config:      cfg(one, `{ instance_type = "ecs.c6.large" }`),
				ExpectError: regexp.MustCompile(`Renewal stopped part way`),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg(one, `{ instance_type = "ecs.c6.large" }`),
				Check: check(func() error {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						if d := ri.ExpiredTime.Sub(ri.StartTime.AddDate(2, 0, 0)); d.Abs() > 72*time.Hour {
							return fmt.Errorf("%s runs %s to %s, want two years", ri.ID, ri.StartTime, ri.ExpiredTime)
						}
					}
					last := e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")
					if ids := indexedParams(last[len(last)-1].Params, "ReservedInstanceId"); len(ids) != 1 || ids[0] == firstID {
						return fmt.Errorf("only the new RI is renewed by the next apply: %v", ids)
					}
					return nil
				}),
			},
		},
	})
}
