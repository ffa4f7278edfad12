package alibaba

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The documented Alibaba Cloud rules shared by several actions.

func validName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 128 || hasURLPrefix(name) {
		return false
	}
	for i, r := range name {
		isLetter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || unicode.Is(unicode.Han, r)
		if i == 0 && !isLetter {
			return false
		}
		isDigit := r >= '0' && r <= '9'
		if !isLetter && !isDigit && r != ':' && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

func validDescription(d string) bool {
	n := utf8.RuneCountInString(d)
	return n >= 2 && n <= 256 && !hasURLPrefix(d)
}

func hasURLPrefix(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func validTagKey(k string) bool {
	n := utf8.RuneCountInString(k)
	l := strings.ToLower(k)
	return n >= 1 && n <= 128 && !strings.HasPrefix(l, "acs:") && !strings.HasPrefix(l, "aliyun") &&
		!strings.Contains(l, "http://") && !strings.Contains(l, "https://")
}

func validTagValue(v string) bool {
	l := strings.ToLower(v)
	return utf8.RuneCountInString(v) <= 128 && !strings.HasPrefix(l, "acs:") &&
		!strings.Contains(l, "http://") && !strings.Contains(l, "https://")
}

// checkTags validates Tag.N pairs and returns them as a map.
func checkTags(pairs []core.TagPair) (map[string]string, *core.APIError) {
	if len(pairs) > 20 {
		return nil, errTagCount()
	}
	tags := map[string]string{}
	for _, t := range pairs {
		if !validTagKey(t.Key) {
			return nil, errTagKey()
		}
		if !validTagValue(t.Value) {
			return nil, errTagValue()
		}
		tags[t.Key] = t.Value
	}
	return tags, nil
}

// checkTerm checks a purchase or renewal term. The seeds document
// Year with 1 or 3 for purchase and Year|Month for renewal; the console
// also sells 1 Month and 5 Years. The emulator accepts that union.
func checkTerm(period int, unit string) (int, *core.APIError) {
	switch unit {
	case "Year":
		if period == 1 || period == 3 || period == 5 {
			return period * 12, nil
		}
	case "Month":
		if period == 1 {
			return 1, nil
		}
	default:
		return 0, errPeriodUnit()
	}
	return 0, errPeriod()
}

// autoRenewAtPurchase reads AutoRenew and AutoRenewPeriod (months,
// default 12), as Purchase and Renew take them.
func autoRenewAtPurchase(enabled core.Flag, period core.Number) (on bool, duration int, unit string, aerr *core.APIError) {
	if enabled.Malformed {
		return false, 0, "", errInvalidParameter("The specified AutoRenew is not a boolean.")
	}
	if !enabled.Value {
		return false, 0, "", nil
	}
	months, ok := period.Or(12)
	if !ok {
		return false, 0, "", errAutoRenewPeriod()
	}
	if duration, unit, ok = autoRenewTerm(months); !ok {
		return false, 0, "", errAutoRenewPeriod()
	}
	return true, duration, unit, nil
}

// autoRenewTerm converts an AutoRenewPeriod in months (1, 3, 12 or
// 36) into the duration and unit DescribeReservedInstanceAutoRenewAttribute
// reports.
func autoRenewTerm(months int) (int, string, bool) {
	switch months {
	case 1, 3:
		return months, "Month", true
	case 12, 36:
		return months / 12, "Year", true
	}
	return 0, "", false
}

// resolveRegion resolves the RegionId every Alibaba call must carry.
func resolveRegion(id string) (core.Region, *core.APIError) {
	if id == "" {
		return core.Region{}, errMissing("RegionId")
	}
	reg, ok := regions[id]
	if !ok {
		return core.Region{}, errRegion(id)
	}
	return reg, nil
}

// checkZone validates a zone of the region for buying the given type.
func checkZone(w *world, reg core.Region, zoneID, instanceType string) *core.APIError {
	z, ok := reg.Zone(zoneID)
	switch {
	case !ok:
		return errZoneNotFound()
	case !z.OnSale:
		return errZoneNotOnSale()
	case !w.InStock(zoneID, instanceType):
		return errNoStock()
	}
	return nil
}

// checkRegionalStock requires the type in stock in at least one zone.
func checkRegionalStock(w *world, reg core.Region, instanceType string) *core.APIError {
	for _, z := range reg.Zones {
		if z.OnSale && w.InStock(z.ID, instanceType) {
			return nil
		}
	}
	return errNoStock()
}

// findRI returns the RI with that ID in the region.
func findRI(w *world, reg core.Region, id string) (*core.ReservedInstance, *core.APIError) {
	ri, ok := w.Find(id)
	if !ok || ri.RegionID != reg.ID {
		return nil, errRINotFound(id)
	}
	return ri, nil
}

func familyOf(instanceType string) string {
	if t, ok := catalog[instanceType]; ok {
		return t.Family
	}
	return core.FamilyOf(instanceType)
}

// factor is the normalisation factor of a type: its vCPU count.
func factor(instanceType string) int { return catalog[instanceType].VCPUs }

// checkQuota enforces the documented limits on live RIs: a number of
// regional RIs per account and of zonal RIs per zone.
func checkQuota(w *world, scope, zoneID string) *core.APIError {
	if scope == "Region" {
		regional := w.Usage(func(ri *core.ReservedInstance) bool { return ri.Scope == "Region" }, core.CountOne, nil)
		if regional >= w.opts.RegionalQuota {
			return errQuota(fmt.Sprintf("at most %d regional reserved instances per account", w.opts.RegionalQuota))
		}
		return nil
	}
	zonal := w.Usage(func(ri *core.ReservedInstance) bool { return ri.Scope != "Region" && ri.ZoneID == zoneID }, core.CountOne, nil)
	if zonal >= w.opts.ZonalQuota {
		return errQuota(fmt.Sprintf("at most %d zonal reserved instances in zone %s", w.opts.ZonalQuota, zoneID))
	}
	return nil
}

func idSet(ids []string) map[string]any {
	return map[string]any{"ReservedInstanceId": ids}
}
