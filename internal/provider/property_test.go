package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// protocolHarness drives the provider the way Terraform does, over its
// protocol, in-process: validate, plan, apply, refresh, plan again. It
// checks what Terraform checks after an apply (every planned value is what
// the apply produced) and that a refresh plans no change.
type protocolHarness struct {
	t            *testing.T
	server       tfprotov6.ProviderServer
	schema       *tfprotov6.Schema
	providerType func() tftypes.Object
	typeName     string
}

func newProtocolHarness(t *testing.T, typeName string, providerValues map[string]tftypes.Value, options ...Option) *protocolHarness {
	t.Helper()
	ctx := context.Background()
	server := providerserver.NewProtocol6(New("test", append([]Option{WithPacing(time.Millisecond, 5*time.Millisecond)}, options...)...)())()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasErrors(schemas.Diagnostics) {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	providerType, _ := schemas.Provider.ValueType().(tftypes.Object)
	cfg := map[string]tftypes.Value{}
	for name, typ := range providerType.AttributeTypes {
		cfg[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range providerValues {
		cfg[name] = v
	}
	h := &protocolHarness{t: t, server: server, schema: schemas.ResourceSchemas[typeName], typeName: typeName,
		providerType: func() tftypes.Object { return providerType }}
	if providerValues == nil {
		return h // a probe of the schema, not configured
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamic(t, tftypes.NewValue(providerType, cfg))})
	if err != nil || hasErrors(resp.Diagnostics) {
		t.Fatalf("configure: %v %s", err, diagText(resp.Diagnostics))
	}
	return h
}

func (h *protocolHarness) objectType() tftypes.Object {
	typ, _ := h.schema.ValueType().(tftypes.Object)
	return typ
}

// resourceState is what Terraform keeps of a resource between commands:
// its state and the provider's private state.
type resourceState struct {
	value   tftypes.Value
	private []byte
}

func (h *protocolHarness) absent() resourceState {
	return resourceState{value: tftypes.NewValue(h.objectType(), nil)}
}

// roundTrip applies config over prior, checks the result, refreshes it and
// checks the next plan is empty; it returns the refreshed state.
func (h *protocolHarness) roundTrip(prior resourceState, config tftypes.Value) (resourceState, error) {
	ctx := context.Background()
	v, err := h.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: h.typeName, Config: dynamic(h.t, config)})
	if err != nil || hasErrors(v.Diagnostics) {
		return prior, fmt.Errorf("an accepted configuration was rejected: %v %s", err, diagText(v.Diagnostics))
	}
	planned, err := h.plan(prior, config)
	if err != nil {
		return prior, err
	}
	applied, err := h.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.typeName, PriorState: dynamic(h.t, prior.value), PlannedState: dynamic(h.t, planned.value), Config: dynamic(h.t, config),
		PlannedPrivate: planned.private,
	})
	if err != nil || hasErrors(applied.Diagnostics) {
		return prior, fmt.Errorf("apply failed: %v %s", err, diagText(applied.Diagnostics))
	}
	state := resourceState{h.value(applied.NewState), applied.Private}
	if err := compatible(tftypes.NewAttributePath(), planned.value, state.value); err != nil {
		return state, fmt.Errorf("inconsistent result after apply: %w", err)
	}
	read, err := h.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: h.typeName, CurrentState: applied.NewState, Private: applied.Private})
	if err != nil || hasErrors(read.Diagnostics) {
		return state, fmt.Errorf("refresh failed: %v %s", err, diagText(read.Diagnostics))
	}
	refreshed := resourceState{h.value(read.NewState), read.Private}
	again, err := h.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName, PriorState: read.NewState, ProposedNewState: dynamic(h.t, proposedNew(h.schema.Block, refreshed.value, config)),
		Config: dynamic(h.t, config), PriorPrivate: read.Private,
	})
	if err != nil || hasErrors(again.Diagnostics) {
		return refreshed, fmt.Errorf("plan after refresh failed: %v %s", err, diagText(again.Diagnostics))
	}
	if next := h.value(again.PlannedState); !next.Equal(refreshed.value) || len(again.RequiresReplace) > 0 {
		diff, _ := refreshed.value.Diff(next)
		return refreshed, fmt.Errorf("the plan after apply and refresh is not empty: %v", diff)
	}
	return refreshed, nil
}

type plannedChange struct {
	value   tftypes.Value
	private []byte
}

func (h *protocolHarness) plan(prior resourceState, config tftypes.Value) (plannedChange, error) {
	resp, err := h.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName, PriorState: dynamic(h.t, prior.value), ProposedNewState: dynamic(h.t, proposedNew(h.schema.Block, prior.value, config)),
		Config: dynamic(h.t, config), PriorPrivate: prior.private,
	})
	if err != nil || hasErrors(resp.Diagnostics) {
		return plannedChange{}, fmt.Errorf("an accepted configuration failed to plan: %v %s", err, diagText(resp.Diagnostics))
	}
	return plannedChange{h.value(resp.PlannedState), resp.PlannedPrivate}, nil
}

func (h *protocolHarness) value(dv *tfprotov6.DynamicValue) tftypes.Value {
	v, err := dv.Unmarshal(h.objectType())
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

func dynamic(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func diagText(ds []*tfprotov6.Diagnostic) string {
	var out string
	for _, d := range ds {
		out += fmt.Sprintf("\n%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	return out
}

func hasErrors(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// proposedNew is Terraform's proposed new state: the configuration, with
// the prior value wherever the configuration leaves a computed attribute
// null (elements of nested lists pair by index).
func proposedNew(block *tfprotov6.SchemaBlock, prior, config tftypes.Value) tftypes.Value {
	var attrs []*tfprotov6.SchemaAttribute
	if block != nil {
		attrs = block.Attributes
	}
	return proposedObject(attrs, prior, config)
}

func proposedObject(attrs []*tfprotov6.SchemaAttribute, prior, config tftypes.Value) tftypes.Value {
	if config.IsNull() {
		return config
	}
	var cfg, old map[string]tftypes.Value
	_ = config.As(&cfg)
	if !prior.IsNull() && prior.IsKnown() {
		_ = prior.As(&old)
	}
	out := map[string]tftypes.Value{}
	for _, a := range attrs {
		c, p := cfg[a.Name], old[a.Name]
		switch {
		case a.NestedType != nil && !c.IsNull():
			out[a.Name] = proposedList(a.NestedType.Attributes, p, c)
		case a.Computed && c.IsNull() && p.Type() != nil:
			out[a.Name] = p
		default:
			out[a.Name] = c
		}
	}
	return tftypes.NewValue(config.Type(), out)
}

func proposedList(attrs []*tfprotov6.SchemaAttribute, prior, config tftypes.Value) tftypes.Value {
	var cfg, old []tftypes.Value
	_ = config.As(&cfg)
	if prior.Type() != nil && !prior.IsNull() && prior.IsKnown() {
		_ = prior.As(&old)
	}
	out := make([]tftypes.Value, len(cfg))
	for i, c := range cfg {
		p := tftypes.NewValue(c.Type(), nil)
		if i < len(old) {
			p = old[i]
		}
		out[i] = proposedObject(attrs, p, c)
	}
	return tftypes.NewValue(config.Type(), out)
}

// compatible is Terraform's rule after an apply: a known planned value
// stays exactly as planned; an unknown one may become anything known.
func compatible(at *tftypes.AttributePath, planned, actual tftypes.Value) error {
	if !planned.IsKnown() {
		if !actual.IsFullyKnown() {
			return fmt.Errorf("%s is still unknown after apply", at)
		}
		return nil
	}
	if planned.IsNull() || actual.IsNull() {
		if planned.IsNull() != actual.IsNull() {
			return fmt.Errorf("%s: planned %v, got %v", at, planned, actual)
		}
		return nil
	}
	switch {
	case planned.Type().Is(tftypes.Object{}):
		var p, a map[string]tftypes.Value
		_ = planned.As(&p)
		_ = actual.As(&a)
		for k := range p {
			if err := compatible(at.WithAttributeName(k), p[k], a[k]); err != nil {
				return err
			}
		}
	case planned.Type().Is(tftypes.List{}):
		var p, a []tftypes.Value
		_ = planned.As(&p)
		_ = actual.As(&a)
		if len(p) != len(a) {
			return fmt.Errorf("%s: planned %d elements, got %d", at, len(p), len(a))
		}
		for i := range p {
			if err := compatible(at.WithElementKeyInt(i), p[i], a[i]); err != nil {
				return err
			}
		}
	case !planned.Equal(actual):
		return fmt.Errorf("%s: planned %v, got %v", at, planned, actual)
	}
	return nil
}

func propertyRuns(short, long int) int {
	if n, err := strconv.Atoi(os.Getenv("ECSRI_PROPERTY_RUNS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return long
}

// TestPropertyAlibabaInputsReadBackUnchanged buys random accepted
// configurations of ecsri_reserved_instance and changes each to another
// random decoration and term: every planned value must be what the apply
// produced, and a refresh must plan no change. ECSRI_PROPERTY_RUNS sets
// how many configurations it tries.
func TestPropertyAlibabaInputsReadBackUnchanged(t *testing.T) {
	t.Parallel()
	mock, err := ecsmock.New(ecsmock.Options{ActivationDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	h := newProtocolHarness(t, "ecsri_reserved_instance", map[string]tftypes.Value{
		"region": str("cn-hangzhou"), "endpoint": str(srv.URL), "access_key": str(ecsmock.DefaultAccessKeyID),
		"secret_key": str(ecsmock.DefaultAccessKeySecret),
	})
	h.property(mock, ecsmock.CloudAlibaba, newAlibabaGenerator(h.objectType(), 7))
}

// generator writes random accepted configurations, and changes of them.
type generator interface {
	config() tftypes.Value
	changed(tftypes.Value) tftypes.Value
}

// property buys random configurations and changes each: every planned
// value must be what the apply produced, and a refresh must plan nothing.
// Every fourth configuration is first bought with every purchase answer
// lost: state must still be complete, and the next apply must confirm the
// purchases without buying again.
func (h *protocolHarness) property(mock *ecsmock.Server, cloud ecsmock.Cloud, gen generator) {
	runs := propertyRuns(8, 40)
	for i := range runs {
		first := gen.config()
		prior := h.absent()
		if i%4 == 3 {
			var err error
			if prior, err = h.lostAnswers(mock, cloud, first); err != nil {
				h.t.Fatalf("configuration %d, answers lost: %v\nconfig: %v", i, err, first)
			}
		}
		state, err := h.roundTrip(prior, first)
		if err != nil {
			h.t.Fatalf("configuration %d: %v\nconfig: %v", i, err, first)
		}
		if err := boughtOnce(mock, cloud, first); err != nil {
			h.t.Fatalf("configuration %d: %v\nconfig: %v", i, err, first)
		}
		second := gen.changed(first)
		if _, err := h.roundTrip(state, second); err != nil {
			h.t.Fatalf("configuration %d, changed: %v\nfrom: %v\nto: %v", i, err, first, second)
		}
		mock.Reset() // quotas count every RI bought
	}
	h.t.Logf("%d random configurations bought and changed, each read back as planned; %d of them first with every purchase answer lost", runs, runs/4)
}

// lostAnswers applies config while every purchase is carried out and its
// answer lost: the apply warns, and the state it returns is what was
// planned, complete, and records the purchases as unconfirmed (or, those
// not started after an answer was lost, as not purchased).
func (h *protocolHarness) lostAnswers(mock *ecsmock.Server, cloud ecsmock.Cloud, config tftypes.Value) (resourceState, error) {
	mock.InjectFault(cloud, ecsmock.Fault{Action: purchaseAction[cloud], Times: -1, DropResponse: true})
	defer mock.ClearFaults()
	planned, err := h.plan(h.absent(), config)
	if err != nil {
		return h.absent(), err
	}
	applied := h.applyResponse(h.absent().value, config, &tfprotov6.PlanResourceChangeResponse{PlannedState: dynamic(h.t, planned.value), PlannedPrivate: planned.private})
	if hasErrors(applied.Diagnostics) || !strings.Contains(diagText(applied.Diagnostics), "A purchase got no answer") {
		return h.absent(), fmt.Errorf("an apply whose purchases got no answer must warn, and only warn: %s", diagText(applied.Diagnostics))
	}
	state := resourceState{h.value(applied.NewState), applied.Private}
	if err := compatible(tftypes.NewAttributePath(), planned.value, state.value); err != nil {
		return state, fmt.Errorf("inconsistent result after the lost answers: %w", err)
	}
	elems := elementsOf(state.value)
	unconfirmed := 0
	for i, e := range elems {
		var fields map[string]tftypes.Value
		var status string
		_ = e.As(&fields)
		_ = fields["status"].As(&status)
		switch status {
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

// purchaseAction is each cloud's purchase, as the emulator logs it.
var purchaseAction = map[ecsmock.Cloud]string{
	ecsmock.CloudAlibaba: "PurchaseReservedInstancesOffering", ecsmock.CloudVolcengine: "PurchaseReservedInstances",
}

func elementsOf(v tftypes.Value) []tftypes.Value {
	var attrs map[string]tftypes.Value
	var elems []tftypes.Value
	_ = v.As(&attrs)
	_ = attrs["configurations"].As(&elems)
	return elems
}

// boughtOnce: the emulator holds one RI per configured element, each from
// one purchase carried out; every retry was answered from the first.
func boughtOnce(mock *ecsmock.Server, cloud ecsmock.Cloud, config tftypes.Value) error {
	carried := 0
	for _, c := range mock.Calls(cloud, purchaseAction[cloud]) {
		if c.Status == 200 && !c.Replayed {
			carried++
		}
	}
	want := len(elementsOf(config))
	if n := len(mock.ReservedInstances(cloud)); n != want || carried != want {
		return fmt.Errorf("%d elements configured, %d RIs exist, %d purchases carried out", want, n, carried)
	}
	return nil
}

// TestPropertyVolcengineInputsReadBackUnchanged is the same property for
// ecsri_volcengine_reserved_instance, whose renames are modifications.
func TestPropertyVolcengineInputsReadBackUnchanged(t *testing.T) {
	t.Parallel()
	mock, err := ecsmock.New(ecsmock.Options{ActivationDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	probe := newProtocolHarness(t, "ecsri_volcengine_reserved_instance", nil)
	volc, _ := probe.providerType().AttributeTypes["volcengine"].(tftypes.Object)
	h := newProtocolHarness(t, "ecsri_volcengine_reserved_instance", map[string]tftypes.Value{
		"volcengine": tftypes.NewValue(volc, map[string]tftypes.Value{
			"region": str("cn-beijing"), "endpoint": str(srv.URL), "access_key": str(ecsmock.DefaultAccessKeyID),
			"secret_key": str(ecsmock.DefaultAccessKeySecret), "session_token": tfNull(tftypes.String), "billing_endpoint": tfNull(tftypes.String),
		}),
	})
	h.property(mock, ecsmock.CloudVolcengine, newVolcengineGenerator(h.objectType(), 11))
}
