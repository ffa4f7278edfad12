package ecsmock

// Decoding of Alibaba Cloud calls: the flattened parameters of each action
// become a typed operation. Nothing here judges a value; the rules do.

type alibabaPurchase struct {
	regionID, instanceType, scope, zoneID string
	amount                                number
	platform, offeringType                string
	period                                number
	periodUnit                            string
	name, description                     text
	tags                                  []tagPair
	autoRenew                             flag
	autoRenewPeriod                       number
	resourceGroupID, startTime            string
}

func decodeAlibabaPurchase(p params) operation {
	return &alibabaPurchase{
		regionID: p.get("RegionId"), instanceType: p.get("InstanceType"), scope: p.get("Scope"), zoneID: p.get("ZoneId"),
		amount: p.number("InstanceAmount"), platform: p.get("Platform"), offeringType: p.get("OfferingType"),
		period: p.number("Period"), periodUnit: p.get("PeriodUnit"),
		name: p.text("ReservedInstanceName"), description: p.text("Description"), tags: p.tagPairs("Tag"),
		autoRenew: p.flag("AutoRenew"), autoRenewPeriod: p.number("AutoRenewPeriod"),
		resourceGroupID: p.get("ResourceGroupId"), startTime: p.get("StartTime"),
	}
}

type alibabaDescribe struct {
	regionID                                       string
	ids, statuses                                  []string
	pageSize, pageNumber                           number
	scope, allocationType, zoneID, name            string
	instanceType, family, offeringType, lockReason string
	tagFilter                                      []tagPair
}

func decodeAlibabaDescribe(p params) operation {
	return &alibabaDescribe{
		regionID: p.get("RegionId"), ids: p.indexed("ReservedInstanceId"), statuses: p.indexed("Status"),
		pageSize: p.number("PageSize"), pageNumber: p.number("PageNumber"),
		scope: p.get("Scope"), allocationType: p.get("AllocationType"), zoneID: p.get("ZoneId"),
		name: p.get("ReservedInstanceName"), instanceType: p.get("InstanceType"), family: p.get("InstanceTypeFamily"),
		offeringType: p.get("OfferingType"), lockReason: p.get("LockReason"), tagFilter: p.tagPairs("Tag"),
	}
}

// alibabaTargetSpec is one Configuration.N of ModifyReservedInstances.
type alibabaTargetSpec struct {
	name, instanceType, scope, zoneID string
	amount                            number
}

type alibabaModify struct {
	regionID string
	ids      []string
	targets  []alibabaTargetSpec
}

func decodeAlibabaModify(p params) operation {
	op := &alibabaModify{regionID: p.get("RegionId"), ids: p.indexed("ReservedInstanceId")}
	for _, rec := range p.records("Configuration") {
		amountText, hasAmount := rec["InstanceAmount"]
		amount := parseNumber(amountText, hasAmount)
		if hasAmount && amountText == "" {
			// Sent but empty: in a configuration that is a zero amount.
			amount = number{present: true}
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
	period          number
	periodUnit      string
	autoRenew       flag
	autoRenewPeriod number
}

func decodeAlibabaRenew(p params) operation {
	return &alibabaRenew{
		regionID: p.get("RegionId"), ids: p.indexed("ReservedInstanceId"), period: p.number("Period"),
		periodUnit: p.get("PeriodUnit"), autoRenew: p.flag("AutoRenew"), autoRenewPeriod: p.number("AutoRenewPeriod"),
	}
}

type alibabaModifyAttribute struct {
	regionID, id      string
	name, description text
}

func decodeAlibabaModifyAttribute(p params) operation {
	return &alibabaModifyAttribute{
		regionID: p.get("RegionId"), id: p.get("ReservedInstanceId"),
		name: p.text("ReservedInstanceName"), description: p.text("Description"),
	}
}

type alibabaModifyAutoRenew struct {
	regionID      string
	ids           []string
	renewalStatus string
	period        number
	periodUnit    string
}

func decodeAlibabaModifyAutoRenew(p params) operation {
	return &alibabaModifyAutoRenew{
		regionID: p.get("RegionId"), ids: p.indexed("ReservedInstanceId"), renewalStatus: p.get("RenewalStatus"),
		period: p.number("Period"), periodUnit: p.get("PeriodUnit"),
	}
}

type alibabaDescribeAutoRenew struct {
	regionID string
	ids      []string
}

func decodeAlibabaDescribeAutoRenew(p params) operation {
	return &alibabaDescribeAutoRenew{regionID: p.get("RegionId"), ids: p.indexed("ReservedInstanceId")}
}

// alibabaTagTarget is the ResourceType and ResourceId.N every tag call has.
type alibabaTagTarget struct {
	regionID, resourceType string
	ids                    []string
}

func decodeAlibabaTagTarget(p params) alibabaTagTarget {
	return alibabaTagTarget{regionID: p.get("RegionId"), resourceType: p.get("ResourceType"), ids: p.indexed("ResourceId")}
}

type alibabaTagResources struct {
	target alibabaTagTarget
	tags   []tagPair
}

func decodeAlibabaTagResources(p params) operation {
	return &alibabaTagResources{target: decodeAlibabaTagTarget(p), tags: p.tagPairs("Tag")}
}

type alibabaUntagResources struct {
	target alibabaTagTarget
	keys   []string
	all    flag
}

func decodeAlibabaUntagResources(p params) operation {
	return &alibabaUntagResources{target: decodeAlibabaTagTarget(p), keys: p.indexed("TagKey"), all: p.flag("All")}
}

type alibabaListTagResources struct {
	target    alibabaTagTarget
	tagFilter []tagPair
	nextToken string
}

func decodeAlibabaListTagResources(p params) operation {
	return &alibabaListTagResources{target: decodeAlibabaTagTarget(p), tagFilter: p.tagPairs("Tag"), nextToken: p.get("NextToken")}
}
