package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud/cloudtest"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// glueHarness drives ecsri_reserved_instance over the protocol against a
// fake backend: what ModifyPlan says and how Update fails, exactly, with
// neither Terraform nor HTTP.
func glueHarness(t *testing.T) (*protocolHarness, *cloudtest.Fake) {
	t.Helper()
	fake := cloudtest.New(reservation.Alibaba)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	h := newProtocolHarness(t, "ecsri_reserved_instance", map[string]tftypes.Value{
		"region": str("cn-hangzhou"), "access_key": str("fake"), "secret_key": str("fake"),
	}, WithBackend(fake.Backend()))
	return h, fake
}

// config is an ecsri_reserved_instance configuration: element types, tags
// and a term in years.
func (h *protocolHarness) config(types []string, tags map[string]string, years int) tftypes.Value {
	g := newAlibabaGenerator(h.objectType(), 1)
	attrs := g.nulls()
	var elems []tftypes.Value
	for _, typ := range types {
		et := g.elementType()
		e := map[string]tftypes.Value{}
		for name, t := range et.AttributeTypes {
			e[name] = tfNull(t)
		}
		e["instance_type"] = tfString(typ)
		elems = append(elems, tftypes.NewValue(et, e))
	}
	attrs["configurations"] = tftypes.NewValue(tftypes.List{ElementType: g.elementType()}, elems)
	tagValues := map[string]tftypes.Value{}
	for k, v := range tags {
		tagValues[k] = tfString(v)
	}
	attrs["tags"] = tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tagValues)
	attrs["period"], attrs["period_unit"] = tfNumber(years), tfString("Year")
	return tftypes.NewValue(h.typ(), attrs)
}

func (h *protocolHarness) typ() tftypes.Object { return h.objectType() }

func (h *protocolHarness) planResponse(prior, config tftypes.Value, private []byte) *tfprotov6.PlanResourceChangeResponse {
	resp, err := h.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName, PriorState: dynamic(h.t, prior), ProposedNewState: dynamic(h.t, proposedNew(h.schema.Block, prior, config)),
		Config: dynamic(h.t, config), PriorPrivate: private,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

func (h *protocolHarness) applyResponse(prior, config tftypes.Value, plan *tfprotov6.PlanResourceChangeResponse) *tfprotov6.ApplyResourceChangeResponse {
	resp, err := h.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.typeName, PriorState: dynamic(h.t, prior), PlannedState: plan.PlannedState, Config: dynamic(h.t, config),
		PlannedPrivate: plan.PlannedPrivate,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

// created buys config through the fake and returns the state and its
// private state.
func (h *protocolHarness) created(config tftypes.Value) (tftypes.Value, []byte) {
	null := tftypes.NewValue(h.typ(), nil)
	plan := h.planResponse(null, config, nil)
	applied := h.applyResponse(null, config, plan)
	if hasErrors(applied.Diagnostics) {
		h.t.Fatalf("create: %v", applied.Diagnostics)
	}
	return h.value(applied.NewState), applied.Private
}

func summaries(ds []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Severity.String()+": "+d.Summary)
	}
	return out
}

func detailOf(ds []*tfprotov6.Diagnostic, summary string) string {
	for _, d := range ds {
		if d.Summary == summary {
			return d.Detail
		}
	}
	return ""
}

// ModifyPlan's diagnostics, exactly: a split with new tags and a longer
// term lists the split, the renewal and the tags, in order; a family
// change is refused on configurations.
func TestGlueModifyPlanDiagnostics(t *testing.T) {
	t.Parallel()
	h, fake := glueHarness(t)
	state, private := h.created(h.config([]string{"ecs.g6.2xlarge"}, map[string]string{"a": "1"}, 1))
	calls := len(fake.Calls())
	change := h.config([]string{"ecs.g6.xlarge", "ecs.g6.xlarge"}, map[string]string{"a": "1", "b": "2"}, 2)
	resp := h.planResponse(state, change, private)
	want := []string{"WARNING: This apply reshapes reserved instances", "WARNING: This apply renews reserved instances", "WARNING: This apply changes reserved instances in place"}
	if got := summaries(resp.Diagnostics); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("summaries %q, want %q", got, want)
	}
	if d, want := detailOf(resp.Diagnostics, "This apply reshapes reserved instances"),
		"1 ModifyReservedInstances call(s), each waiting for the previous one's reserved instances to become active:\n"+
			"1. split ecsri-fake001 into 2 reserved instances: ecs.g6.xlarge × 1 (regional), ecs.g6.xlarge × 1 (regional) (ModifyReservedInstances)\n\n"+
			"They cost nothing. The reserved instances they replace become inactive; the new ones get new IDs, keep the expiry time and get this resource's name, description, tags and auto-renewal."; d != want {
		t.Fatalf("reshape detail:\n%s\nwant\n%s", d, want)
	}
	if d := detailOf(resp.Diagnostics, "This apply renews reserved instances"); !strings.Contains(d,
		"To reach the term of 2 Years, measured from each reserved instance's real expiry: 1 RenewReservedInstances call(s), at most 10 reserved instance(s) each:\n"+
			"(the new reserved instance of configurations[0]), (the new reserved instance of configurations[1]) by 1 Year (1 Year)") {
		t.Fatalf("renewal detail:\n%s", d)
	}
	if d := detailOf(resp.Diagnostics, "This apply changes reserved instances in place"); !strings.HasPrefix(d,
		"1. TagResources × 1: set tags a=\"1\", b=\"2\" on (the new reserved instance of configurations[0]), (the new reserved instance of configurations[1])") {
		t.Fatalf("in-place detail:\n%s", d)
	}
	resp = h.planResponse(state, h.config([]string{"ecs.c6.2xlarge"}, map[string]string{"a": "1"}, 1), private)
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Reshape not possible" ||
		resp.Diagnostics[0].Attribute.String() != tftypes.NewAttributePath().WithAttributeName("configurations").String() ||
		!strings.Contains(resp.Diagnostics[0].Detail, "the instance family of a reserved instance cannot change") {
		t.Fatalf("a family change: %v", resp.Diagnostics)
	}
	if len(fake.Calls()) != calls {
		t.Fatalf("plans make no call: %v", fake.Calls()[calls:])
	}
}

// Update's error paths, exactly: a tag call that fails stops the apply
// with the RIs the split made recorded; a renewal that fails says so.
func TestGlueUpdateErrorPaths(t *testing.T) {
	t.Parallel()
	h, fake := glueHarness(t)
	state, private := h.created(h.config([]string{"ecs.g6.2xlarge"}, nil, 1))
	change := h.config([]string{"ecs.g6.xlarge", "ecs.g6.xlarge"}, map[string]string{"team": "web"}, 1)
	fake.Fail("Tag", 1, &cloud.Error{Action: "TagResources", Code: "InvalidTagKey.Malformed", StatusCode: 400, Message: "bad key", RequestID: "R1"})
	plan := h.planResponse(state, change, private)
	applied := h.applyResponse(state, change, plan)
	if got := summaries(applied.Diagnostics); len(got) != 1 || got[0] != "ERROR: Update stopped part way" ||
		!strings.Contains(applied.Diagnostics[0].Detail, "TagResources failed: InvalidTagKey.Malformed (HTTP 400, RequestId R1): bad key") {
		t.Fatalf("a failed tag call: %v", applied.Diagnostics)
	}
	after := h.value(applied.NewState)
	var attrs map[string]tftypes.Value
	_ = after.As(&attrs)
	var id string
	_ = attrs["id"].As(&id)
	if id != "ecsri-fake002,ecsri-fake003" {
		t.Fatalf("state must record the RIs the split made: %q", id)
	}

	h2, fake2 := glueHarness(t)
	state2, private2 := h2.created(h2.config([]string{"ecs.g6.large"}, nil, 1))
	fake2.Fail("Renew", 1, &cloud.Error{Action: "RenewReservedInstances", Code: "OperationDenied", StatusCode: 403, Message: "no", RequestID: "R2"})
	longer := h2.config([]string{"ecs.g6.large"}, nil, 2)
	applied = h2.applyResponse(state2, longer, h2.planResponse(state2, longer, private2))
	if got := summaries(applied.Diagnostics); len(got) != 1 || got[0] != "ERROR: Renewal stopped part way" ||
		!strings.Contains(applied.Diagnostics[0].Detail, "renewing ecsri-fake001 by 1 Year: RenewReservedInstances failed: OperationDenied") ||
		!strings.Contains(applied.Diagnostics[0].Detail, "nothing is renewed twice") {
		t.Fatalf("a failed renewal: %v", applied.Diagnostics)
	}

}
