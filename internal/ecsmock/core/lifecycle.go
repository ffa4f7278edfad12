package core

import "time"

// The lifecycle every RI follows on every cloud: a purchase or the target
// of a modification is creating until the activation delay has passed, then
// active; the source of a modification is updating, then inactive; an active
// RI whose term ends is renewed automatically when that is switched on, and
// expires otherwise.

// IsActive reports whether the RI is active.
func (lc Lifecycle) IsActive(ri *ReservedInstance) bool { return ri.Status == lc.Active }

// IsLive reports whether the RI uses quota: those that are or will be active.
func (lc Lifecycle) IsLive(ri *ReservedInstance) bool {
	return ri.Status == lc.Creating || ri.Status == lc.Active || ri.Status == lc.Updating
}

// IsActive reports whether an RI of the world's cloud is active.
func (w *World) IsActive(ri *ReservedInstance) bool { return w.profile.Lifecycle.IsActive(ri) }

// StartCreating puts a new RI in the creating state until the work started
// now completes.
func (w *World) StartCreating(ri *ReservedInstance) {
	ri.Status, ri.PendingUntil = w.profile.Lifecycle.Creating, w.PendingUntil()
}

// StartUpdating marks the source of a modification until the work started
// now completes. Its effect ends at endsAt, when its targets take effect.
func (w *World) StartUpdating(ri *ReservedInstance, endsAt time.Time) {
	ri.Status, ri.PendingUntil = w.profile.Lifecycle.Updating, w.PendingUntil()
	ri.InactiveAt = endsAt
}

// Span is when an RI was in effect, read from its record: from its start
// to its expiry (which renewals move), or to when a modification ended it.
// ok is false for an RI that was never in effect: one modified before it
// started, or an updating or inactive record that does not say when its
// effect ended (the state of a test's Update, or of a state file written
// before that was recorded).
func (lc Lifecycle) Span(ri *ReservedInstance) (start, end time.Time, ok bool) {
	start, end = ri.StartTime, ri.ExpiredTime
	switch {
	case !ri.InactiveAt.IsZero():
		end = minTime(end, ri.InactiveAt)
	case ri.Status == lc.Updating || ri.Status == lc.Inactive:
		return start, end, false
	}
	return start, end, !start.IsZero() && start.Before(end)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Settle moves every RI along its cloud's lifecycle up to now and reports
// whether anything changed. RIs of a cloud with no lifecycle stay as they
// are.
func (st *Store) Settle(now time.Time, lifecycles map[Cloud]Lifecycle) bool {
	changed := false
	for _, ri := range st.RIs {
		lc, ok := lifecycles[ri.Cloud]
		if !ok {
			continue
		}
		if finishPending(ri, lc, now) {
			changed = true
		}
		if reachEndOfTerm(ri, lc, now) {
			changed = true
		}
	}
	return changed
}

// finishPending completes a creation or an update whose delay has passed.
func finishPending(ri *ReservedInstance, lc Lifecycle, now time.Time) bool {
	var next string
	switch ri.Status {
	case lc.Creating:
		next = lc.Active
	case lc.Updating:
		next = lc.Inactive
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
func reachEndOfTerm(ri *ReservedInstance, lc Lifecycle, now time.Time) bool {
	if ri.Status != lc.Active || now.Before(ri.ExpiredTime) {
		return false
	}
	if months := MonthsIn(ri.AutoRenewDuration, ri.AutoRenewUnit); ri.AutoRenew && months > 0 {
		for !now.Before(ri.ExpiredTime) {
			ri.ExpiredTime = ExtendTerm(ri.ExpiredTime, months)
		}
		return true
	}
	ri.Status = lc.Expired
	ri.OperationLocks = append([]string(nil), lc.ExpiredLocks...)
	return true
}
