package ecsmock

import (
	"fmt"
	"time"
)

func (s *Server) purchase(c *call) (map[string]any, *apiError) {
	p := c.params
	token := p.get("ClientToken")
	if !validClientToken(token) {
		return nil, errClientToken()
	}
	if resp, aerr, done := s.replay(c, token); done {
		return resp, aerr
	}

	typeName := p.get("InstanceType")
	if typeName == "" {
		return nil, newError(403, "MissingParameter.InstanceType", "The instanceType should be not empty.")
	}
	it, ok := s.catalog[typeName]
	if !ok {
		return nil, errInstanceType()
	}
	scope := p.get("Scope")
	if scope == "" {
		scope = "Region"
	}
	if scope != "Region" && scope != "Zone" {
		return nil, errScope()
	}
	zoneID := p.get("ZoneId")
	switch {
	case scope == "Zone" && zoneID == "":
		return nil, errZoneRequired()
	case scope == "Region" && zoneID != "":
		return nil, newError(403, "InvalidParameter.NotMatch", "ZoneId can only be set when Scope is Zone.")
	case scope == "Region" && it.ZonalOnly:
		return nil, errScopeFamily()
	}
	amount, ok := p.integer("InstanceAmount", 1)
	if !ok || amount < 1 || amount > 50 {
		return nil, errAmount()
	}
	platform := p.get("Platform")
	if platform == "" {
		platform = "Linux"
	}
	if platform != "Linux" && platform != "Windows" {
		return nil, errPlatform()
	}
	offering := p.get("OfferingType")
	if offering == "" {
		offering = "All Upfront"
	}
	if offering != "All Upfront" && offering != "Partial Upfront" && offering != "No Upfront" {
		return nil, errOfferingType()
	}
	unit := p.get("PeriodUnit")
	if unit == "" {
		unit = "Year"
	}
	period, ok := p.integer("Period", 1)
	if !ok {
		return nil, errPeriod()
	}
	months, aerr := termMonths(period, unit)
	if aerr != nil {
		return nil, aerr
	}
	name := p.get("ReservedInstanceName")
	if p.has("ReservedInstanceName") && !validName(name) {
		return nil, errName()
	}
	desc := p.get("Description")
	if p.has("Description") && desc != "" && !validDescription(desc) {
		return nil, errDescription()
	}
	tags, aerr := parseTags(p)
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, arDuration, arUnit, aerr := parseAutoRenew(p)
	if aerr != nil {
		return nil, aerr
	}
	rg := p.get("ResourceGroupId")
	if rg == "" {
		rg = s.opts.DefaultResourceGroupID
	} else if len(rg) < 4 || rg[:3] != "rg-" {
		return nil, errResourceGroup()
	}
	start := c.now.Truncate(time.Hour)
	if st := p.get("StartTime"); st != "" {
		if scope == "Zone" {
			return nil, errStartTimeScope()
		}
		t, err := time.Parse("2006-01-02T15Z", st)
		if err != nil || t.Before(start) {
			return nil, errStartTime()
		}
		start = t
	}

	if scope == "Zone" {
		if aerr := s.checkZone(c, zoneID, typeName); aerr != nil {
			return nil, aerr
		}
	} else if aerr := s.checkRegionalStock(c, typeName); aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkQuota(scope, zoneID); aerr != nil {
		return nil, aerr
	}

	ri := &ReservedInstance{
		ID: randomID("ecsri-", 20), RegionID: c.region.ID, ZoneID: zoneID, Name: name, Description: desc,
		InstanceType: typeName, InstanceAmount: amount, Scope: scope, Platform: platform, OfferingType: offering,
		ResourceGroupID: rg, Status: StatusCreating, StartTime: start, ExpiredTime: termEnd(start, months),
		CreationTime: c.now, PendingUntil: c.now.Add(s.opts.ActivationDelay), Tags: tags,
		AutoRenew: autoRenew, AutoRenewDuration: arDuration, AutoRenewUnit: arUnit, Seq: s.st.nextSeq(),
	}
	s.st.RIs[ri.ID] = ri
	resp := map[string]any{"ReservedInstanceIdSets": idSet([]string{ri.ID})}
	s.remember(c, token, resp)
	return resp, nil
}

// checkQuota enforces the documented limits on live RIs.
func (s *Server) checkQuota(scope, zoneID string) *apiError {
	regional, zonal := 0, 0
	for _, ri := range s.st.RIs {
		if !ri.counted() {
			continue
		}
		if ri.Scope == "Region" {
			regional++
		} else if ri.ZoneID == zoneID {
			zonal++
		}
	}
	if scope == "Region" && regional >= s.opts.RegionalQuota {
		return errQuota(fmt.Sprintf("at most %d regional reserved instances per account", s.opts.RegionalQuota))
	}
	if scope == "Zone" && zonal >= s.opts.ZonalQuota {
		return errQuota(fmt.Sprintf("at most %d zonal reserved instances in zone %s", s.opts.ZonalQuota, zoneID))
	}
	return nil
}
