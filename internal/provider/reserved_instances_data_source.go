package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
)

var _ datasource.DataSourceWithConfigure = (*reservedInstancesDataSource)(nil)

type reservedInstancesDataSource struct {
	*providerData
}

func newReservedInstancesDataSource() datasource.DataSource { return &reservedInstancesDataSource{} }

type reservedInstancesModel struct {
	RegionID           types.String `tfsdk:"region_id"`
	IDs                types.List   `tfsdk:"ids"`
	InstanceType       types.String `tfsdk:"instance_type"`
	InstanceTypeFamily types.String `tfsdk:"instance_type_family"`
	Scope              types.String `tfsdk:"scope"`
	ZoneID             types.String `tfsdk:"zone_id"`
	Statuses           types.List   `tfsdk:"statuses"`
	Name               types.String `tfsdk:"name"`
	NameRegex          types.String `tfsdk:"name_regex"`
	OfferingType       types.String `tfsdk:"offering_type"`
	Tags               types.Map    `tfsdk:"tags"`
	ReservedInstances  []riModel    `tfsdk:"reserved_instances"`
}

type riModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	RegionID            types.String `tfsdk:"region_id"`
	ZoneID              types.String `tfsdk:"zone_id"`
	InstanceType        types.String `tfsdk:"instance_type"`
	InstanceAmount      types.Int64  `tfsdk:"instance_amount"`
	Scope               types.String `tfsdk:"scope"`
	Platform            types.String `tfsdk:"platform"`
	OfferingType        types.String `tfsdk:"offering_type"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	Status              types.String `tfsdk:"status"`
	StartTime           types.String `tfsdk:"start_time"`
	ExpiredTime         types.String `tfsdk:"expired_time"`
	CreationTime        types.String `tfsdk:"creation_time"`
	Tags                types.Map    `tfsdk:"tags"`
	OperationLocks      types.List   `tfsdk:"operation_locks"`
	AutoRenew           types.Bool   `tfsdk:"auto_renew"`
	AutoRenewPeriod     types.Int64  `tfsdk:"auto_renew_period"`
	AutoRenewPeriodUnit types.String `tfsdk:"auto_renew_period_unit"`
}

var riStatuses = []string{"Creating", "Active", "Updating", "Inactive", "Expired", "Retired"}

func (d *reservedInstancesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reserved_instances"
}

func (d *reservedInstancesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.providerData = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *reservedInstancesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the reserved instances of a region, bought through Terraform or not, with every attribute DescribeReservedInstances reports and their auto-renewal settings. All filters are optional and combine with AND.",
		Attributes: map[string]schema.Attribute{
			"region_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Region to list. Default: the provider's `region`."},
			"ids": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only these reserved instance IDs. Any number; they are asked for 100 at a time.",
			},
			"instance_type":        schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this instance type, e.g. `ecs.g6.large`."},
			"instance_type_family": schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this instance family, e.g. `ecs.g6`."},
			"scope": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.OneOf("Region", "Zone")},
				MarkdownDescription: "Only regional (`Region`) or zonal (`Zone`) reserved instances.",
			},
			"zone_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Only zonal reserved instances of this zone."},
			"statuses": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(riStatuses...))},
				MarkdownDescription: "Only reserved instances in one of these statuses: `Creating`, `Active`, `Updating`, `Inactive`, `Expired`, `Retired`. Default: all.",
			},
			"name": schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances with exactly this name."},
			"name_regex": schema.StringAttribute{
				Optional: true, Validators: []validator.String{regexValidator{}},
				MarkdownDescription: "Only reserved instances whose name matches this regular expression (RE2 syntax), applied after the other filters.",
			},
			"offering_type": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.OneOf("All Upfront", "Partial Upfront", "No Upfront")},
				MarkdownDescription: "Only reserved instances with this payment option.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only reserved instances carrying all these tags. An empty value matches any value of that key.",
			},
			"reserved_instances": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching reserved instances, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                     computed("Reserved instance ID (`ecsri-…`)."),
					"name":                   computed("Name."),
					"description":            computed("Description."),
					"region_id":              computed("Region."),
					"zone_id":                computed("Zone of a zonal reserved instance; empty for a regional one."),
					"instance_type":          computed("Instance type it matches."),
					"instance_amount":        schema.Int64Attribute{Computed: true, MarkdownDescription: "How many instances of the type it covers at once."},
					"scope":                  computed("`Region` or `Zone` (normalised from the API's lower case)."),
					"platform":               computed("`Linux` or `Windows` (normalised from the API's lower case)."),
					"offering_type":          computed("`All Upfront`, `Partial Upfront` or `No Upfront`."),
					"resource_group_id":      computed("Resource group."),
					"status":                 computed("`Creating`, `Active`, `Updating`, `Inactive`, `Expired` or `Retired`."),
					"start_time":             computed("When the term started (`yyyy-MM-ddTHH:mmZ`, UTC)."),
					"expired_time":           computed("When the term ends (`yyyy-MM-ddTHH:mmZ`, UTC)."),
					"creation_time":          computed("When it was created (`yyyy-MM-ddTHH:mmZ`, UTC)."),
					"tags":                   schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
					"operation_locks":        schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Lock reasons: `financial` or `security`."},
					"auto_renew":             schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it renews itself at expiry."},
					"auto_renew_period":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Length of each automatic renewal, in `auto_renew_period_unit`s (0 when auto-renewal was never set)."},
					"auto_renew_period_unit": computed("`Year` or `Month`."),
				}},
			},
		},
	}
}

func (d *reservedInstancesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg reservedInstancesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	region := cfg.RegionID.ValueString()
	if region == "" {
		region = d.region
		cfg.RegionID = types.StringValue(region)
	}
	f := alicloud.Filter{
		InstanceType: cfg.InstanceType.ValueString(), Family: cfg.InstanceTypeFamily.ValueString(), Scope: cfg.Scope.ValueString(),
		ZoneID: cfg.ZoneID.ValueString(), Name: cfg.Name.ValueString(), OfferingType: cfg.OfferingType.ValueString(),
	}
	resp.Diagnostics.Append(cfg.IDs.ElementsAs(ctx, &f.IDs, false)...)
	resp.Diagnostics.Append(cfg.Statuses.ElementsAs(ctx, &f.Statuses, false)...)
	resp.Diagnostics.Append(cfg.Tags.ElementsAs(ctx, &f.Tags, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var nameRe *regexp.Regexp
	if s := cfg.NameRegex.ValueString(); s != "" {
		nameRe = regexp.MustCompile(s) // validated at plan time
	}
	found, err := d.client.Find(ctx, region, f)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list reserved instances", err.Error())
		return
	}
	var matched []alicloud.ReservedInstance
	var ids []string
	for _, ri := range found {
		if nameRe == nil || nameRe.MatchString(ri.Name) {
			matched = append(matched, ri)
			ids = append(ids, ri.ID)
		}
	}
	renew, err := d.client.DescribeAutoRenew(ctx, region, ids)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read auto-renewal of reserved instances", err.Error())
		return
	}
	cfg.ReservedInstances = []riModel{}
	for _, ri := range matched {
		tags, diags := types.MapValueFrom(ctx, types.StringType, ri.Tags)
		resp.Diagnostics.Append(diags...)
		a := renew[ri.ID]
		cfg.ReservedInstances = append(cfg.ReservedInstances, riModel{
			ID: types.StringValue(ri.ID), Name: types.StringValue(ri.Name), Description: types.StringValue(ri.Description),
			RegionID: types.StringValue(ri.RegionID), ZoneID: types.StringValue(ri.ZoneID), InstanceType: types.StringValue(ri.InstanceType),
			InstanceAmount: types.Int64Value(int64(ri.InstanceAmount)), Scope: types.StringValue(ri.Scope), Platform: types.StringValue(ri.Platform),
			OfferingType: types.StringValue(ri.OfferingType), ResourceGroupID: types.StringValue(ri.ResourceGroupID), Status: types.StringValue(ri.Status),
			StartTime: types.StringValue(ri.StartTime), ExpiredTime: types.StringValue(ri.ExpiredTime), CreationTime: types.StringValue(ri.CreationTime),
			Tags: tags, OperationLocks: stringList(append([]string{}, ri.OperationLocks...)),
			AutoRenew: types.BoolValue(a.Enabled), AutoRenewPeriod: types.Int64Value(int64(a.Duration)), AutoRenewPeriodUnit: types.StringValue(a.Unit),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// regexValidator checks that a string compiles as an RE2 regular expression.
type regexValidator struct{}

func (regexValidator) Description(context.Context) string { return "a valid RE2 regular expression" }
func (v regexValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (regexValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression", fmt.Sprintf("%s: %s.", req.Path, err))
	}
}
