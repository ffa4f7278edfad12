package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// alibabaModel is ecsri_reserved_instance: the shared attributes plus
// Alibaba Cloud's payment option, platform, resource group and lock
// reasons, and a unit for the automatic renewal.
type alibabaModel struct {
	reservationCommon
	Platform            types.String `tfsdk:"platform"`
	OfferingType        types.String `tfsdk:"offering_type"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	AutoRenewPeriodUnit types.String `tfsdk:"auto_renew_period_unit"`
	OperationLocks      types.List   `tfsdk:"operation_locks"`
}

func (m *alibabaModel) common() *reservationCommon { return &m.reservationCommon }

func (m *alibabaModel) renewalTerm() converge.Val[reservation.Term] {
	switch {
	case m.AutoRenewPeriod.IsUnknown() || m.AutoRenewPeriodUnit.IsUnknown():
		return converge.Unknown[reservation.Term]()
	case m.AutoRenewPeriod.IsNull() || m.AutoRenewPeriodUnit.IsNull():
		return converge.Null[reservation.Term]()
	}
	return converge.Known(reservation.Term{Period: int(m.AutoRenewPeriod.ValueInt64()), Unit: m.AutoRenewPeriodUnit.ValueString()})
}

func (m *alibabaModel) setRenewalTerm(t reservation.Term) {
	m.AutoRenewPeriod, m.AutoRenewPeriodUnit = types.Int64Value(int64(t.Period)), types.StringValue(t.Unit)
}

func (m *alibabaModel) attrs() map[string]*types.String {
	return map[string]*types.String{
		converge.AttrPlatform: &m.Platform, converge.AttrOfferingType: &m.OfferingType, converge.AttrResourceGroupID: &m.ResourceGroupID,
	}
}

func (m *alibabaModel) locks() converge.Val[[]string] {
	switch {
	case m.OperationLocks.IsUnknown():
		return converge.Unknown[[]string]()
	case m.OperationLocks.IsNull():
		return converge.Null[[]string]()
	}
	out := []string{}
	for _, v := range m.OperationLocks.Elements() {
		if s, ok := v.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return converge.Known(out)
}

func (m *alibabaModel) setLocks(locks converge.Val[[]string]) {
	switch {
	case locks.Unknown:
		m.OperationLocks = types.ListUnknown(types.StringType)
	case locks.Null:
		m.OperationLocks = types.ListNull(types.StringType)
	default:
		m.OperationLocks = stringList(locks.V)
	}
}

var alibabaSpec = &cloudSpec{
	typeSuffix: "_reserved_instance",
	engine:     converge.Alibaba,
	schema:     alibabaReservationSchema,
	newModel:   func() reservationModel { return &alibabaModel{} },
	codec:      plainElements,
	client: func(d *providerData) (*cloud.Session, string, error) {
		return d.alibaba.get()
	},
}

func newAlibabaReservedInstance() resource.Resource { return &reservationResource{spec: alibabaSpec} }

func alibabaReservationSchema(ctx context.Context) schema.Schema {
	rules := reservation.Alibaba
	return reservationSchema(ctx, schemaOptions{
		rules: rules,
		description: "A *reservation*: the Alibaba Cloud ECS reserved instances (RIs) that one purchase bought, one RI per element of `configurations`. " +
			"Reserved instances cost money and cannot be refunded: destroying this resource only switches auto-renewal off, and every plan lists the calls " +
			"its apply will make, saying which cost money.",
		typeExample: "ecs.g6.large", zoneExample: "cn-hangzhou-h",
		statusText:  "`Creating`, `Active`, `Updating`, `Inactive` or `Expired`",
		nameText:    "Changed in place (" + rules.Calls.Rename + "): the IDs stay.",
		defaultUnit: converge.Alibaba.DefaultTermUnit,
		renewalText: "Length of each automatic renewal, in `auto_renew_period_unit`s: `1` `Month`, or `1`, `3` or `5` `Year`s (what " +
			rules.Calls.AutoRenew + " sets). A purchase carries 1 month, 1 year or 3 years itself; 5 years is set by one " + rules.Calls.AutoRenew +
			" call right after the purchase, which the plan announces. Default `1`. Changed in place.",
		extra: map[string]schema.Attribute{
			"platform": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("Linux"),
				Validators:          []validator.String{stringvalidator.OneOf("Linux", "Windows")},
				MarkdownDescription: "Operating system of the instances the RIs match: `Linux` (default) or `Windows`." + replacementNote,
			},
			"offering_type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("All Upfront"),
				Validators:          []validator.String{stringvalidator.OneOf("All Upfront", "Partial Upfront", "No Upfront")},
				MarkdownDescription: "Payment option: `All Upfront` (default), `Partial Upfront` or `No Upfront`." + replacementNote,
			},
			"resource_group_id": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keepState, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Resource group of the RIs. Default: the account's default resource group." + replacementNote,
			},
			"start_time": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keepState, Validators: []validator.String{startTimeValidator},
				MarkdownDescription: "When the term starts, as an hour in UTC (`yyyy-MM-ddTHHZ`; `yyyy-MM-ddTHH:00Z` is accepted too, minutes are not: the API keeps only the hour). " +
					"Can be set when buying regional RIs only, and not in the past. Default: the hour of purchase, reported in the API's format (`yyyy-MM-ddTHH:mmZ`)." + replacementNote,
			},
			"auto_renew_period_unit": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(reservation.Year),
				Validators:          []validator.String{stringvalidator.OneOf(reservation.Year, reservation.Month)},
				MarkdownDescription: "Unit of `auto_renew_period`: `Year` (default) or `Month`.",
			},
			"operation_locks": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Lock reasons on any RI: `financial` (overdue or expired) or `security`.",
			},
		},
	})
}
