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

// record writes what the cloud reports into m: every element's RI, the
// decoration its RIs carry (drift on any RI shows), the term after an
// import, and the aggregates. Elements without an RI are kept. It returns
// the RIs present; none and nothing pending means the reservation is gone.
func (r *reservationResource) record(ctx context.Context, m reservationModel, rec *privateRecord, seen map[string]cloud.RI, diags *diag.Diagnostics) []cloud.RI {
	elems, present, vanished := r.observeElements(ctx, m, seen, diags)
	if len(vanished) > 0 {
		diags.AddWarning("Some reserved instances no longer exist",
			fmt.Sprintf("%s no longer exist and were removed from this resource's state.", strings.Join(vanished, ", ")))
	}
	if len(present) == 0 {
		r.setElements(ctx, m, elems, diags)
		m.common().ID = types.StringValue("")
		r.recordAggregates(m, elems, nil)
		nullUnknowns(m)
		return nil
	}
	importing := m.common().Period.IsNull() || m.common().Period.IsUnknown()
	if importing {
		r.recordImportedTerm(m, present[0], rec, diags)
	}
	r.setElements(ctx, m, elems, diags)
	m.common().ID = types.StringValue(strings.Join(boughtIDs(elems), ","))
	recorded := r.recordDecoration(ctx, m, decorated(present), diags)
	r.recordDrift(rec, decorated(present), recorded)
	r.recordFixed(m, present, rec)
	r.recordAggregates(m, elems, present)
	rec.keepAnchors(boughtIDs(elems))
	return present
}

// observeElements rebuilds the elements from the RIs seen, keeping elements
// not bought yet; after an import only the IDs are known.
func (r *reservationResource) observeElements(ctx context.Context, m reservationModel, seen map[string]cloud.RI, diags *diag.Diagnostics) ([]element, []cloud.RI, []string) {
	prior, ok := r.elements(ctx, m, diags)
	if !ok || len(prior) == 0 {
		prior = nil
		for _, id := range recordedIDs(ctx, r.spec.codec, m.common()) {
			prior = append(prior, element{id: types.StringValue(id)})
		}
	}
	var elems []element
	var present []cloud.RI
	var vanished []string
	for _, e := range prior {
		if !e.bought() {
			e.expiry = types.StringNull()
			elems = append(elems, e)
			continue
		}
		ri, ok := seen[e.id.ValueString()]
		if !ok {
			vanished = append(vanished, e.id.ValueString())
			continue
		}
		present = append(present, ri)
		elems = append(elems, elementOf(ri))
	}
	return elems, present, vanished
}

// nullUnknowns records what nothing reported as null: computed values of a
// reservation none of whose RIs is known yet.
func nullUnknowns(m reservationModel) {
	c := m.common()
	for _, s := range []*types.String{&c.Name, &c.Description, &c.StartTime, &c.Status, &c.ExpiredTime} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	for _, s := range m.attrs() {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
}

func elementOf(ri cloud.RI) element {
	return element{shape: ri.Shape, known: true, id: types.StringValue(ri.ID), status: types.StringValue(ri.RawStatus), expiry: types.StringValue(ri.ExpiryText)}
}

// decorated are the RIs whose decoration counts: the live ones, or all when
// none is live (a lapsed reservation still shows what it carried).
func decorated(present []cloud.RI) []cloud.RI {
	var live []cloud.RI
	for _, ri := range present {
		if ri.Status.Live() {
			live = append(live, ri)
		}
	}
	if len(live) == 0 {
		return present
	}
	return live
}

// recordDecoration picks, for each decoration attribute, the value its RIs
// agree on or, when they disagree, a drifted one (see consensus), and
// returns the decoration state now records.
func (r *reservationResource) recordDecoration(ctx context.Context, m reservationModel, ris []cloud.RI, diags *diag.Diagnostics) riDecoration {
	c := m.common()
	var out riDecoration
	pick := func(attr types.String, get func(cloud.RI) string) (types.String, string) {
		values := make([]string, len(ris))
		for i, ri := range ris {
			values[i] = get(ri)
		}
		v := consensus(attr.ValueString(), !attr.IsUnknown(), values)
		return nullIfEmpty(v), v
	}
	c.Name, out.Name = pick(c.Name, func(ri cloud.RI) string { return ri.Name })
	c.Description, out.Description = pick(c.Description, func(ri cloud.RI) string { return ri.Description })
	for _, l := range r.spec.labels {
		attr := m.attrs()[l]
		var v string
		*attr, v = pick(*attr, func(ri cloud.RI) string { return ri.Attrs[l] })
		if out.Labels == nil {
			out.Labels = map[string]string{}
		}
		out.Labels[l] = v
	}
	out.Tags = r.recordTags(ctx, c, ris, diags)
	out.AutoRenew, out.RenewMonths = r.recordRenewal(m, ris)
	return out
}

func (r *reservationResource) recordTags(ctx context.Context, c *reservationCommon, ris []cloud.RI, diags *diag.Diagnostics) map[string]string {
	values := make([]string, len(ris))
	byKey := map[string]map[string]string{}
	for i, ri := range ris {
		values[i] = tagsKey(ri.Tags)
		byKey[values[i]] = ri.Tags
	}
	key := consensus(tagsKey(tagsOf(ctx, c.Tags)), !c.Tags.IsUnknown(), values)
	tags := byKey[key]
	if tags == nil {
		tags = map[string]string{}
	}
	if len(tags) > 0 || !c.Tags.IsNull() {
		v, d := types.MapValueFrom(ctx, types.StringType, tags)
		diags.Append(d...)
		c.Tags = v
	}
	return tags
}

// recordRenewal records auto-renewal; the length keeps the configuration's
// spelling (1 Year, 12 Months) when it is the same length.
func (r *reservationResource) recordRenewal(m reservationModel, ris []cloud.RI) (bool, int) {
	c := m.common()
	priorTerm, priorKnown := m.renewalTerm()
	key := func(auto bool, months int) string { return fmt.Sprintf("%t/%d", auto, months) }
	values := make([]string, len(ris))
	byKey := map[string]cloud.Renewal{}
	for i, ri := range ris {
		months := 0
		if ri.Renewal.Auto {
			months = ri.Renewal.Term.Months()
		}
		values[i] = key(ri.Renewal.Auto, months)
		byKey[values[i]] = ri.Renewal
	}
	priorMonths := 0
	if c.AutoRenew.ValueBool() {
		priorMonths = priorTerm.Months()
	}
	picked := consensus(key(c.AutoRenew.ValueBool(), priorMonths), !c.AutoRenew.IsUnknown() && priorKnown, values)
	renewal := byKey[picked]
	c.AutoRenew = types.BoolValue(renewal.Auto)
	switch {
	case renewal.Auto && (!priorKnown || priorTerm.Months() != renewal.Term.Months()) && renewal.Term.Period > 0:
		m.setRenewalTerm(renewal.Term)
	case !priorKnown:
		m.setRenewalTerm(r.spec.defaultRenewal)
	}
	if !renewal.Auto {
		return false, 0
	}
	return true, renewal.Term.Months()
}

// recordDrift notes the RIs whose decoration is not the one recorded.
func (r *reservationResource) recordDrift(rec *privateRecord, ris []cloud.RI, recorded riDecoration) {
	rec.Drift = nil
	for _, ri := range ris {
		d := decorationOf(ri, r.spec.labels)
		if !(wanted{name: &recorded.Name, description: &recorded.Description, tags: recorded.Tags,
			renewal: &cloud.Renewal{Auto: recorded.AutoRenew, Term: reservation.Term{Period: recorded.RenewMonths, Unit: reservation.Month}},
			labels:  recorded.Labels}).changeFor(d).empty() {
			if rec.Drift == nil {
				rec.Drift = map[string]riDecoration{}
			}
			rec.Drift[ri.ID] = d
		}
	}
}

// recordFixed records the attributes set at purchase, from the first RI,
// and start_time: the start of the reservation's term, which stays what it
// was while any RI still runs on it (elements bought later start later),
// else the earliest start of a term among the RIs.
func (r *reservationResource) recordFixed(m reservationModel, present []cloud.RI, rec *privateRecord) {
	first := present[0]
	for _, f := range r.spec.fixedAttrs {
		if attr, ok := m.attrs()[f.name]; ok {
			*attr = nullIfEmpty(first.Attrs[f.name])
		}
	}
	c := m.common()
	var earliest time.Time
	for _, ri := range present {
		s := termStart(ri, rec)
		if sameInstant(c.StartTime.ValueString(), reservation.FormatAPITime(s)) {
			return
		}
		if !s.IsZero() && (earliest.IsZero() || s.Before(earliest)) {
			earliest = s
		}
	}
	if earliest.IsZero() {
		c.StartTime = nullIfEmpty(first.StartText)
		return
	}
	c.StartTime = types.StringValue(reservation.FormatAPITime(earliest))
}

// termStart is when the term an RI runs on started: its anchor, else the
// start the API reports.
func termStart(ri cloud.RI, rec *privateRecord) time.Time {
	if a, ok := rec.anchor(ri.ID); ok {
		return a
	}
	return ri.Start
}

// recordImportedTerm derives the term of an imported reservation from its
// first RI, and anchors every RI at its own start.
func (r *reservationResource) recordImportedTerm(m reservationModel, first cloud.RI, rec *privateRecord, diags *diag.Diagnostics) {
	c := m.common()
	rules := r.spec.rules
	months := rules.PurchaseTerms[0].Months()
	if term, ok := reservation.DeriveTerm(first.Start, first.Expiry); ok {
		months = term.Months()
		rec.setAnchor(first.ID, first.Start)
	} else {
		diags.AddWarning("Term not recognised",
			fmt.Sprintf("%s runs from %s to %s, which is not a whole number of months; period is recorded as %s. Set period and period_unit to what you bought.",
				first.ID, first.StartText, first.ExpiryText, termIn(rules, months)))
	}
	t := termIn(rules, months)
	c.Period, c.PeriodUnit = types.Int64Value(int64(t.Period)), types.StringValue(t.Unit)
}

// termIn writes months in the cloud's preferred unit: whole years as years
// where years come first.
func termIn(rules *reservation.Rules, months int) reservation.Term {
	if rules.TermUnits[0] == reservation.Year && months%12 == 0 {
		return reservation.Term{Period: months / 12, Unit: reservation.Year}
	}
	return reservation.Term{Period: months, Unit: reservation.Month}
}

// recordAggregates: status is the first status that is not active (an
// element without an RI counts), expired_time the earliest expiry, and the
// lock reasons of every RI.
func (r *reservationResource) recordAggregates(m reservationModel, elems []element, present []cloud.RI) {
	c := m.common()
	status, expired := "", ""
	for _, e := range elems {
		s := e.status.ValueString()
		if status == "" || cloud.ParseStatus(status) == cloud.StatusActive && cloud.ParseStatus(s) != cloud.StatusActive {
			status = s
		}
	}
	locks := map[string]bool{}
	for _, ri := range present {
		if expired == "" || ri.Expiry.Before(mustTime(expired)) {
			expired = ri.ExpiryText
		}
		for _, l := range ri.Locks {
			locks[l] = true
		}
	}
	c.Status, c.ExpiredTime = nullIfEmpty(status), nullIfEmpty(expired)
	names := make([]string, 0, len(locks))
	for l := range locks {
		names = append(names, l)
	}
	sort.Strings(names)
	m.setLocks(names)
}

func mustTime(s string) time.Time {
	t, _ := reservation.ParseAPITime(s)
	return t
}

// sameInstant compares a configured time (yyyy-MM-ddTHHZ) with the API's
// (yyyy-MM-ddTHH:mmZ), so the two spellings cause no diff.
func sameInstant(a, b string) bool {
	ta, err1 := reservation.ParseAPITime(a)
	tb, err2 := reservation.ParseAPITime(b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

// owed is how many months of renewal an RI needs to reach months of term,
// measured from its real expiry. An RI with no recorded anchor is taken to
// be at term: nothing is renewed on a guess.
func owed(rec *privateRecord, id string, expiry time.Time, months int) int {
	anchor, ok := rec.anchor(id)
	if !ok || expiry.IsZero() {
		return 0
	}
	return reservation.MonthsOwed(anchor, months, expiry)
}
