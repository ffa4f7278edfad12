package converge

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Spec is what the engine knows of one cloud's reservation besides its
// rules: which of its own attributes a purchase sends, which cannot change
// after purchase, and which only a modification changes.
type Spec struct {
	Rules *reservation.Rules
	// PurchaseAttrs are the Attrs sent with every purchase (start_time is
	// Reservation.StartTime, sent only by a create).
	PurchaseAttrs []string
	// FixedAttrs cannot change after purchase: changing one replaces the
	// reservation. Those marked OnlyIfSet are compared only when configured.
	FixedAttrs []FixedAttr
	// Labels are Attrs that only a modification changes (Volcengine).
	Labels []string
	// DefaultRenewal is the schema's default length of one automatic
	// renewal, recorded when nothing else says; DefaultTermUnit the unit of
	// a period written alone.
	DefaultRenewal  reservation.Term
	DefaultTermUnit string
	// KeepsDescription: the cloud cannot clear a description, so one left
	// out of the configuration is left as the RIs carry it.
	KeepsDescription bool
	// UsagePermissions names the read actions utilisation needs, for the
	// error a refused read gets.
	UsagePermissions string
}

// FixedAttr is an attribute set at purchase.
type FixedAttr struct {
	Name      string
	OnlyIfSet bool
}

// AttrStartTime is the attribute of a scheduled start.
const AttrStartTime = "start_time"

// Engine runs a cloud's reservations against its session.
type Engine struct {
	Spec    *Spec
	Session *cloud.Session
	// Region is the provider's default region for the cloud.
	Region string
	// ExpiryWarningDays: refreshes warn about RIs that lapse within it.
	ExpiryWarningDays int
	// Now is this machine's clock; the service's comes with what it reports.
	Now func() time.Time
}

func (e *Engine) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

func (e *Engine) rules() *reservation.Rules { return e.Spec.Rules }

// regionOf is a reservation's region, or the provider's default.
func (e *Engine) regionOf(r *Reservation) string {
	if r.Region.V != "" {
		return r.Region.V
	}
	return e.Region
}
