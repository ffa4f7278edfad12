package usage

import (
	"cmp"
	"strings"
)

// Rules are a cloud's matching rules, as data. Family and Factor read the
// cloud's catalogue, which the caller owns.
type Rules struct {
	// Cloud names the rules in errors.
	Cloud string
	// Family returns the instance family of a type (ecs.g6 for
	// ecs.g6.large).
	Family func(instanceType string) string
	// Factor returns the normalisation factor of a type, false when the
	// type is unknown. Factors are kept to the thousandth.
	Factor func(instanceType string) (float64, bool)
	// RegionalSizeFlexible lets a regional RI pay for any size of its
	// family, by computing power; otherwise it pays for its exact type only.
	RegionalSizeFlexible bool
	// SizeFlexiblePlatforms, when not empty, limits size flexibility to
	// regional RIs of these platforms (case-insensitive).
	SizeFlexiblePlatforms []string
	// PlatformMustMatch makes an RI pay only for instances of its platform
	// (case-insensitive).
	PlatformMustMatch bool
	// Order is the order in which RIs are applied within an hour, most
	// significant key first; RI ID breaks the remaining ties.
	Order []OrderKey
}

// OrderKey is one criterion of the order in which RIs are applied.
type OrderKey int

// The criteria.
const (
	// ZonalFirst applies zonal RIs before regional ones.
	ZonalFirst OrderKey = iota + 1
	// EarliestExpiryFirst applies the RI whose effect ends first (an RI
	// without end comes last).
	EarliestExpiryFirst
	// EarliestStartFirst applies the RI that took effect first.
	EarliestStartFirst
	// SmallestFirst applies the RI of least computing power
	// (factor × amount) first.
	SmallestFirst
)

// AlibabaRules are Alibaba Cloud's documented rules (see the package
// documentation): zonal RIs exact, regional RIs size-flexible on every
// platform, the operating system must match; zonal before regional, then
// earliest expiry, is the emulator's reading of the undocumented order.
func AlibabaRules(family func(string) string, factor func(string) (float64, bool)) Rules {
	return Rules{
		Cloud:                "alibaba",
		Family:               family,
		Factor:               factor,
		RegionalSizeFlexible: true,
		PlatformMustMatch:    true,
		Order:                []OrderKey{ZonalFirst, EarliestExpiryFirst, EarliestStartFirst},
	}
}

// VolcengineRules are Volcengine's documented rules (see the package
// documentation): zonal RIs exact, regional RIs size-flexible, no operating
// system on an RI; resource instances consumed earliest expiry first, then
// earliest effective time, with zonal before regional only breaking ties.
func VolcengineRules(family func(string) string, factor func(string) (float64, bool)) Rules {
	return Rules{
		Cloud:                "volcengine",
		Family:               family,
		Factor:               factor,
		RegionalSizeFlexible: true,
		PlatformMustMatch:    false,
		Order:                []OrderKey{EarliestExpiryFirst, EarliestStartFirst, ZonalFirst},
	}
}

// sizeFlexible reports whether a regional RI on a platform may pay for
// other sizes of its family.
func (r Rules) sizeFlexible(platform string) bool {
	if !r.RegionalSizeFlexible {
		return false
	}
	if len(r.SizeFlexiblePlatforms) == 0 {
		return true
	}
	for _, p := range r.SizeFlexiblePlatforms {
		if strings.EqualFold(p, platform) {
			return true
		}
	}
	return false
}

// platformKey is the platform as matching sees it: lower case, or nothing
// when platforms do not matter.
func (r Rules) platformKey(platform string) string {
	if !r.PlatformMustMatch {
		return ""
	}
	return strings.ToLower(platform)
}

// compare orders two RIs by the rules' keys, then by ID.
func (r Rules) compare(a, b *reservation) int {
	for _, k := range r.Order {
		var c int
		switch k {
		case ZonalFirst:
			c = cmp.Compare(a.in.Scope, b.in.Scope)
		case EarliestExpiryFirst:
			c = cmp.Compare(a.end, b.end)
		case EarliestStartFirst:
			c = cmp.Compare(a.start, b.start)
		case SmallestFirst:
			c = cmp.Compare(a.factor*int64(a.in.Amount), b.factor*int64(b.in.Amount))
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(a.in.ID, b.in.ID)
}
