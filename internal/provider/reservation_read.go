package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Read refreshes every RI of the reservation within the provider's read
// budget. A reservation is gone only when none of its RIs exists and no
// purchase is still unconfirmed.
func (r *reservationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	m := r.load(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rec := readPrivate(ctx, req.Private)
	ctx, cancel := context.WithTimeout(ctx, r.data.readTimeout)
	defer cancel()
	region := r.regionOf(m)
	m.common().RegionID = types.StringValue(region)
	seen, err := r.backend.Lookup(ctx, region, recordedIDs(ctx, r.spec.codec, m.common()))
	if err != nil {
		resp.Diagnostics.AddError("Cannot read reserved instances", readFailure(err, r.data))
		return
	}
	prior := recordedDecoration(ctx, m, r.spec.labels)
	priorKnown := !m.common().Period.IsNull()
	present := r.record(ctx, m, rec, seen, &resp.Diagnostics)
	if len(present) == 0 && len(rec.Pending) == 0 && !hasUnbought(ctx, r, m) {
		resp.Diagnostics.AddWarning("Reserved instances no longer exist",
			fmt.Sprintf("None of %s exists any more, so the resource is removed from state.", strings.Join(recordedIDs(ctx, r.spec.codec, m.common()), ", ")))
		resp.State.RemoveResource(ctx)
		return
	}
	r.warnAboutRIs(present, rec, &resp.Diagnostics)
	r.warnAboutDrift(present, rec, prior, priorKnown, &resp.Diagnostics)
	r.warnAboutExpiry(present, &resp.Diagnostics)
	rec.Settled = r.settled(ctx, m, rec)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, rec)...)
}

// readFailure explains a failed read, naming the budget when it ran out.
func readFailure(err error, data *providerData) string {
	var e *cloud.Error
	switch {
	case errors.As(err, &e) && e.Throttled:
		return fmt.Sprintf("%v\n\nThe service throttled %s until the read budget (read_timeout = %s) ran out.", err, e.Action, data.readTimeout)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%v\n\nThe read budget (read_timeout = %s) ran out.", err, data.readTimeout)
	}
	return err.Error()
}

func hasUnbought(ctx context.Context, r *reservationResource, m reservationModel) bool {
	var diags diag.Diagnostics
	elems, _ := r.elements(ctx, m, &diags)
	for _, e := range elems {
		if !e.bought() {
			return true
		}
	}
	return false
}

// warnAboutRIs tells what a refresh found that needs a person: RIs that no
// longer bill, RIs whose decoration drifted, purchases still unconfirmed.
func (r *reservationResource) warnAboutRIs(present []cloud.RI, rec *privateRecord, diags *diag.Diagnostics) {
	for _, ri := range present {
		if !ri.Status.Live() {
			diags.AddWarning("Reserved instance no longer in effect",
				fmt.Sprintf("%s is %s (expiry %s) and no longer applies to any instance. It stays in state so that Terraform does not buy it again. "+
					"When you no longer need the record, remove its element from configurations: the next apply drops it without any API call.",
					ri.ID, ri.RawStatus, ri.ExpiryText))
		}
	}
	for _, p := range rec.Pending {
		diags.AddWarning("A purchase is not confirmed yet",
			fmt.Sprintf("The purchase of %s for %s with ClientToken %s (%s) got no answer, so it may have bought a reserved instance. "+
				"The next apply repeats it with the same ClientToken: if the first call went through, the cloud answers with that reserved instance and charges nothing more.",
				p.Shape, p.Term, p.Token, p.At))
	}
}

// warnAboutDrift names the RIs whose decoration is no longer what state
// recorded before this refresh (after an import, those that disagree with
// the rest).
func (r *reservationResource) warnAboutDrift(present []cloud.RI, rec *privateRecord, prior riDecoration, priorKnown bool, diags *diag.Diagnostics) {
	var lines []string
	for _, ri := range decorated(present) {
		d := decorationOf(ri, r.spec.labels)
		differs := priorKnown && !prior.wanted().changeFor(d).empty()
		if _, drifted := rec.Drift[ri.ID]; differs || !priorKnown && drifted {
			lines = append(lines, fmt.Sprintf("%s: name %q, description %q, tags %v, auto-renewal %s", ri.ID, d.Name, d.Description, d.Tags,
				renewalText(cloud.Renewal{Auto: d.AutoRenew, Term: termIn(r.spec.rules, max(d.RenewMonths, 1))})))
		}
	}
	if len(lines) > 0 {
		diags.AddWarning("Reserved instances of one reservation differ",
			"These reserved instances carry something other than what state recorded for the reservation (changed outside Terraform, or left undone by an apply that stopped):\n"+
				strings.Join(lines, "\n")+"\n\nThe plan shows what the next apply sets on them.")
	}
}

// warnAboutExpiry names the RIs that lapse within expiry_warning_days and
// will not renew themselves: the silent way a reservation stops saving
// money. It reads nothing more and changes no plan.
func (r *reservationResource) warnAboutExpiry(present []cloud.RI, diags *diag.Diagnostics) {
	days := r.data.expiryWarningDays
	var lines, ids []string
	for _, ri := range present {
		if expiresWithin(ri, days) && !ri.Renewal.Auto {
			lines = append(lines, fmt.Sprintf("%s expires %s (UTC), in %d days", ri.ID, ri.ExpiryText, ri.DaysLeft()))
			ids = append(ids, ri.ID)
		}
	}
	if len(lines) == 0 {
		return
	}
	diags.AddWarning("Reserved instances expire soon and will not renew",
		fmt.Sprintf("%s.\n\nAuto-renewal is off for %s: when they lapse, matching instances are billed at pay-as-you-go prices. "+
			"To keep the discount, raise period to renew them now, or set auto_renew = true. "+
			"(This warning covers %d days, the provider's expiry_warning_days; 0 switches it off.)",
			strings.Join(lines, "; "), strings.Join(ids, ", "), days))
}

// expiresWithin: the RI still runs, and ends within days of the service's
// time.
func expiresWithin(ri cloud.RI, days int) bool {
	left := ri.Expiry.Sub(ri.Now())
	return days > 0 && ri.Status.Live() && !ri.Expiry.IsZero() && left > 0 && left <= time.Duration(days)*24*time.Hour
}

// settled says nothing is owed, pending or drifted for the recorded term.
func (r *reservationResource) settled(ctx context.Context, m reservationModel, rec *privateRecord) bool {
	if len(rec.Pending) > 0 || len(rec.Drift) > 0 {
		return false
	}
	var diags diag.Diagnostics
	elems, ok := r.elements(ctx, m, &diags)
	if !ok {
		return false
	}
	months := termOf(m.common()).Months()
	for _, e := range elems {
		if !e.bought() {
			return false
		}
		if cloud.ParseStatus(e.status.ValueString()).Live() && owed(rec, e.id.ValueString(), mustTime(e.expiry.ValueString()), months) > 0 {
			return false
		}
	}
	return true
}

// ImportState takes "ecsri-aaa", "ecsri-aaa,ecsri-bbb", or either prefixed
// with a region ("cn-beijing:ecsri-aaa"). Every ID must be distinct.
func (r *reservationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	region, list := "", req.ID
	if before, after, ok := strings.Cut(req.ID, ":"); ok {
		region, list = before, after
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" || strings.ContainsAny(id, " :") {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected reserved instance IDs separated by commas, optionally prefixed by a region and a colon, e.g. ecsri-aaa,ecsri-bbb or cn-beijing:ecsri-aaa; got %q.", req.ID))
			return
		}
		if seen[id] {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("%s is listed twice in %q; each reserved instance belongs to a reservation once.", id, req.ID))
			return
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if region == "" {
		region = r.region
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strings.Join(ids, ","))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region_id"), region)...)
}

// Delete cannot refund: it switches automatic renewal off so the RIs lapse
// at expiry, and says until when they keep billing.
func (r *reservationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	m := r.load(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rec := readPrivate(ctx, req.Private)
	region, ids := r.regionOf(m), recordedIDs(ctx, r.spec.codec, m.common())
	seen, err := r.backend.Describe(ctx, region, ids)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the reserved instances before removing them", err.Error())
		return
	}
	var renewing, expiries []string
	for _, id := range ids {
		if ri, ok := seen[id]; ok && ri.Status.Live() {
			expiries = append(expiries, fmt.Sprintf("%s until %s", id, ri.ExpiryText))
			if ri.Renewal.Auto || !ri.Renewal.Known {
				renewing = append(renewing, id)
			}
		}
	}
	if len(renewing) > 0 {
		if err := r.backend.SetRenewal(ctx, region, renewing, cloud.Renewal{Known: true, Never: true}); err != nil {
			resp.Diagnostics.AddError("Cannot switch auto-renewal off", err.Error()+"\n\nThe resource stays in state; try again.")
			return
		}
	}
	if len(expiries) > 0 {
		resp.Diagnostics.AddWarning("Reserved instances keep billing until they expire",
			"Reserved instances cannot be refunded. They were removed from Terraform state, auto-renewal is off so they lapse at expiry, "+
				"and they keep applying to matching instances until then: "+strings.Join(expiries, "; ")+".")
	}
	for _, p := range rec.Pending {
		resp.Diagnostics.AddWarning("A purchase was never confirmed",
			fmt.Sprintf("The purchase of %s with ClientToken %s (%s) got no answer and was never confirmed; it may have bought a reserved instance that is now in no state. "+
				"Look for it in the console (or with the ecsri data source); to manage it, import it.", p.Shape, p.Token, p.At))
	}
}
