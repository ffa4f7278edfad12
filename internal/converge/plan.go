package converge

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Planned is what a plan says: the planned reservation, the attributes
// that force a replacement, and the diagnostics (the calls the apply will
// make, which cost money, and what cannot be reached).
type Planned struct {
	Plan *Reservation
	// ElementsChanged: the elements' computed values changed and must be
	// written back.
	ElementsChanged bool
	Replace         []string
	Diags           Diagnostics
}

// Destroying is what a plan that destroys a reservation says.
func Destroying() Diagnostics {
	var d Diagnostics
	d.warn("Destroying reserved instances refunds nothing",
		"Reserved instances cannot be returned. Destroy switches auto-renewal off and removes them from state; they keep billing, and applying to matching instances, until they expire.")
	return d
}

// Unchanged reports a plan that changes nothing where the last read or
// apply found nothing to do: the common case of a large refresh, answered
// without decoding anything.
func Unchanged(planEqualsState bool, rec *Record) bool { return planEqualsState && rec.Settled }

// wanted is the decoration a plan asks for. Attributes the configuration
// leaves out that the plan copies from state (a name never set) are not
// managed; values not yet known are not either, until they are.
func (s *Spec) wanted(plan, config *Reservation) Wanted {
	var w Wanted
	if !config.Name.Null && !plan.Name.Unknown {
		w.Name = ptr(plan.Name.V)
	}
	if keep := s.KeepsDescription && config.Description.Null; !plan.Description.Unknown && !keep {
		w.Description = ptr(plan.Description.V)
	}
	if !plan.Tags.Unknown {
		w.Tags = plan.Tags.V
		if w.Tags == nil {
			w.Tags = map[string]string{}
		}
	}
	if plan.RenewalTerm.IsKnown() && !plan.AutoRenew.Unknown {
		w.Renewal = &cloud.Renewal{Known: true, Auto: plan.AutoRenew.V, Term: plan.RenewalTerm.V}
	}
	for _, l := range s.Labels {
		if v := plan.Attrs[l]; !config.Attrs[l].Null && !v.Unknown {
			if w.Labels == nil {
				w.Labels = map[string]string{}
			}
			w.Labels[l] = v.V
		}
	}
	return w
}

func ptr[T any](v T) *T { return &v }

// PlanCreate is the plan of a new reservation: its region, what only a
// purchase cannot take, and the purchases it makes.
func (e *Engine) PlanCreate(plan *Reservation) Planned {
	p := plan.Clone()
	var d Diagnostics
	if !p.Region.IsKnown() {
		p.Region = Known(e.Region)
	}
	if slices.Contains(e.Spec.PurchaseAttrs, AttrStartTime) {
		e.checkScheduledStart(p, &d)
	}
	if p.ElementsKnown && p.TermKnown() {
		d.warn("This apply buys reserved instances", e.purchaseText(p, p.Elements, nil))
	}
	return Planned{Plan: p, Diags: d}
}

// checkScheduledStart: a scheduled start is for regional purchases only,
// and not in the past. An imported zonal reservation records its start
// too, so this is checked when buying, not when validating.
func (e *Engine) checkScheduledStart(p *Reservation, d *Diagnostics) {
	if !p.StartTime.IsKnown() {
		return
	}
	if t, err := reservation.ParseAPITime(p.StartTime.V); err == nil && t.Before(e.now().UTC().Truncate(time.Hour)) {
		d.failAt(AttrStartTime, -1, "Start time in the past",
			fmt.Sprintf("start_time %s is before the current hour; a purchase can only start now or later.", p.StartTime.V))
	}
	for i, el := range p.Elements {
		if p.ElementsKnown && el.Shape.Scope == reservation.ScopeZone {
			d.failAt(AttrStartTime, -1, "Start time on a zonal reservation",
				fmt.Sprintf("start_time can only be set when every element of configurations is regional, and configurations[%d] is zonal: zonal reserved instances start at purchase.", i))
			return
		}
	}
}

// purchaseText announces the purchases of the elements listed (all when
// nil) and the renewals that complete their term.
func (e *Engine) purchaseText(plan *Reservation, elems []Element, only []int) string {
	n := len(only)
	if only == nil {
		n = len(elems)
	}
	term := plan.Term()
	buy, renewals := e.rules().PurchasePlan(term)
	calls := e.rules().Calls
	text := fmt.Sprintf("%d %s call(s): %s, for %s each. Reserved instances are paid for and cannot be refunded.",
		n, calls.Purchase, describeElements(elems, only), term)
	if len(renewals) > 0 {
		text += fmt.Sprintf(" One purchase buys at most a term of %s here, so %d %s call(s) follow (%s) to reach %s.",
			buy, len(renewals)*ceilDiv(n, calls.RenewIDs), calls.Renew, termsText(renewals), term)
	}
	if plan.AutoRenew.V {
		text += " Auto-renewal is on: each reserved instance renews itself, and is charged, at every expiry until it is switched off."
		if t := plan.RenewalTerm.V; plan.RenewalTerm.IsKnown() && !e.rules().CarriesAutoRenew(t) {
			text += fmt.Sprintf(" A purchase cannot carry an automatic renewal of %s, so %d %s call(s) follow to set it.",
				t, ceilDiv(n, calls.AutoRenewIDs), calls.AutoRenew)
		}
	}
	return text
}

// PlanChange is the plan of a reservation that exists: a replacement when
// an attribute fixed at purchase changes, else every call the apply will
// make, announced, with what they change marked as known after apply.
func (e *Engine) PlanChange(plan, config, state *Reservation, rec *Record) Planned {
	p := plan.Clone()
	out := Planned{Plan: p}
	if config.Region.Null {
		p.Region = state.Region
	}
	keepSpelling(p, state)
	if out.Replace = e.planReplacement(p, config, state, &out.Diags); len(out.Replace) > 0 {
		return out
	}
	out.ElementsChanged = e.planUpdate(p, config, state, rec, &out.Diags)
	return out
}

// planReplacement decides replacement for the attributes fixed at purchase
// and warns loudly when it happens.
func (e *Engine) planReplacement(plan, config, state *Reservation, d *Diagnostics) []string {
	type candidate struct {
		name          string
		planned, prev Val[string]
		configured    bool
	}
	candidates := []candidate{{"region_id", plan.Region, state.Region, true}}
	for _, f := range e.Spec.FixedAttrs {
		p, s, c := plan.Attrs[f.Name], state.Attrs[f.Name], config.Attrs[f.Name]
		if f.Name == AttrStartTime {
			p, s, c = plan.StartTime, state.StartTime, config.StartTime
		}
		candidates = append(candidates, candidate{f.Name, p, s, !f.OnlyIfSet || !c.Null})
	}
	var changed []string
	for _, c := range candidates {
		if !c.configured || c.name == AttrStartTime && sameInstant(plan.StartTime.V, state.StartTime.V) {
			continue
		}
		if c.planned.Unknown || c.planned != c.prev {
			changed = append(changed, c.name)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	d.warn("Replacement means a new, non-refundable purchase",
		fmt.Sprintf("%s cannot change after purchase, so this plan REPLACES %s: it buys new reserved instances, while the current ones "+
			"cannot be refunded and keep billing until %s (their auto-renewal is switched off). If that is not what you want, revert %s.",
			strings.Join(changed, ", "), state.ID.V, state.ExpiredTime.V, strings.Join(changed, ", ")))
	plan.ID, plan.Status, plan.ExpiredTime, plan.Locks = Unknown[string](), Unknown[string](), Unknown[string](), Unknown[[]string]()
	return changed
}

// planUpdate works out, from state and what the last read saw, every call
// the apply will make, rejects what cannot be reached, announces the calls
// and marks what they will change as unknown. It reports whether the
// elements changed.
func (e *Engine) planUpdate(plan, config, state *Reservation, rec *Record, d *Diagnostics) bool {
	want := plan.Elements
	have := e.existingFromState(state, rec)
	e.checkTerms(plan, have, rec, d)
	if !plan.ElementsKnown || !allKnown(want) || d.HasError() || !plan.TermKnown() {
		return false // checked again at apply
	}
	w := e.Spec.wanted(plan, config)
	wk, err := e.Spec.planWork(have, len(state.Elements), want, rec.Pending, w)
	if err != nil {
		d.failAt("configurations", -1, "Reshape not possible", err.Error())
		return false
	}
	months := plan.Term().Months()
	future := e.futureRIs(wk, have, w)
	renewals := renewalsOwed(future, rec, months)
	decorations := decorationCalls(e.rules(), changesFor(future, w), w)
	e.announce(plan, want, have, wk, renewals, decorations, d)
	warnShortenedTerm(plan, state, d)
	idsChange := planElements(want, state.Elements, wk)
	renewing := renewingIDs(renewals)
	for i := range want {
		if renewing[want[i].ID.V] {
			want[i].Expiry = Unknown[string]()
		}
	}
	if state.ID.V == "" {
		unknownUntilBought(plan, config)
	}
	if idsChange {
		plan.ID = Unknown[string]()
	}
	if idsChange || len(renewals) > 0 {
		plan.ExpiredTime, plan.Status, plan.Locks = Unknown[string](), Unknown[string](), Unknown[[]string]()
	}
	if len(decorations) > 0 && plan.Status == state.Status && !idsChange {
		// Converging drifted RIs changes no attribute the plan shows; an
		// unknown status makes Terraform call the apply that does it.
		plan.Status = Unknown[string]()
	}
	return idsChange || len(renewing) > 0
}

// unknownUntilBought marks what only the RIs tell, and the configuration
// does not set, as known after apply: for a reservation none of whose RIs
// is known yet, state holds nulls there. A value the plan knows (a schema
// default, such as the platform) stays: the purchase sends it, and a null
// in its place would read as a change of something fixed at purchase.
func unknownUntilBought(plan, config *Reservation) {
	mark := func(v *Val[string], configured Val[string]) {
		if configured.Null && v.Null {
			*v = Unknown[string]()
		}
	}
	mark(&plan.Name, config.Name)
	mark(&plan.StartTime, config.StartTime)
	for name, v := range plan.Attrs {
		mark(&v, config.Attrs[name])
		plan.Attrs[name] = v
	}
}

func allKnown(elems []Element) bool {
	for _, e := range elems {
		if !e.ShapeKnown {
			return false
		}
	}
	return true
}

// existingFromState are the RIs state records, each with the decoration
// the last read saw on it.
func (e *Engine) existingFromState(state *Reservation, rec *Record) []existing {
	recorded := recordedDecoration(state, e.Spec.Labels)
	var out []existing
	for _, el := range state.Elements {
		if !el.Bought() {
			continue
		}
		id := el.ID.V
		d := recorded
		if drifted, ok := rec.Drift[id]; ok {
			d = drifted
		}
		out = append(out, existing{id: id, shape: el.Shape, status: cloud.ParseStatus(el.Status.V),
			expiry: mustTime(el.Expiry.V), expiryText: el.Expiry.V, deco: d})
	}
	return out
}

func recordedDecoration(m *Reservation, labels []string) Decoration {
	d := Decoration{Name: m.Name.V, Description: m.Description.V, Tags: m.Tags.V, AutoRenew: m.AutoRenew.V}
	if d.Tags == nil || m.Tags.Unknown {
		d.Tags = map[string]string{}
	}
	if m.RenewalTerm.IsKnown() && d.AutoRenew {
		d.RenewMonths = m.RenewalTerm.V.Months()
	}
	for _, l := range labels {
		if d.Labels == nil {
			d.Labels = map[string]string{}
		}
		d.Labels[l] = m.Attrs[l].V
	}
	return d
}

// checkTerms rejects at plan time a renewal that would push an RI past the
// furthest expiry the cloud allows (the term and the automatic renewal on
// their own are checked by validation).
func (e *Engine) checkTerms(plan *Reservation, have []existing, rec *Record, d *Diagnostics) {
	if !plan.TermKnown() {
		return
	}
	rules, months := e.rules(), plan.Term().Months()
	latest := rules.LatestExpiry(e.now())
	for _, h := range have {
		anchor, ok := rec.anchor(h.id)
		if !ok || !h.status.Live() || rec.owed(h.id, h.expiry, months) == 0 {
			continue
		}
		if end := reservation.TermEnd(anchor, months); end.After(latest) {
			d.failAt("period", -1, "Term too long",
				fmt.Sprintf("%s would run until %s, but %s renews a reserved instance at most until %s (%s from today).",
					h.id, reservation.FormatAPITime(end), rules.Cloud, reservation.FormatAPITime(latest), reservation.TermFromMonths(rules.MaxAheadMonths)))
			return
		}
	}
}

// futureRIs are the RIs the reservation will hold once reshaped, as far as
// the plan can tell: kept RIs as they are, and each modification's targets
// with the expiry of its first source and the decoration the call gives
// them. Purchases are announced on their own.
func (e *Engine) futureRIs(wk *work, have []existing, w Wanted) []existing {
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
			expiry: origin.expiry, expiryText: origin.expiryText, deco: e.modifiedDecoration(w, origin.deco), termOf: origin.id})
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
// everything else too, but for an automatic renewal the call cannot carry,
// which the target keeps from its first source.
func (e *Engine) modifiedDecoration(w Wanted, source Decoration) Decoration {
	d := Decoration{Tags: map[string]string{}}
	if w.Name != nil {
		d.Name = *w.Name
	}
	if !e.rules().RenameByModify {
		return d
	}
	if w.Description != nil {
		d.Description = *w.Description
	}
	if w.Tags != nil {
		d.Tags = w.Tags
	}
	d.AutoRenew, d.RenewMonths = source.AutoRenew, source.RenewMonths
	if w.Renewal != nil && (!w.Renewal.Auto || e.rules().CarriesAutoRenew(w.Renewal.Term)) {
		d.AutoRenew, d.RenewMonths = w.Renewal.Auto, w.Renewal.Term.Months()
		if !w.Renewal.Auto {
			d.RenewMonths = 0
		}
	}
	d.Labels = w.Labels
	return d
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
func planElements(want, stateElems []Element, wk *work) bool {
	byID := map[string]Element{}
	for _, e := range stateElems {
		byID[e.ID.V] = e
	}
	changed := len(wk.buy) > 0 || len(wk.resolve) > 0 || len(wk.reshape.Dropped) > 0 || len(wk.reshape.Steps) > 0
	unknown := func(i int) {
		want[i].ID, want[i].Status, want[i].Expiry = Unknown[string](), Unknown[string](), Unknown[string]()
	}
	for k, i := range wk.reshaped {
		handle := wk.reshape.Result[k]
		if wk.reshape.Unchanged(k) {
			s := byID[handle]
			want[i].ID, want[i].Status, want[i].Expiry = s.ID, s.Status, s.Expiry
			changed = changed || i >= len(stateElems) || stateElems[i].ID != s.ID
		} else {
			unknown(i)
		}
	}
	for _, i := range wk.buy {
		unknown(i)
	}
	for i := range wk.resolve {
		unknown(i)
	}
	return changed || len(want) != len(stateElems)
}

// announce lists, as warnings, every call the apply will make, in order,
// saying which cost money or commit to future charges.
func (e *Engine) announce(plan *Reservation, want []Element, have []existing, wk *work, renewals []renewalGroup, decorations []decorationCall, d *Diagnostics) {
	rules := e.rules()
	if len(wk.resolve) > 0 {
		var lines []string
		for _, i := range slices.Sorted(mapKeys(wk.resolve)) {
			p := wk.resolve[i]
			lines = append(lines, fmt.Sprintf("configurations[%d]: %s for %s, ClientToken %s", i, p.Shape, p.Term, p.Token))
		}
		d.warn("This apply confirms purchases that got no answer",
			fmt.Sprintf("%d %s call(s) repeat earlier purchases with their ClientTokens:\n%s\n\nIf the earlier call went through, the cloud answers with that reserved instance and charges nothing more; if it did not, this buys it now.",
				len(lines), rules.Calls.Purchase, strings.Join(lines, "\n")))
	}
	if n := len(wk.reshape.Steps); n > 0 {
		lines := make([]string, n)
		for k, step := range wk.reshape.Steps {
			lines[k] = fmt.Sprintf("%d. %s (%s)", k+1, describeStep(step, have), rules.Calls.Modify)
		}
		d.warn("This apply reshapes reserved instances",
			fmt.Sprintf("%d %s call(s), each waiting for the previous one's reserved instances to become active:\n%s\n\n"+
				"They cost nothing. The reserved instances they replace become inactive; the new ones get new IDs, keep the expiry time and get this resource's name, description, tags and auto-renewal.",
				n, rules.Calls.Modify, strings.Join(lines, "\n")))
	}
	if len(wk.reshape.Dropped) > 0 {
		d.warn("Lapsed reserved instances leave the reservation",
			fmt.Sprintf("%s no longer bill (expired, or inactive after a change made elsewhere) and are no longer in configurations: the apply drops their records from state, with no API call.",
				strings.Join(wk.reshape.Dropped, ", ")))
	}
	if len(wk.buy) > 0 {
		d.warn("This apply buys reserved instances", e.purchaseText(plan, want, wk.buy))
	}
	if calls := renewalCalls(rules, renewals); calls > 0 {
		var lines []string
		for _, g := range renewals {
			lines = append(lines, fmt.Sprintf("%s by %s (%s)", strings.Join(g.ids, ", "), reservation.TermFromMonths(g.months), termsText(rules.Renewals(g.months))))
		}
		d.warnAt("period", "This apply renews reserved instances",
			fmt.Sprintf("To reach the term of %s, measured from each reserved instance's real expiry: %d %s call(s), at most %d reserved instance(s) each:\n%s\n\nRenewals are paid for and cannot be refunded.",
				plan.Term(), calls, rules.Calls.Renew, rules.Calls.RenewIDs, strings.Join(lines, "\n")))
	}
	if len(decorations) > 0 {
		lines := make([]string, len(decorations))
		for k, c := range decorations {
			lines[k] = fmt.Sprintf("%d. %s", k+1, c.describe(rules))
		}
		d.warn("This apply changes reserved instances in place",
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
func warnShortenedTerm(plan, state *Reservation, d *Diagnostics) {
	planned, recorded := plan.Term(), state.Term()
	if planned.Months() < recorded.Months() {
		d.warnAt("period", "A bought term cannot be shortened",
			fmt.Sprintf("Lowering the term from %s to %s makes no API call: the reserved instances still run until %s. Raising it again later renews only what the real expiry dates fall short of.",
				recorded, planned, state.ExpiredTime.V))
	}
}

func termsText(ts []reservation.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

func describeElements(elems []Element, only []int) string {
	var parts []string
	for i, e := range elems {
		if only == nil || slices.Contains(only, i) {
			parts = append(parts, e.Shape.String())
		}
	}
	return strings.Join(parts, ", ")
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// keepSpelling plans the term and the automatic renewal as state writes
// them when the configuration writes the same length another way (12
// Months and 1 Year): Terraform keeps a prior value the provider plans for
// a configured one, so an equal term, after an import say, plans no change.
func keepSpelling(plan, state *Reservation) {
	if plan.TermKnown() && state.TermKnown() && plan.Term().Months() == state.Term().Months() {
		plan.Period, plan.PeriodUnit = state.Period, state.PeriodUnit
	}
	if plan.RenewalTerm.IsKnown() && state.RenewalTerm.IsKnown() && plan.RenewalTerm.V.Months() == state.RenewalTerm.V.Months() {
		plan.RenewalTerm = state.RenewalTerm
	}
}

// ForcedReplacement refuses a replacement Terraform forces on an existing
// reservation (-replace, replace_triggered_by). Terraform plans it as a
// create of the new reservation and shows none of that plan's warnings, so
// the purchase it makes, and the billing of the reserved instances it
// gives up, could not be announced: the plan fails instead, saying what it
// would have done and how to do it in two steps that each say so.
func (e *Engine) ForcedReplacement(plan *Reservation, rec *Record) Diagnostics {
	var d Diagnostics
	current := slices.Sorted(mapKeys(rec.Anchors))
	what := "the current reserved instances"
	if len(current) > 0 {
		what = strings.Join(current, ", ")
	}
	buys := "new reserved instances"
	if plan.ElementsKnown && plan.TermKnown() {
		buys = fmt.Sprintf("%d new reserved instance(s) (%s) for %s", len(plan.Elements), describeElements(plan.Elements, nil), plan.Term())
	}
	d.failAt("", -1, "Replacement of reserved instances refused",
		fmt.Sprintf("This plan replaces the reservation, as -replace or replace_triggered_by asked: it would buy %s, which are paid for and cannot be refunded, "+
			"while %s cannot be refunded either and keep billing until they expire (their auto-renewal would be switched off). "+
			"Terraform shows no provider warning for a replacement it forces, so this provider will not plan one that spends money without saying so.\n\n"+
			"To replace the reservation anyway, do it in two steps that each say what they cost: terraform destroy -target=<its address> "+
			"(it switches auto-renewal off and says until when the reserved instances keep billing), then terraform apply (its plan says what it buys).",
			buys, what))
	return d
}
