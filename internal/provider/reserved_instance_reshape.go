package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// reshapeInput splits the configured elements into those to reshape (they
// describe RIs that exist) and those to buy (appended, or left unbought by an
// earlier failure), and plans the ModifyReservedInstances calls.
type reshapeInput struct {
	plan     *reservation.Reshape
	reshaped []int // plan element indexes given to the planner, in order
	toBuy    []int // plan element indexes to purchase
	stateIDs map[string]configurationModel
}

func planReshape(planConfs, stateConfs []configurationModel) (*reshapeInput, error) {
	// An added element may be part of a split (same family, compute
	// conserved) or a new purchase. Read as a reshape first; when that is
	// impossible, appended elements are purchases.
	in, err := planReshapeWith(planConfs, stateConfs, false)
	if err != nil && len(planConfs) > len(stateConfs) {
		if alt, altErr := planReshapeWith(planConfs, stateConfs, true); altErr == nil {
			return alt, nil
		}
	}
	return in, err
}

func planReshapeWith(planConfs, stateConfs []configurationModel, appendedAreNew bool) (*reshapeInput, error) {
	in := &reshapeInput{stateIDs: map[string]configurationModel{}}
	var have []reservation.Holding
	for _, s := range stateConfs {
		if id := s.ID.ValueString(); id != "" {
			have = append(have, reservation.Holding{ID: id, Shape: shapeOf(s), Expiry: s.ExpiredTime.ValueString()})
			in.stateIDs[id] = s
		}
	}
	var want []reservation.Shape
	for i, c := range planConfs {
		unbought := i < len(stateConfs) && stateConfs[i].ID.ValueString() == ""
		if unbought || (appendedAreNew && i >= len(stateConfs)) {
			in.toBuy = append(in.toBuy, i)
			continue
		}
		in.reshaped = append(in.reshaped, i)
		want = append(want, shapeOf(c))
	}
	rs, err := reservation.PlanReshape(have, want)
	if err != nil {
		return nil, err
	}
	// What the planner leaves without a source is bought.
	var reshaped []int
	var result []string
	for k, i := range in.reshaped {
		if rs.Result[k] == "" {
			in.toBuy = append(in.toBuy, i)
			continue
		}
		reshaped = append(reshaped, i)
		result = append(result, rs.Result[k])
	}
	rs.Result, in.reshaped, in.plan = result, reshaped, rs
	return in, nil
}

func shapeOf(c configurationModel) reservation.Shape {
	return reservation.Shape{Type: c.InstanceType.ValueString(), Amount: int(c.InstanceAmount.ValueInt64()), Scope: c.Scope.ValueString(), Zone: c.ZoneID.ValueString()}
}

// reshapeRun is the progress of a reshape, kept so that a failure can still
// record every RI that exists.
type reshapeRun struct {
	resolved map[string]string // step handle → RI ID
	live     []string          // IDs of the reservation's RIs that exist now
}

// runReshape carries out the steps in order, waiting for each step's RIs to
// be Active before the next. New RIs get the reservation's name in the call
// itself. A call whose answer is lost is not repeated blindly: the RIs it
// created are looked for first.
func (r *reservedInstanceResource) runReshape(ctx context.Context, region, name string, in *reshapeInput) (*reshapeRun, error) {
	run := &reshapeRun{resolved: map[string]string{}}
	for id := range in.stateIDs {
		run.resolved[id] = id
		run.live = append(run.live, id)
	}
	steps := in.plan.Steps
	for k, step := range steps {
		var sources []string
		for _, h := range step.Sources {
			sources = append(sources, run.resolved[h])
		}
		targets := make([]alicloud.ModifyTarget, len(step.Targets))
		for j, t := range step.Targets {
			targets[j] = alicloud.ModifyTarget{InstanceType: t.Type, Amount: t.Amount, Scope: t.Scope, ZoneID: t.Zone, Name: name}
		}
		it, _ := reservation.ParseInstanceType(step.Targets[0].Type)
		before, err := r.client.ListFamily(ctx, region, it.Family)
		if err != nil {
			return run, progress(steps, k, err)
		}
		ids, err := r.client.Modify(ctx, region, sources, targets)
		var apiErr *alicloud.APIError
		if err != nil && errors.As(err, &apiErr) && apiErr.Ambiguous {
			ids, err = r.recoverStep(ctx, region, it.Family, before, sources, step.Targets, targets)
		}
		if err == nil && len(ids) != len(step.Targets) {
			err = fmt.Errorf("ModifyReservedInstances answered with %d IDs for %d configurations", len(ids), len(step.Targets))
		}
		if err != nil {
			return run, progress(steps, k, err)
		}
		for j, h := range step.Outputs {
			run.resolved[h] = ids[j]
		}
		run.live = replace(run.live, sources, ids)
		if _, err := r.client.WaitActive(ctx, region, ids); err != nil {
			return run, progress(steps, k+1, fmt.Errorf("the RIs of step %d did not become Active: %w", k+1, err))
		}
	}
	return run, nil
}

// recoverStep finds out what an unanswered ModifyReservedInstances did. RIs
// of the family that did not exist before and have the requested shapes are
// the call's targets. If there are none and the sources are still Active,
// the call did not happen and is made once more.
func (r *reservedInstanceResource) recoverStep(ctx context.Context, region, family string, before []alicloud.ReservedInstance, sources []string, shapes []reservation.Shape, targets []alicloud.ModifyTarget) ([]string, error) {
	known := map[string]bool{}
	for _, ri := range before {
		known[ri.ID] = true
	}
	after, err := r.client.ListFamily(ctx, region, family)
	if err != nil {
		return nil, fmt.Errorf("the answer to ModifyReservedInstances was lost and the RIs could not be listed to find out what it did: %w", err)
	}
	ids := make([]string, len(shapes))
	taken := map[string]bool{}
	found := 0
	for j, want := range shapes {
		for _, ri := range after {
			got := reservation.Shape{Type: ri.InstanceType, Amount: ri.InstanceAmount, Scope: ri.Scope, Zone: ri.ZoneID}
			if !known[ri.ID] && !taken[ri.ID] && got == want {
				ids[j], taken[ri.ID] = ri.ID, true
				found++
				break
			}
		}
	}
	if found == len(shapes) {
		return ids, nil
	}
	srcs, err := r.client.Describe(ctx, region, sources)
	if err != nil {
		return nil, err
	}
	untouched := found == 0
	for _, id := range sources {
		untouched = untouched && srcs[id].Status == alicloud.StatusActive
	}
	if !untouched {
		return nil, fmt.Errorf("the answer to ModifyReservedInstances was lost; the sources %s changed but only %d of %d new reserved instances were found, so the call was not repeated. Check the reserved instances in the console, then refresh",
			strings.Join(sources, ", "), found, len(shapes))
	}
	return r.client.Modify(ctx, region, sources, targets)
}

func progress(steps []reservation.Step, failed int, err error) error {
	var done, left []string
	for k, s := range steps {
		line := strconv.Itoa(k+1) + ". " + s.Describe()
		if k < failed {
			done = append(done, line)
		} else {
			left = append(left, line)
		}
	}
	msg := fmt.Sprintf("%v\n\nState records the reserved instances that exist now; the next apply plans what is left from there.", err)
	if len(done) > 0 {
		msg += "\n\nDone:\n" + strings.Join(done, "\n")
	}
	if len(left) > 0 {
		msg += "\n\nNot done:\n" + strings.Join(left, "\n")
	}
	return errors.New(msg)
}

func replace(live, gone, added []string) []string {
	drop := map[string]bool{}
	for _, g := range gone {
		drop[g] = true
	}
	var out []string
	for _, id := range live {
		if !drop[id] {
			out = append(out, id)
		}
	}
	return append(out, added...)
}

// decorate gives RIs created by a reshape what ModifyReservedInstances does
// not carry over: description, tags and auto-renewal.
func (r *reservedInstanceResource) decorate(ctx context.Context, region string, ids []string, plan *reservedInstanceModel) error {
	if len(ids) == 0 {
		return nil
	}
	if d := plan.Description.ValueString(); d != "" {
		for _, id := range ids {
			if err := r.client.SetAttributes(ctx, region, id, nil, &d); err != nil {
				return err
			}
		}
	}
	if tags := plan.tags(ctx); len(tags) > 0 {
		if err := r.client.Tag(ctx, region, ids, tags); err != nil {
			return err
		}
	}
	if plan.AutoRenew.ValueBool() {
		return r.client.SetAutoRenew(ctx, region, ids, true, int(plan.AutoRenewPeriod.ValueInt64()), plan.AutoRenewPeriodUnit.ValueString())
	}
	return nil
}

// Private state remembers the term actually bought, which can differ from
// the configured one when renewals failed part way.
const boughtMonthsKey = "bought_months"

type privateGetter interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}

func boughtMonths(ctx context.Context, p privateGetter, fallback reservedInstanceModel) int {
	if p != nil {
		if raw, _ := p.GetKey(ctx, boughtMonthsKey); len(raw) > 0 {
			if n, err := strconv.Atoi(string(raw)); err == nil {
				return n
			}
		}
	}
	return termOf(fallback).Months()
}

func setBoughtMonths(ctx context.Context, p privateSetter, months int) diag.Diagnostics {
	return p.SetKey(ctx, boughtMonthsKey, []byte(strconv.Itoa(months)))
}

func termOf(m reservedInstanceModel) reservation.Term {
	return reservation.Term{Period: int(m.Period.ValueInt64()), Unit: m.PeriodUnit.ValueString()}
}

// renewTo renews every RI from the bought term up to the configured one, in
// documented renewal periods, and returns how many months are now bought.
func (r *reservedInstanceResource) renewTo(ctx context.Context, region string, ids []string, from, to int) (int, error) {
	for _, t := range reservation.Renewals(to - from) {
		if err := r.client.Renew(ctx, region, ids, t.Period, t.Unit); err != nil {
			return from, fmt.Errorf("renewing by %s: %w (renewed %s of %s so far; the next apply renews the rest)",
				t, err, reservation.TermFromMonths(max(from, 1)), reservation.TermFromMonths(to))
		}
		from += t.Months()
	}
	return from, nil
}

func idsOf(confs []configurationModel) []string {
	var out []string
	for _, c := range confs {
		if id := c.ID.ValueString(); id != "" {
			out = append(out, id)
		}
	}
	return out
}

func unknownID(c *configurationModel) {
	c.ID, c.Status, c.ExpiredTime = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
}
