package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Create buys the reservation. Once money may have been spent it never
// returns an error, which would taint the resource and make the next apply
// buy again: whatever went wrong afterwards is a warning, and state records
// every RI bought and every purchase that may have happened.
func (r *reservationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	want, _ := r.elements(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	c := plan.common()
	if c.RegionID.IsUnknown() || c.RegionID.ValueString() == "" {
		c.RegionID = types.StringValue(r.region)
	}
	timeout, diags := c.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	run := r.newRun(plan, config, &privateRecord{}, want, ctx)
	run.creating = true
	err := run.converge(ctx, nil, 0)
	if err != nil && !run.spent {
		resp.Diagnostics.AddAttributeError(path.Root("configurations").AtListIndex(0), "Purchase failed",
			"No reserved instance was bought, and nothing was charged.\n\n"+stopped(ctx, err))
		return
	}
	run.finish(ctx, &resp.Diagnostics)
	if err != nil {
		summary, detail := createWarning(ctx, err)
		resp.Diagnostics.AddWarning(summary, detail)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, run.rec)...)
}

// createWarning explains what a create that spent money left undone.
func createWarning(ctx context.Context, err error) (string, string) {
	var wait *unconfirmedWait
	var lost *ambiguousPurchase
	var step *stepError
	switch {
	case errors.As(err, &lost):
		return "A purchase got no answer", stopped(ctx, err)
	case errors.As(err, &wait):
		return "Reserved instances bought, but not confirmed Active", stopped(ctx, err)
	case errors.As(err, &step) && step.step == "renew":
		return "Term not yet complete", stopped(ctx, err) + "\n\nThe reserved instances are bought; the next apply renews them to the configured term."
	case errors.As(err, &step) && step.step == "decorate":
		return "Bought, but not yet decorated", stopped(ctx, err) + "\n\nThe next apply sets what is missing."
	}
	return "Only part of the reservation was bought", fmt.Sprintf("%s\n\nThe resource is saved with what exists. The next apply buys the remaining elements; "+
		"fix the cause first if it is not transient.", stopped(ctx, err))
}

// stopped adds, to an error that followed an interrupt, that no further
// call was made.
func stopped(ctx context.Context, err error) string {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Sprintf("%v\n\nThe operation was interrupted: no further purchase, renewal or modification was started.", err)
	}
	return err.Error()
}

// Update turns what exists, read fresh, into what is planned: it confirms
// unanswered purchases, reshapes, buys, renews what the real expiry dates
// fall short of, and converges every RI's decoration. Whatever fails, state
// records every RI that exists.
func (r *reservationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	state := r.load(ctx, req.State, &resp.Diagnostics)
	want, _ := r.elements(ctx, plan, &resp.Diagnostics)
	stateElems, _ := r.elements(ctx, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.common().Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	plan.common().RegionID = state.common().RegionID

	run := r.newRun(plan, config, readPrivate(ctx, req.Private), want, ctx)
	have, err := run.observeExisting(ctx, stateElems)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the reserved instances", err.Error())
		resp.State.Raw = req.State.Raw
		return
	}
	err = run.converge(ctx, have, len(stateElems))
	run.finish(ctx, &resp.Diagnostics)
	if err != nil {
		reportUpdateError(ctx, err, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, run.rec)...)
}

// observeExisting reads every RI state records, fresh. RIs that vanished
// are left out.
func (run *applyRun) observeExisting(ctx context.Context, stateElems []element) ([]existing, error) {
	ids := boughtIDs(stateElems)
	seen, err := run.b.Describe(ctx, run.region, ids)
	if err != nil {
		return nil, err
	}
	var have []existing
	for _, id := range ids {
		ri, ok := seen[id]
		if !ok {
			continue
		}
		run.observe(ri)
		have = append(have, existing{id: id, shape: ri.Shape, status: ri.Status, expiry: ri.Expiry, expiryText: ri.ExpiryText,
			deco: decorationOf(ri, run.r.spec.labels)})
	}
	return have, nil
}

// reportUpdateError names what stopped an update. An update's error does
// not taint: state still records what exists.
func reportUpdateError(ctx context.Context, err error, diags *diag.Diagnostics) {
	var rule *reservation.RuleError
	var lost *ambiguousPurchase
	var step *stepError
	switch {
	case errors.As(err, &rule):
		diags.AddAttributeError(path.Root("configurations"), "Reshape not possible", err.Error())
	case isReshapeStop(err):
		diags.AddAttributeError(path.Root("configurations"), "Reshape stopped part way", stopped(ctx, err))
	case errors.As(err, &lost):
		diags.AddError("A purchase got no answer", stopped(ctx, err))
	case errors.As(err, &step) && step.step == "buy":
		diags.AddError("Purchase failed", stopped(ctx, err)+"\n\nThe element is recorded as "+statusNotPurchased+"; the next apply buys it.")
	case errors.As(err, &step) && step.step == "renew":
		diags.AddError("Renewal stopped part way", stopped(ctx, err))
	default:
		diags.AddError("Update stopped part way", stopped(ctx, err)+"\n\nState records what exists now; the next apply finishes the rest.")
	}
}

// stepError names the step of an apply that failed.
type stepError struct {
	step string
	err  error
}

func (s *stepError) Error() string { return s.err.Error() }
func (s *stepError) Unwrap() error { return s.err }

// purchaseAttr is the value a purchase sends for a cloud attribute. The
// start of the term is sent only when creating: elements bought later
// start at once.
func (run *applyRun) purchaseAttr(name string) string {
	if name != "start_time" {
		return run.plan.attrs()[name].ValueString()
	}
	if !run.creating {
		return ""
	}
	t, err := reservation.ParseAPITime(run.plan.common().StartTime.ValueString())
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02T15Z")
}

var _ = cloud.IsAmbiguous
