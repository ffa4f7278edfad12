package provider

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// usageUnit is the unit of every quantity: what both clouds report comes
// down to normalisation factor × hours.
const usageUnit = "factor-hours"

var (
	_ datasource.DataSourceWithConfigure        = (*utilizationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*utilizationDataSource)(nil)
)

// utilizationDataSource reports what one cloud's RIs used over a window,
// and how much of the pay-as-you-go usage RIs covered.
type utilizationDataSource struct{ cloudData }

func newAlibabaUtilizationDataSource() datasource.DataSource {
	return &utilizationDataSource{cloudData{spec: alibabaDataSpec}}
}

func newVolcengineUtilizationDataSource() datasource.DataSource {
	return &utilizationDataSource{cloudData{spec: volcengineDataSpec}}
}

type utilizationModel struct {
	dataFilters
	Days        types.Int64         `tfsdk:"days"`
	StartTime   types.String        `tfsdk:"start_time"`
	EndTime     types.String        `tfsdk:"end_time"`
	WindowStart types.String        `tfsdk:"window_start"`
	WindowEnd   types.String        `tfsdk:"window_end"`
	RIs         []utilizationItem   `tfsdk:"reserved_instances"`
	Total       *utilizationFigures `tfsdk:"total"`
	Coverage    []coverageItem      `tfsdk:"coverage"`
}

// utilizationFigures are what an RI, or all of them, reserved and used.
type utilizationFigures struct {
	UtilizationPercent types.Float64 `tfsdk:"utilization_percent"`
	Reserved           types.Float64 `tfsdk:"reserved_quantity"`
	Used               types.Float64 `tfsdk:"used_quantity"`
	Unused             types.Float64 `tfsdk:"unused_quantity"`
	Unit               types.String  `tfsdk:"unit"`
	ReservationCost    types.Float64 `tfsdk:"reservation_cost"`
	SavedCost          types.Float64 `tfsdk:"saved_cost"`
	PotentialSavedCost types.Float64 `tfsdk:"potential_saved_cost"`
	Currency           types.String  `tfsdk:"currency"`
}

type utilizationItem struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	RegionID       types.String `tfsdk:"region_id"`
	ZoneID         types.String `tfsdk:"zone_id"`
	InstanceType   types.String `tfsdk:"instance_type"`
	InstanceAmount types.Int64  `tfsdk:"instance_amount"`
	Scope          types.String `tfsdk:"scope"`
	Status         types.String `tfsdk:"status"`
	utilizationFigures
}

type coverageItem struct {
	InstanceType    types.String  `tfsdk:"instance_type"`
	ZoneID          types.String  `tfsdk:"zone_id"`
	CoveragePercent types.Float64 `tfsdk:"coverage_percent"`
	Usage           types.Float64 `tfsdk:"usage_quantity"`
	Covered         types.Float64 `tfsdk:"covered_quantity"`
	Uncovered       types.Float64 `tfsdk:"uncovered_quantity"`
	Unit            types.String  `tfsdk:"unit"`
}

func (d *utilizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.utilization.typeSuffix
}

func (d *utilizationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		windowValidator{},
	}
}

func (d *utilizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	u := d.spec.utilization
	f64 := func(desc string) schema.Float64Attribute {
		return schema.Float64Attribute{Computed: true, MarkdownDescription: desc}
	}
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	cost := func(what string) schema.Float64Attribute {
		return f64(what + u.costs)
	}
	figures := func(of string) map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"utilization_percent":  f64("Share of what " + of + " reserved that instances used, 0–100, to two decimals; 0 when nothing was reserved."),
			"reserved_quantity":    f64("What " + of + " could pay for over the window, in `unit`."),
			"used_quantity":        f64("What " + of + " paid for, in `unit`."),
			"unused_quantity":      f64("What " + of + " reserved and nothing used, in `unit`."),
			"unit":                 str("`" + usageUnit + "`: normalisation factor × hours (" + u.unitNote + ")."),
			"reservation_cost":     cost("What " + of + " cost over the window."),
			"saved_cost":           cost("What " + of + " saved against pay-as-you-go prices."),
			"potential_saved_cost": cost("What " + of + " would have saved fully used."),
			"currency":             str("Currency of the costs." + u.costs),
		}
	}
	item := figures("the reserved instance")
	for k, v := range map[string]schema.Attribute{
		"id": str("Reserved instance ID."), "name": str("Name."), "region_id": str("Region."),
		"zone_id":         str("Zone of a zonal reserved instance; null for a regional one."),
		"instance_type":   str("Instance type it matches."),
		"instance_amount": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many instances of the type it covers at once."},
		"scope":           str("`Region` or `Zone`."),
		"status":          str("Status now, as the cloud spells it."),
	} {
		item[k] = v
	}
	attrs := filterAttributes(d.spec)
	for k, v := range map[string]schema.Attribute{
		"days": schema.Int64Attribute{
			Optional: true, Validators: []validator.Int64{int64validator.Between(1, 3650)},
			MarkdownDescription: "Window: the last this many days, ending now on the service's clock. Exactly one of `days` and `start_time` is required.",
		},
		"start_time": schema.StringAttribute{
			Optional: true, Validators: []validator.String{timeValidator{}},
			MarkdownDescription: "Window start, RFC 3339 (e.g. `2026-11-01T00:00:00Z`). Exactly one of `days` and `start_time` is required.",
		},
		"end_time": schema.StringAttribute{
			Optional: true, Validators: []validator.String{timeValidator{}, stringvalidator.AlsoRequires(path.MatchRoot("start_time"))},
			MarkdownDescription: "Window end, RFC 3339, later than `start_time`. Default: now on the service's clock. Usage after now is not yet known.",
		},
		"window_start": str("Start of the window read (`yyyy-MM-ddTHH:mmZ`, UTC)."),
		"window_end":   str("End of the window read (`yyyy-MM-ddTHH:mmZ`, UTC)."),
		"reserved_instances": schema.ListNestedAttribute{
			Computed: true, MarkdownDescription: "The matching reserved instances, oldest first, with what each reserved and used in the window. " +
				"One that was not in effect in the window reserved nothing.",
			NestedObject: schema.NestedAttributeObject{Attributes: item},
		},
		"total": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "The sums over `reserved_instances`.",
			Attributes: figures("the reserved instances"),
		},
		"coverage": schema.ListNestedAttribute{
			Computed: true, MarkdownDescription: u.coverage,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"instance_type":      str("Instance type of the pay-as-you-go instances."),
				"zone_id":            str("Their zone; null where the cloud reports the region as a whole."),
				"coverage_percent":   f64("Share of their usage reserved instances paid for, 0–100, to two decimals."),
				"usage_quantity":     f64("Their usage over the window, in `unit`."),
				"covered_quantity":   f64("What reserved instances paid for of it, in `unit`."),
				"uncovered_quantity": f64("What was paid for at pay-as-you-go prices, in `unit`."),
				"unit":               str("`" + usageUnit + "`."),
			}},
		},
	} {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{MarkdownDescription: u.description, Attributes: attrs}
}

func (d *utilizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m utilizationModel
	targets := m.attributes()
	targets["days"], targets["start_time"], targets["end_time"] = &m.Days, &m.StartTime, &m.EndTime
	getAttributes(ctx, req.Config, targets, &resp.Diagnostics)
	own := map[string]types.String{}
	for name := range d.spec.extraFilters {
		var v types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &v)...)
		own[name] = v
	}
	if resp.Diagnostics.HasError() {
		return
	}
	region := m.RegionID.ValueString()
	if region == "" {
		region = d.region
	}
	uq := converge.UsageQuery{Query: query(ctx, region, &m.dataFilters, own, &resp.Diagnostics), Days: int(m.Days.ValueInt64())}
	// Validated at plan time; a zero end is now, on the service's clock.
	uq.From, _ = time.Parse(time.RFC3339, m.StartTime.ValueString())
	uq.To, _ = time.Parse(time.RFC3339, m.EndTime.ValueString())
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, d.data.readTimeout)
	defer cancel()
	engine := converge.Engine{Spec: d.spec.engine, Session: d.backend, Region: d.region}
	u, diags := engine.Utilization(ctx, uq, d.data.readTimeout)
	addDiagnostics(&resp.Diagnostics, diags)
	if resp.Diagnostics.HasError() {
		return
	}
	m.WindowStart, m.WindowEnd = types.StringValue(reservation.FormatAPITime(u.From)), types.StringValue(reservation.FormatAPITime(u.To))
	m.RIs = make([]utilizationItem, len(u.RIs))
	for i, r := range u.RIs {
		e := configurationOf(converge.ElementOf(r.RI))
		m.RIs[i] = utilizationItem{ID: e.ID, Name: types.StringValue(r.RI.Name), RegionID: types.StringValue(r.RI.Region), ZoneID: e.ZoneID,
			InstanceType: e.InstanceType, InstanceAmount: e.InstanceAmount, Scope: e.Scope, Status: e.Status, utilizationFigures: figuresOf(r, u.Currency)}
	}
	total := figuresOf(u.Total, u.Currency)
	m.Total = &total
	m.Coverage = make([]coverageItem, len(u.Coverage))
	for i, c := range u.Coverage {
		zone := types.StringNull()
		if c.Zone != "" {
			zone = types.StringValue(c.Zone)
		}
		m.Coverage[i] = coverageItem{InstanceType: types.StringValue(c.InstanceType), ZoneID: zone, CoveragePercent: types.Float64Value(c.Percent()),
			Usage: types.Float64Value(c.Usage), Covered: types.Float64Value(c.Covered),
			Uncovered: types.Float64Value(converge.Quantity(c.Usage - c.Covered)), Unit: types.StringValue(usageUnit)}
	}
	for name, v := range map[string]any{"window_start": m.WindowStart, "window_end": m.WindowEnd, "reserved_instances": m.RIs,
		"total": m.Total, "coverage": m.Coverage} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}

func figuresOf(r converge.RIUtilization, currency string) utilizationFigures {
	out := utilizationFigures{UtilizationPercent: types.Float64Value(r.Percent()), Reserved: types.Float64Value(r.Reserved),
		Used: types.Float64Value(r.Used), Unused: types.Float64Value(converge.Quantity(r.Unused())), Unit: types.StringValue(usageUnit),
		ReservationCost: types.Float64Null(), SavedCost: types.Float64Null(), PotentialSavedCost: types.Float64Null(), Currency: types.StringNull()}
	if r.Costs != nil {
		money := func(v float64) types.Float64 { return types.Float64Value(math.Round(v*100) / 100) }
		out.ReservationCost, out.SavedCost, out.PotentialSavedCost = money(r.Costs.Reservation), money(r.Costs.Saved), money(r.Costs.PotentialSaved)
		out.Currency = types.StringValue(currency)
	}
	return out
}

// getAttributes reads attributes of the configuration into their values.
// The utilisation data source reads its model so, attribute by attribute:
// its schema has more attributes (the cloud's own filters) than its model.
func getAttributes(ctx context.Context, cfg tfsdk.Config, targets map[string]any, diags *diag.Diagnostics) {
	for name, target := range targets {
		diags.Append(cfg.GetAttribute(ctx, path.Root(name), target)...)
	}
}

// timeValidator checks that a string is an RFC 3339 time.
type timeValidator struct{}

func (timeValidator) Description(context.Context) string {
	return "an RFC 3339 time, e.g. 2026-11-01T00:00:00Z"
}
func (v timeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (timeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time",
			fmt.Sprintf("%s must be an RFC 3339 time such as 2026-11-01T00:00:00Z, not %q.", req.Path, req.ConfigValue.ValueString()))
	}
}

// windowValidator checks that exactly one window is set, and that end_time
// is later than start_time.
type windowValidator struct{}

func (windowValidator) Description(context.Context) string {
	return "exactly one of days and start_time is set, and end_time is later than start_time"
}
func (v windowValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (windowValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var start, end types.String
	var days types.Int64
	req.Config.GetAttribute(ctx, path.Root("start_time"), &start)
	req.Config.GetAttribute(ctx, path.Root("end_time"), &end)
	req.Config.GetAttribute(ctx, path.Root("days"), &days)
	switch {
	case days.IsNull() && start.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("days"), "Missing window",
			"Set days (the last days, ending now on the service's clock) or start_time (with end_time, or up to now).")
	case !days.IsNull() && !start.IsNull() && !days.IsUnknown() && !start.IsUnknown():
		resp.Diagnostics.AddAttributeError(path.Root("days"), "Two windows",
			"days and start_time both set a window: set one of them.")
	}
	from, err1 := time.Parse(time.RFC3339, start.ValueString())
	to, err2 := time.Parse(time.RFC3339, end.ValueString())
	if err1 == nil && err2 == nil && !to.After(from) {
		resp.Diagnostics.AddAttributeError(path.Root("end_time"), "Empty window",
			fmt.Sprintf("end_time (%s) must be later than start_time (%s).", end.ValueString(), start.ValueString()))
	}
}
