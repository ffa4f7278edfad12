package ecsmock

import "time"

// The lifecycle every RI follows on both clouds: a purchase or the target of
// a modification is creating until the activation delay has passed, then
// active; the source of a modification is updating, then inactive; an active
// RI whose term ends is renewed automatically when that is switched on, and
// expires otherwise.

func (ri *ReservedInstance) states() lifecycle { return lifecycleOf(ri.Cloud) }

func (ri *ReservedInstance) isActive() bool { return ri.Status == ri.states().active }

// isLive reports whether the RI uses quota: those that are or will be active.
func (ri *ReservedInstance) isLive() bool {
	lc := ri.states()
	return ri.Status == lc.creating || ri.Status == lc.active || ri.Status == lc.updating
}

// startCreating puts a new RI in the creating state until pendingUntil.
func (ri *ReservedInstance) startCreating(pendingUntil time.Time) {
	ri.Status, ri.PendingUntil = ri.states().creating, pendingUntil
}

// startUpdating marks the source of a modification until pendingUntil.
func (ri *ReservedInstance) startUpdating(pendingUntil time.Time) {
	ri.Status, ri.PendingUntil = ri.states().updating, pendingUntil
}

// settle moves every RI along its lifecycle up to now and reports whether
// anything changed.
func (st *state) settle(now time.Time) bool {
	changed := false
	for _, ri := range st.RIs {
		if ri.finishPending(now) {
			changed = true
		}
		if ri.reachEndOfTerm(now) {
			changed = true
		}
	}
	return changed
}

// finishPending completes a creation or an update whose delay has passed.
func (ri *ReservedInstance) finishPending(now time.Time) bool {
	lc := ri.states()
	var next string
	switch ri.Status {
	case lc.creating:
		next = lc.active
	case lc.updating:
		next = lc.inactive
	default:
		return false
	}
	if now.Before(ri.PendingUntil) {
		return false
	}
	ri.Status, ri.PendingUntil = next, time.Time{}
	return true
}

// reachEndOfTerm renews or expires an active RI whose term is over.
func (ri *ReservedInstance) reachEndOfTerm(now time.Time) bool {
	lc := ri.states()
	if ri.Status != lc.active || now.Before(ri.ExpiredTime) {
		return false
	}
	if months := monthsIn(ri.AutoRenewDuration, ri.AutoRenewUnit); ri.AutoRenew && months > 0 {
		for !now.Before(ri.ExpiredTime) {
			ri.ExpiredTime = extendTerm(ri.ExpiredTime, months)
		}
		return true
	}
	ri.Status = lc.expired
	ri.OperationLocks = append([]string(nil), lc.expiredLocks...)
	return true
}
