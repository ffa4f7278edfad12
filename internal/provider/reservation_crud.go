package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
)

// privateKey holds a reservation's record in Terraform's private state;
// legacyTermKey is the term counter older versions kept, removed on the
// next write. planKey marks a plan's private state with what the provider
// planned for an existing reservation ("update", or "replace" when it
// decided the replacement itself): a plan of a create whose prior private
// state says "update" is a replacement Terraform forced.
const (
	privateKey    = "reservation"
	legacyTermKey = "bought_months"
	planKey       = "planned"
)

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// readRecord reads the engine's record; one that does not decode is an
// error, never a silent loss of the purchases it may hold.
func (r *reservationResource) readRecord(ctx context.Context, p privateGetter, diags *diag.Diagnostics) *converge.Record {
	raw, d := p.GetKey(ctx, privateKey)
	diags.Append(d...)
	rec, err := converge.ParseRecord(raw)
	if err != nil {
		addDiagnostics(diags, converge.Diagnostics{converge.UnreadableRecord(r.typeName(), err)})
		return nil
	}
	return rec
}

func writeRecord(ctx context.Context, p privateSetter, rec *converge.Record, diags *diag.Diagnostics) {
	raw, err := rec.Marshal()
	if err != nil {
		diags.AddError("Cannot record private state", err.Error())
		return
	}
	diags.Append(p.SetKey(ctx, privateKey, raw)...)
	diags.Append(p.SetKey(ctx, legacyTermKey, nil)...)
	diags.Append(p.SetKey(ctx, planKey, nil)...)
}

func (r *reservationResource) typeName() string { return "ecsri" + r.spec.typeSuffix }

// addDiagnostics reports the engine's diagnostics.
func addDiagnostics(diags *diag.Diagnostics, ds converge.Diagnostics) {
	for _, d := range ds {
		p := path.Empty()
		if d.Attribute != "" {
			p = path.Root(d.Attribute)
			if d.Index >= 0 {
				p = p.AtListIndex(d.Index)
			}
			if d.Field != "" {
				p = p.AtName(d.Field)
			}
		}
		switch {
		case d.Severity == converge.Error && d.Attribute != "":
			diags.AddAttributeError(p, d.Summary, d.Detail)
		case d.Severity == converge.Error:
			diags.AddError(d.Summary, d.Detail)
		case d.Attribute != "":
			diags.AddAttributeWarning(p, d.Summary, d.Detail)
		default:
			diags.AddWarning(d.Summary, d.Detail)
		}
	}
}

// Create buys the reservation (see converge.Engine.Apply).
func (r *reservationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	m := r.spec.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, m)...)
	timeout, d := m.common().Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	applied := r.engine().Apply(ctx, converge.Change{Plan: plan, Config: config, Record: &converge.Record{}})
	addDiagnostics(&resp.Diagnostics, applied.Diags)
	if applied.State == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.model(ctx, req.Plan, applied.State, true, &resp.Diagnostics))...)
	writeRecord(ctx, resp.Private, applied.Record, &resp.Diagnostics)
}

// Update turns what exists, read fresh, into what is planned (see
// converge.Engine.Apply). Whatever fails, state records every RI that
// exists.
func (r *reservationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	state := r.load(ctx, req.State, &resp.Diagnostics)
	rec := r.readRecord(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	m := r.spec.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, m)...)
	timeout, d := m.common().Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	applied := r.engine().Apply(ctx, converge.Change{Plan: plan, Config: config, State: state, Record: rec})
	addDiagnostics(&resp.Diagnostics, applied.Diags)
	if applied.State == nil {
		resp.State.Raw = req.State.Raw
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.model(ctx, req.Plan, applied.State, true, &resp.Diagnostics))...)
	writeRecord(ctx, resp.Private, applied.Record, &resp.Diagnostics)
}

// Read refreshes every RI of the reservation within the provider's read
// budget (see converge.Engine.Refresh).
func (r *reservationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.load(ctx, req.State, &resp.Diagnostics)
	rec := r.readRecord(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, r.data.readTimeout)
	defer cancel()
	refreshed := r.engine().Refresh(ctx, state, rec, r.data.readTimeout)
	addDiagnostics(&resp.Diagnostics, refreshed.Diags)
	switch {
	case refreshed.Gone:
		resp.State.RemoveResource(ctx)
	case refreshed.State != nil:
		resp.Diagnostics.Append(resp.State.Set(ctx, r.model(ctx, req.State, refreshed.State, true, &resp.Diagnostics))...)
		writeRecord(ctx, resp.Private, refreshed.Record, &resp.Diagnostics)
	}
}

// Delete cannot refund (see converge.Engine.Release).
func (r *reservationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.load(ctx, req.State, &resp.Diagnostics)
	rec := r.readRecord(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	addDiagnostics(&resp.Diagnostics, r.engine().Release(ctx, state, rec))
}

// ModifyPlan explains the money side of every plan: the exact calls the
// apply will make and which of them cost money or commit to future charges;
// that a replacement buys again; that destroying refunds nothing. It rejects
// what no valid sequence of calls can reach.
func (r *reservationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		addDiagnostics(&resp.Diagnostics, converge.Destroying())
		return
	}
	rec := r.readRecord(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, planKey, []byte(`"update"`))...)
		if converge.Unchanged(req.Plan.Raw.Equal(req.State.Raw), rec) {
			return
		}
	}
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	config := r.load(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var planned converge.Planned
	if req.State.Raw.IsNull() {
		if marked, d := req.Private.GetKey(ctx, planKey); string(marked) == `"update"` && !d.HasError() {
			addDiagnostics(&resp.Diagnostics, r.engine().ForcedReplacement(plan, rec))
			return
		}
		planned = r.engine().PlanCreate(plan)
	} else {
		state := r.load(ctx, req.State, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		planned = r.engine().PlanChange(plan, config, state, rec)
	}
	addDiagnostics(&resp.Diagnostics, planned.Diags)
	for _, name := range planned.Replace {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
	}
	if len(planned.Replace) > 0 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, planKey, []byte(`"replace"`))...)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, r.model(ctx, req.Plan, planned.Plan, planned.ElementsChanged, &resp.Diagnostics))...)
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
