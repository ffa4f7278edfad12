package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

const replacementNote = " Changing it after purchase plans a **replacement**: a new, non-refundable purchase while the old reserved instances keep billing until they expire."

func (r *reservedInstanceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A *reservation*: the Alibaba Cloud ECS reserved instances (RIs) that one purchase bought, one RI per element of `configurations`. " +
			"Reserved instances cost money and cannot be refunded: destroying this resource only switches auto-renewal off, and every change that " +
			"would mean buying again is announced with a warning at plan time.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The IDs of the reserved instances, joined by commas in `configurations` order, e.g. `ecsri-aaa,ecsri-bbb`.",
			},
			"region_id": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Region of the reserved instances. Default: the provider's `region`." + replacementNote,
			},
			"configurations": schema.ListNestedAttribute{
				Required:            true,
				Validators:          []validator.List{listvalidator.SizeBetween(1, 100)},
				MarkdownDescription: "The reserved instances of this reservation, one element each. Buying several at once is the same as buying each on its own. Changing the elements reshapes the bought reserved instances in place with ModifyReservedInstances (modify, split, merge, or a sequence of them); elements that did not change keep their reserved instance. Extra elements that no reshape can supply are bought. Elements cannot be removed: a bought reserved instance cannot be returned.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"instance_type": schema.StringAttribute{
							Required: true, Validators: []validator.String{instanceTypeValidator},
							MarkdownDescription: "Instance type the RI matches, e.g. `ecs.g6.large`. The families `ecs.gn6i` and `ecs.t5` can only be reserved in a zone.",
						},
						"instance_amount": schema.Int64Attribute{
							Optional: true, Computed: true, Default: int64default.StaticInt64(1),
							Validators:          []validator.Int64{int64validator.Between(reservation.MinAmount, reservation.MaxAmount)},
							MarkdownDescription: "How many pay-as-you-go instances of that type the RI covers at once, 1 to 50. Default `1`.",
						},
						"scope": schema.StringAttribute{
							Optional: true, Computed: true,
							Validators:          []validator.String{stringvalidator.OneOf("Region", "Zone")},
							PlanModifiers:       []planmodifier.String{scopeFromZone{}},
							MarkdownDescription: "`Region` (matches instances in any zone of the region) or `Zone` (matches one zone and reserves capacity there). Default: `Zone` when `zone_id` is set, else `Region`.",
						},
						"zone_id": schema.StringAttribute{
							Optional:            true,
							MarkdownDescription: "Zone of a zonal RI, e.g. `cn-hangzhou-h`. Required when `scope` is `Zone`; not allowed when it is `Region`.",
						},
						"id": schema.StringAttribute{
							Computed: true, PlanModifiers: keep,
							MarkdownDescription: "ID of this reserved instance (`ecsri-…`).",
						},
						"status": schema.StringAttribute{
							Computed: true, PlanModifiers: keep,
							MarkdownDescription: "Status of this reserved instance: `Creating`, `Active`, `Updating`, `Inactive` or `Expired` (or `NotPurchased` when an earlier purchase failed; the next apply buys it).",
						},
						"expired_time": schema.StringAttribute{
							Computed: true, PlanModifiers: keep,
							MarkdownDescription: "When this reserved instance ends (`yyyy-MM-ddTHH:mmZ`, UTC). Only reserved instances with the same expiry can be merged.",
						},
					},
				},
			},
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
				Optional: true, Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Resource group of the RIs. Default: the account's default resource group." + replacementNote,
			},
			"start_time": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep, Validators: []validator.String{startTimeValidator},
				MarkdownDescription: "When the term starts, as an hour in UTC (`yyyy-MM-ddTHHZ`); regional RIs only, and not in the past at purchase. " +
					"Default: the hour of purchase. Reported in the API's format (`yyyy-MM-ddTHH:mmZ`) when not set." + replacementNote,
			},
			"period": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(1),
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				MarkdownDescription: "Length of the term bought through Terraform, in `period_unit`s. One purchase buys 1 month, or 1, 3 or 5 years. Default `1`. The API does not report it: after import it is derived from `start_time` and `expired_time`, and it never causes a replacement. Raising it renews every reserved instance by the difference (RenewReservedInstances); lowering it makes no call. A term no single purchase offers is bought as a purchase followed by renewals.",
			},
			"period_unit": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("Year"),
				Validators:          []validator.String{stringvalidator.OneOf("Year", "Month")},
				MarkdownDescription: "Unit of `period`: `Year` (default) or `Month`. `12` `Month` and `1` `Year` are the same term.",
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep, Validators: []validator.String{nameValidator},
				MarkdownDescription: "Name given to every RI of the reservation: 2 to 128 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `:`, `_` or `-`. Changed in place.",
			},
			"description": schema.StringAttribute{
				Optional: true, Validators: []validator.String{descriptionValidator},
				MarkdownDescription: "Description of every RI: 2 to 256 characters, not starting with `http://` or `https://`. Changed in place; removing it clears it.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: []validator.Map{tagsValidator{}},
				MarkdownDescription: "Tags of every RI: at most 20; keys of 1 to 128 characters not starting with `acs:` or `aliyun`; values of at most 128 characters not starting with `acs:`. Changed in place.",
			},
			"auto_renew": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether the RIs renew themselves at expiry. Default `false`. Changed in place.",
			},
			"auto_renew_period": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(1),
				Validators:          []validator.Int64{int64validator.OneOf(1, 3)},
				MarkdownDescription: "Length of each automatic renewal, in `auto_renew_period_unit`s: `1` (default) or `3`. Changed in place.",
			},
			"auto_renew_period_unit": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("Year"),
				Validators:          []validator.String{stringvalidator.OneOf("Year", "Month")},
				MarkdownDescription: "Unit of `auto_renew_period`: `Year` (default) or `Month`.",
			},
			"status": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "`Active` when every RI is active; otherwise the status of the first RI that is not.",
			},
			"expired_time": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "When the earliest-expiring RI ends (`yyyy-MM-ddTHH:mmZ`, UTC). Auto-renewal moves it without causing a diff.",
			},
			"operation_locks": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Lock reasons on any RI: `financial` (overdue or expired) or `security`.",
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true}),
		},
	}
}

// scopeFromZone plans `scope` as Zone when zone_id is set and scope is not.
type scopeFromZone struct{}

func (scopeFromZone) Description(context.Context) string {
	return "defaults to Zone when zone_id is set, else Region"
}
func (m scopeFromZone) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (scopeFromZone) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var zone types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName("zone_id"), &zone)...)
	switch {
	case zone.IsUnknown():
		resp.PlanValue = types.StringUnknown()
	case zone.IsNull():
		resp.PlanValue = types.StringValue("Region")
	default:
		resp.PlanValue = types.StringValue("Zone")
	}
}
