package provider_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// generator writes random accepted configurations, and changes of them.
type generator interface {
	config() tftypes.Value
	changed(tftypes.Value) tftypes.Value
}

// Random accepted configurations go through the provider's protocol
// against ecsmock: each is bought, changed and refreshed, every planned
// value must be what the apply produced, and a refresh must plan nothing.
// Every fourth is first bought with every purchase answer lost: state must
// still be complete, and the next apply must confirm the purchases without
// buying again. ECSRI_PROPERTY_RUNS sets how many configurations a cloud
// tries.
func TestPropertyInputsReadBackUnchanged(t *testing.T) {
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{ActivationDelay: time.Millisecond})
		h := acctest.NewHarness(t, c.Resource, c.Settings(e, nil, nil), acctestFast)
		var gen generator = newAlibabaGenerator(h.ObjectType(), 7)
		if c.Name == "volcengine" {
			gen = newVolcengineGenerator(h.ObjectType(), 11)
		}
		runs := propertyRuns(6, 24)
		for i := range runs {
			first := gen.config()
			prior := h.Absent()
			if i%4 == 3 {
				var err error
				if prior, err = lostAnswers(h, e, c, first); err != nil {
					t.Fatalf("configuration %d, answers lost: %v\nconfig: %v", i, err, first)
				}
			}
			state, err := h.RoundTrip(prior, first)
			if err != nil {
				t.Fatalf("configuration %d: %v\nconfig: %v", i, err, first)
			}
			if err := boughtOnce(e, c, first); err != nil {
				t.Fatalf("configuration %d: %v\nconfig: %v", i, err, first)
			}
			second := gen.changed(first)
			if _, err := h.RoundTrip(state, second); err != nil {
				t.Fatalf("configuration %d, changed: %v\nfrom: %v\nto: %v", i, err, first, second)
			}
			e.Mock.Reset() // quotas count every RI bought
		}
		t.Logf("%d random configurations bought and changed, each read back as planned; %d of them first with every purchase answer lost", runs, runs/4)
	})
}

// acctestFast paces the provider for in-process protocol runs.
var acctestFast = provider.WithPacing(time.Millisecond, 5*time.Millisecond)

func propertyRuns(short, long int) int {
	if n, err := strconv.Atoi(os.Getenv("ECSRI_PROPERTY_RUNS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return long
}

// lostAnswers applies config while every purchase is carried out and its
// answer lost: the apply warns, and the state it returns is what was
// planned, complete, and records the purchases as unconfirmed (or, those
// not started after an answer was lost, as not purchased).
func lostAnswers(h *acctest.Harness, e *acctest.Env, c acctest.Cloud, config tftypes.Value) (acctest.State, error) {
	e.Mock.InjectFault(c.Mock, ecsmock.Fault{Action: c.Rules.Calls.Purchase, Times: -1, DropResponse: true})
	defer e.Mock.ClearFaults()
	planned := h.Plan(h.Absent(), config)
	if acctest.HasErrors(planned.Diagnostics) {
		return h.Absent(), fmt.Errorf("plan: %s", acctest.DiagText(planned.Diagnostics))
	}
	applied := h.Apply(h.Absent(), config, planned)
	if acctest.HasErrors(applied.Diagnostics) || !strings.Contains(acctest.DiagText(applied.Diagnostics), "Apply incomplete: 0 of") {
		return h.Absent(), fmt.Errorf("an apply whose purchases got no answer must warn, and only warn: %s", acctest.DiagText(applied.Diagnostics))
	}
	state := acctest.State{Value: h.Value(applied.NewState), Private: applied.Private}
	if err := acctest.Compatible(tftypes.NewAttributePath(), h.Value(planned.PlannedState), state.Value); err != nil {
		return state, fmt.Errorf("inconsistent result after the lost answers: %w", err)
	}
	unconfirmed := 0
	for i := range acctest.Len(state.Value, "configurations") {
		switch status := acctest.Attr(state.Value, "configurations", i, "status"); status {
		case converge.StatusUnconfirmed:
			unconfirmed++
		case converge.StatusNotPurchased: // not started once an answer was lost
		default:
			return state, fmt.Errorf("element %d is recorded %q", i, status)
		}
	}
	if unconfirmed == 0 {
		return state, fmt.Errorf("no element is recorded %q", converge.StatusUnconfirmed)
	}
	return state, nil
}

// boughtOnce: the emulator holds one RI per configured element, each from
// one purchase carried out; every retry was answered from the first.
func boughtOnce(e *acctest.Env, c acctest.Cloud, config tftypes.Value) error {
	carried := 0
	for _, call := range e.Mock.Calls(c.Mock, c.Rules.Calls.Purchase) {
		if call.Status == 200 && !call.Replayed {
			carried++
		}
	}
	want := acctest.Len(config, "configurations")
	if n := len(e.Mock.ReservedInstances(c.Mock)); n != want || carried != want {
		return fmt.Errorf("%d elements configured, %d RIs exist, %d purchases carried out", want, n, carried)
	}
	return nil
}
