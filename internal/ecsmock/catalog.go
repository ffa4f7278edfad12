package ecsmock

import "strings"

// instanceType is one entry of the emulator's own catalogue. It is kept apart
// from the provider's on purpose: two independent readings of the docs.
type instanceType struct {
	Name   string
	Family string
	VCPUs  int
	// ZonalOnly families (gn6i, t5) can only be bought as zonal RIs and can
	// never be split or merged.
	ZonalOnly bool
}

type zone struct {
	ID     string
	OnSale bool
}

type region struct {
	ID    string
	Zones []zone
}

var standardSizes = []struct {
	suffix string
	vcpus  int
}{
	{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"3xlarge", 12}, {"4xlarge", 16},
	{"6xlarge", 24}, {"8xlarge", 32}, {"16xlarge", 64},
}

func buildCatalog() map[string]instanceType {
	cat := map[string]instanceType{}
	for _, fam := range []string{"g5", "g6", "g7", "c5", "c6", "c7", "r5", "r6", "r7"} {
		for _, s := range standardSizes {
			cat["ecs."+fam+"."+s.suffix] = instanceType{Name: "ecs." + fam + "." + s.suffix, Family: "ecs." + fam, VCPUs: s.vcpus}
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

func defaultRegions() []region {
	mk := func(id string, onSale []string, closed ...string) region {
		r := region{ID: id}
		for _, z := range onSale {
			r.Zones = append(r.Zones, zone{ID: id + "-" + z, OnSale: true})
		}
		for _, z := range closed {
			r.Zones = append(r.Zones, zone{ID: id + "-" + z, OnSale: false})
		}
		return r
	}
	return []region{
		mk("cn-hangzhou", []string{"h", "i", "j", "k"}, "b"),
		mk("cn-beijing", []string{"a", "g", "h"}),
		mk("cn-shanghai", []string{"l", "m", "n"}),
		mk("ap-southeast-1", []string{"a", "b", "c"}),
		mk("eu-central-1", []string{"a", "b"}),
	}
}

// familyOf extracts the family of a type name the catalogue does not know, so
// that family checks still work for types a test seeds directly.
func familyOf(typeName string) string {
	parts := strings.SplitN(typeName, ".", 3)
	if len(parts) < 2 {
		return typeName
	}
	fam, _, _ := strings.Cut(parts[1], "-")
	return parts[0] + "." + fam
}
