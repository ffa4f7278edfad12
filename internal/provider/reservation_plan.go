package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// ModifyPlan explains the money side of every plan: the exact calls the
// apply will make and which of them cost money or commit to future charges;
// that a replacement buys again; that destroying refunds nothing. It rejects
// what no valid sequence of calls can reach.
func (r *reservationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddWarning("Destroying reserved instances refunds nothing",
			"Reserved instances cannot be returned. Destroy switches auto-renewal off and removes them from state; they keep billing, and applying to matching instances, until they expire.")
		return
	}
	rec := readPrivate(ctx, req.Private)
	if r.unchanged(req, rec) {
		return
	}
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		r.planCreate(ctx, plan, resp)
		return
	}
	state := r.load(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.common().RegionID.IsNull() {
		plan.common().RegionID = state.common().RegionID
	}
	if !r.planReplacement(plan, config, state, resp) {
		r.planUpdate(ctx, plan, config, state, rec, resp)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// unchanged reports a plan that changes nothing where the last read or
// apply found nothing to do: the common case of a large refresh, answered
// without decoding three models.
func (r *reservationResource) unchanged(req resource.ModifyPlanRequest, rec *privateRecord) bool {
	return !req.State.Raw.IsNull() && req.Plan.Raw.Equal(req.State.Raw) && rec.Settled
}

// wantedOf is the decoration a plan asks for. Attributes the configuration
// leaves out that the plan copies from state (a name never set) are not
// managed; values not yet known are not either, until they are.
func (r *reservationResource) wantedOf(ctx context.Context, plan, config reservationModel) wanted {
	c, cc := plan.common(), config.common()
	var w wanted
	if !cc.Name.IsNull() && !c.Name.IsUnknown() {
		w.name = ptr(c.Name.ValueString())
	}
	if keep := r.spec.keepsDescription && cc.Description.IsNull(); !c.Description.IsUnknown() && !keep {
		w.description = ptr(c.Description.ValueString())
	}
	w.tags = wantedTags(ctx, c.Tags)
	if term, ok := plan.renewalTerm(); ok && !c.AutoRenew.IsUnknown() {
		w.renewal = &cloud.Renewal{Known: true, Auto: c.AutoRenew.ValueBool(), Term: term}
	}
	for _, l := range r.spec.labels {
		if v := plan.attrs()[l]; !config.attrs()[l].IsNull() && !v.IsUnknown() {
			if w.labels == nil {
				w.labels = map[string]string{}
			}
			w.labels[l] = v.ValueString()
		}
	}
	return w
}

// wantedTags are the configured tags; nil while any is unknown.
func wantedTags(ctx context.Context, m types.Map) map[string]string {
	if m.IsUnknown() {
		return nil
	}
	for _, v := range m.Elements() {
		if v.IsUnknown() {
			return nil
		}
	}
	if tags := tagsOf(ctx, m); tags != nil {
		return tags
	}
	return map[string]string{}
}

func ptr[T any](v T) *T { return &v }

func (r *reservationResource) planCreate(ctx context.Context, plan reservationModel, resp *resource.ModifyPlanResponse) {
	c := plan.common()
	if c.RegionID.IsUnknown() || c.RegionID.IsNull() {
		c.RegionID = types.StringValue(r.region)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("region_id"), c.RegionID)...)
	}
	elems, ok := r.elements(ctx, plan, &resp.Diagnostics)
	if r.spec.checkCreate != nil {
		r.spec.checkCreate(plan, elems, ok, &resp.Diagnostics)
	}
	if !ok || c.Period.IsUnknown() || c.PeriodUnit.IsUnknown() {
		return
	}
	resp.Diagnostics.AddWarning("This apply buys reserved instances", r.purchaseText(plan, elems, nil))
}

// purchaseText announces the purchases of the elements listed (all when
// nil) and the renewals that complete their term.
func (r *reservationResource) purchaseText(plan reservationModel, elems []element, only []int) string {
	c := plan.common()
	n := len(only)
	if only == nil {
		n = len(elems)
	}
	term := termOf(c)
	buy, renewals := r.spec.rules.PurchasePlan(term)
	calls := r.spec.rules.Calls
	text := fmt.Sprintf("%d %s call(s): %s, for %s each. Reserved instances are paid for and cannot be refunded.",
		n, calls.Purchase, describeElements(elems, only), term)
	if len(renewals) > 0 {
		text += fmt.Sprintf(" One purchase buys at most a term of %s here, so %d %s call(s) follow (%s) to reach %s.",
			buy, len(renewals)*ceilDiv(n, calls.RenewIDs), calls.Renew, termsText(renewals), term)
	}
	if c.AutoRenew.ValueBool() {
		text += " Auto-renewal is on: each reserved instance renews itself, and is charged, at every expiry until it is switched off."
	}
	return text
}

// checkTerms rejects at plan time a renewal that would push an RI past the
// furthest expiry the cloud allows (the term and the automatic renewal on
// their own are checked by ValidateConfig).
func (r *reservationResource) checkTerms(plan reservationModel, have []existing, rec *privateRecord, diags *diag.Diagnostics) {
	c := plan.common()
	if c.Period.IsUnknown() || c.PeriodUnit.IsUnknown() {
		return
	}
	rules, months := r.spec.rules, termOf(c).Months()
	latest := rules.LatestExpiry(time.Now())
	for _, h := range have {
		anchor, ok := rec.anchor(h.id)
		if !ok || !h.status.Live() || owed(rec, h.id, h.expiry, months) == 0 {
			continue
		}
		if end := reservation.TermEnd(anchor, months); end.After(latest) {
			diags.AddAttributeError(path.Root("period"), "Term too long",
				fmt.Sprintf("%s would run until %s, but %s renews a reserved instance at most until %s (%s from today).",
					h.id, reservation.FormatAPITime(end), rules.Cloud, reservation.FormatAPITime(latest), reservation.TermFromMonths(rules.MaxAheadMonths)))
			return
		}
	}
}

// planReplacement decides replacement for the attributes fixed at purchase
// and warns loudly when it happens. It returns true when the plan replaces.
func (r *reservationResource) planReplacement(plan, config, state reservationModel, resp *resource.ModifyPlanResponse) bool {
	type candidate struct {
		name          string
		planned, prev attr.Value
		configured    bool
	}
	candidates := []candidate{{"region_id", plan.common().RegionID, state.common().RegionID, true}}
	for _, f := range r.spec.fixedAttrs {
		p, s, cfg := r.fixedValues(f.name, plan, state, config)
		candidates = append(candidates, candidate{f.name, p, s, !f.onlyIfSet || !cfg.IsNull()})
	}
	var changed []string
	for _, c := range candidates {
		if !c.configured || c.name == "start_time" && sameInstant(plan.common().StartTime.ValueString(), state.common().StartTime.ValueString()) {
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
			strings.Join(changed, ", "), state.common().ID.ValueString(), state.common().ExpiredTime.ValueString(), strings.Join(changed, ", ")))
	markComputedUnknown(plan)
	return true
}

func (r *reservationResource) fixedValues(name string, plan, state, config reservationModel) (types.String, types.String, types.String) {
	if name == "start_time" {
		return plan.common().StartTime, state.common().StartTime, config.common().StartTime
	}
	return *plan.attrs()[name], *state.attrs()[name], *config.attrs()[name]
}

func markComputedUnknown(m reservationModel) {
	c := m.common()
	c.ID, c.Status, c.ExpiredTime = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.setLocks(nil)
}

func termsText(ts []reservation.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

func describeElements(elems []element, only []int) string {
	var parts []string
	for i, e := range elems {
		if only == nil || contains(only, i) {
			parts = append(parts, e.shape.String())
		}
	}
	return strings.Join(parts, ", ")
}
