package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// reservationCommon holds the attributes every cloud's reservation resource
// shares, with the same names and meaning; each resource's model embeds it.
type reservationCommon struct {
	ID              types.String   `tfsdk:"id"`
	RegionID        types.String   `tfsdk:"region_id"`
	Configurations  types.List     `tfsdk:"configurations"`
	Period          types.Int64    `tfsdk:"period"`
	PeriodUnit      types.String   `tfsdk:"period_unit"`
	Name            types.String   `tfsdk:"name"`
	Description     types.String   `tfsdk:"description"`
	Tags            types.Map      `tfsdk:"tags"`
	AutoRenew       types.Bool     `tfsdk:"auto_renew"`
	AutoRenewPeriod types.Int64    `tfsdk:"auto_renew_period"`
	StartTime       types.String   `tfsdk:"start_time"`
	Status          types.String   `tfsdk:"status"`
	ExpiredTime     types.String   `tfsdk:"expired_time"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

// reservationModel is a cloud's resource model as the adapter sees it.
type reservationModel interface {
	common() *reservationCommon
	// renewalTerm and setRenewalTerm read and write the length of one
	// automatic renewal, which each cloud writes in its own attributes.
	renewalTerm() converge.Val[reservation.Term]
	setRenewalTerm(reservation.Term)
	// attrs are the cloud's own string attributes by name.
	attrs() map[string]*types.String
	// locks and setLocks read and write lock reasons, where the cloud
	// reports them.
	locks() converge.Val[[]string]
	setLocks(converge.Val[[]string])
}

// configurationModel is one element of configurations on every cloud.
type configurationModel struct {
	InstanceType   types.String `tfsdk:"instance_type"`
	InstanceAmount types.Int64  `tfsdk:"instance_amount"`
	Scope          types.String `tfsdk:"scope"`
	ZoneID         types.String `tfsdk:"zone_id"`
	ID             types.String `tfsdk:"id"`
	Status         types.String `tfsdk:"status"`
	ExpiredTime    types.String `tfsdk:"expired_time"`
}

var configurationAttrTypes = map[string]attr.Type{
	"instance_type": types.StringType, "instance_amount": types.Int64Type, "scope": types.StringType,
	"zone_id": types.StringType, "id": types.StringType, "status": types.StringType, "expired_time": types.StringType,
}

func elementFrom(c configurationModel, cluster types.String) converge.Element {
	known := !c.InstanceType.IsUnknown() && !c.InstanceAmount.IsUnknown() && !c.Scope.IsUnknown() && !c.ZoneID.IsUnknown() && !cluster.IsUnknown()
	return converge.Element{
		Shape: reservation.Shape{
			Type: c.InstanceType.ValueString(), Amount: int(c.InstanceAmount.ValueInt64()), Scope: c.Scope.ValueString(),
			Zone: c.ZoneID.ValueString(), Cluster: cluster.ValueString(),
		},
		ShapeKnown: known, ID: fromString(c.ID), Status: fromString(c.Status), Expiry: fromString(c.ExpiredTime),
	}
}

func configurationOf(e converge.Element) configurationModel {
	return configurationModel{
		InstanceType: types.StringValue(e.Shape.Type), InstanceAmount: types.Int64Value(int64(e.Shape.Amount)),
		Scope: types.StringValue(e.Shape.Scope), ZoneID: nullIfEmpty(e.Shape.Zone),
		ID: toString(e.ID), Status: toString(e.Status), ExpiredTime: toString(e.Expiry),
	}
}

// elementCodec reads and writes configurations for one cloud's element type.
type elementCodec struct {
	objectType types.ObjectType
	decode     func(ctx context.Context, list types.List) ([]converge.Element, diag.Diagnostics)
	encode     func(ctx context.Context, elems []converge.Element) (types.List, diag.Diagnostics)
}

// plainElements is the codec of elements that have no attribute beyond
// configurationModel.
var plainElements = elementCodec{
	objectType: types.ObjectType{AttrTypes: configurationAttrTypes},
	decode: func(ctx context.Context, list types.List) ([]converge.Element, diag.Diagnostics) {
		var confs []configurationModel
		diags := list.ElementsAs(ctx, &confs, false)
		out := make([]converge.Element, len(confs))
		for i, c := range confs {
			out[i] = elementFrom(c, types.StringNull())
		}
		return out, diags
	},
	encode: func(ctx context.Context, elems []converge.Element) (types.List, diag.Diagnostics) {
		confs := make([]configurationModel, len(elems))
		for i, e := range elems {
			confs[i] = configurationOf(e)
		}
		return types.ListValueFrom(ctx, types.ObjectType{AttrTypes: configurationAttrTypes}, confs)
	},
}

// decodeElements reads configurations; ok is false when the list or an
// element is unknown (only possible in plans).
func decodeElements(ctx context.Context, codec elementCodec, list types.List) ([]converge.Element, bool, diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return nil, false, nil
	}
	for _, e := range list.Elements() {
		if e.IsUnknown() {
			return nil, false, nil
		}
	}
	elems, diags := codec.decode(ctx, list)
	return elems, !diags.HasError(), diags
}

// toEngine reads a plan, state or configuration into the engine's terms.
func (r *reservationResource) toEngine(ctx context.Context, m reservationModel, diags *diag.Diagnostics) *converge.Reservation {
	c := m.common()
	out := &converge.Reservation{
		ID: fromString(c.ID), Region: fromString(c.RegionID), Period: fromInt(c.Period), PeriodUnit: fromString(c.PeriodUnit),
		Name: fromString(c.Name), Description: fromString(c.Description), Tags: fromTags(c.Tags), AutoRenew: fromBool(c.AutoRenew),
		RenewalTerm: m.renewalTerm(), StartTime: fromString(c.StartTime), Status: fromString(c.Status), ExpiredTime: fromString(c.ExpiredTime),
		Attrs: map[string]converge.Val[string]{}, Locks: m.locks(),
	}
	for name, v := range m.attrs() {
		out.Attrs[name] = fromString(*v)
	}
	elems, ok, d := decodeElements(ctx, r.spec.codec, c.Configurations)
	diags.Append(d...)
	out.Elements, out.ElementsKnown = elems, ok
	return out
}

// fromEngine writes what the engine decided into a model; the elements
// only when elements is true.
func (r *reservationResource) fromEngine(ctx context.Context, res *converge.Reservation, m reservationModel, elements bool, diags *diag.Diagnostics) {
	c := m.common()
	c.ID, c.RegionID, c.Period, c.PeriodUnit = toString(res.ID), toString(res.Region), toInt(res.Period), toString(res.PeriodUnit)
	c.Name, c.Description, c.AutoRenew = toString(res.Name), toString(res.Description), toBool(res.AutoRenew)
	c.StartTime, c.Status, c.ExpiredTime = toString(res.StartTime), toString(res.Status), toString(res.ExpiredTime)
	switch {
	case res.Tags.Null:
		c.Tags = types.MapNull(types.StringType)
	case !res.Tags.Unknown:
		v, d := types.MapValueFrom(ctx, types.StringType, res.Tags.V)
		diags.Append(d...)
		c.Tags = v
	}
	if res.RenewalTerm.IsKnown() {
		m.setRenewalTerm(res.RenewalTerm.V)
	}
	for name, v := range m.attrs() {
		*v = toString(res.Attrs[name])
	}
	m.setLocks(res.Locks)
	if elements && res.ElementsKnown {
		list, d := r.spec.codec.encode(ctx, res.Elements)
		diags.Append(d...)
		c.Configurations = list
	}
}

func fromString(v types.String) converge.Val[string] {
	switch {
	case v.IsUnknown():
		return converge.Unknown[string]()
	case v.IsNull():
		return converge.Null[string]()
	}
	return converge.Known(v.ValueString())
}

func toString(v converge.Val[string]) types.String {
	switch {
	case v.Unknown:
		return types.StringUnknown()
	case v.Null:
		return types.StringNull()
	}
	return types.StringValue(v.V)
}

func fromInt(v types.Int64) converge.Val[int] {
	switch {
	case v.IsUnknown():
		return converge.Unknown[int]()
	case v.IsNull():
		return converge.Null[int]()
	}
	return converge.Known(int(v.ValueInt64()))
}

func toInt(v converge.Val[int]) types.Int64 {
	switch {
	case v.Unknown:
		return types.Int64Unknown()
	case v.Null:
		return types.Int64Null()
	}
	return types.Int64Value(int64(v.V))
}

func fromBool(v types.Bool) converge.Val[bool] {
	switch {
	case v.IsUnknown():
		return converge.Unknown[bool]()
	case v.IsNull():
		return converge.Null[bool]()
	}
	return converge.Known(v.ValueBool())
}

func toBool(v converge.Val[bool]) types.Bool {
	switch {
	case v.Unknown:
		return types.BoolUnknown()
	case v.Null:
		return types.BoolNull()
	}
	return types.BoolValue(v.V)
}

// fromTags reads a map of tags; unknown when any value is.
func fromTags(m types.Map) converge.Val[map[string]string] {
	switch {
	case m.IsUnknown():
		return converge.Unknown[map[string]string]()
	case m.IsNull():
		return converge.Null[map[string]string]()
	}
	out := map[string]string{}
	for k, v := range m.Elements() {
		if v.IsUnknown() {
			return converge.Unknown[map[string]string]()
		}
		// A null value is refused by the tags validator, with its rule.
		if s, ok := v.(types.String); ok && !s.IsNull() {
			out[k] = s.ValueString()
		}
	}
	return converge.Known(out)
}

func stringList(values []string) basetypes.ListValue {
	sort.Strings(values)
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// nullIfEmpty maps the API's "" for an absent value to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
