package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Decoding of Volcengine ECS calls: the query parameters the Go SDK sends
// (lists as Name.N, structures as Name.N.Field) become typed operations.
// The region is the one the request was signed for. Nothing here judges a
// value; the rules do.

type purchase struct {
	region                         string
	regionParam                    core.Text
	instanceTypeID, scope, zoneID  string
	name, description, projectName core.Text
	count, period, autoRenewPeriod core.Number
	periodUnit                     string
	autoRenew                      core.Flag
	hpcClusterID, effectiveAt      string
	tags                           []core.TagPair
	reservedCapacity               core.Number
}

func decodePurchase(p core.Params, region string) operation {
	return &purchase{
		region: region, regionParam: p.Text("RegionId"),
		instanceTypeID: p.Get("InstanceTypeId"), scope: p.Get("Scope"), zoneID: p.Get("ZoneId"),
		name: p.Text("ReservedInstanceName"), description: p.Text("Description"), projectName: p.Text("ProjectName"),
		count: p.Number("InstanceCount"), period: p.Number("Period"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
		periodUnit: p.Get("PeriodUnit"), autoRenew: p.Flag("AutoRenew"),
		hpcClusterID: p.Get("HpcClusterId"), effectiveAt: p.Get("EffectiveAt"),
		tags: p.TagPairs("Tags"), reservedCapacity: p.Number("ReservedCapacity"),
	}
}

// tagFilter is one TagFilters.N: a key and the values it may have
// (any value when none is given).
type tagFilter struct {
	key    string
	values []string
}

type describe struct {
	region                             string
	ids, instanceTypeIDs, families     []string
	scope, status, zoneID, projectName string
	name, hpcClusterID, supportModify  string
	tagFilters                         []tagFilter
	maxResults                         core.Number
	nextToken                          string
}

func decodeDescribe(p core.Params, region string) operation {
	op := &describe{
		region: region, ids: p.Indexed("ReservedInstanceIds"), instanceTypeIDs: p.Indexed("InstanceTypeIds"),
		families: p.Indexed("InstanceTypeFamilies"), scope: p.Get("Scope"), status: p.Get("Status"),
		zoneID: p.Get("ZoneId"), projectName: p.Get("ProjectName"), name: p.Get("ReservedInstanceName"),
		hpcClusterID: p.Get("HpcClusterId"), supportModify: p.Get("SupportModify"),
		maxResults: p.Number("MaxResults"), nextToken: p.Get("NextToken"),
	}
	for _, rec := range p.Records("TagFilters") {
		op.tagFilters = append(op.tagFilters, tagFilter{key: rec["Key"], values: core.ListIn(rec, "Values")})
	}
	return op
}

// targetSpec is one Configurations.N of ModifyReservedInstances.
type targetSpec struct {
	name                                        core.Text
	count                                       core.Number
	instanceTypeID, scope, zoneID, hpcClusterID core.Text
}

type modify struct {
	region                   string
	regionParam              core.Text
	ids                      []string
	targets                  []targetSpec
	autoRenew                core.Flag
	autoRenewPeriod          core.Number
	description, projectName core.Text
	tags                     []core.TagPair
	tagsSent                 bool
}

func decodeModify(p core.Params, region string) operation {
	op := &modify{
		region: region, regionParam: p.Text("RegionId"), ids: p.Indexed("ReservedInstanceIds"),
		autoRenew: p.Flag("AutoRenew"), autoRenewPeriod: p.Number("AutoRenewPeriod"),
		description: p.Text("Description"), projectName: p.Text("ProjectName"), tags: p.TagPairs("Tags"),
	}
	op.tagsSent = len(op.tags) > 0
	for _, rec := range p.Records("Configurations") {
		field := func(name string) core.Text { v, ok := rec[name]; return core.Text{Value: v, Present: ok} }
		count, hasCount := rec["InstanceCount"]
		op.targets = append(op.targets, targetSpec{
			name: field("ReservedInstanceName"), count: core.ParseNumber(count, hasCount),
			instanceTypeID: field("InstanceTypeId"), scope: field("Scope"), zoneID: field("ZoneId"),
			hpcClusterID: field("HpcClusterId"),
		})
	}
	return op
}

// tagTarget is the ResourceType and ResourceIds.N of a tag call.
type tagTarget struct {
	region       string
	resourceType core.Text
	ids          []string
}

func decodeTagTarget(p core.Params, region string) tagTarget {
	return tagTarget{region: region, resourceType: p.Text("ResourceType"), ids: p.Indexed("ResourceIds")}
}

type createTags struct {
	target tagTarget
	tags   []core.TagPair
}

func decodeCreateTags(p core.Params, region string) operation {
	return &createTags{target: decodeTagTarget(p, region), tags: p.TagPairs("Tags")}
}

type deleteTags struct {
	target tagTarget
	keys   []string
}

func decodeDeleteTags(p core.Params, region string) operation {
	return &deleteTags{target: decodeTagTarget(p, region), keys: p.Indexed("TagKeys")}
}
