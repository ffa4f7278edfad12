package converge

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// observe writes what the cloud reports into m: every element's RI, the
// decoration its RIs carry (drift on any RI shows), the term after an
// import, and the aggregates. Elements without an RI are kept. It returns
// the RIs present; none and nothing pending means the reservation is gone.
func (s *Spec) observe(m *Reservation, rec *Record, seen map[string]cloud.RI, diags *Diagnostics) []cloud.RI {
	elems, present, vanished := observeElements(m, seen)
	if len(vanished) > 0 {
		diags.warn("Some reserved instances no longer exist",
			fmt.Sprintf("%s no longer exist and were removed from this resource's state.", strings.Join(vanished, ", ")))
	}
	m.Elements, m.ElementsKnown = elems, true
	if len(present) == 0 {
		m.ID = Known("")
		recordAggregates(m, nil)
		nullUnknowns(m)
		return nil
	}
	if !m.Period.IsKnown() {
		s.recordImportedTerm(m, present[0], rec, diags)
	}
	m.ID = Known(strings.Join(BoughtIDs(elems), ","))
	recorded := s.recordDecoration(m, decorated(present))
	s.recordDrift(rec, decorated(present), recorded)
	s.recordFixed(m, present, rec)
	recordAggregates(m, present)
	rec.keepAnchors(BoughtIDs(elems))
	return present
}

// observeElements rebuilds the elements from the RIs seen, keeping elements
// not bought yet; after an import only the IDs are known.
func observeElements(m *Reservation, seen map[string]cloud.RI) ([]Element, []cloud.RI, []string) {
	prior := m.Elements
	if !m.ElementsKnown || len(prior) == 0 {
		prior = nil
		for _, id := range m.RecordedIDs() {
			prior = append(prior, Element{ID: Known(id)})
		}
	}
	var elems []Element
	var present []cloud.RI
	var vanished []string
	for _, e := range prior {
		if !e.Bought() {
			e.Expiry = Null[string]()
			elems = append(elems, e)
			continue
		}
		ri, ok := seen[e.ID.V]
		if !ok {
			vanished = append(vanished, e.ID.V)
			continue
		}
		present = append(present, ri)
		elems = append(elems, ElementOf(ri))
	}
	return elems, present, vanished
}

// ElementOf is the element of an RI as the cloud reports it.
func ElementOf(ri cloud.RI) Element {
	return Element{Shape: ri.Shape, ShapeKnown: true, ID: Known(ri.ID), Status: Known(ri.RawStatus), Expiry: Known(ri.ExpiryText)}
}

// nullUnknowns records what nothing reported as null: computed values of a
// reservation none of whose RIs is known yet.
func nullUnknowns(m *Reservation) {
	for _, v := range []*Val[string]{&m.Name, &m.Description, &m.StartTime, &m.Status, &m.ExpiredTime} {
		if v.Unknown {
			*v = Null[string]()
		}
	}
	for k, v := range m.Attrs {
		if v.Unknown {
			m.Attrs[k] = Null[string]()
		}
	}
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
func (s *Spec) recordDecoration(m *Reservation, ris []cloud.RI) Decoration {
	var out Decoration
	pick := func(attr Val[string], get func(cloud.RI) string) (Val[string], string) {
		values := make([]string, len(ris))
		for i, ri := range ris {
			values[i] = get(ri)
		}
		v := consensus(attr.V, !attr.Unknown, values)
		return Opt(v), v
	}
	m.Name, out.Name = pick(m.Name, func(ri cloud.RI) string { return ri.Name })
	m.Description, out.Description = pick(m.Description, func(ri cloud.RI) string { return ri.Description })
	for _, l := range s.Labels {
		var v string
		m.Attrs[l], v = pick(m.Attrs[l], func(ri cloud.RI) string { return ri.Attrs[l] })
		if out.Labels == nil {
			out.Labels = map[string]string{}
		}
		out.Labels[l] = v
	}
	out.Tags = recordTags(m, ris)
	out.AutoRenew, out.RenewMonths = s.recordRenewal(m, ris)
	return out
}

func recordTags(m *Reservation, ris []cloud.RI) map[string]string {
	values := make([]string, len(ris))
	byKey := map[string]map[string]string{}
	for i, ri := range ris {
		values[i] = tagsKey(ri.Tags)
		byKey[values[i]] = ri.Tags
	}
	key := consensus(tagsKey(m.Tags.V), !m.Tags.Unknown, values)
	tags := byKey[key]
	if tags == nil {
		tags = map[string]string{}
	}
	if len(tags) > 0 || !m.Tags.Null {
		m.Tags = Known(tags)
	}
	return tags
}

// recordRenewal records auto-renewal; the length keeps the configuration's
// spelling (1 Year, 12 Months) when it is the same length.
func (s *Spec) recordRenewal(m *Reservation, ris []cloud.RI) (bool, int) {
	priorTerm, priorKnown := m.RenewalTerm.V, m.RenewalTerm.IsKnown()
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
	if m.AutoRenew.V {
		priorMonths = priorTerm.Months()
	}
	picked := consensus(key(m.AutoRenew.V, priorMonths), !m.AutoRenew.Unknown && priorKnown, values)
	renewal := byKey[picked]
	m.AutoRenew = Known(renewal.Auto)
	switch {
	case renewal.Auto && (!priorKnown || priorTerm.Months() != renewal.Term.Months()) && renewal.Term.Period > 0:
		m.RenewalTerm = Known(renewal.Term)
	case !priorKnown:
		m.RenewalTerm = Known(s.DefaultRenewal)
	}
	if !renewal.Auto {
		return false, 0
	}
	return true, renewal.Term.Months()
}

// recordDrift notes the RIs whose decoration is not the one recorded.
func (s *Spec) recordDrift(rec *Record, ris []cloud.RI, recorded Decoration) {
	rec.Drift = nil
	for _, ri := range ris {
		d := decorationOf(ri, s.Labels)
		if !recorded.wanted().changeFor(d).empty() {
			if rec.Drift == nil {
				rec.Drift = map[string]Decoration{}
			}
			rec.Drift[ri.ID] = d
		}
	}
}

// recordFixed records the attributes set at purchase, from the first RI,
// and start_time: the start of the reservation's term, which stays what it
// was while any RI still runs on it (elements bought later start later),
// else the earliest start of a term among the RIs.
func (s *Spec) recordFixed(m *Reservation, present []cloud.RI, rec *Record) {
	first := present[0]
	for _, f := range s.FixedAttrs {
		if _, ok := m.Attrs[f.Name]; ok {
			m.Attrs[f.Name] = Opt(first.Attrs[f.Name])
		}
	}
	var earliest time.Time
	for _, ri := range present {
		start := termStart(ri, rec)
		if sameInstant(m.StartTime.V, reservation.FormatAPITime(start)) {
			return
		}
		if !start.IsZero() && (earliest.IsZero() || start.Before(earliest)) {
			earliest = start
		}
	}
	if earliest.IsZero() {
		m.StartTime = Opt(first.StartText)
		return
	}
	m.StartTime = Known(reservation.FormatAPITime(earliest))
}

// termStart is when the term an RI runs on started: its anchor, else the
// start the API reports.
func termStart(ri cloud.RI, rec *Record) time.Time {
	if a, ok := rec.anchor(ri.ID); ok {
		return a
	}
	return ri.Start
}

// recordImportedTerm derives the term of an imported reservation from its
// first RI, and anchors every RI at its own start.
func (s *Spec) recordImportedTerm(m *Reservation, first cloud.RI, rec *Record, diags *Diagnostics) {
	rules := s.Rules
	months := rules.PurchaseTerms[0].Months()
	if term, ok := reservation.DeriveTerm(first.Start, first.Expiry); ok {
		months = term.Months()
		rec.setAnchor(first.ID, first.Start)
	} else {
		diags.warn("Term not recognised",
			fmt.Sprintf("%s runs from %s to %s, which is not a whole number of months; period is recorded as %s. Set period and period_unit to what you bought.",
				first.ID, first.StartText, first.ExpiryText, termIn(rules, months)))
	}
	t := termIn(rules, months)
	m.Period, m.PeriodUnit = Known(t.Period), Known(t.Unit)
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
func recordAggregates(m *Reservation, present []cloud.RI) {
	status := ""
	for _, e := range m.Elements {
		st := e.Status.V
		if status == "" || cloud.ParseStatus(status) == cloud.StatusActive && cloud.ParseStatus(st) != cloud.StatusActive {
			status = st
		}
	}
	var earliest cloud.RI
	locks := map[string]bool{}
	for i, ri := range present {
		if i == 0 || ri.Expiry.Before(earliest.Expiry) {
			earliest = ri
		}
		for _, l := range ri.Locks {
			locks[l] = true
		}
	}
	m.Status, m.ExpiredTime = Opt(status), Opt(earliest.ExpiryText)
	names := []string{}
	for l := range locks {
		names = append(names, l)
	}
	slices.Sort(names)
	m.Locks = Known(names)
}

// sameInstant compares a configured time (yyyy-MM-ddTHHZ) with the API's
// (yyyy-MM-ddTHH:mmZ), so the two spellings cause no diff.
func sameInstant(a, b string) bool {
	ta, err1 := reservation.ParseAPITime(a)
	tb, err2 := reservation.ParseAPITime(b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

func mustTime(s string) time.Time {
	t, _ := reservation.ParseAPITime(s)
	return t
}
