package core

// Usage adds up weight over the world's cloud's live RIs that match,
// leaving out the RIs in except (the sources of a modification, which its
// targets replace). Each cloud's rules decide what to count: Alibaba counts
// RIs, Volcengine counts vCPUs.
func (w *World) Usage(match func(*ReservedInstance) bool, weight func(*ReservedInstance) int, except map[string]bool) int {
	total := 0
	for _, ri := range w.st.RIs {
		if ri.Cloud == w.profile.Cloud && w.profile.Lifecycle.IsLive(ri) && !except[ri.ID] && match(ri) {
			total += weight(ri)
		}
	}
	return total
}

// CountOne is the weight that counts RIs.
func CountOne(*ReservedInstance) int { return 1 }
