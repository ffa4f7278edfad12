package ecsmock

import "strings"

// instanceType is one entry of a cloud's catalogue, kept apart from the
// provider's on purpose: two independent readings of the docs.
type instanceType struct {
	Name   string
	Family string
	// VCPUs is also the computing power (normalisation factor) of the type.
	VCPUs int
	// ZonalOnly types can only be bought as zonal RIs (and, on Alibaba, can
	// never be split or merged).
	ZonalOnly bool
	// NotReservable types exist but cannot be covered by an RI.
	NotReservable bool
}

type zone struct {
	ID     string
	OnSale bool
}

type region struct {
	ID    string
	Zones []zone
}

func (r region) zone(id string) (zone, bool) {
	for _, z := range r.Zones {
		if z.ID == id {
			return z, true
		}
	}
	return zone{}, false
}

// sizeLadder is the size suffixes both clouds use, with their vCPUs.
var sizeLadder = []struct {
	suffix string
	vcpus  int
}{
	{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"3xlarge", 12}, {"4xlarge", 16},
	{"6xlarge", 24}, {"8xlarge", 32}, {"16xlarge", 64},
}

// familyOf extracts the family of a type name a catalogue does not know, so
// that family checks still work for types a test seeds directly.
func familyOf(typeName string) string {
	parts := strings.SplitN(typeName, ".", 3)
	if len(parts) < 2 {
		return typeName
	}
	fam, _, _ := strings.Cut(parts[1], "-")
	return parts[0] + "." + fam
}

// buildRegion makes a region whose zones are named region-suffix.
func buildRegion(id string, onSale []string, closed ...string) region {
	r := region{ID: id}
	for _, z := range onSale {
		r.Zones = append(r.Zones, zone{ID: id + "-" + z, OnSale: true})
	}
	for _, z := range closed {
		r.Zones = append(r.Zones, zone{ID: id + "-" + z, OnSale: false})
	}
	return r
}

func indexRegions(list ...region) map[string]region {
	out := map[string]region{}
	for _, r := range list {
		out[r.ID] = r
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
