package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// planUpdate works out, from state and what the last read saw, every call
// the apply will make, rejects what cannot be reached, announces the calls
// and marks what they will change as unknown.
func (r *reservationResource) planUpdate(ctx context.Context, plan, config, state reservationModel, rec *privateRecord, resp *resource.ModifyPlanResponse) {
	diags := &resp.Diagnostics
	want, ok := r.elements(ctx, plan, diags)
	stateElems, _ := r.elements(ctx, state, diags)
	have := r.existingFromState(ctx, state, stateElems, rec)
	r.checkTerms(plan, have, rec, diags)
	if !ok || !allKnown(want) || diags.HasError() || plan.common().Period.IsUnknown() || plan.common().PeriodUnit.IsUnknown() {
		return // checked again at apply
	}
	w := r.wantedOf(ctx, plan, config)
	wk, err := r.planWork(have, len(stateElems), want, rec.Pending, w)
	if err != nil {
		diags.AddAttributeError(path.Root("configurations"), "Reshape not possible", err.Error())
		return
	}
	months := termOf(plan.common()).Months()
	future := r.futureRIs(wk, have, w)
	renewals := renewalsOwed(future, rec, months)
	decorations := decorationCalls(r.spec.rules, changesFor(future, w), w)
	r.announce(plan, want, have, wk, renewals, decorations, diags)
	warnShortenedTerm(plan, state, diags)
	idsChange := r.planElements(want, stateElems, wk)
	renewing := renewingIDs(renewals)
	for i := range want {
		if renewing[want[i].id.ValueString()] {
			want[i].expiry = types.StringUnknown()
		}
	}
	if idsChange || len(renewing) > 0 {
		r.setElements(ctx, plan, want, diags)
	}
	c := plan.common()
	if idsChange {
		c.ID = types.StringUnknown()
	}
	if state.common().ID.ValueString() == "" {
		unknownUntilBought(plan, config)
	}
	if idsChange || len(renewals) > 0 {
		c.ExpiredTime, c.Status = types.StringUnknown(), types.StringUnknown()
		plan.setLocks(nil)
	}
	if len(decorations) > 0 && plan.common().Status.Equal(state.common().Status) && !idsChange {
		// Converging drifted RIs changes no attribute the plan shows; an
		// unknown status makes Terraform call the apply that does it.
		c.Status = types.StringUnknown()
	}
}

// unknownUntilBought marks what only the RIs tell, and the configuration
// does not set, as known after apply: for a reservation none of whose RIs
// is known yet, state holds nulls there.
func unknownUntilBought(plan, config reservationModel) {
	c, cc := plan.common(), config.common()
	pairs := [][2]*types.String{{&c.Name, &cc.Name}, {&c.StartTime, &cc.StartTime}}
	for name, attr := range plan.attrs() {
		pairs = append(pairs, [2]*types.String{attr, config.attrs()[name]})
	}
	for _, p := range pairs {
		if p[1].IsNull() {
			*p[0] = types.StringUnknown()
		}
	}
}

func allKnown(elems []element) bool {
	for _, e := range elems {
		if !e.known {
			return false
		}
	}
	return true
}

// existingFromState are the RIs state records, each with the decoration
// the last read saw on it.
func (r *reservationResource) existingFromState(ctx context.Context, state reservationModel, elems []element, rec *privateRecord) []existing {
	recorded := recordedDecoration(ctx, state, r.spec.labels)
	var out []existing
	for _, e := range elems {
		if !e.bought() {
			continue
		}
		id := e.id.ValueString()
		d := recorded
		if drifted, ok := rec.Drift[id]; ok {
			d = drifted
		}
		out = append(out, existing{id: id, shape: e.shape, status: cloud.ParseStatus(e.status.ValueString()),
			expiry: mustTime(e.expiry.ValueString()), expiryText: e.expiry.ValueString(), deco: d})
	}
	return out
}

func recordedDecoration(ctx context.Context, m reservationModel, labels []string) riDecoration {
	c := m.common()
	d := riDecoration{Name: c.Name.ValueString(), Description: c.Description.ValueString(), Tags: tagsOf(ctx, c.Tags), AutoRenew: c.AutoRenew.ValueBool()}
	if d.Tags == nil {
		d.Tags = map[string]string{}
	}
	if term, ok := m.renewalTerm(); ok && d.AutoRenew {
		d.RenewMonths = term.Months()
	}
	for _, l := range labels {
		if d.Labels == nil {
			d.Labels = map[string]string{}
		}
		d.Labels[l] = m.attrs()[l].ValueString()
	}
	return d
}

// futureRIs are the RIs the reservation will hold once reshaped, as far as
// the plan can tell: kept RIs as they are, and each modification's targets
// with the expiry of its first source and the decoration the call gives
// them. Purchases are announced on their own.
func (r *reservationResource) futureRIs(wk *work, have []existing, w wanted) []existing {
	byID := map[string]existing{}
	for _, h := range have {
		byID[h.id] = h
	}
	var out []existing
	for k, i := range wk.reshaped {
		handle := wk.reshape.Result[k]
		if handle == "" {
			continue
		}
		if wk.reshape.Unchanged(k) {
			out = append(out, byID[handle])
			continue
		}
		origin := byID[originOf(wk.reshape, handle)]
		out = append(out, existing{id: fmt.Sprintf("(the new reserved instance of configurations[%d])", i), status: cloud.StatusCreating,
			expiry: origin.expiry, expiryText: origin.expiryText, deco: r.modifiedDecoration(w, origin.id), termOf: origin.id})
	}
	return out
}

// originOf follows a step output back to the RI that existed before the
// reshape and whose term it continues.
func originOf(rs *reservation.Reshape, handle string) string {
	for strings.HasPrefix(handle, "#") {
		var k, j int
		_, _ = fmt.Sscanf(handle, "#%d.%d", &k, &j)
		handle = rs.Steps[k].Sources[0]
	}
	return handle
}

// modifiedDecoration is what a modification's target carries: the
// reservation's name, and on clouds whose call carries them (Volcengine)
// everything else too.
func (r *reservationResource) modifiedDecoration(w wanted, _ string) riDecoration {
	d := riDecoration{Tags: map[string]string{}}
	if w.name != nil {
		d.Name = *w.name
	}
	if !r.spec.rules.RenameByModify {
		return d
	}
	if w.description != nil {
		d.Description = *w.description
	}
	if w.tags != nil {
		d.Tags = w.tags
	}
	if w.renewal != nil {
		d.AutoRenew, d.RenewMonths = w.renewal.Auto, w.renewal.Term.Months()
		if !w.renewal.Auto {
			d.RenewMonths = 0
		}
	}
	d.Labels = w.labels
	return d
}

// changesFor is what each live RI needs to carry w.
func changesFor(ris []existing, w wanted) map[string]change {
	out := map[string]change{}
	for _, ri := range ris {
		if !ri.status.Live() {
			continue
		}
		if c := w.changeFor(ri.deco); !c.empty() {
			out[ri.id] = c
		}
	}
	return out
}

func renewingIDs(groups []renewalGroup) map[string]bool {
	out := map[string]bool{}
	for _, g := range groups {
		for _, id := range g.ids {
			out[id] = true
		}
	}
	return out
}

// planElements sets each element's computed values: kept RIs keep theirs,
// everything else becomes known after apply. It reports whether the
// reservation's RI IDs change.
func (r *reservationResource) planElements(want, stateElems []element, wk *work) bool {
	byID := map[string]element{}
	for _, e := range stateElems {
		byID[e.id.ValueString()] = e
	}
	changed := len(wk.buy) > 0 || len(wk.resolve) > 0 || len(wk.reshape.Dropped) > 0 || len(wk.reshape.Steps) > 0
	for k, i := range wk.reshaped {
		handle := wk.reshape.Result[k]
		if wk.reshape.Unchanged(k) {
			s := byID[handle]
			want[i].id, want[i].status, want[i].expiry = s.id, s.status, s.expiry
			changed = changed || i >= len(stateElems) || !stateElems[i].id.Equal(s.id)
		} else {
			want[i].id, want[i].status, want[i].expiry = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		}
	}
	for _, i := range append(append([]int{}, wk.buy...), keys(wk.resolve)...) {
		want[i].id, want[i].status, want[i].expiry = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	}
	return changed || len(want) != len(stateElems)
}

func keys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// announce lists, as warnings, every call the apply will make, in order,
// saying which cost money or commit to future charges.
func (r *reservationResource) announce(plan reservationModel, want []element, have []existing, wk *work, renewals []renewalGroup, decorations []decorationCall, diags *diag.Diagnostics) {
	rules := r.spec.rules
	if len(wk.resolve) > 0 {
		var lines []string
		for i, p := range wk.resolve {
			lines = append(lines, fmt.Sprintf("configurations[%d]: %s for %s, ClientToken %s", i, p.Shape, p.Term, p.Token))
		}
		diags.AddWarning("This apply confirms purchases that got no answer",
			fmt.Sprintf("%d %s call(s) repeat earlier purchases with their ClientTokens:\n%s\n\nIf the earlier call went through, the cloud answers with that reserved instance and charges nothing more; if it did not, this buys it now.",
				len(lines), rules.Calls.Purchase, strings.Join(lines, "\n")))
	}
	if n := len(wk.reshape.Steps); n > 0 {
		lines := make([]string, n)
		for k, step := range wk.reshape.Steps {
			lines[k] = fmt.Sprintf("%d. %s (%s)", k+1, describeStep(step, have), rules.Calls.Modify)
		}
		diags.AddWarning("This apply reshapes reserved instances",
			fmt.Sprintf("%d %s call(s), each waiting for the previous one's reserved instances to become active:\n%s\n\n"+
				"They cost nothing. The reserved instances they replace become inactive; the new ones get new IDs, keep the expiry time and get this resource's name, description, tags and auto-renewal.",
				n, rules.Calls.Modify, strings.Join(lines, "\n")))
	}
	if len(wk.reshape.Dropped) > 0 {
		diags.AddWarning("Lapsed reserved instances leave the reservation",
			fmt.Sprintf("%s no longer bill (expired, or inactive after a change made elsewhere) and are no longer in configurations: the apply drops their records from state, with no API call.",
				strings.Join(wk.reshape.Dropped, ", ")))
	}
	if len(wk.buy) > 0 {
		diags.AddWarning("This apply buys reserved instances", r.purchaseText(plan, want, wk.buy))
	}
	if calls := renewalCalls(rules, renewals); calls > 0 {
		var lines []string
		for _, g := range renewals {
			lines = append(lines, fmt.Sprintf("%s by %s (%s)", strings.Join(g.ids, ", "), reservation.TermFromMonths(g.months), termsText(rules.Renewals(g.months))))
		}
		diags.AddAttributeWarning(path.Root("period"), "This apply renews reserved instances",
			fmt.Sprintf("To reach the term of %s, measured from each reserved instance's real expiry: %d %s call(s), at most %d reserved instance(s) each:\n%s\n\nRenewals are paid for and cannot be refunded.",
				termOf(plan.common()), calls, rules.Calls.Renew, rules.Calls.RenewIDs, strings.Join(lines, "\n")))
	}
	if len(decorations) > 0 {
		lines := make([]string, len(decorations))
		for k, d := range decorations {
			lines[k] = fmt.Sprintf("%d. %s", k+1, d.describe(rules))
		}
		diags.AddWarning("This apply changes reserved instances in place",
			fmt.Sprintf("%s\n\nThese calls cost nothing by themselves and keep every ID.", strings.Join(lines, "\n")))
	}
}

// describeStep says what a step does; a modification that keeps the shape
// changes only what the RI carries (a Volcengine rename), and says so.
func describeStep(step reservation.Step, have []existing) string {
	if step.Kind == reservation.Modify {
		for _, h := range have {
			if h.id == step.Sources[0] && h.shape == step.Targets[0] {
				return fmt.Sprintf("give %s its new name, description or project: same shape, a new ID", h.id)
			}
		}
	}
	return step.Describe()
}

// warnShortenedTerm says that lowering the term makes no call.
func warnShortenedTerm(plan, state reservationModel, diags *diag.Diagnostics) {
	planned, recorded := termOf(plan.common()), termOf(state.common())
	if planned.Months() < recorded.Months() {
		diags.AddAttributeWarning(path.Root("period"), "A bought term cannot be shortened",
			fmt.Sprintf("Lowering the term from %s to %s makes no API call: the reserved instances still run until %s. Raising it again later renews only what the real expiry dates fall short of.",
				recorded, planned, state.common().ExpiredTime.ValueString()))
	}
}
