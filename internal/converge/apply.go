package converge

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Change is one apply: the plan to reach, the configuration (which says
// what is managed), the state it starts from (nil for a create) and the
// record.
type Change struct {
	Plan, Config *Reservation
	State        *Reservation
	Record       *Record
}

// Applied is what an apply leaves behind.
type Applied struct {
	// State is what state records now; nil when nothing is to be written:
	// a create that bought nothing, or an update that could not even read
	// what exists (state stays as it was).
	State  *Reservation
	Record *Record
	Diags  Diagnostics
}

// run is one create or update: it turns what exists into what the plan
// says, in a fixed order (confirm unanswered purchases, reshape, buy, wait,
// renew, decorate), and keeps, whatever happens, a record of every RI that
// exists and every purchase that may have happened.
type run struct {
	e      *Engine
	s      *cloud.Session
	rules  *reservation.Rules
	region string
	plan   *Reservation
	want   []Element
	w      Wanted
	rec    *Record

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
	unconfirmed map[int]Pending
	// short says, for each element the run did not buy, why; halt is set
	// once no further purchase may start (a lost answer, an interrupt).
	short map[int]string
	halt  string
	// spent: a paid call may have taken effect.
	spent bool
	// creating: the run is a create, which may send a scheduled start.
	creating bool
}

// Apply creates (c.State nil) or updates a reservation. A create that may
// have spent money never fails, which would taint the resource and make the
// next apply buy again: whatever went wrong afterwards is a warning, and
// state records every RI bought and every purchase that may have happened.
// An update's failure is an error, but state still records what exists.
func (e *Engine) Apply(ctx context.Context, c Change) Applied {
	plan := c.Plan.Clone()
	rec := c.Record
	if rec == nil {
		rec = &Record{}
	}
	region := e.regionOf(plan)
	if c.State != nil {
		region = e.regionOf(c.State)
	}
	plan.Region = Known(region)
	r := &run{e: e, s: e.Session, rules: e.rules(), region: region, plan: plan, want: plan.Elements, w: e.Spec.wanted(plan, c.Config),
		rec: rec, seen: map[string]cloud.RI{}, dirty: map[string]bool{}, assigned: map[int]string{}, toBuy: map[int]bool{},
		unconfirmed: map[int]Pending{}, short: map[int]string{}, creating: c.State == nil}
	var diags Diagnostics
	if r.creating {
		err := r.converge(ctx, nil, 0)
		if !r.spent && (err != nil || len(r.short) > 0) {
			why := r.shortfall(ctx)
			if err != nil {
				why = stopped(ctx, err)
			}
			diags.failAt("configurations", 0, "Purchase failed", "No reserved instance was bought, and nothing was charged.\n\n"+why)
			return Applied{Record: rec, Diags: diags}
		}
		r.finish(ctx, &diags)
		if len(r.short) > 0 {
			diags.warn(r.incomplete(), r.shortfall(ctx))
		}
		if err != nil {
			summary, detail := createWarning(ctx, err)
			diags.warn(summary, detail)
		}
		return Applied{State: plan, Record: rec, Diags: diags}
	}
	have, err := r.observeExisting(ctx, c.State.Elements)
	if err != nil {
		diags.fail("Cannot read the reserved instances", err.Error())
		return Applied{Record: rec, Diags: diags}
	}
	err = r.converge(ctx, have, len(c.State.Elements))
	r.finish(ctx, &diags)
	if len(r.short) > 0 {
		diags.fail(r.incomplete(), r.shortfall(ctx))
	}
	if err != nil {
		updateError(ctx, err, &diags)
	}
	return Applied{State: plan, Record: rec, Diags: diags}
}

// observeExisting reads every RI state records, fresh. RIs that vanished
// are left out.
func (r *run) observeExisting(ctx context.Context, stateElems []Element) ([]existing, error) {
	ids := BoughtIDs(stateElems)
	seen, err := r.s.Describe(ctx, r.region, ids)
	if err != nil {
		return nil, err
	}
	var have []existing
	for _, id := range ids {
		ri, ok := seen[id]
		if !ok {
			continue
		}
		r.observe(ri)
		have = append(have, existing{id: id, shape: ri.Shape, status: ri.Status, expiry: ri.Expiry, expiryText: ri.ExpiryText,
			deco: decorationOf(ri, r.e.Spec.Labels)})
	}
	return have, nil
}

// converge runs every step in order and stops at the first failure. have
// are the RIs that exist, freshly read; recorded is how many elements state
// held.
func (r *run) converge(ctx context.Context, have []existing, recorded int) error {
	for _, h := range have {
		r.live = append(r.live, h.id)
	}
	wk, err := r.e.Spec.planWork(have, recorded, r.want, r.rec.Pending, r.w)
	if err != nil {
		return err
	}
	for _, i := range wk.buy {
		r.toBuy[i] = true
	}
	steps := []struct {
		name string
		do   func(context.Context, *work) error
	}{
		{"confirm", r.confirmPurchases}, {"reshape", r.reshape}, {"buy", r.buy}, {"wait", r.waitForPurchases},
		{"renew", r.renew}, {"decorate", r.decorate},
	}
	for _, step := range steps {
		if err := step.do(ctx, wk); err != nil {
			return &stepError{step: step.name, err: err}
		}
	}
	return nil
}

// incomplete is the summary of a run that did not buy everything.
func (r *run) incomplete() string {
	bought := 0
	for i := range r.want {
		if _, ok := r.assigned[i]; ok {
			bought++
		}
	}
	return fmt.Sprintf("Apply incomplete: %d of %d reserved instances bought", bought, len(r.want))
}

// shortfall names every element the run did not buy and what the next
// apply does about it.
func (r *run) shortfall(ctx context.Context) string {
	var lines []string
	unbought, unconfirmed := 0, 0
	for _, i := range slices.Sorted(maps.Keys(r.short)) {
		lines = append(lines, fmt.Sprintf("configurations[%d] (%s): %s", i, r.want[i].Shape, r.short[i]))
		if r.unconfirmed[i].Token != "" {
			unconfirmed++
		} else {
			unbought++
		}
	}
	next := []string{}
	if unbought > 0 {
		next = append(next, fmt.Sprintf("buys the %d recorded as %s", unbought, StatusNotPurchased))
	}
	if unconfirmed > 0 {
		next = append(next, fmt.Sprintf("confirms the %d recorded as %s with their ClientTokens, which cannot buy twice", unconfirmed, StatusUnconfirmed))
	}
	text := strings.Join(lines, "\n\n") + "\n\nThe next apply " + strings.Join(next, " and ") + "; terraform plan shows it."
	if errors.Is(ctx.Err(), context.Canceled) {
		text += "\n\nThe operation was interrupted: no further purchase, renewal or modification was started."
	}
	return text
}

// remedy is what the clouds' documents advise for a refusal, in a sentence.
func remedy(code string) string {
	switch {
	case strings.HasPrefix(code, "Insufficient.") || code == "OperationDenied.NoStock" || code == "Zone.NotOnSale":
		return " The cloud has no capacity for this shape now: choose another zone or instance type, or try again later."
	case strings.HasPrefix(code, "QuotaExceed"):
		return " A quota is reached: ask the cloud to raise it, or reserve less."
	case code == "Account.Arrearage":
		return " The account is in arrears: top it up, then apply again."
	}
	return ""
}

// confirmPurchases repeats each unanswered purchase with its ClientToken
// and request: the cloud answers with the RI the first call bought, or buys
// it now if the first call never took effect.
func (r *run) confirmPurchases(ctx context.Context, wk *work) error {
	for _, i := range slices.Sorted(maps.Keys(wk.resolve)) {
		p := wk.resolve[i]
		r.unconfirmed[i] = p
		r.attempt(ctx, i, p.request(r.region), nil)
	}
	return nil
}

// buy purchases every element still to buy, one call each with a new
// ClientToken; the first term only, the rest is renewed once it is active.
// A purchase the cloud refuses does not stop the others (but for those of
// the same shape, which it would refuse too); one whose answer is lost, or
// an interrupt, stops every purchase after it.
func (r *run) buy(ctx context.Context, _ *work) error {
	term, _ := r.rules.PurchasePlan(r.plan.Term())
	refused := map[reservation.Shape]int{}
	for _, i := range slices.Sorted(maps.Keys(r.toBuy)) {
		if _, known := r.short[i]; !known {
			r.attempt(ctx, i, r.purchaseRequest(r.want[i].Shape, term), refused)
		}
	}
	return nil
}

// attempt makes one purchase for element i unless purchases have halted,
// and says why when it did not buy.
func (r *run) attempt(ctx context.Context, i int, req cloud.PurchaseRequest, refused map[reservation.Shape]int) {
	if j, ok := refused[req.Shape]; ok {
		r.short[i] = fmt.Sprintf("not attempted: configurations[%d], of the same shape, was refused.", j)
		return
	}
	if r.halt != "" {
		r.short[i] = "not attempted: " + r.halt
		return
	}
	err := r.purchase(ctx, i, req)
	var lost *ambiguousPurchase
	switch {
	case err == nil:
	case errors.As(err, &lost):
		r.short[i] = lost.Error()
		r.halt = fmt.Sprintf("the purchase of configurations[%d] got no answer, so no further purchase was started in this apply.", i)
	case ctx.Err() != nil:
		r.short[i] = "not attempted: the operation was interrupted, so no further purchase was started."
		r.halt = r.short[i][len("not attempted: "):]
	case notSent(err):
		r.short[i] = fmt.Sprintf("not sent, so nothing was charged by this call: %v.", err)
		if p := r.unconfirmed[i]; p.Token != "" {
			r.short[i] += fmt.Sprintf(" The earlier purchase stays recorded, unconfirmed, with its ClientToken %s.", p.Token)
		}
		r.halt = "the endpoint could not be reached, so no further purchase was started."
	default:
		r.short[i] = fmt.Sprintf("refused, so nothing was charged for it: %v.%s", err, remedy(cloud.Code(err)))
		if refused != nil {
			refused[req.Shape] = i
		}
	}
}

func (r *run) purchaseRequest(shape reservation.Shape, term reservation.Term) cloud.PurchaseRequest {
	req := cloud.PurchaseRequest{
		Region: r.region, Shape: shape, Term: term, Name: r.plan.Name.V, Description: r.plan.Description.V,
		Tags: r.w.Tags, Attrs: map[string]string{}, ClientToken: reservation.NewPurchaseToken(),
	}
	if r.carried() {
		req.Renewal = *r.w.Renewal
	}
	for _, name := range r.e.Spec.PurchaseAttrs {
		if v := r.purchaseAttr(name); v != "" {
			req.Attrs[name] = v
		}
	}
	return req
}

// purchaseAttr is the value a purchase sends for a cloud attribute. The
// start of the term is sent only when creating: elements bought later
// start at once.
func (r *run) purchaseAttr(name string) string {
	if name != AttrStartTime {
		return r.plan.Attrs[name].V
	}
	if !r.creating {
		return ""
	}
	t, err := reservation.ParseAPITime(r.plan.StartTime.V)
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02T15Z")
}

// purchase makes one purchase for element i and records its outcome: the
// RI, or a pending purchase when the answer was lost, or nothing when the
// cloud provably bought nothing.
func (r *run) purchase(ctx context.Context, i int, req cloud.PurchaseRequest) error {
	if err := started(ctx, r.rules.Calls.Purchase); err != nil {
		return err
	}
	id, err := r.s.Purchase(ctx, req)
	switch {
	case err == nil:
		r.spent = true
		r.assigned[i], r.live = id, append(r.live, id)
		r.dirty[id] = true
		delete(r.toBuy, i)
		delete(r.unconfirmed, i)
		r.rec.Pending = withoutPending(r.rec.Pending, req.ClientToken)
		return nil
	case cloud.IsAmbiguous(err):
		r.spent = true
		r.unconfirmed[i] = pendingFrom(req, r.e.now())
		delete(r.toBuy, i)
		r.rec.Pending = append(withoutPending(r.rec.Pending, req.ClientToken), pendingFrom(req, r.e.now()))
		return &ambiguousPurchase{token: req.ClientToken, err: err}
	}
	if _, wasPending := r.unconfirmed[i]; wasPending && refusedOutright(err) {
		// The service refused the same ClientToken outright: the first
		// call never took effect either. (A call that never reached the
		// service, or was cut short, proves nothing of the first.)
		delete(r.unconfirmed, i)
		r.toBuy[i] = true
		r.rec.Pending = withoutPending(r.rec.Pending, req.ClientToken)
	}
	return err
}

// waitForPurchases waits for bought RIs to become active, records the
// start of their term and what they carry: the purchase set their renewal,
// so it is not read back.
func (r *run) waitForPurchases(ctx context.Context, _ *work) error {
	var ids []string
	for _, id := range r.assigned {
		if r.dirty[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	seen, err := r.s.WaitActive(ctx, r.region, ids)
	renewal := cloud.Renewal{Known: true}
	if r.carried() {
		renewal = *r.w.Renewal
	}
	for id, ri := range seen {
		if _, known := r.rec.anchor(id); !known {
			r.rec.setAnchor(id, ri.Start)
		}
		if !ri.Renewal.Known {
			ri.Renewal = renewal
		}
		r.observe(ri)
	}
	if err != nil {
		return &unconfirmedWait{ids: ids, err: err}
	}
	return nil
}

// carried reports an automatic renewal that purchases carry themselves;
// one they cannot carry is set by the decoration step afterwards.
func (r *run) carried() bool {
	return r.w.Renewal != nil && r.w.Renewal.Auto && r.rules.CarriesAutoRenew(r.w.Renewal.Term)
}

func (r *run) observe(ri cloud.RI) {
	r.seen[ri.ID] = ri
	delete(r.dirty, ri.ID)
}

// renew renews every live RI by what it owes, measured from its real
// expiry, one call per term per batch, each with a ClientToken derived from
// what it renews.
func (r *run) renew(ctx context.Context, _ *work) error {
	months := r.plan.Term().Months()
	var have []existing
	for _, id := range r.live {
		if ri, ok := r.seen[id]; ok {
			have = append(have, existing{id: id, status: ri.Status, expiry: ri.Expiry})
		}
	}
	for _, g := range renewalsOwed(have, r.rec, months) {
		if err := r.renewGroup(ctx, g); err != nil {
			return fmt.Errorf("renewing %s by %s: %w\n\nWhat is still owed is measured from each reserved instance's real expiry at the next apply, so nothing is renewed twice",
				strings.Join(g.ids, ", "), reservation.TermFromMonths(g.months), err)
		}
	}
	return nil
}

func (r *run) renewGroup(ctx context.Context, g renewalGroup) error {
	for _, t := range r.rules.Renewals(g.months) {
		for _, batch := range cloud.Chunks(g.ids, r.rules.Calls.RenewIDs) {
			expiries := map[string]string{}
			for _, id := range batch {
				expiries[id] = reservation.FormatAPITime(r.seen[id].Expiry)
			}
			req := cloud.RenewRequest{Region: r.region, Term: t, Batches: []cloud.RenewBatch{{IDs: batch, Token: reservation.RenewalToken(expiries, t)}}}
			if err := started(ctx, r.rules.Calls.Renew); err != nil {
				return err
			}
			r.spent = true
			if err := r.s.Renew(ctx, req); err != nil {
				return err
			}
			for _, id := range batch {
				ri := r.seen[id]
				ri.Expiry = reservation.Extend(ri.Expiry, t.Months())
				r.seen[id] = ri
				r.dirty[id] = true
			}
		}
	}
	return nil
}

// decorate converges the name, description, tags and renewal of every live
// RI onto the configuration, reading fresh any RI whose renewal is not
// known, and making only the calls the RIs that differ need.
func (r *run) decorate(ctx context.Context, _ *work) error {
	var unknown []string
	for _, id := range r.live {
		if ri, ok := r.seen[id]; !ok || !ri.Renewal.Known {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		fresh, err := r.s.Describe(ctx, r.region, unknown)
		if err != nil {
			return err
		}
		for _, ri := range fresh {
			r.observe(ri)
		}
	}
	var have []existing
	for _, id := range r.live {
		if ri, ok := r.seen[id]; ok {
			have = append(have, existing{id: id, status: ri.Status, deco: decorationOf(ri, r.e.Spec.Labels)})
		}
	}
	for _, call := range decorationCalls(r.rules, changesFor(have, r.w), r.w) {
		if err := started(ctx, call.action); err != nil {
			return err
		}
		if err := call.run(ctx, r.s, r.region); err != nil {
			return err
		}
		for _, id := range call.ids {
			r.dirty[id] = true
		}
	}
	return nil
}

// elements are what state records after the run: configured elements with
// their RIs where they exist, placeholders for purchases not made or not
// confirmed, and, when the reshape stopped part way, every RI the
// reservation still holds.
func (r *run) elements() []Element {
	var out []Element
	held := map[string]bool{}
	for i, e := range r.want {
		switch id, ok := r.assigned[i]; {
		case ok:
			held[id] = true
			out = append(out, Element{Shape: e.Shape, ShapeKnown: true, ID: Known(id), Status: Null[string](), Expiry: Null[string]()})
		case r.unconfirmed[i].Token != "":
			out = append(out, placeholder(e, StatusUnconfirmed))
		case r.toBuy[i]:
			out = append(out, placeholder(e, StatusNotPurchased))
		}
	}
	for _, id := range r.live {
		if !held[id] {
			out = append(out, Element{ShapeKnown: true, ID: Known(id), Status: Null[string](), Expiry: Null[string]()})
		}
	}
	return out
}

func placeholder(e Element, status string) Element {
	return Element{Shape: e.Shape, ShapeKnown: true, ID: Known(""), Status: Known(status), Expiry: Null[string]()}
}

// finish records the run in the plan and the record: it reads back what
// was written since it was last seen (on a budget of its own, since the
// operation's deadline or an interrupt may have passed) and fills the rest
// from what the run observed.
func (r *run) finish(ctx context.Context, diags *Diagnostics) {
	m := r.plan
	elems := r.elements()
	m.Elements, m.ElementsKnown = elems, true
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	if stale := r.staleIDs(elems); len(stale) > 0 {
		fresh, err := r.s.Describe(readCtx, r.region, stale)
		if err != nil {
			diags.warn("Could not read the reserved instances back", fmt.Sprintf("%v\n\nState keeps their IDs; the next refresh completes it.", err))
			fillUnknowns(m)
			return
		}
		for _, ri := range fresh {
			r.observe(ri)
		}
	}
	r.e.Spec.observe(m, r.rec, r.seen, diags)
	r.rec.Settled = r.e.Spec.settled(m, r.rec)
}

// staleIDs are the RIs not observed since they were last written.
func (r *run) staleIDs(elems []Element) []string {
	var out []string
	for _, e := range elems {
		id := e.ID.V
		if _, ok := r.seen[id]; id != "" && (!ok || r.dirty[id]) {
			out = append(out, id)
		}
	}
	return out
}

// fillUnknowns replaces values still unknown after an apply with what is
// known or nulls, which Terraform accepts for computed attributes.
func fillUnknowns(m *Reservation) {
	m.ID = Known(strings.Join(BoughtIDs(m.Elements), ","))
	nullUnknowns(m)
	m.Locks = Known([]string{})
	for i := range m.Elements {
		if m.Elements[i].Status.Null {
			m.Elements[i].Status = Known("Unknown")
		}
	}
}

// stepError names the step of an apply that failed.
type stepError struct {
	step string
	err  error
}

func (s *stepError) Error() string { return s.err.Error() }
func (s *stepError) Unwrap() error { return s.err }

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

// updateError names what stopped an update. An update's error does not
// taint: state still records what exists.
func updateError(ctx context.Context, err error, diags *Diagnostics) {
	var rule *reservation.RuleError
	var lost *ambiguousPurchase
	var step *stepError
	switch {
	case errors.As(err, &rule):
		diags.failAt("configurations", -1, "Reshape not possible", err.Error())
	case isReshapeStop(err):
		diags.failAt("configurations", -1, "Reshape stopped part way", stopped(ctx, err))
	case errors.As(err, &lost):
		diags.fail("A purchase got no answer", stopped(ctx, err))
	case errors.As(err, &step) && step.step == "buy":
		diags.fail("Purchase failed", stopped(ctx, err)+"\n\nThe element is recorded as "+StatusNotPurchased+"; the next apply buys it.")
	case errors.As(err, &step) && step.step == "renew":
		diags.fail("Renewal stopped part way", stopped(ctx, err))
	default:
		diags.fail("Update stopped part way", stopped(ctx, err)+"\n\nState records what exists now; the next apply finishes the rest.")
	}
}

// stopped adds, to an error that followed an interrupt, that no further
// call was made.
func stopped(ctx context.Context, err error) string {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Sprintf("%v\n\nThe operation was interrupted: no further purchase, renewal or modification was started.", err)
	}
	return err.Error()
}

// started refuses to start a call once the operation has ended (Ctrl-C,
// or its timeout): stop means stop, whatever the client does.
func started(ctx context.Context, action string) error {
	if err := ctx.Err(); err != nil {
		return cloud.NotSentError(action, err)
	}
	return nil
}

// refusedOutright reports an answer of the service that proves the call
// did nothing: a code, no doubt, and not a complaint about the ClientToken
// (which would mean the token was used).
func refusedOutright(err error) bool {
	var ce *cloud.Error
	return errors.As(err, &ce) && ce.Code != "" && !ce.Ambiguous && !ce.NotSent && !ce.Throttled && ce.Code != "IdempotentParameterMismatch"
}

// notSent reports a call that provably never reached the service.
func notSent(err error) bool {
	var ce *cloud.Error
	return errors.As(err, &ce) && ce.NotSent
}
