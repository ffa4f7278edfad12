package converge

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Refreshed is what a refresh leaves behind: the reservation as the cloud
// reports it, or Gone when none of its RIs exists and nothing is pending.
type Refreshed struct {
	State  *Reservation
	Record *Record
	Gone   bool
	Diags  Diagnostics
}

// Refresh reads every RI of the reservation within the read budget given
// by ctx (readTimeout names it in messages), and tells what needs a person:
// RIs that no longer bill, drift on any RI, purchases still unconfirmed,
// RIs that lapse soon without renewing themselves.
func (e *Engine) Refresh(ctx context.Context, state *Reservation, rec *Record, readTimeout time.Duration) Refreshed {
	m := state.Clone()
	var d Diagnostics
	region := e.regionOf(m)
	m.Region = Known(region)
	ids := m.RecordedIDs()
	seen, err := e.Session.Lookup(ctx, region, ids)
	if err != nil {
		d.fail("Cannot read reserved instances", readFailure(err, readTimeout))
		return Refreshed{Record: rec, Diags: d}
	}
	prior := recordedDecoration(m, e.Spec.Labels)
	priorKnown := m.Period.IsKnown()
	present := e.Spec.observe(m, rec, seen, &d)
	if len(present) == 0 && len(rec.Pending) == 0 && !hasUnbought(m) {
		d.warn("Reserved instances no longer exist",
			fmt.Sprintf("None of %s exists any more, so the resource is removed from state.", strings.Join(ids, ", ")))
		return Refreshed{Record: rec, Gone: true, Diags: d}
	}
	e.warnAboutRIs(present, rec, &d)
	e.warnAboutDrift(present, rec, prior, priorKnown, &d)
	e.warnAboutExpiry(present, &d)
	rec.Settled = e.Spec.settled(m, rec)
	return Refreshed{State: m, Record: rec, Diags: d}
}

// readFailure explains a failed read, naming the budget when it ran out.
func readFailure(err error, budget time.Duration) string {
	var ce *cloud.Error
	switch {
	case errors.As(err, &ce) && ce.Throttled:
		return fmt.Sprintf("%v\n\nThe service throttled %s until the read budget (read_timeout = %s) ran out.", err, ce.Action, budget)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%v\n\nThe read budget (read_timeout = %s) ran out.", err, budget)
	}
	return err.Error()
}

func hasUnbought(m *Reservation) bool {
	for _, el := range m.Elements {
		if !el.Bought() {
			return true
		}
	}
	return false
}

// warnAboutRIs tells what a refresh found that needs a person: RIs that no
// longer bill, purchases still unconfirmed.
func (e *Engine) warnAboutRIs(present []cloud.RI, rec *Record, d *Diagnostics) {
	for _, ri := range present {
		if !ri.Status.Live() {
			d.warn("Reserved instance no longer in effect",
				fmt.Sprintf("%s is %s (expiry %s) and no longer applies to any instance. It stays in state so that Terraform does not buy it again. "+
					"When you no longer need the record, remove its element from configurations: the next apply drops it without any API call.",
					ri.ID, ri.RawStatus, ri.ExpiryText))
		}
	}
	for _, p := range rec.Pending {
		d.warn("A purchase is not confirmed yet",
			fmt.Sprintf("The purchase of %s for %s with ClientToken %s (%s) got no answer, so it may have bought a reserved instance. "+
				"The next apply repeats it with the same ClientToken: if the first call went through, the cloud answers with that reserved instance and charges nothing more.",
				p.Shape, p.Term, p.Token, p.At))
	}
}

// warnAboutDrift names the RIs whose decoration is no longer what state
// recorded before this refresh (after an import, those that disagree with
// the rest).
func (e *Engine) warnAboutDrift(present []cloud.RI, rec *Record, prior Decoration, priorKnown bool, d *Diagnostics) {
	var lines []string
	for _, ri := range decorated(present) {
		deco := decorationOf(ri, e.Spec.Labels)
		differs := priorKnown && !prior.wanted().changeFor(deco).empty()
		if _, drifted := rec.Drift[ri.ID]; differs || !priorKnown && drifted {
			lines = append(lines, fmt.Sprintf("%s: name %q, description %q, tags %v, auto-renewal %s", ri.ID, deco.Name, deco.Description, deco.Tags,
				renewalText(cloud.Renewal{Auto: deco.AutoRenew, Term: termIn(e.rules(), max(deco.RenewMonths, 1))})))
		}
	}
	if len(lines) > 0 {
		d.warn("Reserved instances of one reservation differ",
			"These reserved instances carry something other than what state recorded for the reservation (changed outside Terraform, or left undone by an apply that stopped):\n"+
				strings.Join(lines, "\n")+"\n\nThe plan shows what the next apply sets on them.")
	}
}

// warnAboutExpiry names the RIs that lapse within the expiry warning days
// and will not renew themselves: the silent way a reservation stops saving
// money. It reads nothing more and changes no plan.
func (e *Engine) warnAboutExpiry(present []cloud.RI, d *Diagnostics) {
	days := e.ExpiryWarningDays
	var lines, ids []string
	for _, ri := range present {
		if ExpiresWithin(ri, days) && !ri.Renewal.Auto {
			lines = append(lines, fmt.Sprintf("%s expires %s (UTC), in %d days", ri.ID, ri.ExpiryText, ri.DaysLeft()))
			ids = append(ids, ri.ID)
		}
	}
	if len(lines) == 0 {
		return
	}
	d.warn("Reserved instances expire soon and will not renew",
		fmt.Sprintf("%s.\n\nAuto-renewal is off for %s: when they lapse, matching instances are billed at pay-as-you-go prices. "+
			"To keep the discount, raise period to renew them now, or set auto_renew = true. "+
			"(This warning covers %d days, the provider's expiry_warning_days; 0 switches it off.)",
			strings.Join(lines, "; "), strings.Join(ids, ", "), days))
}

// ExpiresWithin: the RI still runs, and ends within days of the service's
// time.
func ExpiresWithin(ri cloud.RI, days int) bool {
	left := ri.Expiry.Sub(ri.Now())
	return days > 0 && ri.Status.Live() && !ri.Expiry.IsZero() && left > 0 && left <= time.Duration(days)*24*time.Hour
}

// settled says nothing is owed, pending or drifted for the recorded term.
func (s *Spec) settled(m *Reservation, rec *Record) bool {
	if len(rec.Pending) > 0 || len(rec.Drift) > 0 || !m.ElementsKnown {
		return false
	}
	months := m.Term().Months()
	for _, el := range m.Elements {
		if !el.Bought() {
			return false
		}
		if cloud.ParseStatus(el.Status.V).Live() && rec.owed(el.ID.V, mustTime(el.Expiry.V), months) > 0 {
			return false
		}
	}
	return true
}

// Release is a destroy: reserved instances cannot be refunded, so it
// switches automatic renewal off, so that they lapse at expiry, and says
// until when they keep billing. It fails only when renewal cannot be
// switched off: the resource then stays in state.
func (e *Engine) Release(ctx context.Context, state *Reservation, rec *Record) Diagnostics {
	var d Diagnostics
	region, ids := e.regionOf(state), state.RecordedIDs()
	seen, err := e.Session.Describe(ctx, region, ids)
	if err != nil {
		d.fail("Cannot read the reserved instances before removing them", err.Error())
		return d
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
		if err := e.Session.SetRenewal(ctx, region, renewing, cloud.Renewal{Known: true, Never: true}); err != nil {
			d.fail("Cannot switch auto-renewal off", err.Error()+"\n\nThe resource stays in state; try again.")
			return d
		}
	}
	if len(expiries) > 0 {
		d.warn("Reserved instances keep billing until they expire",
			"Reserved instances cannot be refunded. They were removed from Terraform state, auto-renewal is off so they lapse at expiry, "+
				"and they keep applying to matching instances until then: "+strings.Join(expiries, "; ")+".")
	}
	for _, p := range rec.Pending {
		d.warn("A purchase was never confirmed", e.candidates(ctx, region, p, ids))
	}
	return d
}

// candidates looks, with reads only, for the RIs an unconfirmed purchase
// may have bought (same shape and name, started since it was sent), and
// says how to stop them renewing: once the record is gone, nothing tracks
// them.
func (e *Engine) candidates(ctx context.Context, region string, p Pending, tracked []string) string {
	text := fmt.Sprintf("The purchase of %s for %s with ClientToken %s (%s) got no answer and was never confirmed; it may have bought a reserved instance that no state tracks now.",
		p.Shape, p.Term, p.Token, p.At)
	sent, _ := reservation.ParseAPITime(p.At)
	found, err := e.Session.Find(ctx, region, cloud.Filter{InstanceType: p.Shape.Type, ZoneID: p.Shape.Zone, Name: p.Name,
		Statuses: []cloud.Status{cloud.StatusCreating, cloud.StatusActive, cloud.StatusUpdating}})
	if err != nil {
		return text + fmt.Sprintf(" Looking for it failed (%v): look in the console for %s named %q, started since %s.", err, p.Shape, p.Name, p.At)
	}
	var lines []string
	for _, ri := range found {
		if ri.Shape != p.Shape || slices.Contains(tracked, ri.ID) || ri.Start.Before(sent.Truncate(time.Hour)) {
			continue
		}
		renews := "auto-renewal off"
		if ri.Renewal.Auto {
			renews = fmt.Sprintf("auto-renewal ON: it renews itself, and is charged, every %s", ri.Renewal.Term)
		}
		lines = append(lines, fmt.Sprintf("%s (started %s, expires %s, %s)", ri.ID, ri.StartText, ri.ExpiryText, renews))
	}
	if len(lines) == 0 {
		return text + " No reserved instance of that shape and name started since then, so it most likely bought nothing."
	}
	return text + " These reserved instances match it:\n" + strings.Join(lines, "\n") +
		"\n\nIf one is not yours otherwise, stop it renewing: switch its auto-renewal off in the console, or import it " +
		"(terraform import <address> " + region + ":<id>) and destroy it, which switches renewal off and says until when it bills."
}

// Query is what a data source asks for: the cloud's filter, and the
// filters no API has (a name pattern, an expiry horizon; nil and negative
// do not filter).
type Query struct {
	Region            string
	Filter            cloud.Filter
	NameRegex         *regexp.Regexp
	ExpiresWithinDays int
}

// Find lists the RIs a query matches within the read budget given by ctx.
func (e *Engine) Find(ctx context.Context, q Query, readTimeout time.Duration) ([]cloud.RI, Diagnostics) {
	var d Diagnostics
	found, err := e.Session.Find(ctx, q.Region, q.Filter)
	if err != nil {
		d.fail("Cannot list reserved instances", readFailure(err, readTimeout))
		return nil, d
	}
	matched := []cloud.RI{}
	for _, ri := range found {
		if (q.NameRegex == nil || q.NameRegex.MatchString(ri.Name)) && (q.ExpiresWithinDays < 0 || ExpiresWithin(ri, q.ExpiresWithinDays)) {
			matched = append(matched, ri)
		}
	}
	return matched, d
}
