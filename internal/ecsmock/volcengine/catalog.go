package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// The Volcengine catalogue: the general (g3i), compute (c3i) and memory
// (r3i) families in sizes large to 8xlarge, whose computing power is their
// vCPU count, and one economy type that exists but cannot be reserved.

var catalog = buildCatalog()

var regions = core.IndexRegions(
	core.BuildRegion("cn-beijing", []string{"a", "b", "c"}),
	core.BuildRegion("cn-shanghai", []string{"a", "b"}),
)

// notReservable is a real-looking type the emulator sells only
// pay-as-you-go, so that the "cannot be reserved" error can be reached.
const notReservable = "ecs.e-c1m2.large"

func buildCatalog() map[string]core.InstanceType {
	cat := map[string]core.InstanceType{}
	for _, fam := range []string{"g3i", "c3i", "r3i"} {
		for _, s := range core.SizeLadder {
			if s.VCPUs > 32 {
				continue
			}
			name := "ecs." + fam + "." + s.Suffix
			cat[name] = core.InstanceType{Name: name, Family: "ecs." + fam, VCPUs: s.VCPUs}
		}
	}
	cat[notReservable] = core.InstanceType{Name: notReservable, Family: "ecs.e", VCPUs: 2, NotReservable: true}
	return cat
}

// defaultProject always exists.
const defaultProject = "default"

// findZone finds a zone and its region.
func findZone(zoneID string) (core.Region, bool) {
	for _, r := range regions {
		if _, ok := r.Zone(zoneID); ok {
			return r, true
		}
	}
	return core.Region{}, false
}

func familyOf(instanceType string) string {
	if t, ok := catalog[instanceType]; ok {
		return t.Family
	}
	return core.FamilyOf(instanceType)
}

// vcpusOf is the computing power of one instance of a type.
func vcpusOf(instanceType string) int { return catalog[instanceType].VCPUs }
