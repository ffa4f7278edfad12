// Package cloudtest holds the one fake cloud every engine and adapter test
// runs against: an in-memory cloud.Backend with either cloud's rules, whose
// RIs behave as the real ones do where the engine can tell (purchases and
// modifications pending for a while, ClientTokens honoured, sources of a
// modification inactive, renewals extending expiries), with a call log and
// failures on demand.
package cloudtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Fake is an in-memory cloud. It is safe for concurrent use.
type Fake struct {
	rules *reservation.Rules

	mu sync.Mutex
	// Region is where RIs are bought when a request names none.
	Region string
	// Pending is how many reads a bought or modified RI stays pending.
	Pending int
	// Defaults are the attributes the cloud gives an RI a purchase or a
	// seed leaves out (Alibaba's platform, Volcengine's project).
	Defaults map[string]string
	now      time.Time
	seq      int
	ris      map[string]*record
	order    []string
	tokens   map[string]string
	renewed  map[string]bool
	calls    []Call
	faults   []fault
	hooks    map[string]func(Call)
}

type record struct {
	ri      cloud.RI
	pending int
}

// Call is one call the fake answered.
type Call struct {
	Method string
	Region string
	IDs    []string
	Token  string
	Term   reservation.Term
	// Replayed: a ClientToken seen before; nothing was done again.
	Replayed bool
	// Failed: the call failed before it took effect.
	Failed bool
	// Dropped: the call took effect and its answer was lost.
	Dropped bool
}

// fault is a failure planned for the next calls of a method.
type fault struct {
	method string
	times  int
	err    error
	// drop: carry the call out, then lose the answer.
	drop bool
}

// New is a fake cloud with the rules given; its clock starts at the
// current hour.
func New(rules *reservation.Rules) *Fake {
	return &Fake{rules: rules, Region: "region-1", now: time.Now().UTC().Truncate(time.Hour), ris: map[string]*record{},
		tokens: map[string]string{}, renewed: map[string]bool{}}
}

// Backend is the fake as a cloud.Backend, with an in-place rename where
// the rules do not say RenameByModify.
func (f *Fake) Backend() cloud.Backend {
	if f.rules.RenameByModify {
		return f
	}
	return renaming{f}
}

// Rules are the fake's.
func (f *Fake) Rules() *reservation.Rules { return f.rules }

// ReadLimits are small, so batching shows in tests.
func (f *Fake) ReadLimits() cloud.ReadLimits {
	return cloud.ReadLimits{MaxIDs: 100, MaxRenewalIDs: 100, SnapshotThreshold: 40}
}

// Now is the fake's clock.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Advance moves the clock; RIs whose expiry passed expire.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	for _, r := range f.ris {
		if r.ri.Status.Live() && !r.ri.Expiry.After(f.now) {
			if r.ri.Renewal.Auto {
				r.ri.Expiry = reservation.Extend(r.ri.Expiry, r.ri.Renewal.Term.Months())
				r.ri.ExpiryText = reservation.FormatAPITime(r.ri.Expiry)
				continue
			}
			setStatus(&r.ri, cloud.StatusExpired)
		}
	}
}

// Fail makes the next times calls of method fail with err, before they
// take effect (times < 0: until cleared).
func (f *Fake) Fail(method string, times int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, fault{method: method, times: times, err: err})
}

// Drop makes the next times calls of method take effect and lose their
// answer: the caller gets an ambiguous error.
func (f *Fake) Drop(method string, times int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, fault{method: method, times: times, drop: true,
		err: &cloud.Error{Action: method, Retryable: true, Ambiguous: true, Err: fmt.Errorf("connection reset after the request was sent")}})
}

// OnCall runs fn after each call of method, with the call as logged, once
// the fake is unlocked (a test cancels its context there, say).
func (f *Fake) OnCall(method string, fn func(Call)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hooks == nil {
		f.hooks = map[string]func(Call){}
	}
	f.hooks[method] = fn
}

// notify runs the hook of method with its latest call; deferred before the
// lock is taken, it runs after the lock is released.
func (f *Fake) notify(method string) {
	f.mu.Lock()
	fn := f.hooks[method]
	var last Call
	for i := len(f.calls) - 1; i >= 0; i-- {
		if f.calls[i].Method == method {
			last = f.calls[i]
			break
		}
	}
	f.mu.Unlock()
	if fn != nil {
		fn(last)
	}
}

// Clear removes every planned failure.
func (f *Fake) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
}

// Refused is a definite refusal with a code, as a service answers it.
func Refused(action, code string) error {
	return &cloud.Error{Action: action, Code: code, StatusCode: 400, Message: code}
}

// Unreachable is a failure of a call that never reached the service.
func Unreachable(action string) error {
	return &cloud.Error{Action: action, NotSent: true, Err: fmt.Errorf("connection refused")}
}

// ServerError is a 5xx answer: the call may or may not have happened.
func ServerError(action string) error {
	return &cloud.Error{Action: action, Code: "InternalError", StatusCode: 500, Retryable: true, Ambiguous: true, Message: "internal error"}
}

// Calls are the calls answered so far, in order.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// Methods are the methods called so far, in order, joined by commas.
func (f *Fake) Methods() string {
	var out []string
	for _, c := range f.Calls() {
		out = append(out, c.Method)
	}
	return strings.Join(out, ",")
}

// Count is how many calls of method took effect, replays not counted.
func (f *Fake) Count(method string) int {
	n := 0
	for _, c := range f.Calls() {
		if c.Method == method && !c.Failed && !c.Replayed {
			n++
		}
	}
	return n
}

// ResetCalls forgets the calls so far.
func (f *Fake) ResetCalls() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = nil
}

// Seed adds an RI as if bought earlier, active, starting now and running
// for months unless ri says when; it returns the RI.
func (f *Fake) Seed(ri cloud.RI, months int) cloud.RI {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ri.ID == "" {
		ri.ID = f.newID()
	}
	if ri.Region == "" {
		ri.Region = f.Region
	}
	if ri.Start.IsZero() {
		ri.Start = f.now
	}
	if ri.Expiry.IsZero() {
		ri.Expiry = reservation.TermEnd(ri.Start, months)
	}
	ri.StartText, ri.ExpiryText = reservation.FormatAPITime(ri.Start), reservation.FormatAPITime(ri.Expiry)
	if ri.Status == "" {
		setStatus(&ri, cloud.StatusActive)
	}
	if ri.RawStatus == "" {
		ri.RawStatus = string(ri.Status)
	}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	if ri.Attrs == nil {
		ri.Attrs = map[string]string{}
	}
	for k, v := range f.Defaults {
		if _, ok := ri.Attrs[k]; !ok {
			ri.Attrs[k] = v
		}
	}
	ri.Renewal.Known = true
	f.ris[ri.ID] = &record{ri: ri}
	f.order = append(f.order, ri.ID)
	return ri
}

// RI is one RI as the fake holds it.
func (f *Fake) RI(id string) (cloud.RI, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.ris[id]
	if !ok {
		return cloud.RI{}, false
	}
	return clone(r.ri, f.now), true
}

// RIs are every RI the fake holds, in creation order.
func (f *Fake) RIs() []cloud.RI {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []cloud.RI
	for _, id := range f.order {
		if r, ok := f.ris[id]; ok {
			out = append(out, clone(r.ri, f.now))
		}
	}
	return out
}

// Live are the RIs that bill or are about to.
func (f *Fake) Live() []cloud.RI {
	var out []cloud.RI
	for _, ri := range f.RIs() {
		if ri.Status.Live() {
			out = append(out, ri)
		}
	}
	return out
}

// Update changes an RI in place, as a change made outside Terraform.
func (f *Fake) Update(id string, change func(*cloud.RI)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.ris[id]; ok {
		change(&r.ri)
		r.ri.StartText, r.ri.ExpiryText = reservation.FormatAPITime(r.ri.Start), reservation.FormatAPITime(r.ri.Expiry)
	}
}

// Remove makes an RI vanish.
func (f *Fake) Remove(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.ris, id)
}

func (f *Fake) newID() string {
	f.seq++
	return fmt.Sprintf("ecsri-fake%03d", f.seq)
}

func setStatus(ri *cloud.RI, s cloud.Status) {
	ri.Status, ri.RawStatus = s, string(s)
}

func clone(ri cloud.RI, now time.Time) cloud.RI {
	ri.Tags, ri.Attrs = maps.Clone(ri.Tags), maps.Clone(ri.Attrs)
	ri.Locks = slices.Clone(ri.Locks)
	ri.SeenAt = now
	return ri
}

// enter logs a call and returns its planned failure, if any; drop says
// the call is to be carried out and its answer lost. Called with f.mu held.
func (f *Fake) enter(c Call) (idx int, err error, drop bool) {
	for i := range f.faults {
		ft := &f.faults[i]
		if ft.method != c.Method || ft.times == 0 {
			continue
		}
		if ft.times > 0 {
			ft.times--
		}
		err, drop = ft.err, ft.drop
		break
	}
	c.Failed = err != nil && !drop
	c.Dropped = drop
	f.calls = append(f.calls, c)
	return len(f.calls) - 1, err, drop
}

// read advances the pending RIs of a read and returns copies.
func (f *Fake) read(ids []string) map[string]cloud.RI {
	out := map[string]cloud.RI{}
	for _, id := range ids {
		r, ok := f.ris[id]
		if !ok {
			continue
		}
		if r.pending > 0 {
			r.pending--
			if r.pending == 0 && r.ri.Status.Pending() {
				setStatus(&r.ri, cloud.StatusActive)
			}
		}
		ri := clone(r.ri, f.now)
		ri.Renewal = cloud.Renewal{}
		out[id] = ri
	}
	return out
}

// DescribeRIs reads RIs by ID.
func (f *Fake) DescribeRIs(_ context.Context, region string, ids []string) (map[string]cloud.RI, error) {
	defer f.notify("DescribeRIs")
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err, _ := f.enter(Call{Method: "DescribeRIs", Region: region, IDs: ids}); err != nil {
		return nil, err
	}
	return f.read(ids), nil
}

// Renewals reads the renewal of RIs by ID.
func (f *Fake) Renewals(_ context.Context, region string, ids []string) (map[string]cloud.Renewal, error) {
	defer f.notify("Renewals")
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err, _ := f.enter(Call{Method: "Renewals", Region: region, IDs: ids}); err != nil {
		return nil, err
	}
	out := map[string]cloud.Renewal{}
	for _, id := range ids {
		if r, ok := f.ris[id]; ok && r.ri.Status != cloud.StatusInactive {
			out[id] = r.ri.Renewal
		}
	}
	return out, nil
}

// ListLive lists the live RIs of a region.
func (f *Fake) ListLive(_ context.Context, region string) ([]cloud.RI, error) {
	return f.Find(context.Background(), region, cloud.Filter{Statuses: []cloud.Status{cloud.StatusCreating, cloud.StatusActive, cloud.StatusUpdating}})
}

// Find lists the RIs matching a filter, in creation order.
func (f *Fake) Find(_ context.Context, region string, flt cloud.Filter) ([]cloud.RI, error) {
	defer f.notify("Find")
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err, _ := f.enter(Call{Method: "Find", Region: region, IDs: flt.IDs}); err != nil {
		return nil, err
	}
	var out []cloud.RI
	for _, id := range f.order {
		r, ok := f.ris[id]
		if !ok || !matches(r.ri, region, flt, f.rules) {
			continue
		}
		ri := clone(r.ri, f.now)
		ri.Renewal = cloud.Renewal{}
		out = append(out, ri)
	}
	return out, nil
}

func matches(ri cloud.RI, region string, flt cloud.Filter, rules *reservation.Rules) bool {
	it, _ := rules.ParseInstanceType(ri.Type)
	switch {
	case ri.Region != region,
		flt.IDs != nil && !slices.Contains(flt.IDs, ri.ID),
		flt.InstanceType != "" && flt.InstanceType != ri.Type,
		flt.Family != "" && flt.Family != it.Family,
		flt.Scope != "" && flt.Scope != ri.Scope,
		flt.ZoneID != "" && flt.ZoneID != ri.Zone,
		flt.Name != "" && flt.Name != ri.Name,
		len(flt.Statuses) > 0 && !slices.Contains(flt.Statuses, ri.Status):
		return false
	}
	for k, v := range flt.Tags {
		if got, ok := ri.Tags[k]; !ok || v != "" && got != v {
			return false
		}
	}
	for k, v := range flt.Attrs {
		if ri.Attrs[k] != v {
			return false
		}
	}
	return true
}

// Purchase buys one RI; a ClientToken seen before answers with the RI it
// bought.
func (f *Fake) Purchase(_ context.Context, req cloud.PurchaseRequest) (string, error) {
	defer f.notify("Purchase")
	f.mu.Lock()
	defer f.mu.Unlock()
	c := Call{Method: "Purchase", Region: req.Region, Token: req.ClientToken, Term: req.Term}
	if id, ok := f.tokens[req.ClientToken]; ok && req.ClientToken != "" {
		c.Replayed, c.IDs = true, []string{id}
		if _, err, _ := f.enter(c); err != nil {
			return "", err
		}
		return id, nil
	}
	i, err, drop := f.enter(c)
	if err != nil && !drop {
		return "", err
	}
	start := f.now
	if s := req.Attrs["start_time"]; s != "" {
		if t, perr := reservation.ParseAPITime(s); perr == nil {
			start = t
		}
	}
	ri := cloud.RI{ID: f.newID(), Region: req.Region, Shape: req.Shape, Name: req.Name, Description: req.Description,
		Tags: maps.Clone(req.Tags), Start: start, Expiry: reservation.TermEnd(start, req.Term.Months()), Attrs: map[string]string{}}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	maps.Copy(ri.Attrs, f.Defaults)
	for k, v := range req.Attrs {
		if k != "start_time" {
			ri.Attrs[k] = v
		}
	}
	ri.Renewal = cloud.Renewal{Known: true, Auto: req.Renewal.Auto}
	if req.Renewal.Auto {
		ri.Renewal.Term = req.Renewal.Term
	}
	f.add(ri)
	f.tokens[req.ClientToken] = ri.ID
	f.calls[i].IDs = []string{ri.ID}
	if drop {
		return "", err
	}
	return ri.ID, nil
}

// add stores a new RI, pending for f.Pending reads.
func (f *Fake) add(ri cloud.RI) {
	ri.StartText, ri.ExpiryText = reservation.FormatAPITime(ri.Start), reservation.FormatAPITime(ri.Expiry)
	setStatus(&ri, cloud.StatusActive)
	r := &record{ri: ri, pending: f.Pending}
	if f.Pending > 0 {
		setStatus(&r.ri, cloud.StatusCreating)
	}
	f.ris[ri.ID] = r
	f.order = append(f.order, ri.ID)
}

// Modify turns the sources into the targets, which keep the first
// source's term. Where the rules rename by modification, the request's
// description, tags, renewal and labels go to every target, and what it
// leaves out is the first source's.
func (f *Fake) Modify(_ context.Context, req cloud.ModifyRequest) ([]string, error) {
	defer f.notify("Modify")
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err, drop := f.enter(Call{Method: "Modify", Region: req.Region, IDs: req.Sources})
	if err != nil && !drop {
		return nil, err
	}
	if limit := f.rules.MaxModifySources; len(req.Sources) > limit {
		f.calls[i].Failed = true
		return nil, Refused("Modify", fmt.Sprintf("LimitExceeded.MaximumReservedInstanceIds: at most %d sources", limit))
	}
	if limit := f.rules.MaxModifyTargets; len(req.Targets) > limit {
		f.calls[i].Failed = true
		return nil, Refused("Modify", fmt.Sprintf("LimitExceeded.MaximumConfigurations: at most %d targets", limit))
	}
	for _, t := range req.Targets {
		if t.Amount < f.rules.MinAmount || t.Amount > f.rules.MaxAmount {
			f.calls[i].Failed = true
			return nil, Refused("Modify", fmt.Sprintf("InvalidInstanceAmount: %d", t.Amount))
		}
	}
	var srcs []*record
	for _, id := range req.Sources {
		r, ok := f.ris[id]
		if !ok || r.ri.Status != cloud.StatusActive {
			f.calls[i].Failed = true
			return nil, Refused("Modify", "InvalidReservedInstanceStatus")
		}
		srcs = append(srcs, r)
	}
	first := srcs[0].ri
	var ids []string
	for _, t := range req.Targets {
		ri := cloud.RI{ID: f.newID(), Region: req.Region, Shape: t, Name: req.Name, Start: first.Start, Expiry: first.Expiry,
			Tags: map[string]string{}, Attrs: maps.Clone(first.Attrs), Renewal: cloud.Renewal{Known: true}}
		if f.rules.RenameByModify {
			ri.Description, ri.Tags, ri.Renewal = first.Description, maps.Clone(first.Tags), first.Renewal
			if req.Description != "" {
				ri.Description = req.Description
			}
			if req.Tags != nil {
				ri.Tags = maps.Clone(req.Tags)
			}
			if req.Renewal.Known || req.Renewal.Auto {
				ri.Renewal = cloud.Renewal{Known: true, Auto: req.Renewal.Auto, Term: req.Renewal.Term}
			}
			for k, v := range req.Attrs {
				if v != "" {
					ri.Attrs[k] = v
				}
			}
		}
		f.add(ri)
		ids = append(ids, ri.ID)
	}
	for _, r := range srcs {
		setStatus(&r.ri, cloud.StatusInactive)
	}
	f.calls[i].IDs = append(f.calls[i].IDs, ids...)
	if drop {
		return nil, err
	}
	return ids, nil
}

// Renew extends each batch by the term; a batch's ClientToken seen before
// does nothing again.
func (f *Fake) Renew(_ context.Context, req cloud.RenewRequest) error {
	defer f.notify("Renew")
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, b := range req.Batches {
		c := Call{Method: "Renew", Region: req.Region, IDs: b.IDs, Token: b.Token, Term: req.Term, Replayed: f.renewed[b.Token]}
		_, err, drop := f.enter(c)
		if err != nil && !drop {
			return err
		}
		if !c.Replayed {
			f.renewed[b.Token] = true
			for _, id := range b.IDs {
				r := f.ris[id]
				r.ri.Expiry = reservation.Extend(r.ri.Expiry, req.Term.Months())
				r.ri.ExpiryText = reservation.FormatAPITime(r.ri.Expiry)
			}
		}
		if drop {
			return err
		}
	}
	return nil
}

// SetRenewal sets the RIs' automatic renewal.
func (f *Fake) SetRenewal(_ context.Context, region string, ids []string, r cloud.Renewal) error {
	return f.write("SetRenewal", region, ids, func(ri *cloud.RI) {
		ri.Renewal = cloud.Renewal{Known: true, Auto: r.Auto}
		if r.Auto {
			ri.Renewal.Term = r.Term
		}
	})
}

// Tag sets tags.
func (f *Fake) Tag(_ context.Context, region string, ids []string, tags map[string]string) error {
	return f.write("Tag", region, ids, func(ri *cloud.RI) { maps.Copy(ri.Tags, tags) })
}

// Untag removes tag keys.
func (f *Fake) Untag(_ context.Context, region string, ids []string, keys []string) error {
	return f.write("Untag", region, ids, func(ri *cloud.RI) {
		for _, k := range keys {
			delete(ri.Tags, k)
		}
	})
}

func (f *Fake) write(method, region string, ids []string, change func(*cloud.RI)) error {
	defer f.notify(method)
	f.mu.Lock()
	defer f.mu.Unlock()
	sorted := slices.Clone(ids)
	sort.Strings(sorted)
	_, err, drop := f.enter(Call{Method: method, Region: region, IDs: sorted})
	if err != nil && !drop {
		return err
	}
	for _, id := range ids {
		if r, ok := f.ris[id]; ok {
			change(&r.ri)
		} else {
			return Refused(method, "InvalidReservedInstanceId.NotFound")
		}
	}
	return err
}

// renaming is the fake of a cloud that renames in place.
type renaming struct{ *Fake }

var _ cloud.Renamer = renaming{}

// Rename sets an RI's name and description in place.
func (r renaming) Rename(_ context.Context, region, id string, name, description *string) error {
	return r.write("Rename", region, []string{id}, func(ri *cloud.RI) {
		if name != nil {
			ri.Name = *name
		}
		if description != nil {
			ri.Description = *description
		}
	})
}
