package converge

import (
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Validate checks the rules that tie attributes of a configuration
// together, so that a mistake is reported at plan time, naming the
// attribute and the rule, and never reaches a purchase. Values not known
// yet are checked at apply.
func (s *Spec) Validate(cfg *Reservation) Diagnostics {
	var d Diagnostics
	rules := s.Rules
	if term, ok := s.configuredTerm(cfg); ok {
		if err := rules.CheckTerm(term); err != nil {
			d.failAt("period", -1, "Term not offered", fmt.Sprintf("period = %d, period_unit = %q: %s.", term.Period, term.Unit, err))
		}
	}
	if cfg.RenewalTerm.IsKnown() {
		if err := rules.CheckAutoRenew(cfg.RenewalTerm.V); err != nil {
			d.failAt("auto_renew_period", -1, "Automatic renewal not offered", err.Error()+".")
		}
	}
	if !cfg.ElementsKnown {
		return d
	}
	for i, e := range cfg.Elements {
		if !e.ShapeKnown {
			continue
		}
		at := func(field, summary, detail string) {
			d = append(d, Diagnostic{Severity: Error, Summary: summary, Detail: detail, Attribute: "configurations", Index: i, Field: field})
		}
		scope, zone := e.Shape.Scope, e.Shape.Zone
		switch {
		case scope == reservation.ScopeZone && zone == "":
			at("zone_id", "Missing zone", fmt.Sprintf("configurations[%d].zone_id is required when scope is Zone.", i))
		case scope == reservation.ScopeRegion && zone != "":
			at("zone_id", "Zone not allowed",
				fmt.Sprintf("configurations[%d].zone_id must not be set when scope is Region: a regional RI matches instances in every zone.", i))
		case zone == "" && rules.ZonalOnly(e.Shape.Type):
			at("scope", "Zonal-only instance family",
				fmt.Sprintf("configurations[%d]: %s belongs to a family that can only be reserved in a zone; set zone_id.", i, e.Shape.Type))
		}
	}
	return d
}

// configuredTerm is the term a configuration asks for, each of period and
// period_unit left out taking its default (1, and the cloud's unit); not
// known while either is unknown.
func (s *Spec) configuredTerm(cfg *Reservation) (reservation.Term, bool) {
	if cfg.Period.Unknown || cfg.PeriodUnit.Unknown {
		return reservation.Term{}, false
	}
	t := reservation.Term{Period: 1, Unit: s.DefaultTermUnit}
	if cfg.Period.IsKnown() {
		t.Period = cfg.Period.V
	}
	if cfg.PeriodUnit.IsKnown() {
		t.Unit = cfg.PeriodUnit.V
	}
	return t, true
}
