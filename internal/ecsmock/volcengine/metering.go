package volcengine

import (
	"fmt"
	"math"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// What Volcengine's RIs pay for: a declared fleet of pay-as-you-go
// instances, under the documented matching rules (usage.VolcengineRules)
// over this catalogue, at the emulator's made-up prices. Billing reports
// it (ListPackageUsageDetails, ListResourcePackages).

// The dialect meters a fleet.
var _ core.Metering = (*Dialect)(nil)

// usageRules are the documented matching rules, with the catalogue's
// families and computing power (vCPUs).
var usageRules = usage.VolcengineRules(familyOf, func(instanceType string) (float64, bool) {
	t, ok := catalog[instanceType]
	return float64(t.VCPUs), ok
})

// PrepareInstances checks a declaration against the catalogue: a type it
// lists (one that cannot be reserved included: it runs, unreserved), a
// zone it lists, the zone's region, and Linux (the default) or Windows,
// which Volcengine's matching ignores.
func (d *Dialect) PrepareInstances(in *core.Instances) error {
	if _, ok := catalog[in.InstanceType]; !ok {
		return fmt.Errorf("unknown instance type %q", in.InstanceType)
	}
	reg, ok := findZone(in.ZoneID)
	switch {
	case !ok:
		return fmt.Errorf("zone %q is not in the catalogue", in.ZoneID)
	case in.RegionID != "" && in.RegionID != reg.ID:
		return fmt.Errorf("zone %s is in region %s, not %s", in.ZoneID, reg.ID, in.RegionID)
	}
	in.RegionID = reg.ID
	switch strings.ToLower(in.Platform) {
	case "", "linux":
		in.Platform = "Linux"
	case "windows":
		in.Platform = "Windows"
	default:
		return fmt.Errorf("unknown platform %q: use Linux or Windows", in.Platform)
	}
	return nil
}

// hourlyRates are the emulator's prices per vCPU-hour, pay-as-you-go, by
// family: made up, in CNY. An RI costs 60 % of them.
var hourlyRates = map[string]float64{"ecs.g3i": 0.24, "ecs.c3i": 0.19, "ecs.r3i": 0.31, "ecs.e": 0.1}

// DefaultPrices is the emulator's price table: one price for every type
// of the catalogue, on every platform.
func (d *Dialect) DefaultPrices() core.PriceList { return defaultPrices }

var defaultPrices = buildPrices()

func buildPrices() core.PriceList {
	list := core.PriceList{Label: core.PriceLabel, Currency: core.DefaultCurrency}
	for name, t := range catalog {
		payg := float64(t.VCPUs) * hourlyRates[t.Family]
		list.Prices = append(list.Prices, core.Price{
			Cloud: Cloud, InstanceType: name, PayAsYouGo: roundPrice(payg), Reserved: roundPrice(payg * 0.6),
		})
	}
	return list
}

func roundPrice(v float64) float64 { return math.Round(v*10000) / 10000 }
