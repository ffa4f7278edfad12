package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
	"github.com/ecsri/terraform-provider-ecsri/internal/volcengine"
)

// volcengineDataModel is ecsri_volcengine_reserved_instances.
type volcengineDataModel struct {
	dataFilters
	ProjectName       types.String     `tfsdk:"project_name"`
	HpcClusterID      types.String     `tfsdk:"hpc_cluster_id"`
	ReservedInstances []volcengineItem `tfsdk:"reserved_instances"`
}

type volcengineItem struct {
	itemCommon
	ProjectName   types.String `tfsdk:"project_name"`
	HpcClusterID  types.String `tfsdk:"hpc_cluster_id"`
	CreationTime  types.String `tfsdk:"creation_time"`
	SupportModify types.String `tfsdk:"support_modify"`
}

func (m *volcengineDataModel) filters() *dataFilters { return &m.dataFilters }

func (m *volcengineDataModel) attrFilters() map[string]types.String {
	return map[string]types.String{volcengine.AttrProjectName: m.ProjectName, volcengine.AttrHpcClusterID: m.HpcClusterID}
}

func (m *volcengineDataModel) setItems(ris []cloud.RI) {
	m.ReservedInstances = make([]volcengineItem, len(ris))
	for i, ri := range ris {
		item := flattenItem(ri)
		item.AutoRenewPeriod = types.Int64Value(int64(ri.Renewal.Term.Months()))
		m.ReservedInstances[i] = volcengineItem{
			itemCommon: item, ProjectName: types.StringValue(ri.Attrs[volcengine.AttrProjectName]), HpcClusterID: nullIfEmpty(ri.Cluster),
			CreationTime: types.StringValue(ri.Created), SupportModify: types.StringValue(ri.Attrs[volcengine.AttrSupportModify]),
		}
	}
}

var volcengineDataSpec = &dataSpec{
	typeSuffix: "_volcengine_reserved_instances",
	rules:      reservation.Volcengine,
	description: "Lists the Volcengine reserved instances of a region, bought through Terraform or not, with what DescribeReservedInstances reports " +
		"and their renewal as Billing reports it. All filters are optional and combine with AND.",
	statuses: []string{"CREATING", "ACTIVE", "UPDATING", "INACTIVE", "EXPIRED"},
	client:   func(d *providerData) (*cloud.Session, string, error) { return d.volcengine.get() },
	newModel: func() dataModel { return &volcengineDataModel{} },
	engine:   converge.Volcengine,
	utilization: utilizationSpec{
		typeSuffix: "_volcengine_reserved_instance_utilization",
		description: "What the Volcengine reserved instances of a region paid for over a window, from Billing 2022-01-01: what each could pay for " +
			"comes from its hourly quota and when it was in effect (ListResourcePackages), what it paid for from its hourly deductions " +
			"(ListPackageUsageDetails). Billing reports no costs. The credentials need the IAM actions `billing:ListResourcePackages` and " +
			"`billing:ListPackageUsageDetails`.",
		costs:    " Always null: Volcengine Billing reports no costs for reserved instances.",
		unitNote: "Billing's 计算力*秒, computing power × seconds, ÷ 3600",
		coverage: "Per instance type, region-wide (`zone_id` is null), the usage of the instances reserved instances paid for in the window and the share " +
			"they covered. Billing reports deductions only: instances no reserved instance matched in any hour do not appear, so a type " +
			"nothing covered is missing rather than at 0 %. The shape filters (`instance_type`, `instance_type_family`) apply.",
	},
	extraFilters: map[string]schema.Attribute{
		"project_name":   schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this project."},
		"hpc_cluster_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Only reserved instances of this HPC cluster."},
	},
	extraFields: map[string]schema.Attribute{
		"project_name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Project."},
		"hpc_cluster_id": schema.StringAttribute{Computed: true, MarkdownDescription: "HPC cluster of a GPU reserved instance; null otherwise."},
		"creation_time":  schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created."},
		"support_modify": schema.StringAttribute{Computed: true, MarkdownDescription: "What a modification may change, as Volcengine says it (e.g. `SizeSupport`)."},
	},
}

func newVolcengineReservedInstancesDataSource() datasource.DataSource {
	return &reservationsDataSource{cloudData{spec: volcengineDataSpec}}
}
