package acctest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// recordingServer wraps the provider server and keeps every diagnostic it
// returns: the warnings a user reads in a plan or an apply, exactly, per
// test and without sharing a log file between tests.
type recordingServer struct {
	tfprotov6.ProviderServer
	rec *diagnostics
}

// diagnostics are the diagnostics the provider returned since they were
// last taken.
type diagnostics struct {
	mu   sync.Mutex
	seen []*tfprotov6.Diagnostic
}

func (d *diagnostics) add(ds []*tfprotov6.Diagnostic) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.seen = append(d.seen, ds...)
}

// take returns the warnings recorded since the last take, as
// "summary: detail" lines with whitespace folded, and forgets them.
func (d *diagnostics) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, diag := range d.seen {
		if diag.Severity == tfprotov6.DiagnosticSeverityWarning {
			out = append(out, strings.Join(strings.Fields(diag.Summary+": "+diag.Detail), " "))
		}
	}
	d.seen = nil
	return out
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	resp, err := s.ProviderServer.ReadDataSource(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

// Warned checks that the warnings recorded since the last check match
// every pattern (whitespace folded), and that none matches an absent one.
func (e *Env) Warned(patterns []string, absent ...string) resource.TestCheckFunc {
	return Check(func() error {
		warnings := e.diags.take()
		text := strings.Join(warnings, "\n")
		for _, p := range patterns {
			if !regexp.MustCompile(p).MatchString(text) {
				return fmt.Errorf("no warning matching %q; warnings were:\n%s", p, text)
			}
		}
		for _, p := range absent {
			if regexp.MustCompile(p).MatchString(text) {
				return fmt.Errorf("a warning matches %q, which should not be said:\n%s", p, text)
			}
		}
		return nil
	})
}

// afterPlans runs Go assertions once a plan-only step has made its plans:
// plan-only steps run no Check, only plan checks.
type afterPlans func() error

func (f afterPlans) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// PlanOnlyChecks asserts, after a plan-only step's refresh plan, every
// check given.
func PlanOnlyChecks(checks ...resource.TestCheckFunc) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{afterPlans(func() error {
		for _, c := range checks {
			if err := c(nil); err != nil {
				return err
			}
		}
		return nil
	})}}
}
