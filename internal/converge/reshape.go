package converge

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// reshape carries out the planned modification steps in order, waiting for
// each step's RIs to be active before the next. The targets continue their
// first source's term. A call whose answer is lost is settled by the
// client, in its cloud's way.
func (r *run) reshape(ctx context.Context, wk *work) error {
	resolved := map[string]string{}
	for _, id := range r.live {
		resolved[id] = id
	}
	for k, i := range wk.reshaped {
		if wk.reshape.Unchanged(k) {
			r.assigned[i] = wk.reshape.Result[k]
		}
	}
	r.live = without(r.live, wk.reshape.Dropped)
	steps := wk.reshape.Steps
	for k, step := range steps {
		ids, err := r.modifyStep(ctx, step, resolved)
		if err != nil {
			return progress(steps, k, err)
		}
		for j, h := range step.Outputs {
			resolved[h] = ids[j]
		}
		if err := r.waitForStep(ctx, ids); err != nil {
			return progress(steps, k+1, fmt.Errorf("the reserved instances of step %d did not become active: %w", k+1, err))
		}
	}
	for k, i := range wk.reshaped {
		if h := wk.reshape.Result[k]; h != "" && !wk.reshape.Unchanged(k) {
			r.assigned[i] = resolved[h]
		}
	}
	return nil
}

// modifyStep makes one step's call and records its targets in place of its
// sources, with their sources' term.
func (r *run) modifyStep(ctx context.Context, step reservation.Step, resolved map[string]string) ([]string, error) {
	sources := make([]string, len(step.Sources))
	for j, h := range step.Sources {
		sources[j] = resolved[h]
	}
	if err := started(ctx, r.rules.Calls.Modify); err != nil {
		return nil, err
	}
	ids, err := r.s.Modify(ctx, r.modifyRequest(sources, step.Targets))
	if err == nil && len(ids) != len(step.Targets) {
		err = fmt.Errorf("%s answered with %d IDs for %d configurations", r.rules.Calls.Modify, len(ids), len(step.Targets))
	}
	if err != nil {
		return nil, err
	}
	anchor, known := r.rec.anchor(sources[0])
	for _, id := range ids {
		if known {
			r.rec.setAnchor(id, anchor)
		}
		r.dirty[id] = true
	}
	r.live = append(without(r.live, sources), ids...)
	return ids, nil
}

func (r *run) modifyRequest(sources []string, targets []reservation.Shape) cloud.ModifyRequest {
	req := cloud.ModifyRequest{Region: r.region, Sources: sources, Targets: targets, Tags: r.w.Tags, Attrs: r.w.Labels}
	if r.w.Name != nil {
		req.Name = *r.w.Name
	}
	if r.w.Description != nil {
		req.Description = *r.w.Description
	}
	if r.w.Renewal != nil && (!r.w.Renewal.Auto || r.rules.CarriesAutoRenew(r.w.Renewal.Term)) {
		req.Renewal = *r.w.Renewal
	}
	return req
}

// waitForStep waits for a step's targets; they are then observed, except
// for their renewal, which the decoration step reads.
func (r *run) waitForStep(ctx context.Context, ids []string) error {
	seen, err := r.s.WaitActive(ctx, r.region, ids)
	for _, ri := range seen {
		ri.Renewal = cloud.Renewal{}
		r.observe(ri)
	}
	return err
}

// progress says which steps were done and which not.
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
	return &reshapeStopped{msg: msg, err: err}
}

// reshapeStopped is a reshape that stopped part way.
type reshapeStopped struct {
	msg string
	err error
}

func (s *reshapeStopped) Error() string { return s.msg }
func (s *reshapeStopped) Unwrap() error { return s.err }

func isReshapeStop(err error) bool {
	var s *reshapeStopped
	return errors.As(err, &s)
}

func without(ids, gone []string) []string {
	drop := map[string]bool{}
	for _, g := range gone {
		drop[g] = true
	}
	var out []string
	for _, id := range ids {
		if !drop[id] {
			out = append(out, id)
		}
	}
	return out
}
