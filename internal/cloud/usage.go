package cloud

import (
	"context"
	"time"
)

// UsageReader is a cloud that reports what its RIs paid for (their
// utilisation) and how much of the pay-as-you-go usage they covered, over a
// window. Quantities are in factor-hours: normalisation factor × hours, the
// unit both clouds' figures come down to.
type UsageReader interface {
	Usage(ctx context.Context, region string, from, to time.Time) (Usage, error)
}

// Usage is what a cloud reports of a window.
type Usage struct {
	// RIs are the figures of each RI the cloud reports, by ID.
	RIs map[string]RIUsage
	// Coverage is the pay-as-you-go usage of the region by instance type
	// and zone ("" when the cloud does not say), and what RIs covered.
	Coverage []Coverage
	// Currency of the costs; "" when the cloud reports none.
	Currency string
}

// RIUsage is one RI's figures over a window.
type RIUsage struct {
	// Reserved is what the RI could pay for, Used what it paid for.
	Reserved, Used float64
	// Costs are nil when the cloud reports none.
	Costs *Costs
}

// Costs are what an RI cost and saved, as the cloud reports them.
type Costs struct {
	// Reservation is what the RI cost over the window; Saved what it saved
	// against pay-as-you-go prices (negative when it cost more than the
	// usage it paid for); PotentialSaved what it would have saved fully
	// used.
	Reservation, Saved, PotentialSaved float64
}

// Coverage is the pay-as-you-go usage of one instance type in one zone,
// and what RIs paid for of it.
type Coverage struct {
	InstanceType, Zone string
	Usage, Covered     float64
}

// Usage reads what the cloud reports of a window, when it reports it.
func (s *Session) Usage(ctx context.Context, region string, from, to time.Time) (Usage, bool, error) {
	r, ok := s.b.(UsageReader)
	if !ok {
		return Usage{}, false, nil
	}
	u, err := r.Usage(ctx, region, from, to)
	return u, true, err
}
