package converge

import "github.com/ecsri/terraform-provider-ecsri/internal/reservation"

// Attribute names of the clouds' own settings, as the resources spell them
// and the clients read them from requests.
const (
	AttrPlatform        = "platform"
	AttrOfferingType    = "offering_type"
	AttrResourceGroupID = "resource_group_id"
	AttrProjectName     = "project_name"
)

// Alibaba is ecsri_reserved_instance: a purchase sends the platform, the
// payment option, the resource group and a scheduled start, none of which
// can change afterwards.
var Alibaba = &Spec{
	Rules:         reservation.Alibaba,
	PurchaseAttrs: []string{AttrPlatform, AttrOfferingType, AttrResourceGroupID, AttrStartTime},
	FixedAttrs: []FixedAttr{{Name: AttrPlatform}, {Name: AttrOfferingType}, {Name: AttrResourceGroupID, OnlyIfSet: true},
		{Name: AttrStartTime, OnlyIfSet: true}},
	DefaultRenewal:  reservation.Term{Period: 1, Unit: reservation.Year},
	DefaultTermUnit: reservation.Year,
	UsagePermissions: "Utilisation is read through BSS OpenAPI (business.aliyuncs.com): the credentials need the RAM actions " +
		"bssapi:DescribeResourceUsageDetail and bssapi:DescribeResourceCoverageDetail, besides ecs:DescribeReservedInstances.",
}

// Volcengine is ecsri_volcengine_reserved_instance: the project goes with
// the purchase and, like the name and the description, changes only by a
// modification; a description cannot be cleared.
var Volcengine = &Spec{
	Rules:            reservation.Volcengine,
	PurchaseAttrs:    []string{AttrProjectName},
	Labels:           []string{AttrProjectName},
	DefaultRenewal:   reservation.Term{Period: 1, Unit: reservation.Month},
	DefaultTermUnit:  reservation.Month,
	KeepsDescription: true,
	UsagePermissions: "Utilisation is read through Billing 2022-01-01 (billing.volcengineapi.com): the credentials need the IAM actions " +
		"billing:ListResourcePackages and billing:ListPackageUsageDetails, besides ecs:DescribeReservedInstances.",
}

// Specs are every cloud's, for tests that run the same case on each.
var Specs = []*Spec{Alibaba, Volcengine}
