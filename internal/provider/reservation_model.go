package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

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

// reservationModel is a cloud's resource model as the shared glue sees it.
type reservationModel interface {
	common() *reservationCommon
	// renewalTerm and setRenewalTerm read and write the length of one
	// automatic renewal, which each cloud writes in its own attributes.
	renewalTerm() (reservation.Term, bool)
	setRenewalTerm(reservation.Term)
	// attrs are the cloud's own string attributes by name.
	attrs() map[string]*types.String
	// setLocks records lock reasons, where the cloud reports them.
	setLocks([]string)
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

// element is one configuration element in neutral terms: a shape and, once
// bought, its RI.
type element struct {
	shape reservation.Shape
	// known is false when a plan does not know the whole shape yet.
	known bool
	id    types.String
	// status is the cloud's spelling, or a placeholder for an element
	// without an RI (statusNotPurchased, statusUnconfirmed).
	status types.String
	expiry types.String
}

// Statuses of elements that have no RI.
const (
	// statusNotPurchased: provably never bought; the next apply buys it.
	statusNotPurchased = "NotPurchased"
	// statusUnconfirmed: a purchase whose answer was lost; the next apply
	// repeats it with the same ClientToken, which cannot buy twice.
	statusUnconfirmed = "PurchaseUnconfirmed"
)

func (e element) bought() bool { return e.id.ValueString() != "" }

func elementFrom(c configurationModel, cluster types.String) element {
	known := !c.InstanceType.IsUnknown() && !c.InstanceAmount.IsUnknown() && !c.Scope.IsUnknown() && !c.ZoneID.IsUnknown() && !cluster.IsUnknown()
	return element{
		shape: reservation.Shape{
			Type: c.InstanceType.ValueString(), Amount: int(c.InstanceAmount.ValueInt64()), Scope: c.Scope.ValueString(),
			Zone: c.ZoneID.ValueString(), Cluster: cluster.ValueString(),
		},
		known: known, id: c.ID, status: c.Status, expiry: c.ExpiredTime,
	}
}

func (e element) configuration() configurationModel {
	return configurationModel{
		InstanceType: types.StringValue(e.shape.Type), InstanceAmount: types.Int64Value(int64(e.shape.Amount)),
		Scope: types.StringValue(e.shape.Scope), ZoneID: nullIfEmpty(e.shape.Zone),
		ID: e.id, Status: e.status, ExpiredTime: e.expiry,
	}
}

// elementCodec reads and writes configurations for one cloud's element type.
type elementCodec struct {
	objectType types.ObjectType
	decode     func(ctx context.Context, list types.List) ([]element, diag.Diagnostics)
	encode     func(ctx context.Context, elems []element) (types.List, diag.Diagnostics)
}

// plainElements is the codec of elements that have no attribute beyond
// configurationModel.
var plainElements = elementCodec{
	objectType: types.ObjectType{AttrTypes: configurationAttrTypes},
	decode: func(ctx context.Context, list types.List) ([]element, diag.Diagnostics) {
		var confs []configurationModel
		diags := list.ElementsAs(ctx, &confs, false)
		out := make([]element, len(confs))
		for i, c := range confs {
			out[i] = elementFrom(c, types.StringNull())
		}
		return out, diags
	},
	encode: func(ctx context.Context, elems []element) (types.List, diag.Diagnostics) {
		confs := make([]configurationModel, len(elems))
		for i, e := range elems {
			confs[i] = e.configuration()
		}
		return types.ListValueFrom(ctx, types.ObjectType{AttrTypes: configurationAttrTypes}, confs)
	},
}

// decodeElements reads configurations; ok is false when the list or an
// element is unknown (only possible in plans).
func decodeElements(ctx context.Context, codec elementCodec, list types.List) ([]element, bool, diag.Diagnostics) {
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

// recordedIDs lists the RI IDs of a model in configurations order; after an
// import, when only the id attribute is known, it splits that.
func recordedIDs(ctx context.Context, codec elementCodec, m *reservationCommon) []string {
	if elems, ok, _ := decodeElements(ctx, codec, m.Configurations); ok && len(elems) > 0 {
		return boughtIDs(elems)
	}
	if m.ID.ValueString() == "" {
		return nil
	}
	return strings.Split(m.ID.ValueString(), ",")
}

func boughtIDs(elems []element) []string {
	var out []string
	for _, e := range elems {
		if e.bought() {
			out = append(out, e.id.ValueString())
		}
	}
	return out
}

// tagsOf returns the tags of a map attribute; nil for null or unknown.
// Validation has already ensured every value is a known string.
func tagsOf(ctx context.Context, m types.Map) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	_ = m.ElementsAs(ctx, &out, false)
	return out
}

func termOf(m *reservationCommon) reservation.Term {
	return reservation.Term{Period: int(m.Period.ValueInt64()), Unit: m.PeriodUnit.ValueString()}
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
