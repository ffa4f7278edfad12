package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// volcengineModel is ecsri_volcengine_reserved_instance: the shared
// attributes plus the project, with automatic renewal in months.
type volcengineModel struct {
	reservationCommon
	ProjectName types.String `tfsdk:"project_name"`
}

func (m *volcengineModel) common() *reservationCommon { return &m.reservationCommon }

func (m *volcengineModel) renewalTerm() converge.Val[reservation.Term] {
	switch {
	case m.AutoRenewPeriod.IsUnknown():
		return converge.Unknown[reservation.Term]()
	case m.AutoRenewPeriod.IsNull():
		return converge.Null[reservation.Term]()
	}
	return converge.Known(reservation.Term{Period: int(m.AutoRenewPeriod.ValueInt64()), Unit: reservation.Month})
}

func (m *volcengineModel) setRenewalTerm(t reservation.Term) {
	m.AutoRenewPeriod = types.Int64Value(int64(t.Months()))
}

func (m *volcengineModel) attrs() map[string]*types.String {
	return map[string]*types.String{converge.AttrProjectName: &m.ProjectName}
}

// locks and setLocks: Volcengine reports no lock reasons.
func (m *volcengineModel) locks() converge.Val[[]string]   { return converge.Null[[]string]() }
func (m *volcengineModel) setLocks(converge.Val[[]string]) {}

// hpcConfigurationModel is an element of configurations with the HPC
// cluster of a GPU reserved instance.
type hpcConfigurationModel struct {
	configurationModel
	HpcClusterID types.String `tfsdk:"hpc_cluster_id"`
}

func hpcAttrTypes() map[string]attr.Type {
	out := map[string]attr.Type{"hpc_cluster_id": types.StringType}
	for k, v := range configurationAttrTypes {
		out[k] = v
	}
	return out
}

// hpcElements is the codec of elements that may name an HPC cluster.
var hpcElements = elementCodec{
	objectType: types.ObjectType{AttrTypes: hpcAttrTypes()},
	decode: func(ctx context.Context, list types.List) ([]converge.Element, diag.Diagnostics) {
		var confs []hpcConfigurationModel
		diags := list.ElementsAs(ctx, &confs, false)
		out := make([]converge.Element, len(confs))
		for i, c := range confs {
			out[i] = elementFrom(c.configurationModel, c.HpcClusterID)
		}
		return out, diags
	},
	encode: func(ctx context.Context, elems []converge.Element) (types.List, diag.Diagnostics) {
		confs := make([]hpcConfigurationModel, len(elems))
		for i, e := range elems {
			confs[i] = hpcConfigurationModel{configurationModel: configurationOf(e), HpcClusterID: nullIfEmpty(e.Shape.Cluster)}
		}
		return types.ListValueFrom(ctx, types.ObjectType{AttrTypes: hpcAttrTypes()}, confs)
	},
}

var volcengineSpec = &cloudSpec{
	typeSuffix: "_volcengine_reserved_instance",
	engine:     converge.Volcengine,
	schema:     volcengineReservationSchema,
	newModel:   func() reservationModel { return &volcengineModel{} },
	codec:      hpcElements,
	client: func(d *providerData) (*cloud.Session, string, error) {
		return d.volcengine.get()
	},
}

func newVolcengineReservedInstance() resource.Resource {
	return &reservationResource{spec: volcengineSpec}
}

func volcengineReservationSchema(ctx context.Context) schema.Schema {
	rules := reservation.Volcengine
	return reservationSchema(ctx, schemaOptions{
		rules: rules,
		description: "A *reservation*: the Volcengine ECS reserved instances (RIs) that one purchase bought, one RI per element of `configurations`. " +
			"Reserved instances cost money and cannot be refunded: destroying this resource only stops their renewal, and every plan lists the calls " +
			"its apply will make, saying which cost money. Renewal and auto-renewal go through the Billing service.",
		typeExample: "ecs.g3i.large", zoneExample: "cn-beijing-a",
		statusText:      "`CREATING`, `ACTIVE`, `UPDATING`, `INACTIVE` or `EXPIRED` (as Volcengine spells them)",
		nameRequired:    true,
		descriptionKept: true,
		nameText: "Volcengine changes names, descriptions and projects only by " + rules.Calls.Modify +
			", which gives the reserved instances **new IDs** (no money changes hands); the plan says so.",
		defaultUnit: converge.Volcengine.DefaultTermUnit,
		renewalText: "Length of each automatic renewal, in months: `1` to `12`, `24` or `36` (what Billing " + rules.Calls.AutoRenew +
			" sets). A purchase or a modification carries `1`, `2`, `3`, `6` or `12` itself; any other length is set by " + rules.Calls.AutoRenew +
			" right after, which the plan announces. Default `1`. Changed in place, IDs unchanged.",
		elementExtra: map[string]schema.Attribute{
			"hpc_cluster_id": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "HPC cluster of a GPU reserved instance (the account needs GPU reserved instances enabled). A modification can move it to another cluster.",
			},
		},
		extra: map[string]schema.Attribute{
			"project_name": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keepState,
				Validators: []validator.String{stringRule{"Invalid project name", rules.Text.Project}},
				MarkdownDescription: "Project of the reserved instances: " + rules.Text.Project.Text + ". Default: the account's `default` project. " +
					"Changed by " + rules.Calls.Modify + ", which gives the reserved instances new IDs.",
			},
			"start_time": schema.StringAttribute{
				Computed: true, PlanModifiers: keepState,
				MarkdownDescription: "When the term of the reservation started (UTC), as Volcengine reports it.",
			},
		},
	})
}
