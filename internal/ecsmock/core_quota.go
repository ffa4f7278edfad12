package ecsmock

// usage adds up weight over one cloud's live RIs that match, leaving out the
// RIs in except (the sources of a modification, which its targets replace).
// Each cloud's rules decide what to count: Alibaba counts RIs, Volcengine
// counts vCPUs.
func (st *state) usage(cloud Cloud, match func(*ReservedInstance) bool, weight func(*ReservedInstance) int, except map[string]bool) int {
	total := 0
	for _, ri := range st.RIs {
		if ri.Cloud == cloud && ri.isLive() && !except[ri.ID] && match(ri) {
			total += weight(ri)
		}
	}
	return total
}

func countOne(*ReservedInstance) int { return 1 }
