package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// ValidateConfig checks the rules that tie attributes together, so that a
// mistake is reported at plan time, naming the attribute and the rule, and
// never reaches a purchase.
func (r *reservationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	cfg := r.load(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.validateTerms(cfg, resp)
	elems, ok := r.elements(ctx, cfg, &resp.Diagnostics)
	if !ok {
		return
	}
	for i, e := range elems {
		r.validateElement(i, e, resp)
	}
}

func (r *reservationResource) validateTerms(cfg reservationModel, resp *resource.ValidateConfigResponse) {
	c, rules := cfg.common(), r.spec.rules
	if !c.Period.IsNull() && !c.Period.IsUnknown() && !c.PeriodUnit.IsNull() && !c.PeriodUnit.IsUnknown() {
		if err := rules.CheckTerm(termOf(c)); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("period"), "Term not offered",
				fmt.Sprintf("period = %d, period_unit = %q: %s.", c.Period.ValueInt64(), c.PeriodUnit.ValueString(), err))
		}
	}
	if term, ok := cfg.renewalTerm(); ok && !c.AutoRenewPeriod.IsNull() {
		if err := rules.CheckAutoRenew(term); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("auto_renew_period"), "Automatic renewal not offered", err.Error()+".")
		}
	}
}

// validateElement: a zone goes with Zone scope and only with it; zonal-only
// families need a zone. A scope or zone still unknown is checked at apply.
func (r *reservationResource) validateElement(i int, e element, resp *resource.ValidateConfigResponse) {
	p := path.Root("configurations").AtListIndex(i)
	c := e.configuration()
	if !e.known {
		return
	}
	scope, zone := e.shape.Scope, e.shape.Zone
	switch {
	case scope == reservation.ScopeZone && zone == "":
		resp.Diagnostics.AddAttributeError(p.AtName("zone_id"), "Missing zone",
			fmt.Sprintf("configurations[%d].zone_id is required when scope is Zone.", i))
	case scope == reservation.ScopeRegion && zone != "":
		resp.Diagnostics.AddAttributeError(p.AtName("zone_id"), "Zone not allowed",
			fmt.Sprintf("configurations[%d].zone_id must not be set when scope is Region: a regional RI matches instances in every zone.", i))
	case zone == "" && r.spec.rules.ZonalOnly(c.InstanceType.ValueString()):
		resp.Diagnostics.AddAttributeError(p.AtName("scope"), "Zonal-only instance family",
			fmt.Sprintf("configurations[%d]: %s belongs to a family that can only be reserved in a zone; set zone_id.", i, c.InstanceType.ValueString()))
	}
}
