package acctest

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsri/terraform-provider-ecsri/internal/provider"
)

// Harness drives the provider the way Terraform does, over its protocol,
// in process and without the terraform binary: validate, plan (with
// Terraform's proposed new state), apply, read, and Terraform's checks of
// what comes back. Cases that need no terraform binary run here in
// milliseconds.
type Harness struct {
	T        *testing.T
	Server   tfprotov6.ProviderServer
	TypeName string
	schemas  *tfprotov6.GetProviderSchemaResponse
}

// State is what Terraform keeps of a resource between commands: its state
// and the provider's private state.
type State struct {
	Value   tftypes.Value
	Private []byte
}

// NewHarness serves the provider in process and configures it with the
// settings given (Go values: strings, numbers, maps for blocks); nil
// leaves it unconfigured.
func NewHarness(t *testing.T, typeName string, settings map[string]any, opts ...provider.Option) *Harness {
	t.Helper()
	server := providerserver.NewProtocol6(provider.New("test", append([]provider.Option{Pacing}, opts...)...)())()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || HasErrors(schemas.Diagnostics) {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	h := &Harness{T: t, Server: server, TypeName: typeName, schemas: schemas}
	if settings != nil {
		if d := h.Configure(settings); HasErrors(d) {
			t.Fatalf("configure: %s", DiagText(d))
		}
	}
	return h
}

// Configure validates and configures the provider and returns its
// diagnostics.
func (h *Harness) Configure(settings map[string]any) []*tfprotov6.Diagnostic {
	config := h.dynamic(FromGo(h.schemas.Provider.ValueType(), settings))
	valid, err := h.Server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: config})
	if err != nil {
		h.T.Fatal(err)
	}
	if HasErrors(valid.Diagnostics) {
		return valid.Diagnostics
	}
	resp, err := h.Server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: config})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp.Diagnostics
}

// ObjectType is the resource's type.
func (h *Harness) ObjectType() tftypes.Object { return h.typeOf(h.TypeName) }

func (h *Harness) typeOf(name string) tftypes.Object {
	s, ok := h.schemas.ResourceSchemas[name]
	if !ok {
		s = h.schemas.DataSourceSchemas[name]
	}
	typ, _ := s.ValueType().(tftypes.Object)
	return typ
}

// Config is a configuration of the resource from Go values; what it leaves
// out is null.
func (h *Harness) Config(values map[string]any) tftypes.Value { return FromGo(h.ObjectType(), values) }

// Absent is the state of a resource that does not exist.
func (h *Harness) Absent() State { return State{Value: tftypes.NewValue(h.ObjectType(), nil)} }

// Validate validates a configuration.
func (h *Harness) Validate(config tftypes.Value) []*tfprotov6.Diagnostic {
	resp, err := h.Server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: h.TypeName, Config: h.dynamic(config)})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp.Diagnostics
}

// ValidateData validates a data source's configuration.
func (h *Harness) ValidateData(typeName string, values map[string]any) []*tfprotov6.Diagnostic {
	resp, err := h.Server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName,
		Config: h.dynamic(FromGo(h.typeOf(typeName), values))})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp.Diagnostics
}

// Plan plans config over prior with Terraform's proposed new state.
func (h *Harness) Plan(prior State, config tftypes.Value) *tfprotov6.PlanResourceChangeResponse {
	resp, err := h.Server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.TypeName, PriorState: h.dynamic(prior.Value), ProposedNewState: h.dynamic(ProposedNew(h.schemas.ResourceSchemas[h.TypeName].Block, prior.Value, config)),
		Config: h.dynamic(config), PriorPrivate: prior.Private,
	})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp
}

// Apply applies a plan.
func (h *Harness) Apply(prior State, config tftypes.Value, plan *tfprotov6.PlanResourceChangeResponse) *tfprotov6.ApplyResourceChangeResponse {
	resp, err := h.Server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.TypeName, PriorState: h.dynamic(prior.Value), PlannedState: plan.PlannedState, Config: h.dynamic(config),
		PlannedPrivate: plan.PlannedPrivate,
	})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp
}

// Read refreshes a state.
func (h *Harness) Read(s State) *tfprotov6.ReadResourceResponse {
	resp, err := h.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: h.TypeName, CurrentState: h.dynamic(s.Value), Private: s.Private})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp
}

// ReadData reads a data source of the configuration given.
func (h *Harness) ReadData(typeName string, values map[string]any) *tfprotov6.ReadDataSourceResponse {
	resp, err := h.Server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName,
		Config: h.dynamic(FromGo(h.typeOf(typeName), values))})
	if err != nil {
		h.T.Fatal(err)
	}
	return resp
}

// Value decodes a value the provider returned for the resource.
func (h *Harness) Value(dv *tfprotov6.DynamicValue) tftypes.Value { return h.ValueOf(h.TypeName, dv) }

// ValueOf decodes a value the provider returned for a resource or data
// source type.
func (h *Harness) ValueOf(typeName string, dv *tfprotov6.DynamicValue) tftypes.Value {
	v, err := dv.Unmarshal(h.typeOf(typeName))
	if err != nil {
		h.T.Fatal(err)
	}
	return v
}

// RoundTrip applies config over prior and checks what Terraform checks
// (every planned value is what the apply produced), refreshes, and checks
// the next plan is empty; it returns the refreshed state.
func (h *Harness) RoundTrip(prior State, config tftypes.Value) (State, error) {
	if d := h.Validate(config); HasErrors(d) {
		return prior, fmt.Errorf("an accepted configuration was rejected: %s", DiagText(d))
	}
	planned := h.Plan(prior, config)
	if HasErrors(planned.Diagnostics) {
		return prior, fmt.Errorf("an accepted configuration failed to plan: %s", DiagText(planned.Diagnostics))
	}
	applied := h.Apply(prior, config, planned)
	if HasErrors(applied.Diagnostics) {
		return prior, fmt.Errorf("apply failed: %s", DiagText(applied.Diagnostics))
	}
	state := State{h.Value(applied.NewState), applied.Private}
	if err := Compatible(tftypes.NewAttributePath(), h.Value(planned.PlannedState), state.Value); err != nil {
		return state, fmt.Errorf("inconsistent result after apply: %w", err)
	}
	read := h.Read(state)
	if HasErrors(read.Diagnostics) {
		return state, fmt.Errorf("refresh failed: %s", DiagText(read.Diagnostics))
	}
	refreshed := State{h.Value(read.NewState), read.Private}
	again := h.Plan(refreshed, config)
	if HasErrors(again.Diagnostics) {
		return refreshed, fmt.Errorf("plan after refresh failed: %s", DiagText(again.Diagnostics))
	}
	if next := h.Value(again.PlannedState); !next.Equal(refreshed.Value) || len(again.RequiresReplace) > 0 {
		diff, _ := refreshed.Value.Diff(next)
		return refreshed, fmt.Errorf("the plan after apply and refresh is not empty: %v", diff)
	}
	return refreshed, nil
}

func (h *Harness) dynamic(v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		h.T.Fatal(err)
	}
	return &dv
}

// FromGo builds a value of typ from Go values: nil is null; strings,
// numbers and booleans are themselves; map[string]any fills an object
// (attributes left out are null) or a map; []any a list; a tftypes.Value
// is taken as it is.
func FromGo(typ tftypes.Type, v any) tftypes.Value {
	if tv, ok := v.(tftypes.Value); ok {
		return tv
	}
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch t := typ.(type) {
	case tftypes.Object:
		in, _ := v.(map[string]any)
		out := map[string]tftypes.Value{}
		for name, at := range t.AttributeTypes {
			out[name] = FromGo(at, in[name])
		}
		return tftypes.NewValue(t, out)
	case tftypes.List:
		var elems []tftypes.Value
		list, _ := v.([]any)
		for _, e := range list {
			elems = append(elems, FromGo(t.ElementType, e))
		}
		return tftypes.NewValue(t, elems)
	case tftypes.Map:
		out := map[string]tftypes.Value{}
		switch m := v.(type) {
		case map[string]string:
			for k, e := range m {
				out[k] = FromGo(t.ElementType, e)
			}
		case map[string]any:
			for k, e := range m {
				out[k] = FromGo(t.ElementType, e)
			}
		}
		return tftypes.NewValue(t, out)
	}
	switch x := v.(type) {
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(x)))
	case float64:
		return tftypes.NewValue(typ, big.NewFloat(x))
	}
	return tftypes.NewValue(typ, v)
}

// Attr reads an attribute of an object value as a Go string, number (as
// int) or boolean; "" for null.
func Attr(v tftypes.Value, path ...any) any {
	for _, step := range path {
		switch s := step.(type) {
		case string:
			var attrs map[string]tftypes.Value
			if v.As(&attrs) != nil {
				return nil
			}
			v = attrs[s]
		case int:
			var elems []tftypes.Value
			if v.As(&elems) != nil || s >= len(elems) {
				return nil
			}
			v = elems[s]
		}
	}
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		n, _ := f.Int64()
		return int(n)
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	}
	return v
}

// Len is the number of elements of a list attribute.
func Len(v tftypes.Value, name string) int {
	var attrs map[string]tftypes.Value
	var elems []tftypes.Value
	_ = v.As(&attrs)
	_ = attrs[name].As(&elems)
	return len(elems)
}

// DiagText writes diagnostics one a line.
func DiagText(ds []*tfprotov6.Diagnostic) string {
	var out string
	for _, d := range ds {
		out += fmt.Sprintf("\n%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// Summaries are diagnostics as "severity: summary".
func Summaries(ds []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Severity.String()+": "+d.Summary)
	}
	return out
}

// ProposedNew is Terraform's proposed new state: the configuration, with
// the prior value wherever the configuration leaves a computed attribute
// null (elements of nested lists pair by index).
func ProposedNew(block *tfprotov6.SchemaBlock, prior, config tftypes.Value) tftypes.Value {
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

// Compatible is Terraform's rule after an apply: a known planned value
// stays exactly as planned; an unknown one may become anything known.
func Compatible(at *tftypes.AttributePath, planned, actual tftypes.Value) error {
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
			if err := Compatible(at.WithAttributeName(k), p[k], a[k]); err != nil {
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
			if err := Compatible(at.WithElementKeyInt(i), p[i], a[i]); err != nil {
				return err
			}
		}
	case !planned.Equal(actual):
		return fmt.Errorf("%s: planned %v, got %v", at, planned, actual)
	}
	return nil
}

// Call calls a provider function with one string argument and returns its
// result, or its error's text.
func (h *Harness) Call(name, arg string) string {
	v := tftypes.NewValue(tftypes.String, arg)
	dv, err := tfprotov6.NewDynamicValue(tftypes.String, v)
	if err != nil {
		h.T.Fatal(err)
	}
	resp, err := h.Server.CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{Name: name, Arguments: []*tfprotov6.DynamicValue{&dv}})
	if err != nil {
		h.T.Fatal(err)
	}
	if resp.Error != nil {
		return resp.Error.Text
	}
	out, err := resp.Result.Unmarshal(tftypes.Number)
	if err != nil {
		h.T.Fatal(err)
	}
	var f big.Float
	_ = out.As(&f)
	return f.Text('f', 0)
}
