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
	volcengineZonal    = "ZonalRI"
	volcengineRegional = "RegionalRI"
)

// volcenginePeriods are the purchase terms in months; volcengineRenewPeriods
// the lengths of one automatic renewal.
var (
	volcenginePeriods      = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36}
	volcengineRenewPeriods = []int{1, 2, 3, 6, 12}
)

// validVolcengineName: 1-128 characters, Chinese, letters, digits, '_' and
// '-', not starting with a digit, '-' or '_'.
func validVolcengineName(name string) bool {
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

// validVolcengineProjectName: letters, digits, '_', '.' and '-', at most 64.
func validVolcengineProjectName(name string) bool {
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

// validVolcengineDescription is the emulator's choice, the docs being
// silent: at most 255 characters.
func validVolcengineDescription(d string) bool { return utf8.RuneCountInString(d) <= 255 }

// validVolcengineTagText: letters of any language, digits, spaces and
// _ . : / = + - @.
func validVolcengineTagText(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// validVolcengineTagKey: 1-128 characters, not starting with volc: or sys:
// in any case.
func validVolcengineTagKey(k string) bool {
	n := utf8.RuneCountInString(k)
	l := strings.ToLower(k)
	return n >= 1 && n <= 128 && !strings.HasPrefix(l, "volc:") && !strings.HasPrefix(l, "sys:") && validVolcengineTagText(k)
}

func validVolcengineTagValue(v string) bool {
	return utf8.RuneCountInString(v) <= 256 && validVolcengineTagText(v)
}

// checkVolcengineTags validates Tags.N: at most limit pairs, each with a
// valid key and value, no key twice.
func checkVolcengineTags(pairs []core.TagPair, limit int) (map[string]string, *core.APIError) {
	if len(pairs) > limit {
		return nil, volcErrTooManyTags()
	}
	tags := map[string]string{}
	for _, t := range pairs {
		if !t.HasKey || !validVolcengineTagKey(t.Key) {
			return nil, volcErrTagKeyMalformed()
		}
		if !validVolcengineTagValue(t.Value) {
			return nil, volcErrTagValueMalformed()
		}
		if _, dup := tags[t.Key]; dup {
			return nil, volcErrTagKeyConflict()
		}
		tags[t.Key] = t.Value
	}
	return tags, nil
}

// volcengineRegion resolves the region a request was signed for.
func volcengineRegion(id string) (core.Region, *core.APIError) {
	reg, ok := volcengineRegions[id]
	if !ok {
		return core.Region{}, volcErrRegionNotFound()
	}
	return reg, nil
}

// checkRegionParam: RegionId, when sent, must name the region the request
// was signed for, since one endpoint serves one region.
func checkRegionParam(reg core.Region, regionID core.Text) *core.APIError {
	if !regionID.Present || regionID.Value == reg.ID {
		return nil
	}
	if _, ok := volcengineRegions[regionID.Value]; !ok {
		return volcErrRegionNotFound()
	}
	return volcErrInvalidParameter("The specified RegionId %s does not match the region %s the request was signed for.", regionID.Value, reg.ID)
}

// volcengineCount reads InstanceCount: 1-100, with 0 or absent meaning 1.
func volcengineCount(n core.Number) (int, *core.APIError) {
	count, ok := n.Or(1)
	switch {
	case !ok:
		return 0, volcErrCountMalformed()
	case count == 0:
		return 1, nil
	case count < 0:
		return 0, volcErrCountTooSmall()
	case count > 100:
		return 0, volcErrCountTooLarge()
	}
	return count, nil
}

// reservableVolcengineType resolves an InstanceTypeId that an RI may cover.
func reservableVolcengineType(name string) (core.InstanceType, *core.APIError) {
	it, ok := volcengineCatalog[name]
	switch {
	case name == "":
		return it, volcErrMissingTypeID()
	case !ok:
		return it, volcErrTypeNotFound()
	case it.NotReservable:
		return it, volcErrTypeNotReservable()
	}
	return it, nil
}

// volcenginePlacement is where an RI applies: a zone, or a whole region.
type volcenginePlacement struct {
	scope, zoneID string
}

// checkVolcenginePlacement validates a scope and zone in the region.
// RegionalRI takes no zone: the emulator refuses one rather than ignore it.
func checkVolcenginePlacement(reg core.Region, scope, zoneID string) (volcenginePlacement, *core.APIError) {
	switch scope {
	case volcengineZonal:
		if zoneID == "" {
			return volcenginePlacement{}, volcErrMissingZoneID()
		}
		if _, ok := reg.Zone(zoneID); !ok {
			return volcenginePlacement{}, volcErrZoneNotFound()
		}
	case volcengineRegional:
		if zoneID != "" {
			return volcenginePlacement{}, volcErrInvalidParameter("ZoneId can only be set when Scope is ZonalRI.")
		}
	default:
		return volcenginePlacement{}, volcErrScopeMalformed()
	}
	return volcenginePlacement{scope: scope, zoneID: zoneID}, nil
}

// checkVolcengineProject resolves ProjectName; absent means "default".
func checkVolcengineProject(w *world, name core.Text) (string, *core.APIError) {
	if !name.Present || name.Value == "" {
		return volcengineDefaultProject, nil
	}
	if !validVolcengineProjectName(name.Value) {
		return "", volcErrProjectNameMalformed()
	}
	if name.Value != volcengineDefaultProject && !w.HasProject(name.Value) {
		return "", volcErrProjectNotFound()
	}
	return name.Value, nil
}

// checkVolcengineHpcCluster: an HPC cluster must exist in the RI's region,
// and in its zone for a zonal RI.
func checkVolcengineHpcCluster(w *world, reg core.Region, p volcenginePlacement, id string) *core.APIError {
	if id == "" {
		return nil
	}
	zoneID, ok := w.HpcClusterZone(id)
	if _, inRegion := reg.Zone(zoneID); !ok || !inRegion || (p.scope == volcengineZonal && zoneID != p.zoneID) {
		return volcErrHpcClusterNotFound()
	}
	return nil
}

// volcengineAutoRenew reads AutoRenew and AutoRenewPeriod (months, 1, 2, 3,
// 6 or 12, default 1, read only when AutoRenew is true).
func volcengineAutoRenew(enabled core.Flag, period core.Number) (on bool, months int, aerr *core.APIError) {
	if enabled.Malformed {
		return false, 0, volcErrInvalidParameter("The specified AutoRenew is not a boolean.")
	}
	if !enabled.Value {
		return false, 0, nil
	}
	months, ok := period.Or(1)
	if !ok || !slices.Contains(volcengineRenewPeriods, months) {
		return false, 0, volcErrAutoRenewPeriod()
	}
	return true, months, nil
}

// Billing renewal types.
const (
	volcengineAutoRenewal   = "AutoRenewal"
	volcengineManualRenewal = "ManualRenewal"
	volcengineNonRenewal    = "NonRenewal"
)

// setVolcengineRenewal records a renewal type and, for AutoRenewal, the
// length of each automatic renewal, keeping AutoRenew (which the lifecycle
// reads) in step with RenewType (which Billing reports).
func setVolcengineRenewal(ri *core.ReservedInstance, renewType string, duration int, unit string) {
	ri.RenewType = renewType
	ri.AutoRenew = renewType == volcengineAutoRenewal
	if ri.AutoRenew {
		ri.AutoRenewDuration, ri.AutoRenewUnit = duration, unit
	}
}

// volcengineRenewType is what Billing reports: AutoRenewal whenever
// auto-renewal is on, otherwise the manual or non-renewal type last set.
func volcengineRenewType(ri core.ReservedInstance) string {
	if ri.AutoRenew {
		return volcengineAutoRenewal
	}
	if ri.RenewType == volcengineNonRenewal {
		return volcengineNonRenewal
	}
	return volcengineManualRenewal
}

// checkVolcengineStock requires stock in the zone, or in some zone of the
// region for a regional RI.
func checkVolcengineStock(w *world, reg core.Region, p volcenginePlacement, instanceType string) *core.APIError {
	if p.scope == volcengineZonal {
		if !w.InStock(p.zoneID, instanceType) {
			return volcErrInstanceCapacity()
		}
		return nil
	}
	for _, z := range reg.Zones {
		if w.InStock(z.ID, instanceType) {
			return nil
		}
	}
	return volcErrInstanceCapacity()
}

// findVolcengineRI returns a Volcengine RI of the region by ID.
func findVolcengineRI(w *world, reg core.Region, id string) (*core.ReservedInstance, *core.APIError) {
	ri, ok := w.Find(id)
	if !ok || ri.RegionID != reg.ID {
		return nil, volcErrRINotFound(id)
	}
	return ri, nil
}
