package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

var (
	_ resource.ResourceWithConfigure        = (*reservedInstanceResource)(nil)
	_ resource.ResourceWithImportState      = (*reservedInstanceResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*reservedInstanceResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*reservedInstanceResource)(nil)
	_ resource.ResourceWithConfigValidators = (*reservedInstanceResource)(nil)
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	// statusNotPurchased marks an element whose purchase has not happened
	// yet (an earlier purchase of the same apply failed); the next apply
	// buys it.
	statusNotPurchased = "NotPurchased"
)

type reservedInstanceResource struct {
	*providerData
}

func newReservedInstanceResource() resource.Resource { return &reservedInstanceResource{} }

func (r *reservedInstanceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reserved_instance"
}

func (r *reservedInstanceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.providerData = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *reservedInstanceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan reservedInstanceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	confs, _, diags := plan.configurations(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.RegionID.ValueString() == "" {
		plan.RegionID = types.StringValue(r.region)
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	for i := range confs {
		confs[i].ID, confs[i].Status, confs[i].ExpiredTime = types.StringValue(""), types.StringValue(statusNotPurchased), types.StringNull()
	}
	bought, err := r.purchase(ctx, &plan, confs, plan.StartTime.ValueString())
	if len(bought) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("configurations").AtListIndex(0), "Purchase failed",
			"No reserved instance was bought, and nothing was charged.\n\n"+err.Error())
		return
	}
	if err != nil {
		resp.Diagnostics.AddWarning("Only part of the reservation was bought",
			fmt.Sprintf("Bought %s; the rest was not: %s\n\nThe resource is saved with what exists. The next apply buys the remaining elements; "+
				"fix the cause first if it is not transient.", strings.Join(bought, ", "), err))
	}
	achieved, waitFor := r.completeTerm(ctx, &plan, bought, &resp.Diagnostics)
	resp.Diagnostics.Append(setBoughtMonths(ctx, resp.Private, achieved)...)
	r.finish(ctx, &plan, confs, waitFor, "create", &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// completeTerm renews freshly bought RIs from the term one purchase buys up
// to the configured term (2 Years = buy 1 Year, renew 1 Year). It returns the
// months bought and the RIs still to wait for. A renewal failure is a
// warning: the RIs exist, and the next apply renews the rest.
func (r *reservedInstanceResource) completeTerm(ctx context.Context, plan *reservedInstanceModel, bought []string, diags *diag.Diagnostics) (int, []string) {
	term := termOf(*plan)
	buy, renewals := reservation.PurchasePlan(term)
	if len(renewals) == 0 || len(bought) == 0 {
		return term.Months(), bought
	}
	region := plan.RegionID.ValueString()
	if _, err := r.client.WaitActive(ctx, region, bought); err != nil {
		diags.AddWarning("Term not yet complete",
			fmt.Sprintf("Bought %s for %s; renewing to %s waits until they are Active, which did not happen yet: %s. The next apply renews them.", strings.Join(bought, ", "), buy, term, err))
		return buy.Months(), nil
	}
	achieved, err := r.renewTo(ctx, region, bought, buy.Months(), term.Months())
	if err != nil {
		diags.AddWarning("Term not yet complete", fmt.Sprintf("Bought %s; %s", strings.Join(bought, ", "), err))
	}
	return achieved, nil
}

// purchase buys every element of confs that has no ID yet, one
// PurchaseReservedInstancesOffering each, and records the IDs in confs. It
// stops at the first failure and returns the IDs bought so far. startTime is
// the configured start at creation; elements bought later start now.
func (r *reservedInstanceResource) purchase(ctx context.Context, plan *reservedInstanceModel, confs []configurationModel, startTime string) ([]string, error) {
	if t, err := reservation.ParseAPITime(startTime); err == nil {
		startTime = t.UTC().Format("2006-01-02T15Z")
	}
	tags := plan.tags(ctx)
	term := reservation.Term{Period: int(plan.Period.ValueInt64()), Unit: plan.PeriodUnit.ValueString()}
	autoRenewMonths := reservation.Term{Period: int(plan.AutoRenewPeriod.ValueInt64()), Unit: plan.AutoRenewPeriodUnit.ValueString()}.Months()
	var bought []string
	for i := range confs {
		if confs[i].ID.ValueString() != "" {
			continue
		}
		purchaseTerm, _ := reservation.PurchasePlan(term)
		in := alicloud.PurchaseInput{
			RegionID: plan.RegionID.ValueString(), InstanceType: confs[i].InstanceType.ValueString(), Amount: int(confs[i].InstanceAmount.ValueInt64()),
			Scope: confs[i].Scope.ValueString(), ZoneID: confs[i].ZoneID.ValueString(), Platform: plan.Platform.ValueString(),
			OfferingType: plan.OfferingType.ValueString(), Name: plan.Name.ValueString(), Description: plan.Description.ValueString(),
			ResourceGroupID: plan.ResourceGroupID.ValueString(), StartTime: startTime,
			Period: purchaseTerm.Period, PeriodUnit: purchaseTerm.Unit, AutoRenew: plan.AutoRenew.ValueBool(), AutoRenewMonths: autoRenewMonths,
			Tags: tags, ClientToken: alicloud.NewClientToken(),
		}
		tflog.Info(ctx, "purchasing a reserved instance", map[string]any{"element": i, "instance_type": in.InstanceType, "amount": in.Amount, "client_token": in.ClientToken})
		id, err := r.client.Purchase(ctx, in)
		if err != nil {
			return bought, fmt.Errorf("configurations[%d] (%s × %d): %w", i, in.InstanceType, in.Amount, err)
		}
		confs[i].ID, confs[i].Status = types.StringValue(id), types.StringValue(alicloud.StatusCreating)
		bought = append(bought, id)
	}
	return bought, nil
}

// finish waits for new RIs to become Active and reads the reservation into
// plan. Nothing here returns an error: the RIs exist and are paid for, and
// an error would taint the resource and make the next apply buy again.
func (r *reservedInstanceResource) finish(ctx context.Context, plan *reservedInstanceModel, confs []configurationModel, waitFor []string, op string, diags *diag.Diagnostics) {
	resp := plan.setConfigurations(ctx, confs)
	diags.Append(resp...)
	plan.ID = types.StringValue(strings.Join(plan.ids(ctx), ","))
	if len(waitFor) > 0 {
		if _, err := r.client.WaitActive(ctx, plan.RegionID.ValueString(), waitFor); err != nil {
			diags.AddWarning("Reserved instances bought, but not confirmed Active",
				fmt.Sprintf("The %s succeeded and the reserved instances %s are recorded in state, so nothing will be bought again. "+
					"Waiting for them to become Active failed: %s\n\nThe next refresh shows their status.", op, strings.Join(waitFor, ", "), err))
		}
	}
	// The operation's deadline may have passed while waiting; the final read
	// gets a short budget of its own.
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	if _, readDiags := r.refresh(readCtx, plan); readDiags.HasError() {
		diags.AddWarning("Could not read the reserved instances back", fmt.Sprintf("%v\n\nState keeps their IDs; the next refresh completes it.", readDiags))
		fillUnknowns(plan)
	} else {
		diags.Append(readDiags...)
	}
}

// fillUnknowns replaces values still unknown after an apply with nulls, which
// Terraform accepts for computed attributes.
func fillUnknowns(m *reservedInstanceModel) {
	for _, s := range []*types.String{&m.ResourceGroupID, &m.StartTime, &m.Name, &m.Status, &m.ExpiredTime} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.OperationLocks.IsUnknown() {
		m.OperationLocks = types.ListNull(types.StringType)
	}
}

func (r *reservedInstanceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state reservedInstanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gone, diags := r.refresh(ctx, &state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone {
		resp.Diagnostics.AddWarning("Reserved instances no longer exist",
			fmt.Sprintf("None of %s exists any more, so the resource is removed from state.", state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *reservedInstanceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state reservedInstanceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	planConfs, _, diags := plan.configurations(ctx)
	resp.Diagnostics.Append(diags...)
	stateConfs, _, diags := state.configurations(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	region := state.RegionID.ValueString()
	plan.RegionID = state.RegionID
	from := boughtMonths(ctx, req.Private, state)

	in, err := planReshape(planConfs, stateConfs)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("configurations"), "Reshape not possible", err.Error())
		return
	}
	var kept []string
	for k := range in.reshaped {
		if in.plan.Unchanged(k) {
			kept = append(kept, in.plan.Result[k])
		}
	}
	if err := r.updateAttributes(ctx, region, kept, &plan, &state); err != nil {
		resp.Diagnostics.AddError("Update failed", err.Error())
		plan = state // refresh records what the calls that succeeded changed
		r.finish(ctx, &plan, mustConfigurations(ctx, &state), nil, "update", &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}

	run, err := r.runReshape(ctx, region, plan.Name.ValueString(), in)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("configurations"), "Reshape stopped part way", err.Error())
		var now []configurationModel
		for _, id := range run.live {
			now = append(now, configurationModel{ID: types.StringValue(id)})
		}
		plan = state
		r.finish(ctx, &plan, now, nil, "update", &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	var created []string
	for k, i := range in.reshaped {
		id := run.resolved[in.plan.Result[k]]
		planConfs[i].ID = types.StringValue(id)
		if in.plan.Unchanged(k) {
			planConfs[i].Status, planConfs[i].ExpiredTime = in.stateIDs[id].Status, in.stateIDs[id].ExpiredTime
		} else {
			planConfs[i].Status, planConfs[i].ExpiredTime = types.StringValue(alicloud.StatusActive), types.StringNull()
			created = append(created, id)
		}
	}
	for _, i := range in.toBuy {
		planConfs[i].ID, planConfs[i].Status, planConfs[i].ExpiredTime = types.StringValue(""), types.StringValue(statusNotPurchased), types.StringNull()
	}
	if err := r.decorate(ctx, region, created, &plan); err != nil {
		resp.Diagnostics.AddError("Reshaped, but could not restore description, tags or auto-renewal on the new reserved instances",
			err.Error()+"\n\nThe next apply sets them again.")
	}

	existing := idsOf(planConfs)
	bought, err := r.purchase(ctx, &plan, planConfs, "")
	if err != nil {
		resp.Diagnostics.AddWarning("Only part of the reservation was bought",
			fmt.Sprintf("%s\n\nThe resource is saved with what exists; the next apply buys the rest.", err))
	}
	achieved := from
	if to := termOf(plan).Months(); to > from && len(existing) > 0 {
		achieved, err = r.renewTo(ctx, region, existing, from, to)
		if err != nil {
			resp.Diagnostics.AddError("Renewal stopped part way", err.Error())
		}
	}
	_, waitFor := r.completeTerm(ctx, &plan, bought, &resp.Diagnostics)
	resp.Diagnostics.Append(setBoughtMonths(ctx, resp.Private, achieved)...)
	r.finish(ctx, &plan, planConfs, waitFor, "update", &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func mustConfigurations(ctx context.Context, m *reservedInstanceModel) []configurationModel {
	confs, _, _ := m.configurations(ctx)
	return confs
}

// updateAttributes applies in-place changes to the RIs that already exist:
// name and description, tags, auto-renewal.
func (r *reservedInstanceResource) updateAttributes(ctx context.Context, region string, ids []string, plan, state *reservedInstanceModel) error {
	if len(ids) == 0 {
		return nil
	}
	var name, description *string
	if !plan.Name.IsUnknown() && !plan.Name.IsNull() && !plan.Name.Equal(state.Name) {
		v := plan.Name.ValueString()
		name = &v
	}
	if !plan.Description.Equal(state.Description) {
		v := plan.Description.ValueString() // "" clears it
		description = &v
	}
	if name != nil || description != nil {
		for _, id := range ids {
			if err := r.client.SetAttributes(ctx, region, id, name, description); err != nil {
				return err
			}
		}
	}

	want := plan.tags(ctx)
	have := state.tags(ctx)
	var removed []string
	for k := range have {
		if _, ok := want[k]; !ok {
			removed = append(removed, k)
		}
	}
	changed := map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			changed[k] = v
		}
	}
	if len(removed) > 0 {
		if err := r.client.Untag(ctx, region, ids, removed); err != nil {
			return err
		}
	}
	if len(changed) > 0 {
		if err := r.client.Tag(ctx, region, ids, changed); err != nil {
			return err
		}
	}

	renewChanged := !plan.AutoRenew.Equal(state.AutoRenew) ||
		(plan.AutoRenew.ValueBool() && (!plan.AutoRenewPeriod.Equal(state.AutoRenewPeriod) || !plan.AutoRenewPeriodUnit.Equal(state.AutoRenewPeriodUnit)))
	if renewChanged {
		return r.client.SetAutoRenew(ctx, region, ids, plan.AutoRenew.ValueBool(), int(plan.AutoRenewPeriod.ValueInt64()), plan.AutoRenewPeriodUnit.ValueString())
	}
	return nil
}

// Delete cannot refund: it switches auto-renewal off so the RIs lapse at
// expiry, and says so.
func (r *reservedInstanceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state reservedInstanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	region, ids := state.RegionID.ValueString(), state.ids(ctx)
	seen, err := r.client.Describe(ctx, region, ids)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the reserved instances before removing them", err.Error())
		return
	}
	var live, expiries []string
	for _, id := range ids {
		if ri, ok := seen[id]; ok && (ri.Status == alicloud.StatusActive || alicloud.IsPending(ri.Status)) {
			live = append(live, id)
			expiries = append(expiries, fmt.Sprintf("%s until %s", id, ri.ExpiredTime))
		}
	}
	if len(live) > 0 {
		renew, err := r.client.DescribeAutoRenew(ctx, region, live)
		if err != nil {
			resp.Diagnostics.AddError("Cannot read auto-renewal before removing the reserved instances", err.Error())
			return
		}
		var renewing []string
		for _, id := range live {
			if renew[id].Enabled {
				renewing = append(renewing, id)
			}
		}
		if len(renewing) > 0 {
			if err := r.client.SetAutoRenew(ctx, region, renewing, false, 0, ""); err != nil {
				resp.Diagnostics.AddError("Cannot switch auto-renewal off", err.Error()+"\n\nThe resource stays in state; try again.")
				return
			}
		}
		resp.Diagnostics.AddWarning("Reserved instances keep billing until they expire",
			"Reserved instances cannot be refunded. They were removed from Terraform state, auto-renewal is off so they lapse at expiry, "+
				"and they keep applying to matching instances until then: "+strings.Join(expiries, "; ")+".")
	}
}

// ImportState takes "ecsri-aaa", "ecsri-aaa,ecsri-bbb", or either prefixed
// with a region ("cn-beijing:ecsri-aaa").
func (r *reservedInstanceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	region, list := "", req.ID
	if before, after, ok := strings.Cut(req.ID, ":"); ok {
		region, list = before, after
	}
	var ids []string
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" || strings.ContainsAny(id, " :") {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected reserved instance IDs separated by commas, optionally prefixed by a region and a colon, e.g. ecsri-aaa,ecsri-bbb or cn-beijing:ecsri-aaa; got %q.", req.ID))
			return
		}
		ids = append(ids, id)
	}
	if region == "" && r.providerData != nil {
		region = r.region
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strings.Join(ids, ","))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region_id"), region)...)
}
