package converge

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud/cloudtest"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// The engine's tests drive it the way Terraform drives the provider, in
// process, against the one fake cloud: a configuration becomes a plan (with
// the schema's defaults and what state keeps), the engine plans and
// applies it, the result must be what was planned, and a refresh followed
// by the same configuration must plan nothing. Every case runs on both
// clouds.

// cloudCase is one cloud's spec with names the cases use: three sizes of
// one family (factors 2, 4 and 8) and a type of another family.
type cloudCase struct {
	name                      string
	spec                      *Spec
	region, zone, zone2       string
	small, medium, large      string
	other                     string
	defaultUnit               string
	unconfiguredNameIsUnknown bool
}

var clouds = []cloudCase{
	{name: "alibaba", spec: Alibaba, region: "cn-hangzhou", zone: "cn-hangzhou-h", zone2: "cn-hangzhou-i",
		small: "ecs.g6.large", medium: "ecs.g6.xlarge", large: "ecs.g6.2xlarge", other: "ecs.c6.large", defaultUnit: reservation.Year,
		unconfiguredNameIsUnknown: true},
	{name: "volcengine", spec: Volcengine, region: "cn-beijing", zone: "cn-beijing-a", zone2: "cn-beijing-b",
		small: "ecs.g3i.large", medium: "ecs.g3i.xlarge", large: "ecs.g3i.2xlarge", other: "ecs.c3i.large", defaultUnit: reservation.Month},
}

// eachCloud runs a case on every cloud.
func eachCloud(t *testing.T, run func(t *testing.T, w *world)) {
	t.Helper()
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			run(t, newWorld(t, c))
		})
	}
}

func (c cloudCase) regional(typ string, n int) reservation.Shape {
	return reservation.Shape{Type: typ, Amount: n, Scope: reservation.ScopeRegion}
}

func (c cloudCase) zonal(typ string, n int) reservation.Shape {
	return reservation.Shape{Type: typ, Amount: n, Scope: reservation.ScopeZone, Zone: c.zone}
}

// conf is what a user writes; zero values are left out.
type conf struct {
	elems             []reservation.Shape
	months            int
	name, description *string
	tags              map[string]string
	autoRenew         bool
	renewMonths       int
	attrs             map[string]string
	startTime         string
	region            string
}

func text(s string) *string { return &s }

// world is one cloud, one reservation and what Terraform keeps of it.
type world struct {
	t     *testing.T
	c     cloudCase
	fake  *cloudtest.Fake
	e     *Engine
	ctx   context.Context
	state *Reservation
	rec   *Record
	// diags are the last operation's diagnostics; planned the last plan.
	diags   Diagnostics
	planned Planned
}

func newWorld(t *testing.T, c cloudCase) *world {
	fake := cloudtest.New(c.spec.Rules)
	fake.Region = c.region
	fake.Defaults = map[string]string{AttrProjectName: "default"}
	if c.spec == Alibaba {
		fake.Defaults = map[string]string{AttrPlatform: "Linux", AttrOfferingType: "All Upfront", AttrResourceGroupID: "rg-default"}
	}
	s := cloud.NewSession(fake.Backend(), cloud.Pacing{MaxRetries: 2, RetryBaseDelay: time.Millisecond, PollInterval: time.Millisecond})
	return &world{t: t, c: c, fake: fake, ctx: context.Background(), rec: &Record{},
		e: &Engine{Spec: c.spec, Session: s, Region: c.region, ExpiryWarningDays: 30, Now: fake.Now}}
}

// term writes months the way a user of the cloud would.
func (w *world) term(months int) (int, string) {
	if months == 0 {
		months = 1
		if w.c.defaultUnit == reservation.Year {
			months = 12
		}
	}
	if w.c.defaultUnit == reservation.Year && months%12 == 0 {
		return months / 12, reservation.Year
	}
	return months, reservation.Month
}

func (w *world) renewTerm(months int) reservation.Term {
	if w.c.defaultUnit == reservation.Year && months%12 == 0 {
		return reservation.Term{Period: months / 12, Unit: reservation.Year}
	}
	return reservation.Term{Period: months, Unit: reservation.Month}
}

// config is the configuration as Terraform reads it.
func (w *world) config(c conf) *Reservation {
	r := &Reservation{ID: Null[string](), Region: Null[string](), ElementsKnown: true, Period: Null[int](), PeriodUnit: Null[string](),
		Name: Null[string](), Description: Null[string](), Tags: Null[map[string]string](), AutoRenew: Null[bool](),
		RenewalTerm: Null[reservation.Term](), StartTime: Null[string](), Status: Null[string](), ExpiredTime: Null[string](),
		Attrs: map[string]Val[string]{}, Locks: Null[[]string]()}
	for _, s := range c.elems {
		r.Elements = append(r.Elements, Element{Shape: s, ShapeKnown: true, ID: Null[string](), Status: Null[string](), Expiry: Null[string]()})
	}
	if c.region != "" {
		r.Region = Known(c.region)
	}
	if c.months != 0 {
		p, u := w.term(c.months)
		r.Period, r.PeriodUnit = Known(p), Known(u)
	}
	if c.name == nil && w.c.spec.Rules.RenameByModify {
		c.name = text("ri") // Volcengine requires a name
	}
	if c.name != nil {
		r.Name = Known(*c.name)
	}
	if c.description != nil {
		r.Description = Known(*c.description)
	}
	if c.tags != nil {
		r.Tags = Known(maps.Clone(c.tags))
	}
	if c.autoRenew {
		r.AutoRenew = Known(true)
	}
	if c.renewMonths != 0 {
		r.RenewalTerm = Known(w.renewTerm(c.renewMonths))
	}
	if c.startTime != "" {
		r.StartTime = Known(c.startTime)
	}
	for _, name := range w.attrNames() {
		r.Attrs[name] = Null[string]()
		if v, ok := c.attrs[name]; ok {
			r.Attrs[name] = Known(v)
		}
	}
	return r
}

func (w *world) attrNames() []string {
	if w.c.spec == Alibaba {
		return []string{AttrPlatform, AttrOfferingType, AttrResourceGroupID}
	}
	return []string{AttrProjectName}
}

// proposed is the plan before the provider modifies it: the
// configuration, the schema's defaults, and what state keeps of computed
// values (by list index, as Terraform does for nested attributes).
func (w *world) proposed(config, state *Reservation) *Reservation {
	p := config.Clone()
	keep := func(v *Val[string], prior func(*Reservation) Val[string]) {
		if v.Null {
			*v = Unknown[string]()
			if state != nil {
				*v = prior(state)
			}
		}
	}
	keep(&p.ID, func(s *Reservation) Val[string] { return s.ID })
	keep(&p.Region, func(s *Reservation) Val[string] { return s.Region })
	keep(&p.Status, func(s *Reservation) Val[string] { return s.Status })
	keep(&p.ExpiredTime, func(s *Reservation) Val[string] { return s.ExpiredTime })
	keep(&p.StartTime, func(s *Reservation) Val[string] { return s.StartTime })
	if !w.c.spec.Rules.RenameByModify {
		keep(&p.Name, func(s *Reservation) Val[string] { return s.Name })
	}
	if w.c.spec.KeepsDescription {
		keep(&p.Description, func(s *Reservation) Val[string] { return s.Description })
	}
	if p.Period.Null {
		p.Period, p.PeriodUnit = Known(1), Known(w.c.defaultUnit)
	}
	if p.PeriodUnit.Null {
		p.PeriodUnit = Known(w.c.defaultUnit)
	}
	if p.AutoRenew.Null {
		p.AutoRenew = Known(false)
	}
	if p.RenewalTerm.Null {
		p.RenewalTerm = Known(w.c.spec.DefaultRenewal)
	}
	defaults := map[string]string{AttrPlatform: "Linux", AttrOfferingType: "All Upfront"}
	for name, v := range p.Attrs {
		if !v.Null {
			continue
		}
		if d, ok := defaults[name]; ok {
			p.Attrs[name] = Known(d)
			continue
		}
		p.Attrs[name] = Unknown[string]()
		if state != nil {
			p.Attrs[name] = state.Attrs[name]
		}
	}
	if w.c.spec == Alibaba {
		p.Locks = Unknown[[]string]()
		if state != nil {
			p.Locks = state.Locks
		}
	}
	for i := range p.Elements {
		e := &p.Elements[i]
		e.ID, e.Status, e.Expiry = Unknown[string](), Unknown[string](), Unknown[string]()
		if state != nil && i < len(state.Elements) {
			s := state.Elements[i]
			e.ID, e.Status, e.Expiry = s.ID, s.Status, s.Expiry
		}
	}
	return p
}

// plan plans c against the current state.
func (w *world) plan(c conf) Planned {
	config := w.config(c)
	p := w.proposed(config, w.state)
	if w.state == nil {
		w.planned = w.e.PlanCreate(p)
	} else {
		w.planned = w.e.PlanChange(p, config, w.state, w.rec)
	}
	w.diags = w.planned.Diags
	return w.planned
}

// apply plans and applies c as Terraform would, checking that the result
// is what was planned; it returns the apply's diagnostics (the plan's are
// in w.planned).
func (w *world) apply(c conf) Diagnostics {
	w.t.Helper()
	config := w.config(c)
	planned := w.plan(c)
	if planned.Diags.HasError() {
		return planned.Diags
	}
	if w.state != nil && len(planned.Replace) == 0 && len(diffs(planned.Plan, w.state)) == 0 {
		w.diags = nil
		return nil // nothing to do: Terraform calls no apply
	}
	prior := w.state
	if len(planned.Replace) > 0 {
		w.diags = w.e.Release(w.ctx, prior, w.rec)
		prior, w.rec = nil, &Record{}
		planned = w.e.PlanCreate(w.proposed(config, nil))
	}
	applied := w.e.Apply(w.ctx, Change{Plan: planned.Plan, Config: config, State: prior, Record: w.rec})
	w.diags = applied.Diags
	w.rec = applied.Record
	if applied.State == nil {
		return applied.Diags
	}
	w.asModel(applied.State)
	// Terraform checks the result only of an apply that succeeded.
	if err := consistent(planned.Plan, applied.State); err != nil && !applied.Diags.HasError() {
		w.t.Fatalf("inconsistent result after apply: %v", err)
	}
	w.state = applied.State
	return applied.Diags
}

// asModel keeps of r what the cloud's model holds: Volcengine reports no
// lock reasons.
func (w *world) asModel(r *Reservation) {
	if w.c.spec != Alibaba {
		r.Locks = Null[[]string]()
	}
}

// refresh reads the reservation back, as every plan does first.
func (w *world) refresh() Refreshed {
	w.t.Helper()
	r := w.e.Refresh(w.ctx, w.state, w.rec, time.Minute)
	w.diags = r.Diags
	if r.Gone {
		w.state = nil
	} else if r.State != nil {
		w.asModel(r.State)
		w.state, w.rec = r.State, r.Record
	}
	return r
}

// settle applies c, refreshes, and checks that c then plans nothing.
func (w *world) settle(c conf) {
	w.t.Helper()
	if d := w.apply(c); d.HasError() {
		w.t.Fatalf("apply: %v", d)
	}
	w.refresh()
	w.expectNoChange(c)
}

// expectNoChange checks that c plans no change and no call.
func (w *world) expectNoChange(c conf) {
	w.t.Helper()
	calls := len(w.fake.Calls())
	p := w.plan(c)
	if d := diffs(p.Plan, w.state); len(d) > 0 || len(p.Diags) > 0 || len(p.Replace) > 0 {
		w.t.Fatalf("the plan after apply and refresh is not empty: %v %v %v", d, p.Diags, p.Replace)
	}
	if n := len(w.fake.Calls()); n != calls {
		w.t.Fatalf("a plan made %d calls", n-calls)
	}
}

// consistent checks what Terraform checks after an apply: every value the
// plan knew is what the apply produced, and nothing is left unknown.
func consistent(planned, applied *Reservation) error {
	var problems []string
	check := func(name string, p, a any, pKnown, aUnknown bool) {
		if aUnknown {
			problems = append(problems, name+" is still unknown")
		}
		if pKnown && !reflect.DeepEqual(p, a) {
			problems = append(problems, fmt.Sprintf("%s: planned %v, got %v", name, p, a))
		}
	}
	str := func(name string, p, a Val[string]) { check(name, p, a, !p.Unknown, a.Unknown) }
	str("id", planned.ID, applied.ID)
	str("region_id", planned.Region, applied.Region)
	str("name", planned.Name, applied.Name)
	str("description", planned.Description, applied.Description)
	str("start_time", planned.StartTime, applied.StartTime)
	str("status", planned.Status, applied.Status)
	str("expired_time", planned.ExpiredTime, applied.ExpiredTime)
	check("period", planned.Period, applied.Period, !planned.Period.Unknown, applied.Period.Unknown)
	check("period_unit", planned.PeriodUnit, applied.PeriodUnit, !planned.PeriodUnit.Unknown, applied.PeriodUnit.Unknown)
	check("tags", planned.Tags, applied.Tags, !planned.Tags.Unknown, applied.Tags.Unknown)
	check("auto_renew", planned.AutoRenew, applied.AutoRenew, !planned.AutoRenew.Unknown, applied.AutoRenew.Unknown)
	check("renewal term", planned.RenewalTerm, applied.RenewalTerm, !planned.RenewalTerm.Unknown, applied.RenewalTerm.Unknown)
	check("locks", planned.Locks, applied.Locks, !planned.Locks.Unknown, applied.Locks.Unknown)
	for name, v := range planned.Attrs {
		str(name, v, applied.Attrs[name])
	}
	if len(planned.Elements) != len(applied.Elements) {
		problems = append(problems, fmt.Sprintf("%d elements planned, %d applied", len(planned.Elements), len(applied.Elements)))
	} else {
		for i, p := range planned.Elements {
			a := applied.Elements[i]
			if p.Shape != a.Shape {
				problems = append(problems, fmt.Sprintf("configurations[%d]: planned %s, got %s", i, p.Shape, a.Shape))
			}
			str(fmt.Sprintf("configurations[%d].id", i), p.ID, a.ID)
			str(fmt.Sprintf("configurations[%d].status", i), p.Status, a.Status)
			str(fmt.Sprintf("configurations[%d].expired_time", i), p.Expiry, a.Expiry)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// diffs lists the attributes in which a plan differs from state.
func diffs(plan, state *Reservation) []string {
	var out []string
	add := func(name string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			out = append(out, fmt.Sprintf("%s: %v -> %v", name, b, a))
		}
	}
	add("id", plan.ID, state.ID)
	add("region_id", plan.Region, state.Region)
	add("period", plan.Period, state.Period)
	add("period_unit", plan.PeriodUnit, state.PeriodUnit)
	add("name", plan.Name, state.Name)
	add("description", plan.Description, state.Description)
	add("tags", normalTags(plan.Tags), normalTags(state.Tags))
	add("auto_renew", plan.AutoRenew, state.AutoRenew)
	add("renewal term", plan.RenewalTerm, state.RenewalTerm)
	add("start_time", plan.StartTime, state.StartTime)
	add("status", plan.Status, state.Status)
	add("expired_time", plan.ExpiredTime, state.ExpiredTime)
	add("locks", plan.Locks, state.Locks)
	for _, k := range slices.Sorted(maps.Keys(plan.Attrs)) {
		add(k, plan.Attrs[k], state.Attrs[k])
	}
	add("configurations", plan.Elements, state.Elements)
	return out
}

func normalTags(v Val[map[string]string]) Val[map[string]string] {
	if v.IsKnown() && len(v.V) == 0 {
		return Known(map[string]string{})
	}
	return v
}

// summaries are the diagnostics' severities and summaries, in order.
func summaries(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		sev := "warning"
		if d.Severity == Error {
			sev = "error"
		}
		out = append(out, sev+": "+d.Summary)
	}
	return out
}

// detail is the detail of the diagnostic with the summary, or "".
func detail(ds Diagnostics, summary string) string {
	for _, d := range ds {
		if d.Summary == summary {
			return d.Detail
		}
	}
	return ""
}

// expectSummaries checks the diagnostics, in order.
func (w *world) expectSummaries(want ...string) {
	w.t.Helper()
	if got := summaries(w.diags); strings.Join(got, "|") != strings.Join(want, "|") {
		w.t.Fatalf("diagnostics %q, want %q\n%v", got, want, w.diags)
	}
}

// expectDetail checks that the diagnostic with the summary says every part.
func (w *world) expectDetail(summary string, parts ...string) {
	w.t.Helper()
	d := detail(w.diags, summary)
	for _, p := range parts {
		if !strings.Contains(d, p) {
			w.t.Fatalf("%q does not say %q:\n%s", summary, p, d)
		}
	}
}

// ids are the RI IDs state records, in order.
func (w *world) ids() []string { return BoughtIDs(w.state.Elements) }

// live are the shapes of the live RIs the fake holds, sorted.
func (w *world) live() []string {
	var out []string
	for _, ri := range w.fake.Live() {
		out = append(out, ri.String())
	}
	slices.Sort(out)
	return out
}

// expectLive checks the live RIs' shapes.
func (w *world) expectLive(shapes ...reservation.Shape) {
	w.t.Helper()
	var want []string
	for _, s := range shapes {
		want = append(want, s.String())
	}
	slices.Sort(want)
	if got := w.live(); !slices.Equal(got, want) {
		w.t.Fatalf("live RIs %v, want %v", got, want)
	}
}

// expectCalls checks how many calls of each method took effect.
func (w *world) expectCalls(counts map[string]int) {
	w.t.Helper()
	for m, n := range counts {
		if got := w.fake.Count(m); got != n {
			w.t.Fatalf("%d %s calls took effect, want %d (calls: %s)", got, m, n, w.fake.Methods())
		}
	}
}
