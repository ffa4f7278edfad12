package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// dataSpec is what one cloud's reserved-instances data source adds to the
// shared listing: its schema extras, model and the mapping of its own
// filters and fields.
type dataSpec struct {
	typeSuffix  string
	rules       *reservation.Rules
	description string
	statuses    []string
	client      func(*providerData) (*cloud.Session, string, error)
	newModel    func() dataModel
	// engine is the cloud's, and utilization says what its utilisation
	// data source reads.
	engine      *converge.Spec
	utilization utilizationSpec
	// extraFilters and extraFields are the cloud's own attributes.
	extraFilters map[string]schema.Attribute
	extraFields  map[string]schema.Attribute
}

// utilizationSpec is what a cloud's utilisation data source says of
// itself: its name, its description, and the notes its attributes carry.
type utilizationSpec struct {
	typeSuffix, description string
	// costs ends a cost attribute's description; unitNote says how the
	// cloud's unit comes to factor-hours; coverage describes the coverage.
	costs, unitNote, coverage string
}

// dataModel is a cloud's data source model as the shared listing sees it.
type dataModel interface {
	filters() *dataFilters
	// attrFilters are the cloud's own filters by attribute name.
	attrFilters() map[string]types.String
	// setItems records the RIs found.
	setItems(ris []cloud.RI)
}

// dataFilters are the filters every cloud's data source has.
type dataFilters struct {
	RegionID           types.String `tfsdk:"region_id"`
	IDs                types.List   `tfsdk:"ids"`
	InstanceType       types.String `tfsdk:"instance_type"`
	InstanceTypeFamily types.String `tfsdk:"instance_type_family"`
	Scope              types.String `tfsdk:"scope"`
	ZoneID             types.String `tfsdk:"zone_id"`
	Statuses           types.List   `tfsdk:"statuses"`
	Name               types.String `tfsdk:"name"`
	NameRegex          types.String `tfsdk:"name_regex"`
	Tags               types.Map    `tfsdk:"tags"`
	ExpiresWithinDays  types.Int64  `tfsdk:"expires_within_days"`
}

// attributes are the filters' values by attribute name.
func (f *dataFilters) attributes() map[string]any {
	return map[string]any{
		"region_id": &f.RegionID, "ids": &f.IDs, "instance_type": &f.InstanceType, "instance_type_family": &f.InstanceTypeFamily,
		"scope": &f.Scope, "zone_id": &f.ZoneID, "statuses": &f.Statuses, "name": &f.Name, "name_regex": &f.NameRegex, "tags": &f.Tags,
		"expires_within_days": &f.ExpiresWithinDays,
	}
}

// itemCommon are the fields every cloud reports for an RI.
type itemCommon struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	RegionID        types.String `tfsdk:"region_id"`
	ZoneID          types.String `tfsdk:"zone_id"`
	InstanceType    types.String `tfsdk:"instance_type"`
	InstanceAmount  types.Int64  `tfsdk:"instance_amount"`
	Scope           types.String `tfsdk:"scope"`
	Status          types.String `tfsdk:"status"`
	StartTime       types.String `tfsdk:"start_time"`
	ExpiredTime     types.String `tfsdk:"expired_time"`
	Tags            types.Map    `tfsdk:"tags"`
	AutoRenew       types.Bool   `tfsdk:"auto_renew"`
	AutoRenewPeriod types.Int64  `tfsdk:"auto_renew_period"`
}

// flattenItem writes the shared fields of an RI; its shape goes through
// the same mapping as a resource's element, so both say the same.
func flattenItem(ri cloud.RI) itemCommon {
	e := configurationOf(converge.ElementOf(ri))
	tags, _ := types.MapValueFrom(context.Background(), types.StringType, ri.Tags)
	if ri.Tags == nil {
		tags = types.MapValueMust(types.StringType, nil)
	}
	return itemCommon{
		ID: e.ID, Name: types.StringValue(ri.Name), Description: types.StringValue(ri.Description), RegionID: types.StringValue(ri.Region),
		ZoneID: e.ZoneID, InstanceType: e.InstanceType, InstanceAmount: e.InstanceAmount, Scope: e.Scope, Status: e.Status,
		StartTime: types.StringValue(ri.StartText), ExpiredTime: e.ExpiredTime, Tags: tags,
		AutoRenew: types.BoolValue(ri.Renewal.Auto), AutoRenewPeriod: types.Int64Value(int64(ri.Renewal.Term.Period)),
	}
}

var _ datasource.DataSourceWithConfigure = (*reservationsDataSource)(nil)

// reservationsDataSource lists the reserved instances of one cloud's region.
type reservationsDataSource struct{ cloudData }

// cloudData is what a data source of one cloud holds once configured: its
// spec, the provider's settings and the cloud's session and region.
type cloudData struct {
	spec    *dataSpec
	data    *providerData
	backend *cloud.Session
	region  string
}

func (d *cloudData) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if d.data == nil {
		return
	}
	b, region, err := d.spec.client(d.data)
	if err != nil {
		addConfigError(&resp.Diagnostics, d.spec.rules.Cloud, err)
		return
	}
	d.backend, d.region = b, region
}

func (d *reservationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.typeSuffix
}

func (d *reservationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := filterAttributes(d.spec)
	attrs["reserved_instances"] = schema.ListNestedAttribute{
		Computed: true, MarkdownDescription: "The matching reserved instances, oldest first.",
		NestedObject: schema.NestedAttributeObject{Attributes: d.itemAttributes()},
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.spec.description, Attributes: attrs}
}

// filterAttributes are the filters of a cloud's data sources: the shared
// ones and the cloud's own.
func filterAttributes(spec *dataSpec) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"region_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Region to list. Default: the provider's region for this cloud."},
		"ids": schema.ListAttribute{
			Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Only these reserved instance IDs; any number, asked for 100 at a time. An empty list matches nothing; leave it out to list every ID.",
		},
		"instance_type":        schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this instance type."},
		"instance_type_family": schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this instance family, e.g. `ecs.g6`."},
		"scope": schema.StringAttribute{
			Optional: true, Validators: []validator.String{stringvalidator.OneOf(reservation.ScopeRegion, reservation.ScopeZone)},
			MarkdownDescription: "Only regional (`Region`) or zonal (`Zone`) reserved instances.",
		},
		"zone_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Only zonal reserved instances of this zone."},
		"statuses": schema.ListAttribute{
			Optional: true, ElementType: types.StringType,
			Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(spec.statuses...))},
			MarkdownDescription: "Only reserved instances in one of these statuses: " + quotedList(spec.statuses) + ". Default: all.",
		},
		"name": schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances with this name (as the cloud's API matches it)."},
		"name_regex": schema.StringAttribute{
			Optional: true, Validators: []validator.String{regexValidator{}},
			MarkdownDescription: "Only reserved instances whose name matches this regular expression (RE2 syntax), applied after the other filters.",
		},
		"tags": schema.MapAttribute{
			Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Only reserved instances carrying all these tags. An empty value matches any value of that key.",
		},
		"expires_within_days": schema.Int64Attribute{
			Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)},
			MarkdownDescription: "Only reserved instances that still run and expire within this many days (counted by the service's clock), " +
				"whether or not they renew themselves: pair it with `auto_renew` in a `check` block to fail a pipeline on one that would lapse.",
		},
	}
	for k, v := range spec.extraFilters {
		attrs[k] = v
	}
	return attrs
}

func (d *reservationsDataSource) itemAttributes() map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	attrs := map[string]schema.Attribute{
		"id":                computed("Reserved instance ID (`ecsri-…`)."),
		"name":              computed("Name."),
		"description":       computed("Description."),
		"region_id":         computed("Region."),
		"zone_id":           computed("Zone of a zonal reserved instance; null for a regional one."),
		"instance_type":     computed("Instance type it matches."),
		"instance_amount":   schema.Int64Attribute{Computed: true, MarkdownDescription: "How many instances of the type it covers at once."},
		"scope":             computed("`Region` or `Zone` (normalised from the API's spelling)."),
		"status":            computed("Status, as the cloud spells it: " + quotedList(d.spec.statuses) + "."),
		"start_time":        computed("When the term started (`yyyy-MM-ddTHH:mmZ`, UTC)."),
		"expired_time":      computed("When the term ends (`yyyy-MM-ddTHH:mmZ`, UTC)."),
		"tags":              schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
		"auto_renew":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it renews itself, and is charged, at expiry."},
		"auto_renew_period": schema.Int64Attribute{Computed: true, MarkdownDescription: "Length of each automatic renewal (0 when auto-renewal was never set)."},
	}
	for k, v := range d.spec.extraFields {
		attrs[k] = v
	}
	return attrs
}

func (d *reservationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	m := d.spec.newModel()
	resp.Diagnostics.Append(req.Config.Get(ctx, m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := m.filters()
	region := f.RegionID.ValueString()
	if region == "" {
		region = d.region
		f.RegionID = types.StringValue(region)
	}
	q := query(ctx, region, f, m.attrFilters(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, d.data.readTimeout)
	defer cancel()
	engine := converge.Engine{Spec: &converge.Spec{Rules: d.spec.rules}, Session: d.backend, Region: d.region}
	matched, diags := engine.Find(ctx, q, d.data.readTimeout)
	addDiagnostics(&resp.Diagnostics, diags)
	if resp.Diagnostics.HasError() {
		return
	}
	m.setItems(matched)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// query reads the configured filters, the cloud's own by attribute name. A
// configured ids list filters even when empty.
func query(ctx context.Context, region string, f *dataFilters, own map[string]types.String, diags *diag.Diagnostics) converge.Query {
	out := cloud.Filter{
		InstanceType: f.InstanceType.ValueString(), Family: f.InstanceTypeFamily.ValueString(), Scope: f.Scope.ValueString(),
		ZoneID: f.ZoneID.ValueString(), Name: f.Name.ValueString(), Attrs: map[string]string{},
	}
	if !f.IDs.IsNull() {
		out.IDs = []string{}
		diags.Append(f.IDs.ElementsAs(ctx, &out.IDs, false)...)
	}
	var statuses []string
	diags.Append(f.Statuses.ElementsAs(ctx, &statuses, false)...)
	for _, s := range statuses {
		out.Statuses = append(out.Statuses, cloud.ParseStatus(s))
	}
	diags.Append(f.Tags.ElementsAs(ctx, &out.Tags, false)...)
	for name, v := range own {
		if v.ValueString() != "" {
			out.Attrs[name] = v.ValueString()
		}
	}
	q := converge.Query{Region: region, Filter: out, ExpiresWithinDays: -1}
	if s := f.NameRegex.ValueString(); s != "" {
		q.NameRegex = regexp.MustCompile(s) // validated at plan time
	}
	if !f.ExpiresWithinDays.IsNull() {
		q.ExpiresWithinDays = int(f.ExpiresWithinDays.ValueInt64())
	}
	return q
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
