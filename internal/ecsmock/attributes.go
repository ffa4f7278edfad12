package ecsmock

func (s *Server) modifyAttribute(c *call) (map[string]any, *apiError) {
	p := c.params
	id := p.get("ReservedInstanceId")
	if id == "" {
		return nil, newError(403, "MissingParameter.ReservedInstanceId", "The ids of reservedInstance can not be empty.")
	}
	ri, aerr := s.findRI(c, id)
	if aerr != nil {
		return nil, aerr
	}
	name, setName := p.get("ReservedInstanceName"), p.has("ReservedInstanceName")
	if setName && !validName(name) {
		return nil, errName()
	}
	// An empty Description clears it; anything else must follow the rule.
	desc, setDesc := p.get("Description"), p.has("Description")
	if setDesc && desc != "" && !validDescription(desc) {
		return nil, errDescription()
	}
	if setName {
		ri.Name = name
	}
	if setDesc {
		ri.Description = desc
	}
	return map[string]any{"Code": "200", "Message": "Success", "HttpStatusCode": 200}, nil
}

func (s *Server) modifyAutoRenew(c *call) (map[string]any, *apiError) {
	p := c.params
	ids := p.indexed("ReservedInstanceId")
	if len(ids) == 0 {
		return nil, newError(403, "MissingParameter.ReservedInstanceId", "The ids of reservedInstance can not be empty.")
	}
	if len(ids) > 100 {
		return nil, errTooMany("ReservedInstanceId", 100)
	}
	status := p.get("RenewalStatus")
	if status != "AutoRenewal" && status != "Normal" {
		return nil, errRenewalStatus()
	}
	period, ok := p.integer("Period", 1)
	if !ok || (period != 1 && period != 3) {
		return nil, errPeriod()
	}
	unit := p.get("PeriodUnit")
	if unit == "" {
		unit = "Year"
	}
	if unit != "Year" && unit != "Month" {
		return nil, errPeriodUnit()
	}
	var ris []*ReservedInstance
	for _, id := range ids {
		ri, aerr := s.findRI(c, id)
		if aerr != nil {
			return nil, aerr
		}
		if ri.Status == StatusInactive || ri.Status == StatusExpired {
			return nil, newError(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.")
		}
		ris = append(ris, ri)
	}
	for _, ri := range ris {
		ri.AutoRenew = status == "AutoRenewal"
		if ri.AutoRenew {
			ri.AutoRenewDuration, ri.AutoRenewUnit = period, unit
		}
	}
	return map[string]any{}, nil
}
