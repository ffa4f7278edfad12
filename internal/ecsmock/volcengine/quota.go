package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Volcengine quotas: the vCPUs covered by live zonal RIs per zone and by
// live regional RIs per region (200 each by default, as documented), and
// optionally the number of RIs and of instances of one type per region.

// volcengineDemand is one RI a purchase or modification would create.
type volcengineDemand struct {
	regionID     string
	placement    volcenginePlacement
	instanceType string
	count        int
}

func (d volcengineDemand) vcpus() int { return volcengineVCPUs(d.instanceType) * d.count }

// sameCPUPool reports whether an existing RI draws on the same vCPU quota.
func (d volcengineDemand) sameCPUPool(ri *core.ReservedInstance) bool {
	if d.placement.scope == volcengineZonal {
		return ri.Scope == volcengineZonal && ri.ZoneID == d.placement.zoneID
	}
	return ri.Scope == volcengineRegional && ri.RegionID == d.regionID
}

// checkVolcengineQuotas checks that the new RIs fit, leaving out the RIs in
// except, which the new ones replace.
func checkVolcengineQuotas(w *world, demands []volcengineDemand, except map[string]bool) *core.APIError {
	for i, d := range demands {
		if aerr := checkVolcengineCPUQuota(w, demands[:i+1], d, except); aerr != nil {
			return aerr
		}
		if aerr := checkVolcengineCountQuotas(w, demands[:i+1], d, except); aerr != nil {
			return aerr
		}
	}
	return nil
}

// checkVolcengineCPUQuota counts d's pool: what exists plus the demands so
// far that draw on it.
func checkVolcengineCPUQuota(w *world, sofar []volcengineDemand, d volcengineDemand, except map[string]bool) *core.APIError {
	limit := w.opts.RegionalVCPUQuota
	if d.placement.scope == volcengineZonal {
		limit = w.opts.ZonalVCPUQuota
	}
	used := w.Usage(d.sameCPUPool, func(ri *core.ReservedInstance) int {
		return volcengineVCPUs(ri.InstanceType) * ri.InstanceAmount
	}, except)
	for _, o := range sofar {
		if o.regionID == d.regionID && o.placement == d.placement {
			used += o.vcpus()
		}
	}
	if used > limit {
		return volcErrQuotaCpus()
	}
	return nil
}

// checkVolcengineCountQuotas applies the optional per-region limits on RIs
// and on instances of one type.
func checkVolcengineCountQuotas(w *world, sofar []volcengineDemand, d volcengineDemand, except map[string]bool) *core.APIError {
	inRegion := func(ri *core.ReservedInstance) bool { return ri.RegionID == d.regionID }
	if limit := w.opts.ReservedInstanceQuota; limit > 0 {
		n := w.Usage(inRegion, core.CountOne, except)
		for _, o := range sofar {
			if o.regionID == d.regionID {
				n++
			}
		}
		if n > limit {
			return volcErrQuotaInstances()
		}
	}
	if limit := w.opts.InstanceTypeQuota; limit > 0 {
		sameType := func(ri *core.ReservedInstance) bool { return inRegion(ri) && ri.InstanceType == d.instanceType }
		n := w.Usage(sameType, func(ri *core.ReservedInstance) int { return ri.InstanceAmount }, except)
		for _, o := range sofar {
			if o.regionID == d.regionID && o.instanceType == d.instanceType {
				n += o.count
			}
		}
		if n > limit {
			return volcErrQuotaTypeInstances()
		}
	}
	return nil
}
