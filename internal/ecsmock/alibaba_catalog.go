package ecsmock

// The Alibaba Cloud catalogue: general, compute and memory families in the
// standard sizes, plus the zonal-only GPU and burstable families.

var alibabaCatalog = buildAlibabaCatalog()

var alibabaRegions = indexRegions(
	buildRegion("cn-hangzhou", []string{"h", "i", "j", "k"}, "b"),
	buildRegion("cn-beijing", []string{"a", "g", "h"}),
	buildRegion("cn-shanghai", []string{"l", "m", "n"}),
	buildRegion("ap-southeast-1", []string{"a", "b", "c"}),
	buildRegion("eu-central-1", []string{"a", "b"}),
)

func buildAlibabaCatalog() map[string]instanceType {
	cat := map[string]instanceType{}
	for _, fam := range []string{"g5", "g6", "g7", "c5", "c6", "c7", "r5", "r6", "r7"} {
		for _, s := range sizeLadder {
			name := "ecs." + fam + "." + s.suffix
			cat[name] = instanceType{Name: name, Family: "ecs." + fam, VCPUs: s.vcpus}
		}
	}
	for _, s := range []struct {
		suffix string
		vcpus  int
	}{{"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16}, {"8xlarge", 32}, {"16xlarge", 64}} {
		name := "ecs.gn6i-c4g1." + s.suffix
		cat[name] = instanceType{Name: name, Family: "ecs.gn6i", VCPUs: s.vcpus, ZonalOnly: true}
	}
	for _, t := range []struct {
		name  string
		vcpus int
	}{{"ecs.t5-lc2m1.nano", 1}, {"ecs.t5-lc1m1.small", 1}, {"ecs.t5-lc1m2.large", 2}, {"ecs.t5-c1m1.xlarge", 4}} {
		cat[t.name] = instanceType{Name: t.name, Family: "ecs.t5", VCPUs: t.vcpus, ZonalOnly: true}
	}
	return cat
}
