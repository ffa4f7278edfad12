package alibaba

import (
	"fmt"
	"math"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba/bss"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// What Alibaba Cloud's RIs pay for: a declared fleet of pay-as-you-go
// instances, under the documented matching rules (usage.AlibabaRules) over
// this catalogue, at the emulator's made-up prices. BSS OpenAPI reports it.

// The dialect meters a fleet.
var _ core.Metering = (*Dialect)(nil)

// usageRules are the documented matching rules, with the catalogue's
// families and normalisation factors (vCPUs).
var usageRules = usage.AlibabaRules(familyOf, func(instanceType string) (float64, bool) {
	t, ok := catalog[instanceType]
	return float64(t.VCPUs), ok
})

// PrepareInstances checks a declaration against the catalogue: a type and
// a zone it lists (closed zones included: instances outlive sales), the
// zone's region, and Linux (the default) or Windows.
func (d *Dialect) PrepareInstances(in *core.Instances) error {
	if _, ok := catalog[in.InstanceType]; !ok {
		return fmt.Errorf("unknown instance type %q", in.InstanceType)
	}
	reg, ok := regionOfZone(in.ZoneID)
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

func regionOfZone(zoneID string) (core.Region, bool) {
	for _, r := range regions {
		if _, ok := r.Zone(zoneID); ok {
			return r, true
		}
	}
	return core.Region{}, false
}

// hourlyRates are the emulator's prices per vCPU-hour, pay-as-you-go, by
// family: made up, in CNY. An RI costs 60 % of them, its fees spread over
// its term; Windows costs what Linux does unless a test sets otherwise.
var hourlyRates = map[string]float64{
	"ecs.g5": 0.24, "ecs.g6": 0.25, "ecs.g7": 0.27,
	"ecs.c5": 0.19, "ecs.c6": 0.2, "ecs.c7": 0.22,
	"ecs.r5": 0.31, "ecs.r6": 0.33, "ecs.r7": 0.35,
	"ecs.gn6i": 2, "ecs.t5": 0.08,
}

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

// regionNames are the names BSS gives the regions, and the cities that
// name their zones ("杭州 可用区H").
var regionNames = map[string]struct{ name, city string }{
	"cn-hangzhou":    {"华东1（杭州）", "杭州"},
	"cn-beijing":     {"华北2（北京）", "北京"},
	"cn-shanghai":    {"华东2（上海）", "上海"},
	"ap-southeast-1": {"新加坡", "新加坡"},
	"eu-central-1":   {"德国（法兰克福）", "法兰克福"},
}

func regionName(regionID string) string {
	if n, ok := regionNames[regionID]; ok {
		return n.name
	}
	return regionID
}

func zoneName(zoneID string) string {
	reg, ok := regionOfZone(zoneID)
	if !ok {
		return zoneID
	}
	return regionNames[reg.ID].city + " 可用区" + strings.ToUpper(strings.TrimPrefix(zoneID, reg.ID+"-"))
}

func newBSS() *bss.Service {
	return bss.New(bss.Config{Rules: usageRules, Prices: defaultPrices, RegionName: regionName, ZoneName: zoneName})
}
