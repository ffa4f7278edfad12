package alibaba

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Decoding of Alibaba Cloud calls: the flattened parameters of each action
// become a typed operation. Nothing here judges a value; the rules do.

type purchase struct {
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

func decodePurchase(p core.Params) operation {
	return &purchase{
		regionID: p.Get("RegionId"), instanceType: p.Get("InstanceType"), scope: p.Get("Scope"), zoneID: p.Get("ZoneId"),
		amount: p.Number("InstanceAmount"), platform: p.Get("Platform"), offeringType: p.Get("OfferingType"),
		period: p.Number("Period"), periodUnit: p.Get("PeriodUnit"),
		name: p.Text("ReservedInstanceName"), description: p.Text("Description"), tags: p.TagPairs("Tag"),
		autoRenew: p.Flag("AutoRenew"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
		resourceGroupID: p.Get("ResourceGroupId"), startTime: p.Get("StartTime"),
	}
}

type describe struct {
	regionID                                       string
	ids, statuses                                  []string
	pageSize, pageNumber                           core.Number
	scope, allocationType, zoneID, name            string
	instanceType, family, offeringType, lockReason string
	tagFilter                                      []core.TagPair
}

func decodeDescribe(p core.Params) operation {
	return &describe{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), statuses: p.Indexed("Status"),
		pageSize: p.Number("PageSize"), pageNumber: p.Number("PageNumber"),
		scope: p.Get("Scope"), allocationType: p.Get("AllocationType"), zoneID: p.Get("ZoneId"),
		name: p.Get("ReservedInstanceName"), instanceType: p.Get("InstanceType"), family: p.Get("InstanceTypeFamily"),
		offeringType: p.Get("OfferingType"), lockReason: p.Get("LockReason"), tagFilter: p.TagPairs("Tag"),
	}
}

// targetSpec is one Configuration.N of ModifyReservedInstances.
type targetSpec struct {
	name, instanceType, scope, zoneID string
	amount                            core.Number
}

type modify struct {
	regionID string
	ids      []string
	targets  []targetSpec
}

func decodeModify(p core.Params) operation {
	op := &modify{regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId")}
	for _, rec := range p.Records("Configuration") {
		amountText, hasAmount := rec["InstanceAmount"]
		amount := core.ParseNumber(amountText, hasAmount)
		if hasAmount && amountText == "" {
			// Sent but empty: in a configuration that is a zero amount.
			amount = core.Number{Present: true}
		}
		op.targets = append(op.targets, targetSpec{
			name: rec["ReservedInstanceName"], instanceType: rec["InstanceType"], scope: rec["Scope"], zoneID: rec["ZoneId"],
			amount: amount,
		})
	}
	return op
}

type renew struct {
	regionID        string
	ids             []string
	period          core.Number
	periodUnit      string
	autoRenew       core.Flag
	autoRenewPeriod core.Number
}

func decodeRenew(p core.Params) operation {
	return &renew{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), period: p.Number("Period"),
		periodUnit: p.Get("PeriodUnit"), autoRenew: p.Flag("AutoRenew"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
	}
}

type modifyAttribute struct {
	regionID, id      string
	name, description core.Text
}

func decodeModifyAttribute(p core.Params) operation {
	return &modifyAttribute{
		regionID: p.Get("RegionId"), id: p.Get("ReservedInstanceId"),
		name: p.Text("ReservedInstanceName"), description: p.Text("Description"),
	}
}

type modifyAutoRenew struct {
	regionID      string
	ids           []string
	renewalStatus string
	period        core.Number
	periodUnit    string
}

func decodeModifyAutoRenew(p core.Params) operation {
	return &modifyAutoRenew{
		regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId"), renewalStatus: p.Get("RenewalStatus"),
		period: p.Number("Period"), periodUnit: p.Get("PeriodUnit"),
	}
}

type describeAutoRenew struct {
	regionID string
	ids      []string
}

func decodeDescribeAutoRenew(p core.Params) operation {
	return &describeAutoRenew{regionID: p.Get("RegionId"), ids: p.Indexed("ReservedInstanceId")}
}

// tagTarget is the ResourceType and ResourceId.N every tag call has.
type tagTarget struct {
	regionID, resourceType string
	ids                    []string
}

func decodeTagTarget(p core.Params) tagTarget {
	return tagTarget{regionID: p.Get("RegionId"), resourceType: p.Get("ResourceType"), ids: p.Indexed("ResourceId")}
}

type tagResources struct {
	target tagTarget
	tags   []core.TagPair
}

func decodeTagResources(p core.Params) operation {
	return &tagResources{target: decodeTagTarget(p), tags: p.TagPairs("Tag")}
}

type untagResources struct {
	target tagTarget
	keys   []string
	all    core.Flag
}

func decodeUntagResources(p core.Params) operation {
	return &untagResources{target: decodeTagTarget(p), keys: p.Indexed("TagKey"), all: p.Flag("All")}
}

type listTagResources struct {
	target    tagTarget
	tagFilter []core.TagPair
	nextToken string
}

func decodeListTagResources(p core.Params) operation {
	return &listTagResources{target: decodeTagTarget(p), tagFilter: p.TagPairs("Tag"), nextToken: p.Get("NextToken")}
}
