package alibaba

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Decoding of Alibaba Cloud calls: the flattened parameters of each action
// become a typed operation. Nothing here judges a value; the rules do.

type alibabaPurchase struct {
	regionID, instanceType, scope, zoneID string
	amount                                core.Number
	platform, offeringType                string
	period                                core.Number
	periodUnit                            string
	name, description                     core.Text
	tags                                  []core.TagPair
	autoRenew                             core.Flag
	autoRenewPeriod                       core.Number
	resourceGroupID, startTime            string
}

func decodeAlibabaPurchase(p core.Params) operation {
	return &alibabaPurchase{
		regionID: p.Get("RegionId"), instanceType: p.Get("InstanceType"), scope: p.Get("Scope"), zoneID: p.Get("ZoneId"),
		amount: p.Number("InstanceAmount"), platform: p.Get("Platform"), offeringType: p.Get("OfferingType"),
		period: p.Number("Period"), periodUnit: p.Get("PeriodUnit"),
		name: p.Text("ReservedInstanceName"), description: p.Text("Description"), tags: p.TagPairs("Tag"),
		autoRenew: p.Flag("AutoRenew"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
		resourceGroupID: p.Get("ResourceGroupId"), startTime: p.Get("StartTime"),
	}
}

type alibabaDescribe struct {
	regionID                                       string
	ids, statuses                                  []string
	pageSize, pageNumber                           core.Number
	scope, allocationType, zoneID, name            string
	instanceType, family, offeringType, lockReason string
	tagFilter                                      []core.TagPair
}

func decodeAlibabaDescribe(p core.Params) operation {
	return &alibabaDescribe{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), statuses: p.Indexed("Status"),
		pageSize: p.Number("PageSize"), pageNumber: p.Number("PageNumber"),
		scope: p.Get("Scope"), allocationType: p.Get("AllocationType"), zoneID: p.Get("ZoneId"),
		name: p.Get("ReservedInstanceName"), instanceType: p.Get("InstanceType"), family: p.Get("InstanceTypeFamily"),
		offeringType: p.Get("OfferingType"), lockReason: p.Get("LockReason"), tagFilter: p.TagPairs("Tag"),
	}
}

// alibabaTargetSpec is one Configuration.N of ModifyReservedInstances.
type alibabaTargetSpec struct {
	name, instanceType, scope, zoneID string
	amount                            core.Number
}

type alibabaModify struct {
	regionID string
	ids      []string
	targets  []alibabaTargetSpec
}

func decodeAlibabaModify(p core.Params) operation {
	op := &alibabaModify{regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId")}
	for _, rec := range p.Records("Configuration") {
		amountText, hasAmount := rec["InstanceAmount"]
		amount := core.ParseNumber(amountText, hasAmount)
		if hasAmount && amountText == "" {
			// Sent but empty: in a configuration that is a zero amount.
			amount = core.Number{Present: true}
		}
		op.targets = append(op.targets, alibabaTargetSpec{
			name: rec["ReservedInstanceName"], instanceType: rec["InstanceType"], scope: rec["Scope"], zoneID: rec["ZoneId"],
			amount: amount,
		})
	}
	return op
}

type alibabaRenew struct {
	regionID        string
	ids             []string
	period          core.Number
	periodUnit      string
	autoRenew       core.Flag
	autoRenewPeriod core.Number
}

func decodeAlibabaRenew(p core.Params) operation {
	return &alibabaRenew{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), period: p.Number("Period"),
		periodUnit: p.Get("PeriodUnit"), autoRenew: p.Flag("AutoRenew"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
	}
}

type alibabaModifyAttribute struct {
	regionID, id      string
	name, description core.Text
}

func decodeAlibabaModifyAttribute(p core.Params) operation {
	return &alibabaModifyAttribute{
		regionID: p.Get("RegionId"), id: p.Get("ReservedInstanceId"),
		name: p.Text("ReservedInstanceName"), description: p.Text("Description"),
	}
}

type alibabaModifyAutoRenew struct {
	regionID      string
	ids           []string
	renewalStatus string
	period        core.Number
	periodUnit    string
}

func decodeAlibabaModifyAutoRenew(p core.Params) operation {
	return &alibabaModifyAutoRenew{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), renewalStatus: p.Get("RenewalStatus"),
		period: p.Number("Period"), periodUnit: p.Get("PeriodUnit"),
	}
}

type alibabaDescribeAutoRenew struct {
	regionID string
	ids      []string
}

func decodeAlibabaDescribeAutoRenew(p core.Params) operation {
	return &alibabaDescribeAutoRenew{regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId")}
}

// alibabaTagTarget is the ResourceType and ResourceId.N every tag call has.
type alibabaTagTarget struct {
	regionID, resourceType string
	ids                    []string
}

func decodeAlibabaTagTarget(p core.Params) alibabaTagTarget {
	return alibabaTagTarget{regionID: p.Get("RegionId"), resourceType: p.Get("ResourceType"), ids: p.Indexed("ResourceId")}
}

type alibabaTagResources struct {
	target alibabaTagTarget
	tags   []core.TagPair
}

func decodeAlibabaTagResources(p core.Params) operation {
	return &alibabaTagResources{target: decodeAlibabaTagTarget(p), tags: p.TagPairs("Tag")}
}

type alibabaUntagResources struct {
	target alibabaTagTarget
	keys   []string
	all    core.Flag
}

func decodeAlibabaUntagResources(p core.Params) operation {
	return &alibabaUntagResources{target: decodeAlibabaTagTarget(p), keys: p.Indexed("TagKey"), all: p.Flag("All")}
}

type alibabaListTagResources struct {
	target    alibabaTagTarget
	tagFilter []core.TagPair
	nextToken string
}

func decodeAlibabaListTagResources(p core.Params) operation {
	return &alibabaListTagResources{target: decodeAlibabaTagTarget(p), tagFilter: p.TagPairs("Tag"), nextToken: p.Get("NextToken")}
}
