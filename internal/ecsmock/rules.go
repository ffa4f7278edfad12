package ecsmock

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The documented attribute rules, shared by every action that accepts them.

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

func validClientToken(t string) bool {
	if len(t) > 64 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// parseTags reads Tag.N.Key/Tag.N.Value pairs and checks them.
func parseTags(p params) (map[string]string, *apiError) {
	recs := p.records("Tag")
	if len(recs) > 20 {
		return nil, errTagCount()
	}
	tags := map[string]string{}
	for _, rec := range recs {
		if !validTagKey(rec["Key"]) {
			return nil, errTagKey()
		}
		if !validTagValue(rec["Value"]) {
			return nil, errTagValue()
		}
		tags[rec["Key"]] = rec["Value"]
	}
	return tags, nil
}

// termMonths checks a purchase or renewal term. The seeds document Year with
// 1 or 3 for purchase and Year|Month for renewal; the console also sells
// 1 Month and 5 Years. The emulator accepts that union.
func termMonths(period int, unit string) (int, *apiError) {
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

// parseAutoRenew reads AutoRenew and AutoRenewPeriod (months, default 12),
// as Purchase and Renew take them.
func parseAutoRenew(p params) (enabled bool, duration int, unit string, aerr *apiError) {
	enabled, ok := p.boolean("AutoRenew")
	if !ok {
		return false, 0, "", errInvalidParameter("The specified AutoRenew is not a boolean.")
	}
	if !enabled {
		return false, 0, "", nil
	}
	months, ok := p.integer("AutoRenewPeriod", 12)
	if !ok {
		return false, 0, "", errAutoRenewPeriod()
	}
	if duration, unit, ok = autoRenewTerm(months); !ok {
		return false, 0, "", errAutoRenewPeriod()
	}
	return true, duration, unit, nil
}

// autoRenewTerm converts an AutoRenewPeriod in months (1, 3, 12 or 36) into
// the duration and unit DescribeReservedInstanceAutoRenewAttribute reports.
func autoRenewTerm(months int) (int, string, bool) {
	switch months {
	case 1, 3:
		return months, "Month", true
	case 12, 36:
		return months / 12, "Year", true
	}
	return 0, "", false
}

// checkZone validates a zone of the call's region for buying the given type.
func (s *Server) checkZone(c *call, zoneID, instanceType string) *apiError {
	for _, z := range c.region.Zones {
		if z.ID != zoneID {
			continue
		}
		if !z.OnSale {
			return errZoneNotOnSale()
		}
		if !s.st.inStock(zoneID, instanceType) {
			return errNoStock()
		}
		return nil
	}
	return errZoneNotFound()
}

// checkRegionalStock requires the type to be in stock in at least one zone.
func (s *Server) checkRegionalStock(c *call, instanceType string) *apiError {
	for _, z := range c.region.Zones {
		if z.OnSale && s.st.inStock(z.ID, instanceType) {
			return nil
		}
	}
	return errNoStock()
}

// findRI returns the RI with that ID in the call's region.
func (s *Server) findRI(c *call, id string) (*ReservedInstance, *apiError) {
	ri, ok := s.st.RIs[id]
	if !ok || ri.RegionID != c.region.ID {
		return nil, errRINotFound(id)
	}
	return ri, nil
}

func (s *Server) familyOf(instanceType string) string {
	if t, ok := s.catalog[instanceType]; ok {
		return t.Family
	}
	return familyOf(instanceType)
}

func idSet(ids []string) map[string]any {
	return map[string]any{"ReservedInstanceId": ids}
}

// replay answers a repeated ClientToken: the same request gets the first
// answer again; a different request with the same token is refused.
func (s *Server) replay(c *call, token string) (map[string]any, *apiError, bool) {
	if token == "" {
		return nil, nil, false
	}
	rec, ok := s.st.Idempotency[c.action+"|"+token]
	if !ok {
		return nil, nil, false
	}
	if rec.Digest != c.params.digest() {
		return nil, errIdempotentMismatch(), true
	}
	c.replayed = true
	return rec.Response, nil, true
}

func (s *Server) remember(c *call, token string, resp map[string]any) {
	if token != "" {
		s.st.Idempotency[c.action+"|"+token] = idempotencyRecord{Digest: c.params.digest(), Response: resp}
	}
}
