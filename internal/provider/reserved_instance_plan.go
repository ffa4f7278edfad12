package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

func (r *reservedInstanceResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.RequiredTogether(path.MatchRoot("period"), path.MatchRoot("period_unit")),
	}
}

// ValidateConfig checks the rules that tie attributes together, so that a
// mistake is reported at plan time and never reaches a purchase.
func (r *reservedInstanceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg reservedInstanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	confs, ok, _ := cfg.configurations(ctx)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	anyZonal := false
	for i, c := range confs {
		p := path.Root("configurations").AtListIndex(i)
		zonal := c.Scope.ValueString() == "Zone" || (c.Scope.IsNull() && !c.ZoneID.IsNull())
		if c.Scope.IsUnknown() || c.ZoneID.IsUnknown() {
			continue
		}
		anyZonal = anyZonal || zonal
		switch {
		case c.Scope.ValueString() == "Zone" && c.ZoneID.IsNull():
			resp.Diagnostics.AddAttributeError(p.AtName("zone_id"), "Missing zone",
				fmt.Sprintf("configurations[%d].zone_id is required when scope is Zone.", i))
		case c.Scope.ValueString() == "Region" && !c.ZoneID.IsNull():
			resp.Diagnostics.AddAttributeError(p.AtName("zone_id"), "Zone not allowed",
				fmt.Sprintf("configurations[%d].zone_id must not be set when scope is Region: a regional RI matches instances in every zone.", i))
		case !zonal && !c.InstanceType.IsUnknown() && reservation.ZonalOnly(c.InstanceType.ValueString()):
			resp.Diagnostics.AddAttributeError(p.AtName("scope"), "Zonal-only instance family",
				fmt.Sprintf("configurations[%d]: %s belongs to a family that can only be reserved in a zone; set zone_id.", i, c.InstanceType.ValueString()))
		}
	}
	if !cfg.StartTime.IsNull() && anyZonal {
		resp.Diagnostics.AddAttributeError(path.Root("start_time"), "Start time on a zonal reservation",
			"start_time can only be set when every element of configurations is regional (scope Region): zonal RIs start at purchase.")
	}
}

// ModifyPlan explains the money side of every plan: what will be bought,
// that a replacement buys again, that destroying refunds nothing. It also
// rejects changes the provider cannot carry out yet.
func (r *reservedInstanceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddWarning("Destroying reserved instances refunds nothing",
			"Reserved instances cannot be returned. Destroy switches auto-renewal off and removes them from state; they keep billing, and applying to matching instances, until they expire.")
		return
	}
	if r.unchanged(ctx, req) {
		return
	}
	var plan, config reservedInstanceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		r.planCreate(ctx, &plan, resp)
		return
	}
	var state reservedInstanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.RegionID.IsNull() {
		plan.RegionID = state.RegionID
	}
	if r.planReplacement(&plan, &config, &state, resp) {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	r.planConfigurations(ctx, &plan, &state, resp)
	r.planTerm(ctx, req, &plan, &state, resp)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// unchanged reports a plan that changes nothing, buys nothing left unbought
// and owes no renewal: the common case of a large refresh, answered without
// decoding three models.
func (r *reservedInstanceResource) unchanged(ctx context.Context, req resource.ModifyPlanRequest) bool {
	if req.State.Raw.IsNull() || !req.Plan.Raw.Equal(req.State.Raw) {
		return false
	}
	var period types.Int64
	var unit, id types.String
	var confs types.List
	if req.Plan.GetAttribute(ctx, path.Root("period"), &period).HasError() || req.Plan.GetAttribute(ctx, path.Root("period_unit"), &unit).HasError() ||
		req.Plan.GetAttribute(ctx, path.Root("id"), &id).HasError() || req.Plan.GetAttribute(ctx, path.Root("configurations"), &confs).HasError() {
		return false
	}
	if bought := len(strings.Split(id.ValueString(), ",")); id.ValueString() == "" || bought != len(confs.Elements()) {
		return false // an element still to buy
	}
	planned := reservation.Term{Period: int(period.ValueInt64()), Unit: unit.ValueString()}
	var state reservedInstanceModel
	state.Period, state.PeriodUnit = period, unit
	return boughtMonths(ctx, req.Private, state) >= planned.Months()
}

func (r *reservedInstanceResource) planCreate(ctx context.Context, plan *reservedInstanceModel, resp *resource.ModifyPlanResponse) {
	if plan.RegionID.IsUnknown() && r.providerData != nil {
		plan.RegionID = types.StringValue(r.region)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("region_id"), plan.RegionID)...)
	}
	renewNote := ""
	if !plan.Period.IsUnknown() && !plan.PeriodUnit.IsUnknown() {
		buy, renewals := reservation.PurchasePlan(termOf(*plan))
		if len(renewals) > 0 {
			renewNote = fmt.Sprintf(" One purchase buys at most a term of %s here, so %d RenewReservedInstances call(s) follow (%s) to reach %s.",
				buy, len(renewals), termsText(renewals), termOf(*plan))
		}
	}
	if st := plan.StartTime.ValueString(); st != "" && !plan.StartTime.IsUnknown() {
		if t, err := reservation.ParseAPITime(st); err == nil && t.Before(time.Now().UTC().Truncate(time.Hour)) {
			resp.Diagnostics.AddAttributeError(path.Root("start_time"), "Start time in the past",
				fmt.Sprintf("start_time %s is before the current hour; a purchase can only start now or later.", st))
		}
	}
	if confs, ok, _ := plan.configurations(ctx); ok {
		resp.Diagnostics.AddWarning("This apply buys reserved instances",
			fmt.Sprintf("%d PurchaseReservedInstancesOffering call(s): %s, for %s each. Reserved instances are paid for and cannot be refunded.%s",
				len(confs), describeConfs(confs), termOf(*plan), renewNote))
	}
}

// planReplacement decides replacement for the purchase-time attributes and
// warns loudly when it happens. It returns true when the plan replaces.
func (r *reservedInstanceResource) planReplacement(plan, config, state *reservedInstanceModel, resp *resource.ModifyPlanResponse) bool {
	type candidate struct {
		name          string
		planned, prev attr.Value
		onlyIfSet     bool
		configured    bool
	}
	candidates := []candidate{
		{"region_id", plan.RegionID, state.RegionID, false, true},
		{"platform", plan.Platform, state.Platform, false, true},
		{"offering_type", plan.OfferingType, state.OfferingType, false, true},
		{"resource_group_id", plan.ResourceGroupID, state.ResourceGroupID, true, !config.ResourceGroupID.IsNull()},
		{"start_time", plan.StartTime, state.StartTime, true, !config.StartTime.IsNull()},
	}
	var changed []string
	for _, c := range candidates {
		if c.onlyIfSet && !c.configured {
			continue
		}
		if c.name == "start_time" && sameInstant(plan.StartTime.ValueString(), state.StartTime.ValueString()) {
			continue
		}
		if c.planned.IsUnknown() || !c.planned.Equal(c.prev) {
			changed = append(changed, c.name)
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(c.name))
		}
	}
	if len(changed) == 0 {
		return false
	}
	resp.Diagnostics.AddWarning("Replacement means a new, non-refundable purchase",
		fmt.Sprintf("%s cannot change after purchase, so this plan REPLACES %s: it buys new reserved instances, while the current ones "+
			"cannot be refunded and keep billing until %s (their auto-renewal is switched off). If that is not what you want, revert %s.",
			strings.Join(changed, ", "), state.ID.ValueString(), state.ExpiredTime.ValueString(), strings.Join(changed, ", ")))
	plan.ID, plan.Status, plan.ExpiredTime = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.OperationLocks = types.ListUnknown(types.StringType)
	return true
}

// planConfigurations works out how the bought reserved instances become
// the configured ones, rejects what no sequence of valid calls can reach,
// and lists the calls the apply will make.
func (r *reservedInstanceResource) planConfigurations(ctx context.Context, plan, state *reservedInstanceModel, resp *resource.ModifyPlanResponse) {
	planConfs, ok, _ := plan.configurations(ctx)
	stateConfs, _, _ := state.configurations(ctx)
	if !ok {
		return
	}
	for _, c := range planConfs {
		if c.InstanceType.IsUnknown() || c.InstanceAmount.IsUnknown() || c.Scope.IsUnknown() || c.ZoneID.IsUnknown() {
			return // checked again at apply
		}
	}
	in, err := planReshape(planConfs, stateConfs)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("configurations"), "Reshape not possible", err.Error())
		return
	}
	changed := len(in.plan.Steps) > 0 || len(in.toBuy) > 0
	for k, i := range in.reshaped {
		if in.plan.Unchanged(k) {
			s := in.stateIDs[in.plan.Result[k]]
			planConfs[i].ID, planConfs[i].Status, planConfs[i].ExpiredTime = s.ID, s.Status, s.ExpiredTime
			changed = changed || i >= len(stateConfs) || !stateConfs[i].ID.Equal(s.ID)
		} else {
			unknownID(&planConfs[i])
		}
	}
	for _, i := range in.toBuy {
		unknownID(&planConfs[i])
	}
	if !changed {
		return
	}
	plan.ID, plan.Status, plan.ExpiredTime = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.OperationLocks = types.ListUnknown(types.StringType)
	resp.Diagnostics.Append(plan.setConfigurations(ctx, planConfs)...)
	if n := len(in.plan.Steps); n > 0 {
		lines := make([]string, n)
		for k, step := range in.plan.Steps {
			lines[k] = fmt.Sprintf("%d. %s (ModifyReservedInstances)", k+1, step.Describe())
		}
		resp.Diagnostics.AddWarning("This apply reshapes reserved instances",
			fmt.Sprintf("%d ModifyReservedInstances call(s), each waiting for the previous one's reserved instances to become Active:\n%s\n\n"+
				"The reserved instances they replace become Inactive; the new ones keep the expiry time and get this resource's name, description, tags and auto-renewal.",
				n, strings.Join(lines, "\n")))
	}
	if len(in.toBuy) > 0 {
		var buy []configurationModel
		for _, i := range in.toBuy {
			buy = append(buy, planConfs[i])
		}
		resp.Diagnostics.AddWarning("This apply buys reserved instances",
			fmt.Sprintf("%d PurchaseReservedInstancesOffering call(s): %s. Reserved instances are paid for and cannot be refunded.", len(buy), describeConfs(buy)))
	}
}

// planTerm: the term is what was bought through Terraform. The same length
// in other units is no change; a longer one is a renewal by the difference;
// a shorter one cannot be undone and makes no call.
func (r *reservedInstanceResource) planTerm(ctx context.Context, req resource.ModifyPlanRequest, plan, state *reservedInstanceModel, resp *resource.ModifyPlanResponse) {
	if plan.Period.IsUnknown() || plan.PeriodUnit.IsUnknown() {
		return
	}
	planned, recorded := termOf(*plan), termOf(*state)
	bought := boughtMonths(ctx, req.Private, *state)
	switch {
	case planned.Months() > bought:
		renewals := reservation.Renewals(planned.Months() - bought)
		resp.Diagnostics.AddAttributeWarning(path.Root("period"), "This apply renews reserved instances",
			fmt.Sprintf("Raising the term from %s to %s renews every reserved instance of %s by %s: %d RenewReservedInstances call(s) (%s), at most 10 reserved instances each. Renewals are paid for and cannot be refunded.",
				reservation.TermFromMonths(bought), planned, state.ID.ValueString(), reservation.TermFromMonths(planned.Months()-bought), len(renewals), termsText(renewals)))
		plan.ExpiredTime = types.StringUnknown()
		if confs, ok, _ := plan.configurations(ctx); ok {
			for i := range confs {
				confs[i].ExpiredTime = types.StringUnknown()
			}
			resp.Diagnostics.Append(plan.setConfigurations(ctx, confs)...)
		}
	case planned.Months() < recorded.Months():
		resp.Diagnostics.AddAttributeWarning(path.Root("period"), "A bought term cannot be shortened",
			fmt.Sprintf("Lowering the term from %s to %s makes no API call: the reserved instances still run until %s. Raising it again up to %s later renews nothing.",
				recorded, planned, state.ExpiredTime.ValueString(), reservation.TermFromMonths(bought)))
	}
}

func termsText(ts []reservation.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

func describeConfs(confs []configurationModel) string {
	parts := make([]string, len(confs))
	for i, c := range confs {
		parts[i] = fmt.Sprintf("%s × %d (%s)", c.InstanceType.ValueString(), c.InstanceAmount.ValueInt64(), scopeText(c))
	}
	return strings.Join(parts, ", ")
}

func scopeText(c configurationModel) string {
	if c.ZoneID.ValueString() != "" {
		return "zone " + c.ZoneID.ValueString()
	}
	return "regional"
}
