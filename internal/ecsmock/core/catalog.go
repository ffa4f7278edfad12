package core

import "strings"

// InstanceType is one entry of a cloud's catalogue, kept apart from the
// provider's on purpose: two independent readings of the docs.
type InstanceType struct {
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

// Zone is a zone of a region; only zones on sale take new RIs.
type Zone struct {
	ID     string
	OnSale bool
}

// Region is a region of a cloud's catalogue and its zones.
type Region struct {
	ID    string
	Zones []Zone
}

// Zone finds a zone of the region by ID.
func (r Region) Zone(id string) (Zone, bool) {
	for _, z := range r.Zones {
		if z.ID == id {
			return z, true
		}
	}
	return Zone{}, false
}

// SizeLadder lists the size suffixes both clouds use, with their vCPUs.
var SizeLadder = []struct {
	Suffix string
	VCPUs  int
}{
	{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"3xlarge", 12}, {"4xlarge", 16},
	{"6xlarge", 24}, {"8xlarge", 32}, {"16xlarge", 64},
}

// FamilyOf extracts the family of a type name a catalogue does not know, so
// that family checks still work for types a test seeds directly.
func FamilyOf(typeName string) string {
	parts := strings.SplitN(typeName, ".", 3)
	if len(parts) < 2 {
		return typeName
	}
	fam, _, _ := strings.Cut(parts[1], "-")
	return parts[0] + "." + fam
}

// BuildRegion makes a region whose zones are named region-suffix.
func BuildRegion(id string, onSale []string, closed ...string) Region {
	r := Region{ID: id}
	for _, z := range onSale {
		r.Zones = append(r.Zones, Zone{ID: id + "-" + z, OnSale: true})
	}
	for _, z := range closed {
		r.Zones = append(r.Zones, Zone{ID: id + "-" + z, OnSale: false})
	}
	return r
}

// IndexRegions maps regions by ID.
func IndexRegions(list ...Region) map[string]Region {
	out := map[string]Region{}
	for _, r := range list {
		out[r.ID] = r
	}
	return out
}

// Contains reports whether s is in list.
func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
