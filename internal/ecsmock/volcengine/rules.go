package volcengine

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The documented Volcengine rules shared by several actions (seed 002 and
// the ModifyReservedInstances and CreateTags docs).

// Scope values.
const (
	zonal    = "ZonalRI"
	regional = "RegionalRI"
)

// periods are the purchase terms in months; renewPeriods the lengths of
// one automatic renewal a purchase or modification carries
// (AutoRenewPeriod); setRenewalMonths those Billing's SetRenewalType sets.
var (
	periods          = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36}
	renewPeriods     = []int{1, 2, 3, 6, 12}
	setRenewalMonths = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36}
)

// validName: 1-128 characters, Chinese, letters, digits, '_' and
// '-', not starting with a digit, '-' or '_'.
func validName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 1 || n > 128 {
		return false
	}
	for i, r := range name {
		letter := r < utf8.RuneSelf && unicode.IsLetter(r) || unicode.Is(unicode.Han, r)
		digit := r >= '0' && r <= '9'
		if i == 0 && !letter {
			return false
		}
		if !letter && !digit && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

// validProjectName: letters, digits, '_', '.' and '-', at most 64.
func validProjectName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, r := range name {
		ok := r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '.' || r == '-'
		if !ok {
			return false
		}
	}
	return true
}

// validDescription is the emulator's choice, the docs being
// silent: at most 255 characters.
func validDescription(d string) bool { return utf8.RuneCountInString(d) <= 255 }

// validTagText: letters of any language, digits, spaces and
// _ . : / = + - @.
func validTagText(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// validTagKey: 1-128 characters, not starting with volc: or sys:
// in any case.
func validTagKey(k string) bool {
	n := utf8.RuneCountInString(k)
	l := strings.ToLower(k)
	return n >= 1 && n <= 128 && !strings.HasPrefix(l, "volc:") && !strings.HasPrefix(l, "sys:") && validTagText(k)
}

func validTagValue(v string) bool {
	return utf8.RuneCountInString(v) <= 256 && validTagText(v)
}

// checkTags validates Tags.N: at most limit pairs, each with a
// valid key and value, no key twice.
func checkTags(pairs []core.TagPair, limit int) (map[string]string, *core.APIError) {
	if len(pairs) > limit {
		return nil, errTooManyTags()
	}
	tags := map[string]string{}
	for _, t := range pairs {
		if !t.HasKey || !validTagKey(t.Key) {
			return nil, errTagKeyMalformed()
		}
		if !validTagValue(t.Value) {
			return nil, errTagValueMalformed()
		}
		if _, dup := tags[t.Key]; dup {
			return nil, errTagKeyConflict()
		}
		tags[t.Key] = t.Value
	}
	return tags, nil
}

// resolveRegion resolves the region a request was signed for.
func resolveRegion(id string) (core.Region, *core.APIError) {
	reg, ok := regions[id]
	if !ok {
		return core.Region{}, errRegionNotFound()
	}
	return reg, nil
}

// checkRegionParam: RegionId, when sent, must name the region the request
// was signed for, since one endpoint serves one region.
func checkRegionParam(reg core.Region, regionID core.Text) *core.APIError {
	if !regionID.Present || regionID.Value == reg.ID {
		return nil
	}
	if _, ok := regions[regionID.Value]; !ok {
		return errRegionNotFound()
	}
	return errInvalidParameter("The specified RegionId %s does not match the region %s the request was signed for.", regionID.Value, reg.ID)
}

// readCount reads InstanceCount: 1-100, with 0 or absent meaning 1.
func readCount(n core.Number) (int, *core.APIError) {
	count, ok := n.Or(1)
	switch {
	case !ok:
		return 0, errCountMalformed()
	case count == 0:
		return 1, nil
	case count < 0:
		return 0, errCountTooSmall()
	case count > 100:
		return 0, errCountTooLarge()
	}
	return count, nil
}

// reservableType resolves an InstanceTypeId that an RI may cover.
func reservableType(name string) (core.InstanceType, *core.APIError) {
	it, ok := catalog[name]
	switch {
	case name == "":
		return it, errMissingTypeID()
	case !ok:
		return it, errTypeNotFound()
	case it.NotReservable:
		return it, errTypeNotReservable()
	}
	return it, nil
}

// placementSpec is where an RI applies: a zone, or a whole region.
type placementSpec struct {
	scope, zoneID string
}

// checkPlacement validates a scope and zone in the region.
// RegionalRI takes no zone: the emulator refuses one rather than ignore it.
func checkPlacement(reg core.Region, scope, zoneID string) (placementSpec, *core.APIError) {
	switch scope {
	case zonal:
		if zoneID == "" {
			return placementSpec{}, errMissingZoneID()
		}
		if _, ok := reg.Zone(zoneID); !ok {
			return placementSpec{}, errZoneNotFound()
		}
	case regional:
		if zoneID != "" {
			return placementSpec{}, errInvalidParameter("ZoneId can only be set when Scope is ZonalRI.")
		}
	default:
		return placementSpec{}, errScopeMalformed()
	}
	return placementSpec{scope: scope, zoneID: zoneID}, nil
}

// checkProject resolves ProjectName; absent means "default".
func checkProject(w *world, name core.Text) (string, *core.APIError) {
	if !name.Present || name.Value == "" {
		return defaultProject, nil
	}
	if !validProjectName(name.Value) {
		return "", errProjectNameMalformed()
	}
	if name.Value != defaultProject && !w.HasProject(name.Value) {
		return "", errProjectNotFound()
	}
	return name.Value, nil
}

// checkHpcCluster: an HPC cluster must exist in the RI's region,
// and in its zone for a zonal RI.
func checkHpcCluster(w *world, reg core.Region, p placementSpec, id string) *core.APIError {
	if id == "" {
		return nil
	}
	zoneID, ok := w.HpcClusterZone(id)
	if _, inRegion := reg.Zone(zoneID); !ok || !inRegion || (p.scope == zonal && zoneID != p.zoneID) {
		return errHpcClusterNotFound()
	}
	return nil
}

// readAutoRenew reads AutoRenew and AutoRenewPeriod (months, 1, 2, 3,
// 6 or 12, default 1, read only when AutoRenew is true).
func readAutoRenew(enabled core.Flag, period core.Number) (on bool, months int, aerr *core.APIError) {
	if enabled.Malformed {
		return false, 0, errInvalidParameter("The specified AutoRenew is not a boolean.")
	}
	if !enabled.Value {
		return false, 0, nil
	}
	months, ok := period.Or(1)
	if !ok || !slices.Contains(renewPeriods, months) {
		return false, 0, errAutoRenewPeriod()
	}
	return true, months, nil
}

// checkStock requires stock in the zone, or in some zone of the
// region for a regional RI.
func checkStock(w *world, reg core.Region, p placementSpec, instanceType string) *core.APIError {
	if p.scope == zonal {
		if !w.InStock(p.zoneID, instanceType) {
			return errInstanceCapacity()
		}
		return nil
	}
	for _, z := range reg.Zones {
		if w.InStock(z.ID, instanceType) {
			return nil
		}
	}
	return errInstanceCapacity()
}

// findRI returns a Volcengine RI of the region by ID.
func findRI(w *world, reg core.Region, id string) (*core.ReservedInstance, *core.APIError) {
	ri, ok := w.Find(id)
	if !ok || ri.RegionID != reg.ID {
		return nil, errRINotFound(id)
	}
	return ri, nil
}
