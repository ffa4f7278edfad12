package usage

// matcher works out single hours. Its scratch space is reused from hour to
// hour.
type matcher struct {
	l     *Ledger
	order []*reservation
	// remaining is each declaration's usage not yet paid for this hour;
	// pos its place in the hour's segment.
	remaining []Quantity
	pos       []int32
}

func newMatcher(l *Ledger, order []*reservation) *matcher {
	return &matcher{
		l:         l,
		order:     order,
		remaining: make([]Quantity, len(l.decls)),
		pos:       make([]int32, len(l.decls)),
	}
}

// hour works out the clock hour starting at h: each RI in effect, in
// order, pays for the usage left in its class, declaration after
// declaration, until its capacity for the hour runs out.
func (m *matcher) hour(h int64) segment {
	l := m.l
	end := h + hour
	seg := segment{start: h}
	for i, d := range l.decls {
		m.remaining[i] = 0
		s := overlap(d.start, d.end, h, end)
		if s == 0 {
			continue
		}
		u := Quantity(d.factor * int64(d.in.Count) * s)
		m.remaining[i] = u
		m.pos[i] = int32(len(seg.decls))
		seg.decls = append(seg.decls, declHour{decl: int32(i), usage: u, seconds: s})
	}
	for _, c := range l.classes {
		c.cursor = 0
	}
	for _, ri := range m.order {
		s := overlap(ri.start, ri.end, h, end)
		if s == 0 {
			continue
		}
		capacity := Quantity(ri.factor * int64(ri.in.Amount) * s)
		rh := riHour{ri: ri.idx, capacity: capacity}
		left := capacity
		c := ri.class
		for left > 0 && c.cursor < len(c.eligible) {
			j := c.eligible[c.cursor]
			if m.remaining[j] == 0 {
				c.cursor++
				continue
			}
			take := min(left, m.remaining[j])
			dh := &seg.decls[m.pos[j]]
			seg.allocs = append(seg.allocs, alloc{ri: ri.idx, decl: j, offset: dh.covered, qty: take})
			dh.covered += take
			m.remaining[j] -= take
			left -= take
			rh.postpaid += float64(take) * l.decls[j].paygPerQuantity()
			if m.remaining[j] == 0 {
				c.cursor++
			}
		}
		rh.used = capacity - left
		seg.ris = append(seg.ris, rh)
	}
	return seg
}

// paygPerQuantity is the pay-as-you-go value of one Quantity of the
// declaration's usage.
func (d *declaration) paygPerQuantity() float64 {
	return d.price.PayAsYouGo / float64(d.factor*hour)
}

// reservedPerQuantity and paygPerQuantity are the RI's own price, and the
// pay-as-you-go price of its type, per Quantity of its capacity.
func (r *reservation) reservedPerQuantity() float64 {
	return r.price.Reserved / float64(r.factor*hour)
}

func (r *reservation) paygPerQuantity() float64 {
	return r.price.PayAsYouGo / float64(r.factor*hour)
}
