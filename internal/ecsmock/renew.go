package ecsmock

import (
	"fmt"
)

// maxRemainingTerm is how far ahead a renewal may push an expiry: five
// years, the longest term on sale.
const maxRemainingMonths = 60

func (s *Server) renew(c *call) (map[string]any, *apiError) {
	p := c.params
	token := p.get("ClientToken")
	if !validClientToken(token) {
		return nil, errClientToken()
	}
	if resp, aerr, done := s.replay(c, token); done {
		return resp, aerr
	}
	ids := p.indexed("ReservedInstanceId")
	if len(ids) == 0 {
		return nil, newError(400, "MissingParameter.ReservedInstanceIds", "The specified ReservedInstanceIds does not exist.")
	}
	if len(ids) > 10 {
		return nil, newError(400, "InvalidParameter.ReservedInstanceIds", "The specified ReservedInstanceIds is invalid: at most 10 can be renewed at once.")
	}
	unit := p.get("PeriodUnit")
	if unit == "" {
		unit = "Month"
	}
	if unit != "Year" && unit != "Month" {
		return nil, newError(400, "InvalidParameter.PeriodUnit", "The specified PeriodUnit is invalid.")
	}
	period, ok := p.integer("Period", 1)
	if !ok {
		return nil, errPeriod()
	}
	months, aerr := termMonths(period, unit)
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, arDuration, arUnit, aerr := parseAutoRenew(p)
	if aerr != nil {
		return nil, aerr
	}
	limit := termEnd(c.now, maxRemainingMonths)
	var ris []*ReservedInstance
	for _, id := range ids {
		ri, aerr := s.findRI(c, id)
		if aerr != nil {
			return nil, aerr
		}
		if ri.Status != StatusActive {
			return nil, errRINotActive(id)
		}
		if termEnd(expiryDay(ri.ExpiredTime), months).After(limit) {
			return nil, errMaxExpiration()
		}
		ris = append(ris, ri)
	}
	for _, ri := range ris {
		ri.ExpiredTime = termEnd(expiryDay(ri.ExpiredTime), months)
		// RenewReservedInstances can switch auto-renewal on but never off.
		if autoRenew {
			ri.AutoRenew, ri.AutoRenewDuration, ri.AutoRenewUnit = true, arDuration, arUnit
		}
	}
	resp := map[string]any{
		"OrderId":                fmt.Sprintf("%d", 200000000000+s.st.nextSeq()),
		"ReservedInstanceIdSets": idSet(ids),
	}
	s.remember(c, token, resp)
	return resp, nil
}
