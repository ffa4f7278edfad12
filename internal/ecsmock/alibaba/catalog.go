package alibaba

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// The Alibaba Cloud catalogue: general, compute and memory families in the
// standard sizes, plus the zonal-only GPU and burstable families.

var catalog = buildCatalog()

var regions = core.IndexRegions(
	core.BuildRegion("cn-hangzhou", []string{"h", "i", "j", "k"}, "b"),
	core.BuildRegion("cn-beijing", []string{"a", "g", "h"}),
	core.BuildRegion("cn-shanghai", []string{"l", "m", "n"}),
	core.BuildRegion("ap-southeast-1", []string{"a", "b", "c"}),
	core.BuildRegion("eu-central-1", []string{"a", "b"}),
)

func buildCatalog() map[string]core.InstanceType {
	cat := map[string]core.InstanceType{}
	for _, fam := range []string{"g5", "g6", "g7", "c5", "c6", "c7", "r5", "r6", "r7"} {
		for _, s := range core.SizeLadder {
			name := "ecs." + fam + "." + s.Suffix
			cat[name] = core.InstanceType{Name: name, Family: "ecs." + fam, VCPUs: s.VCPUs}
		}
	}
	for _, s := range []struct {
		suffix string
		vcpus  int
	}{{"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16}, {"8xlarge", 32}, {"16xlarge", 64}} {
		name := "ecs.gn6i-c4g1." + s.suffix
		cat[name] = core.InstanceType{Name: name, Family: "ecs.gn6i", VCPUs: s.vcpus, ZonalOnly: true}
	}
	for _, t := range []struct {
		name  string
		vcpus int
	}{{"ecs.t5-lc2m1.nano", 1}, {"ecs.t5-lc1m1.small", 1}, {"ecs.t5-lc1m2.large", 2}, {"ecs.t5-c1m1.xlarge", 4}} {
		cat[t.name] = core.InstanceType{Name: t.name, Family: "ecs.t5", VCPUs: t.vcpus, ZonalOnly: true}
	}
	return cat
}
