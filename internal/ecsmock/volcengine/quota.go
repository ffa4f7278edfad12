package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Volcengine quotas: the vCPUs covered by live zonal RIs per zone and by
// live regional RIs per region (200 each by default, as documented), and
// optionally the number of RIs and of instances of one type per region.

// quotaDemand is one RI a purchase or modification would create.
type quotaDemand struct {
	regionID     string
	placement    placementSpec
	instanceType string
	count        int
}

func (d quotaDemand) vcpus() int { return vcpusOf(d.instanceType) * d.count }

// sameCPUPool reports whether an existing RI draws on the same vCPU quota.
func (d quotaDemand) sameCPUPool(ri *core.ReservedInstance) bool {
	if d.placement.scope == zonal {
		return ri.Scope == zonal && ri.ZoneID == d.placement.zoneID
	}
	return ri.Scope == regional && ri.RegionID == d.regionID
}

// checkQuotas checks that the new RIs fit, leaving out the RIs in
// except, which the new ones replace.
func checkQuotas(w *world, demands []quotaDemand, except map[string]bool) *core.APIError {
	for i, d := range demands {
		if aerr := checkCPUQuota(w, demands[:i+1], d, except); aerr != nil {
			return aerr
		}
		if aerr := checkCountQuotas(w, demands[:i+1], d, except); aerr != nil {
			return aerr
		}
	}
	return nil
}

// checkCPUQuota counts d's pool: what exists plus the demands so
// far that draw on it.
func checkCPUQuota(w *world, sofar []quotaDemand, d quotaDemand, except map[string]bool) *core.APIError {
	limit := w.opts.RegionalVCPUQuota
	if d.placement.scope == zonal {
		limit = w.opts.ZonalVCPUQuota
	}
	used := w.Usage(d.sameCPUPool, func(ri *core.ReservedInstance) int {
		return vcpusOf(ri.InstanceType) * ri.InstanceAmount
	}, except)
	for _, o := range sofar {
		if o.regionID == d.regionID && o.placement == d.placement {
			used += o.vcpus()
		}
	}
	if used > limit {
		return errQuotaCpus()
	}
	return nil
}

// checkCountQuotas applies the optional per-region limits on RIs
// and on instances of one type.
func checkCountQuotas(w *world, sofar []quotaDemand, d quotaDemand, except map[string]bool) *core.APIError {
	inRegion := func(ri *core.ReservedInstance) bool { return ri.RegionID == d.regionID }
	if limit := w.opts.ReservedInstanceQuota; limit > 0 {
		n := w.Usage(inRegion, core.CountOne, except)
		for _, o := range sofar {
			if o.regionID == d.regionID {
				n++
			}
		}
		if n > limit {
			return errQuotaInstances()
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
			return errQuotaTypeInstances()
		}
	}
	return nil
}
