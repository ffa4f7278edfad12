package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// alibabaDataModel is ecsri_reserved_instances.
type alibabaDataModel struct {
	dataFilters
	OfferingType      types.String  `tfsdk:"offering_type"`
	ReservedInstances []alibabaItem `tfsdk:"reserved_instances"`
}

type alibabaItem struct {
	itemCommon
	Platform            types.String `tfsdk:"platform"`
	OfferingType        types.String `tfsdk:"offering_type"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	CreationTime        types.String `tfsdk:"creation_time"`
	OperationLocks      types.List   `tfsdk:"operation_locks"`
	AutoRenewPeriodUnit types.String `tfsdk:"auto_renew_period_unit"`
}

func (m *alibabaDataModel) filters() *dataFilters { return &m.dataFilters }

func (m *alibabaDataModel) attrFilters() map[string]types.String {
	return map[string]types.String{alicloud.AttrOfferingType: m.OfferingType}
}

func (m *alibabaDataModel) setItems(ris []cloud.RI) {
	m.ReservedInstances = make([]alibabaItem, len(ris))
	for i, ri := range ris {
		m.ReservedInstances[i] = alibabaItem{
			itemCommon: flattenItem(ri), Platform: types.StringValue(ri.Attrs[alicloud.AttrPlatform]),
			OfferingType: types.StringValue(ri.Attrs[alicloud.AttrOfferingType]), ResourceGroupID: types.StringValue(ri.Attrs[alicloud.AttrResourceGroupID]),
			CreationTime: types.StringValue(ri.Created), OperationLocks: stringList(append([]string{}, ri.Locks...)),
			AutoRenewPeriodUnit: types.StringValue(ri.Renewal.Term.Unit),
		}
	}
}

var alibabaDataSpec = &dataSpec{
	typeSuffix: "_reserved_instances",
	rules:      reservation.Alibaba,
	description: "Lists the Alibaba Cloud reserved instances of a region, bought through Terraform or not, with every attribute DescribeReservedInstances reports " +
		"and their auto-renewal. All filters are optional and combine with AND.",
	statuses: []string{"Creating", "Active", "Updating", "Inactive", "Expired", "Retired"},
	client:   func(d *providerData) (*cloud.Session, string, error) { return d.alibaba.get() },
	newModel: func() dataModel { return &alibabaDataModel{} },
	engine:   converge.Alibaba,
	utilization: utilizationSpec{
		typeSuffix: "_reserved_instance_utilization",
		description: "What the Alibaba Cloud reserved instances of a region paid for over a window, as BSS OpenAPI reports it (DescribeResourceUsageDetail, " +
			"DescribeResourceCoverageDetail), and how much of the pay-as-you-go usage of each instance type and zone reserved instances covered. " +
			"BSS reports by day, in Beijing time; the window's first and last days count only their hours inside it. " +
			"The credentials need the RAM actions `bssapi:DescribeResourceUsageDetail` and `bssapi:DescribeResourceCoverageDetail`.",
		costs:    " Null when BSS reports no costs.",
		unitNote: "BSS's 算力*小时, computing power × hours",
		coverage: "Per instance type and zone, the pay-as-you-go usage of the region in the window and the share reserved instances paid for. " +
			"The shape filters (`instance_type`, `instance_type_family`, `zone_id`) apply; the others select reserved instances only.",
	},
	extraFilters: map[string]schema.Attribute{
		"offering_type": schema.StringAttribute{
			Optional: true, Validators: []validator.String{stringvalidator.OneOf("All Upfront", "Partial Upfront", "No Upfront")},
			MarkdownDescription: "Only reserved instances with this payment option.",
		},
	},
	extraFields: map[string]schema.Attribute{
		"platform":               schema.StringAttribute{Computed: true, MarkdownDescription: "`Linux` or `Windows` (normalised from the API's lower case)."},
		"offering_type":          schema.StringAttribute{Computed: true, MarkdownDescription: "`All Upfront`, `Partial Upfront` or `No Upfront`."},
		"resource_group_id":      schema.StringAttribute{Computed: true, MarkdownDescription: "Resource group."},
		"creation_time":          schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (`yyyy-MM-ddTHH:mmZ`, UTC)."},
		"operation_locks":        schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Lock reasons: `financial` or `security`."},
		"auto_renew_period_unit": schema.StringAttribute{Computed: true, MarkdownDescription: "Unit of `auto_renew_period`: `Year` or `Month`."},
	},
}

func newAlibabaReservedInstancesDataSource() datasource.DataSource {
	return &reservationsDataSource{cloudData{spec: alibabaDataSpec}}
}
