package ecsmock

// Decoding of Volcengine ECS calls: the query parameters the Go SDK sends
// (lists as Name.N, structures as Name.N.Field) become typed operations.
// The region is the one the request was signed for. Nothing here judges a
// value; the rules do.

type volcenginePurchase struct {
	region                         string
	regionParam                    text
	instanceTypeID, scope, zoneID  string
	name, description, projectName text
	count, period, autoRenewPeriod number
	periodUnit                     string
	autoRenew                      flag
	hpcClusterID, effectiveAt      string
	tags                           []tagPair
	reservedCapacity               number
}

func decodeVolcenginePurchase(p params, region string) operation {
	return &volcenginePurchase{
		region: region, regionParam: p.text("RegionId"),
		instanceTypeID: p.get("InstanceTypeId"), scope: p.get("Scope"), zoneID: p.get("ZoneId"),
		name: p.text("ReservedInstanceName"), description: p.text("Description"), projectName: p.text("ProjectName"),
		count: p.number("InstanceCount"), period: p.number("Period"), autoRenewPeriod: p.number("AutoRenewPeriod"),
		periodUnit: p.get("PeriodUnit"), autoRenew: p.flag("AutoRenew"),
		hpcClusterID: p.get("HpcClusterId"), effectiveAt: p.get("EffectiveAt"),
		tags: p.tagPairs("Tags"), reservedCapacity: p.number("ReservedCapacity"),
	}
}

// volcengineTagFilter is one TagFilters.N: a key and the values it may have
// (any value when none is given).
type volcengineTagFilter struct {
	key    string
	values []string
}

type volcengineDescribe struct {
	region                             string
	ids, instanceTypeIDs, families     []string
	scope, status, zoneID, projectName string
	name, hpcClusterID, supportModify  string
	tagFilters                         []volcengineTagFilter
	maxResults                         number
	nextToken                          string
}

func decodeVolcengineDescribe(p params, region string) operation {
	op := &volcengineDescribe{
		region: region, ids: p.indexed("ReservedInstanceIds"), instanceTypeIDs: p.indexed("InstanceTypeIds"),
		families: p.indexed("InstanceTypeFamilies"), scope: p.get("Scope"), status: p.get("Status"),
		zoneID: p.get("ZoneId"), projectName: p.get("ProjectName"), name: p.get("ReservedInstanceName"),
		hpcClusterID: p.get("HpcClusterId"), supportModify: p.get("SupportModify"),
		maxResults: p.number("MaxResults"), nextToken: p.get("NextToken"),
	}
	for _, rec := range p.records("TagFilters") {
		op.tagFilters = append(op.tagFilters, volcengineTagFilter{key: rec["Key"], values: listIn(rec, "Values")})
	}
	return op
}

// volcengineTargetSpec is one Configurations.N of ModifyReservedInstances.
type volcengineTargetSpec struct {
	name                                        text
	count                                       number
	instanceTypeID, scope, zoneID, hpcClusterID text
}

type volcengineModify struct {
	region                   string
	regionParam              text
	ids                      []string
	targets                  []volcengineTargetSpec
	autoRenew                flag
	autoRenewPeriod          number
	description, projectName text
	tags                     []tagPair
	tagsSent                 bool
}

func decodeVolcengineModify(p params, region string) operation {
	op := &volcengineModify{
		region: region, regionParam: p.text("RegionId"), ids: p.indexed("ReservedInstanceIds"),
		autoRenew: p.flag("AutoRenew"), autoRenewPeriod: p.number("AutoRenewPeriod"),
		description: p.text("Description"), projectName: p.text("ProjectName"), tags: p.tagPairs("Tags"),
	}
	op.tagsSent = len(op.tags) > 0
	for _, rec := range p.records("Configurations") {
		field := func(name string) text { v, ok := rec[name]; return text{v, ok} }
		count, hasCount := rec["InstanceCount"]
		op.targets = append(op.targets, volcengineTargetSpec{
			name: field("ReservedInstanceName"), count: parseNumber(count, hasCount),
			instanceTypeID: field("InstanceTypeId"), scope: field("Scope"), zoneID: field("ZoneId"),
			hpcClusterID: field("HpcClusterId"),
		})
	}
	return op
}

// volcengineTagTarget is the ResourceType and ResourceIds.N of a tag call.
type volcengineTagTarget struct {
	region       string
	resourceType text
	ids          []string
}

func decodeVolcengineTagTarget(p params, region string) volcengineTagTarget {
	return volcengineTagTarget{region: region, resourceType: p.text("ResourceType"), ids: p.indexed("ResourceIds")}
}

type volcengineCreateTags struct {
	target volcengineTagTarget
	tags   []tagPair
}

func decodeVolcengineCreateTags(p params, region string) operation {
	return &volcengineCreateTags{target: decodeVolcengineTagTarget(p, region), tags: p.tagPairs("Tags")}
}

type volcengineDeleteTags struct {
	target volcengineTagTarget
	keys   []string
}

func decodeVolcengineDeleteTags(p params, region string) operation {
	return &volcengineDeleteTags{target: decodeVolcengineTagTarget(p, region), keys: p.indexed("TagKeys")}
}
