package core

import (
	"sync"
	"time"
)

// Clock is the emulator's calendar: the wall clock plus an offset that tests
// move forward to make RIs activate, expire and auto-renew without waiting.
type Clock struct {
	mu     sync.Mutex
	wall   func() time.Time
	offset time.Duration
}

// NewClock starts a calendar on the wall clock, with no offset.
func NewClock(wall func() time.Time) *Clock { return &Clock{wall: wall} }

// Now is the emulated time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.offset).UTC()
}

// Advance moves the emulated time forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// Offset is how far the emulated time is ahead of the wall clock.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// SetOffset puts the emulated time that far ahead of the wall clock.
func (c *Clock) SetOffset(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// TermEnd returns when a term of the given months that starts (or was last
// renewed to expire) on day expires: at 24:00 UTC of the last day, written as
// the following midnight. Month arithmetic clamps to the end of the month.
func TermEnd(lastDay time.Time, months int) time.Time {
	y, m, d := lastDay.Date()
	target := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	lastOfMonth := target.AddDate(0, 1, -1).Day()
	if d > lastOfMonth {
		d = lastOfMonth
	}
	return time.Date(target.Year(), target.Month(), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
}

// expiryDay is the calendar day whose 24:00 an expiry time stands for.
func expiryDay(expired time.Time) time.Time {
	return expired.Add(-time.Nanosecond)
}

// ExtendTerm pushes an expiry on by a number of months.
func ExtendTerm(expired time.Time, months int) time.Time {
	return TermEnd(expiryDay(expired), months)
}

// MonthsIn converts a duration in Year or Month units to months. An empty
// unit counts as Month, as it always has for records seeded by tests.
func MonthsIn(duration int, unit string) int {
	if unit == "Year" {
		return duration * 12
	}
	return duration
}
