package core

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// Metering is implemented by the dialects whose RIs pay for a declared
// fleet of pay-as-you-go instances: they check declarations against their
// catalogue and name their default prices, one for every instance type of
// the catalogue.
type Metering interface {
	// PrepareInstances fills in the defaults of a declaration (its region,
	// its platform) and checks it against the cloud's catalogue.
	PrepareInstances(in *Instances) error
	// DefaultPrices is the cloud's price table before any price is set.
	DefaultPrices() PriceList
}

// Prices is the cloud's price table: defaults, and what was set over them.
func (w *World) Prices(defaults PriceList) PriceList {
	return w.st.PriceList(w.profile.Cloud, defaults)
}

// Ledger runs the cloud's declared fleet against its RIs, hour by hour,
// over [from, to): each RI in effect over its span (Lifecycle.Span), under
// the cloud's matching rules and at its prices. The usage package explains
// how, and produces every number the utilisation and coverage APIs report.
// An RI whose type the rules know no factor for pays for nothing.
func (w *World) Ledger(rules usage.Rules, defaults PriceList, from, to time.Time) (*usage.Ledger, error) {
	prices := w.Prices(defaults)
	table := usage.PriceTable{Label: prices.Label, Currency: prices.Currency, Prices: map[usage.PriceKey]usage.Price{}}
	for _, p := range prices.Prices {
		table.Prices[usage.PriceKey{InstanceType: p.InstanceType, Platform: p.Platform}] = usage.Price{PayAsYouGo: p.PayAsYouGo, Reserved: p.Reserved}
	}
	in := usage.Input{Rules: rules, Prices: table, From: from, To: to}
	for _, ri := range w.Sorted() {
		start, end, ok := w.profile.Lifecycle.Span(ri)
		if _, known := rules.Factor(ri.InstanceType); !ok || !known {
			continue
		}
		r := usage.Reservation{
			ID: ri.ID, Region: ri.RegionID, Zone: ri.ZoneID, Scope: usage.Regional, InstanceType: ri.InstanceType,
			Amount: ri.InstanceAmount, Platform: ri.Platform, Start: start, End: end,
		}
		if ri.ZoneID != "" {
			r.Scope = usage.Zonal
		}
		in.Reservations = append(in.Reservations, r)
	}
	for _, d := range w.Fleet() {
		in.Fleet = append(in.Fleet, usage.Declaration{
			ID: d.ID, Region: d.RegionID, Zone: d.ZoneID, InstanceType: d.InstanceType, Platform: d.Platform,
			Count: d.Count, Start: d.StartTime, End: d.EndTime,
		})
	}
	return usage.Simulate(in)
}
