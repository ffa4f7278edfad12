package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// applyRun is one Create or Update: it turns what exists into what the plan
// says, in a fixed order (confirm unanswered purchases, reshape, buy, wait,
// renew, decorate), and keeps, whatever happens, a record of every RI that
// exists and every purchase that may have happened.
type applyRun struct {
	r      *reservationResource
	b      *cloud.Session
	rules  *reservation.Rules
	region string
	plan   reservationModel
	want   []element
	w      wanted
	rec    *privateRecord

	// seen is the latest observation of each RI; dirty are RIs written
	// since they were last observed.
	seen  map[string]cloud.RI
	dirty map[string]bool
	// live are the IDs the reservation holds now, in order.
	live []string
	// assigned[i] is the RI of configuration element i, once it exists.
	assigned map[int]string
	// toBuy are elements to purchase and not bought yet; unconfirmed are
	// purchases whose answer was lost.
	toBuy       map[int]bool
	unconfirmed map[int]pendingPurchase
	// reshaped says the reshape ran to its end.
	reshaped bool
	// spent: a paid call may have taken effect.
	spent bool
	// creating: the run is a Create, which may send a scheduled start.
	creating bool
	now      func() time.Time
}

func (r *reservationResource) newRun(plan, config reservationModel, rec *privateRecord, want []element, ctx context.Context) *applyRun {
	return &applyRun{
		r: r, b: r.backend, rules: r.spec.rules, region: r.regionOf(plan), plan: plan, want: want, w: r.wantedOf(ctx, plan, config),
		rec: rec, seen: map[string]cloud.RI{}, dirty: map[string]bool{}, assigned: map[int]string{}, toBuy: map[int]bool{},
		unconfirmed: map[int]pendingPurchase{}, now: time.Now,
	}
}

// converge runs every step in order and stops at the first failure. have
// are the RIs that exist, freshly read; recorded is how many elements state
// held.
func (run *applyRun) converge(ctx context.Context, have []existing, recorded int) error {
	for _, h := range have {
		run.live = append(run.live, h.id)
	}
	wk, err := run.r.planWork(have, recorded, run.want, run.rec.Pending, run.w)
	if err != nil {
		return err
	}
	for _, i := range wk.buy {
		run.toBuy[i] = true
	}
	steps := []struct {
		name string
		do   func(context.Context, *work) error
	}{
		{"confirm", run.confirmPurchases}, {"reshape", run.reshape}, {"buy", run.buy}, {"wait", run.waitForPurchases},
		{"renew", run.renew}, {"decorate", run.decorate},
	}
	for _, step := range steps {
		if err := step.do(ctx, wk); err != nil {
			return &stepError{step: step.name, err: err}
		}
	}
	return nil
}

// confirmPurchases repeats each unanswered purchase with its ClientToken
// and request: the cloud answers with the RI the first call bought, or buys
// it now if the first call never took effect.
func (run *applyRun) confirmPurchases(ctx context.Context, wk *work) error {
	for _, i := range sortedKeys(wk.resolve) {
		p := wk.resolve[i]
		run.unconfirmed[i] = p
		if err := run.purchase(ctx, i, p.request(run.region)); err != nil {
			return err
		}
	}
	return nil
}

// buy purchases every element still to buy, one call each with a new
// ClientToken; the first term only, the rest is renewed once it is active.
func (run *applyRun) buy(ctx context.Context, _ *work) error {
	term, _ := run.rules.PurchasePlan(termOf(run.plan.common()))
	for _, i := range sortedKeys(run.toBuy) {
		req := run.purchaseRequest(run.want[i].shape, term)
		if err := run.purchase(ctx, i, req); err != nil {
			return fmt.Errorf("configurations[%d] (%s): %w", i, run.want[i].shape, err)
		}
	}
	return nil
}

func (run *applyRun) purchaseRequest(shape reservation.Shape, term reservation.Term) cloud.PurchaseRequest {
	c := run.plan.common()
	req := cloud.PurchaseRequest{
		Region: run.region, Shape: shape, Term: term, Name: c.Name.ValueString(), Description: c.Description.ValueString(),
		Tags: run.w.tags, Attrs: map[string]string{}, ClientToken: reservation.NewPurchaseToken(),
	}
	if run.w.renewal != nil && run.w.renewal.Auto {
		req.Renewal = *run.w.renewal
	}
	for _, name := range run.r.spec.purchaseAttrs {
		if v := run.purchaseAttr(name); v != "" {
			req.Attrs[name] = v
		}
	}
	return req
}

// purchase makes one purchase for element i and records its outcome: the
// RI, or a pending purchase when the answer was lost, or nothing when the
// cloud provably bought nothing.
func (run *applyRun) purchase(ctx context.Context, i int, req cloud.PurchaseRequest) error {
	id, err := run.b.Purchase(ctx, req)
	switch {
	case err == nil:
		run.spent = true
		run.assigned[i], run.live = id, append(run.live, id)
		run.dirty[id] = true
		delete(run.toBuy, i)
		delete(run.unconfirmed, i)
		run.rec.Pending = withoutPending(run.rec.Pending, req.ClientToken)
		return nil
	case cloud.IsAmbiguous(err):
		run.spent = true
		run.unconfirmed[i] = pendingFrom(req, run.now())
		delete(run.toBuy, i)
		run.rec.Pending = append(withoutPending(run.rec.Pending, req.ClientToken), pendingFrom(req, run.now()))
		return &ambiguousPurchase{token: req.ClientToken, err: err}
	}
	if _, wasPending := run.unconfirmed[i]; wasPending {
		// The same ClientToken was refused outright: the first call never
		// took effect either.
		delete(run.unconfirmed, i)
		run.toBuy[i] = true
		run.rec.Pending = withoutPending(run.rec.Pending, req.ClientToken)
	}
	return err
}

// ambiguousPurchase is a purchase whose answer was lost.
type ambiguousPurchase struct {
	token string
	err   error
}

func (a *ambiguousPurchase) Error() string {
	return fmt.Sprintf("%v\n\nThe purchase may have happened. It is recorded with its ClientToken %s, and the next apply repeats it with that token: "+
		"if this call went through, the cloud answers with the reserved instance it bought and charges nothing more.", a.err, a.token)
}

func (a *ambiguousPurchase) Unwrap() error { return a.err }

func withoutPending(ps []pendingPurchase, token string) []pendingPurchase {
	var out []pendingPurchase
	for _, p := range ps {
		if p.Token != token {
			out = append(out, p)
		}
	}
	return out
}

// waitForPurchases waits for bought RIs to become active, records the
// start of their term and what they carry: the purchase set their renewal,
// so it is not read back.
func (run *applyRun) waitForPurchases(ctx context.Context, _ *work) error {
	var ids []string
	for _, id := range run.assigned {
		if run.dirty[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	seen, err := run.b.WaitActive(ctx, run.region, ids)
	renewal := cloud.Renewal{Known: true}
	if run.w.renewal != nil && run.w.renewal.Auto {
		renewal = *run.w.renewal
	}
	for id, ri := range seen {
		if _, known := run.rec.anchor(id); !known {
			run.rec.setAnchor(id, ri.Start)
		}
		if !ri.Renewal.Known {
			ri.Renewal = renewal
		}
		run.observe(ri)
	}
	if err != nil {
		return &unconfirmedWait{ids: ids, err: err}
	}
	return nil
}

// unconfirmedWait is a wait for RIs that were bought and did not become
// active in time: they are recorded, and nothing is bought again.
type unconfirmedWait struct {
	ids []string
	err error
}

func (u *unconfirmedWait) Error() string {
	return fmt.Sprintf("The reserved instances %s are bought and recorded in state, so nothing will be bought again. Waiting for them to become active failed: %v\n\nThe next refresh shows their status, and the next apply finishes what is left.",
		strings.Join(u.ids, ", "), u.err)
}

func (run *applyRun) observe(ri cloud.RI) {
	run.seen[ri.ID] = ri
	delete(run.dirty, ri.ID)
}

// renew renews every live RI by what it owes, measured from its real
// expiry, one call per term per batch, each with a ClientToken derived from
// what it renews.
func (run *applyRun) renew(ctx context.Context, _ *work) error {
	months := termOf(run.plan.common()).Months()
	var have []existing
	for _, id := range run.live {
		if ri, ok := run.seen[id]; ok {
			have = append(have, existing{id: id, status: ri.Status, expiry: ri.Expiry})
		}
	}
	for _, g := range renewalsOwed(have, run.rec, months) {
		if err := run.renewGroup(ctx, g); err != nil {
			return fmt.Errorf("renewing %s by %s: %w\n\nWhat is still owed is measured from each reserved instance's real expiry at the next apply, so nothing is renewed twice",
				strings.Join(g.ids, ", "), reservation.TermFromMonths(g.months), err)
		}
	}
	return nil
}

func (run *applyRun) renewGroup(ctx context.Context, g renewalGroup) error {
	for _, t := range run.rules.Renewals(g.months) {
		for _, batch := range cloud.Chunks(g.ids, run.rules.Calls.RenewIDs) {
			expiries := map[string]string{}
			for _, id := range batch {
				expiries[id] = reservation.FormatAPITime(run.seen[id].Expiry)
			}
			req := cloud.RenewRequest{Region: run.region, Term: t, Batches: []cloud.RenewBatch{{IDs: batch, Token: reservation.RenewalToken(expiries, t)}}}
			run.spent = true
			if err := run.b.Renew(ctx, req); err != nil {
				return err
			}
			for _, id := range batch {
				ri := run.seen[id]
				ri.Expiry = reservation.Extend(ri.Expiry, t.Months())
				run.seen[id] = ri
				run.dirty[id] = true
			}
		}
	}
	return nil
}

// decorate converges the name, description, tags and renewal of every live
// RI onto the configuration, reading fresh any RI whose renewal is not
// known, and making only the calls the RIs that differ need.
func (run *applyRun) decorate(ctx context.Context, _ *work) error {
	var unknown []string
	for _, id := range run.live {
		if ri, ok := run.seen[id]; !ok || !ri.Renewal.Known {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		fresh, err := run.b.Describe(ctx, run.region, unknown)
		if err != nil {
			return err
		}
		for _, ri := range fresh {
			run.observe(ri)
		}
	}
	var have []existing
	for _, id := range run.live {
		if ri, ok := run.seen[id]; ok {
			have = append(have, existing{id: id, status: ri.Status, deco: decorationOf(ri, run.r.spec.labels)})
		}
	}
	for _, call := range decorationCalls(run.rules, changesFor(have, run.w), run.w) {
		if err := call.run(ctx, run.b, run.region); err != nil {
			return err
		}
		for _, id := range call.ids {
			run.dirty[id] = true
		}
	}
	return nil
}

// elements are what state records after the run: configured elements with
// their RIs where they exist, placeholders for purchases not made or not
// confirmed, and, when the reshape stopped part way, every RI the
// reservation still holds.
func (run *applyRun) elements() []element {
	var out []element
	held := map[string]bool{}
	for i, e := range run.want {
		switch id, ok := run.assigned[i]; {
		case ok:
			held[id] = true
			out = append(out, element{shape: e.shape, known: true, id: types.StringValue(id), status: types.StringNull(), expiry: types.StringNull()})
		case run.unconfirmed[i].Token != "":
			out = append(out, placeholder(e, statusUnconfirmed))
		case run.toBuy[i]:
			out = append(out, placeholder(e, statusNotPurchased))
		}
	}
	for _, id := range run.live {
		if !held[id] {
			out = append(out, element{known: true, id: types.StringValue(id), status: types.StringNull(), expiry: types.StringNull()})
		}
	}
	return out
}

func placeholder(e element, status string) element {
	return element{shape: e.shape, known: true, id: types.StringValue(""), status: types.StringValue(status), expiry: types.StringNull()}
}

// finish records the run in the model and private state: it reads back
// what was written since it was last seen (on a budget of its own, since
// the operation's deadline or an interrupt may have passed) and fills the
// rest from what the run observed.
func (run *applyRun) finish(ctx context.Context, diags *diag.Diagnostics) {
	r, m := run.r, run.plan
	elems := run.elements()
	r.setElements(ctx, m, elems, diags)
	m.common().RegionID = types.StringValue(run.region)
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	stale := run.staleIDs(elems)
	if len(stale) > 0 {
		fresh, err := run.b.Describe(readCtx, run.region, stale)
		if err != nil {
			diags.AddWarning("Could not read the reserved instances back", fmt.Sprintf("%v\n\nState keeps their IDs; the next refresh completes it.", err))
			fillUnknowns(m, elems, r, ctx, diags)
			return
		}
		for _, ri := range fresh {
			run.observe(ri)
		}
	}
	r.record(ctx, m, run.rec, run.seen, diags)
	run.rec.Settled = r.settled(ctx, m, run.rec)
}

// staleIDs are the RIs not observed since they were last written.
func (run *applyRun) staleIDs(elems []element) []string {
	var out []string
	for _, e := range elems {
		id := e.id.ValueString()
		if _, ok := run.seen[id]; id != "" && (!ok || run.dirty[id]) {
			out = append(out, id)
		}
	}
	return out
}

// fillUnknowns replaces values still unknown after an apply with what is
// known or nulls, which Terraform accepts for computed attributes.
func fillUnknowns(m reservationModel, elems []element, r *reservationResource, ctx context.Context, diags *diag.Diagnostics) {
	m.common().ID = types.StringValue(strings.Join(boughtIDs(elems), ","))
	nullUnknowns(m)
	m.setLocks([]string{})
	for i := range elems {
		if elems[i].status.IsNull() {
			elems[i].status = types.StringValue("Unknown")
		}
	}
	r.setElements(ctx, m, elems, diags)
}

func sortedKeys[V any](m map[int]V) []int {
	out := keys(m)
	sort.Ints(out)
	return out
}
