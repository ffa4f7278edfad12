package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// Faults during a purchase never cost a second RI: every retry reuses the
// purchase's ClientToken, and the emulator answers a repeated token with the
// first purchase.
func TestAccReservedInstance_purchaseRetriesReuseClientToken(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		fault ecsmock.Fault
	}{
		{"5xx burst", ecsmock.Fault{Action: "PurchaseReservedInstancesOffering", Times: 3, Status: 503, Code: "ServiceUnavailable"}},
		{"response dropped after commit", ecsmock.Fault{Action: "PurchaseReservedInstancesOffering", Times: 2, DropResponse: true}},
		{"throttled", ecsmock.Fault{Action: "PurchaseReservedInstancesOffering", Times: 4, Status: 400, Code: "Throttling.User"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, ecsmock.Options{})
			e.mock.InjectFault(ecsmock.CloudAlibaba, tc.fault)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{{
					Config:            e.config(oneRI),
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, at("status"), knownvalue.StringExact("Active"))},
					Check: check(func() error {
						ris := e.mock.ReservedInstances(ecsmock.CloudAlibaba)
						if len(ris) != 1 {
							return fmt.Errorf("want exactly one RI after the faults, got %d", len(ris))
						}
						calls := e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
						if want := tc.fault.Times + 1; len(calls) != want {
							return fmt.Errorf("%d faulty answers then the purchase: want %d calls, saw %d", tc.fault.Times, want, len(calls))
						}
						for _, c := range calls {
							if c.Params["ClientToken"] != calls[0].Params["ClientToken"] {
								return fmt.Errorf("retries must reuse the ClientToken: %q then %q", calls[0].Params["ClientToken"], c.Params["ClientToken"])
							}
						}
						return nil
					}),
				}},
			})
		})
	}
}

func TestAccReservedInstance_readsSurviveThrottling(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: e.config(oneRI)},
			{
				PreConfig: func() {
					e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "DescribeReservedInstances", Times: 6, Status: 400, Code: "Throttling.User"})
					e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "DescribeReservedInstanceAutoRenewAttribute", Times: 2, Status: 500, Code: "InternalError"})
				},
				RefreshState: true,
				Check: check(func() error {
					var throttled int
					for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, "DescribeReservedInstances") {
						if c.Code == "Throttling.User" {
							throttled++
						}
					}
					if throttled != 6 {
						return fmt.Errorf("the refresh should have met all 6 throttled answers, saw %d", throttled)
					}
					return nil
				}),
			},
		},
	})
}
