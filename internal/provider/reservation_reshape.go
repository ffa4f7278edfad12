package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// reshape carries out the planned ModifyReservedInstances steps in order,
// waiting for each step's RIs to be active before the next. The targets
// continue their first source's term. A call whose answer is lost is
// settled by the client, in its cloud's way.
func (run *applyRun) reshape(ctx context.Context, wk *work) error {
	resolved := map[string]string{}
	for _, id := range run.live {
		resolved[id] = id
	}
	for k, i := range wk.reshaped {
		if wk.reshape.Unchanged(k) {
			run.assigned[i] = wk.reshape.Result[k]
		}
	}
	run.live = without(run.live, wk.reshape.Dropped)
	steps := wk.reshape.Steps
	for k, step := range steps {
		ids, err := run.modifyStep(ctx, step, resolved)
		if err != nil {
			return progress(steps, k, err)
		}
		for j, h := range step.Outputs {
			resolved[h] = ids[j]
		}
		if _, err := run.waitForStep(ctx, ids); err != nil {
			return progress(steps, k+1, fmt.Errorf("the reserved instances of step %d did not become active: %w", k+1, err))
		}
	}
	for k, i := range wk.reshaped {
		if h := wk.reshape.Result[k]; h != "" && !wk.reshape.Unchanged(k) {
			run.assigned[i] = resolved[h]
		}
	}
	run.reshaped = true
	return nil
}

// modifyStep makes one step's call and records its targets in place of its
// sources, with their sources' term.
func (run *applyRun) modifyStep(ctx context.Context, step reservation.Step, resolved map[string]string) ([]string, error) {
	sources := make([]string, len(step.Sources))
	for j, h := range step.Sources {
		sources[j] = resolved[h]
	}
	req := run.modifyRequest(sources, step.Targets)
	ids, err := run.b.Modify(ctx, req)
	if err == nil && len(ids) != len(step.Targets) {
		err = fmt.Errorf("%s answered with %d IDs for %d configurations", run.rules.Calls.Modify, len(ids), len(step.Targets))
	}
	if err != nil {
		return nil, err
	}
	anchor, known := run.rec.anchor(sources[0])
	for _, id := range ids {
		if known {
			run.rec.setAnchor(id, anchor)
		}
		run.dirty[id] = true
	}
	run.live = append(without(run.live, sources), ids...)
	return ids, nil
}

func (run *applyRun) modifyRequest(sources []string, targets []reservation.Shape) cloud.ModifyRequest {
	req := cloud.ModifyRequest{Region: run.region, Sources: sources, Targets: targets, Tags: run.w.tags, Attrs: run.w.labels}
	if run.w.name != nil {
		req.Name = *run.w.name
	}
	if run.w.description != nil {
		req.Description = *run.w.description
	}
	if run.w.renewal != nil {
		req.Renewal = *run.w.renewal
	}
	return req
}

// waitForStep waits for a step's targets; they are then observed, except
// for their renewal, which the decoration step reads.
func (run *applyRun) waitForStep(ctx context.Context, ids []string) (map[string]cloud.RI, error) {
	seen, err := run.b.WaitActive(ctx, run.region, ids)
	for _, ri := range seen {
		ri.Renewal = cloud.Renewal{}
		run.observe(ri)
	}
	return seen, err
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
