package core

import (
	"errors"
	"math"
	"sort"
	"strings"
)

// PriceLabel names the emulator's prices wherever an answer can say so:
// they are made up and say nothing of either cloud's tariff.
const PriceLabel = "ecsmock emulator prices, not real prices"

// DefaultCurrency is the currency of a price table no one has set one for.
const DefaultCurrency = "CNY"

// Price is what one instance of a type costs per hour on a cloud, in the
// emulator's made-up price table: pay-as-you-go, and as part of an RI (its
// fees spread over its term). An empty Platform prices every platform.
type Price struct {
	Cloud        Cloud   `json:"cloud"`
	InstanceType string  `json:"instance_type"`
	Platform     string  `json:"platform,omitempty"`
	PayAsYouGo   float64 `json:"pay_as_you_go"`
	Reserved     float64 `json:"reserved"`
}

// PriceList is a cloud's price table, in one currency.
type PriceList struct {
	Label    string  `json:"label"`
	Currency string  `json:"currency"`
	Prices   []Price `json:"prices"`
}

// Check refuses a price that is not one.
func (p Price) Check() error {
	for _, v := range []float64{p.PayAsYouGo, p.Reserved} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("prices must be finite and not negative")
		}
	}
	return nil
}

func priceKey(cloud Cloud, instanceType, platform string) string {
	return string(cloud) + "/" + instanceType + "/" + strings.ToLower(platform)
}

// SetPrice sets one price of a cloud's table over its default.
func (st *Store) SetPrice(p Price) {
	st.Prices[priceKey(p.Cloud, p.InstanceType, p.Platform)] = p
}

// PriceList is a cloud's table: its defaults, with the prices set over
// them, sorted by type and platform.
func (st *Store) PriceList(cloud Cloud, defaults PriceList) PriceList {
	byKey := map[string]Price{}
	for _, p := range defaults.Prices {
		p.Cloud = cloud
		byKey[priceKey(cloud, p.InstanceType, p.Platform)] = p
	}
	for k, p := range st.Prices {
		if p.Cloud == cloud {
			byKey[k] = p
		}
	}
	out := PriceList{Label: PriceLabel, Currency: defaults.Currency, Prices: make([]Price, 0, len(byKey))}
	if c := st.Currencies[cloud]; c != "" {
		out.Currency = c
	}
	if out.Currency == "" {
		out.Currency = DefaultCurrency
	}
	for _, p := range byKey {
		out.Prices = append(out.Prices, p)
	}
	sort.Slice(out.Prices, func(i, j int) bool {
		a, b := out.Prices[i], out.Prices[j]
		if a.InstanceType != b.InstanceType {
			return a.InstanceType < b.InstanceType
		}
		return a.Platform < b.Platform
	})
	return out
}

// Find returns the price of a type on a platform, or on every platform.
func (l PriceList) Find(instanceType, platform string) (Price, bool) {
	var fallback Price
	found := false
	for _, p := range l.Prices {
		if p.InstanceType != instanceType {
			continue
		}
		if strings.EqualFold(p.Platform, platform) {
			return p, true
		}
		if p.Platform == "" {
			fallback, found = p, true
		}
	}
	return fallback, found
}
