package ecsmock

import (
	"time"
)

// target is one requested configuration of ModifyReservedInstances.
type target struct {
	name, instanceType, scope, zoneID string
	amount                            int
}

func (s *Server) modify(c *call) (map[string]any, *apiError) {
	p := c.params
	ids := p.indexed("ReservedInstanceId")
	if len(ids) == 0 {
		return nil, newError(403, "MissingParameter.ReservedInstanceId", "The ids of reservedInstance can not be empty.")
	}
	if len(ids) > 20 {
		return nil, errTooMany("ReservedInstanceId", 20)
	}
	confs := p.records("Configuration")
	if len(confs) == 0 {
		return nil, errConfigurationEmpty()
	}
	if len(confs) > 100 {
		return nil, errTooMany("Configuration", 100)
	}
	if len(ids) > 1 && len(confs) > 1 {
		return nil, errManyToMany()
	}

	sources := make([]*ReservedInstance, 0, len(ids))
	seen := map[string]bool{}
	sourceCompute := 0
	for _, id := range ids {
		if seen[id] {
			return nil, errInvalidParameter("The ReservedInstanceId %s is listed twice.", id)
		}
		seen[id] = true
		ri, aerr := s.findRI(c, id)
		if aerr != nil {
			return nil, aerr
		}
		if ri.Status != StatusActive {
			return nil, errRINotActive(id)
		}
		sources = append(sources, ri)
		sourceCompute += s.factor(ri.InstanceType) * ri.InstanceAmount
	}
	first := sources[0]
	family := s.familyOf(first.InstanceType)
	for _, src := range sources[1:] {
		switch {
		case s.familyOf(src.InstanceType) != family:
			return nil, errFamilyMismatch()
		case !src.ExpiredTime.Equal(first.ExpiredTime):
			return nil, errExpiryMismatch()
		case src.OfferingType != first.OfferingType:
			return nil, errOfferingMismatch()
		case src.Scope != first.Scope || src.ZoneID != first.ZoneID:
			return nil, errZoneMismatch()
		case src.Platform != first.Platform:
			return nil, errPlatformMismatch()
		}
	}
	reshape := len(sources) > 1 || len(confs) > 1

	targets := make([]target, 0, len(confs))
	targetCompute := 0
	for _, conf := range confs {
		t, aerr := s.parseTarget(c, conf, sources, sourceCompute, len(confs) == 1)
		if aerr != nil {
			return nil, aerr
		}
		it := s.catalog[t.instanceType]
		switch {
		case it.Family != family:
			return nil, errFamilyMismatch()
		case reshape && it.ZonalOnly:
			return nil, errFamilyNotReshapable()
		case t.scope == "Region" && it.ZonalOnly:
			return nil, errScopeFamily()
		case reshape && (t.scope != first.Scope || t.zoneID != first.ZoneID):
			return nil, errReshapeScope()
		}
		targetCompute += it.VCPUs * t.amount
		targets = append(targets, t)
	}
	if targetCompute != sourceCompute {
		return nil, errFactorMismatch()
	}
	if !reshape {
		t := targets[0]
		if t.instanceType == first.InstanceType && t.amount == first.InstanceAmount && t.scope == first.Scope && t.zoneID == first.ZoneID {
			return nil, errOnlyName()
		}
	}

	pending := c.now.Add(s.opts.ActivationDelay)
	newIDs := make([]string, 0, len(targets))
	for _, t := range targets {
		ri := &ReservedInstance{
			ID: randomID("ecsri-", 20), RegionID: c.region.ID, ZoneID: t.zoneID, Name: t.name,
			InstanceType: t.instanceType, InstanceAmount: t.amount, Scope: t.scope, Platform: first.Platform,
			OfferingType: first.OfferingType, ResourceGroupID: first.ResourceGroupID, Status: StatusCreating,
			StartTime: c.now.Truncate(time.Hour), ExpiredTime: first.ExpiredTime, CreationTime: c.now,
			PendingUntil: pending, Tags: map[string]string{}, Seq: s.st.nextSeq(),
		}
		s.st.RIs[ri.ID] = ri
		newIDs = append(newIDs, ri.ID)
	}
	for _, src := range sources {
		src.Status = StatusUpdating
		src.PendingUntil = pending
	}
	return map[string]any{"ReservedInstanceIdSets": idSet(newIDs)}, nil
}

// parseTarget reads one Configuration.N. When the type or the amount is left
// out of a one-target request, it is taken from the sources.
func (s *Server) parseTarget(c *call, conf map[string]string, sources []*ReservedInstance, sourceCompute int, single bool) (target, *apiError) {
	t := target{name: conf["ReservedInstanceName"], instanceType: conf["InstanceType"], scope: conf["Scope"], zoneID: conf["ZoneId"]}
	amountText, hasAmount := conf["InstanceAmount"]
	if t.instanceType == "" && !hasAmount {
		return t, newError(403, "MissingParameter.InstanceTypeAndAmountBothEmpty", "The instanceType and amount can not be both empty.")
	}
	if t.instanceType == "" {
		t.instanceType = sources[0].InstanceType
	}
	it, ok := s.catalog[t.instanceType]
	if !ok {
		return t, errInstanceType()
	}
	if hasAmount {
		n, ok := params{"a": {amountText}}.integer("a", 0)
		if !ok || n < 1 {
			return t, errAmount()
		}
		t.amount = n
	} else if single && sourceCompute%it.VCPUs == 0 {
		t.amount = sourceCompute / it.VCPUs
	} else {
		t.amount = 1
	}
	if t.name != "" && !validName(t.name) {
		return t, errName()
	}
	if t.scope == "" {
		t.scope = "Region"
	}
	switch {
	case t.scope != "Region" && t.scope != "Zone":
		return t, errScope()
	case t.scope == "Zone" && t.zoneID == "":
		return t, errZoneRequired()
	case t.scope == "Region" && t.zoneID != "":
		return t, newError(403, "InvalidParameter.NotMatch", "ZoneId can only be set when Scope is Zone.")
	}
	if t.scope == "Zone" {
		return t, s.checkZone(c, t.zoneID, t.instanceType)
	}
	return t, s.checkRegionalStock(c, t.instanceType)
}

// factor is the normalisation factor of a type: its vCPU count.
func (s *Server) factor(instanceType string) int {
	if it, ok := s.catalog[instanceType]; ok {
		return it.VCPUs
	}
	return 0
}
