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
)

type reservedInstanceModel struct {
	ID                  types.String   `tfsdk:"id"`
	RegionID            types.String   `tfsdk:"region_id"`
	Configurations      types.List     `tfsdk:"configurations"`
	Platform            types.String   `tfsdk:"platform"`
	OfferingType        types.String   `tfsdk:"offering_type"`
	ResourceGroupID     types.String   `tfsdk:"resource_group_id"`
	StartTime           types.String   `tfsdk:"start_time"`
	Period              types.Int64    `tfsdk:"period"`
	PeriodUnit          types.String   `tfsdk:"period_unit"`
	Name                types.String   `tfsdk:"name"`
	Description         types.String   `tfsdk:"description"`
	Tags                types.Map      `tfsdk:"tags"`
	AutoRenew           types.Bool     `tfsdk:"auto_renew"`
	AutoRenewPeriod     types.Int64    `tfsdk:"auto_renew_period"`
	AutoRenewPeriodUnit types.String   `tfsdk:"auto_renew_period_unit"`
	Status              types.String   `tfsdk:"status"`
	ExpiredTime         types.String   `tfsdk:"expired_time"`
	OperationLocks      types.List     `tfsdk:"operation_locks"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

type configurationModel struct {
	InstanceType   types.String `tfsdk:"instance_type"`
	InstanceAmount types.Int64  `tfsdk:"instance_amount"`
	Scope          types.String `tfsdk:"scope"`
	ZoneID         types.String `tfsdk:"zone_id"`
	ID             types.String `tfsdk:"id"`
	Status         types.String `tfsdk:"status"`
	ExpiredTime    types.String `tfsdk:"expired_time"`
}

var configurationType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"instance_type": types.StringType, "instance_amount": types.Int64Type, "scope": types.StringType,
	"zone_id": types.StringType, "id": types.StringType, "status": types.StringType, "expired_time": types.StringType,
}}

// configurations decodes the list; ok is false when the list or an element
// is unknown (only possible in plans), in which case nothing can be checked.
func (m *reservedInstanceModel) configurations(ctx context.Context) ([]configurationModel, bool, diag.Diagnostics) {
	if m.Configurations.IsNull() || m.Configurations.IsUnknown() {
		return nil, false, nil
	}
	for _, e := range m.Configurations.Elements() {
		if e.IsUnknown() {
			return nil, false, nil
		}
	}
	var out []configurationModel
	diags := m.Configurations.ElementsAs(ctx, &out, false)
	return out, !diags.HasError(), diags
}

func (m *reservedInstanceModel) setConfigurations(ctx context.Context, confs []configurationModel) diag.Diagnostics {
	list, diags := types.ListValueFrom(ctx, configurationType, confs)
	m.Configurations = list
	return diags
}

// ids lists the RI IDs in configurations order; after an import, when only
// the id attribute is known, it splits that.
func (m *reservedInstanceModel) ids(ctx context.Context) []string {
	if confs, ok, _ := m.configurations(ctx); ok && len(confs) > 0 {
		var out []string
		for _, c := range confs {
			if id := c.ID.ValueString(); id != "" {
				out = append(out, id)
			}
		}
		return out
	}
	if m.ID.ValueString() == "" {
		return nil
	}
	return strings.Split(m.ID.ValueString(), ",")
}

// tags returns the configured tags; nil for null. Validation has already
// ensured the map is a map of strings.
func (m *reservedInstanceModel) tags(ctx context.Context) map[string]string {
	if m.Tags.IsNull() || m.Tags.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	_ = m.Tags.ElementsAs(ctx, &out, false)
	return out
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
