package ecsmock

import (
	"sync"
	"time"
)

// clock is the emulator's calendar: the wall clock plus an offset that tests
// move forward to make RIs activate, expire and auto-renew without waiting.
type clock struct {
	mu     sync.Mutex
	wall   func() time.Time
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.offset).UTC()
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

func (c *clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

func (c *clock) SetOffset(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// termEnd returns when a term of the given months that starts (or was last
// renewed to expire) on day expires: at 24:00 UTC of the last day, written as
// the following midnight. Month arithmetic clamps to the end of the month.
func termEnd(lastDay time.Time, months int) time.Time {
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

// extendTerm pushes an expiry on by a number of months.
func extendTerm(expired time.Time, months int) time.Time {
	return termEnd(expiryDay(expired), months)
}

// monthsIn converts a duration in Year or Month units to months. An empty
// unit counts as Month, as it always has for records seeded by tests.
func monthsIn(duration int, unit string) int {
	if unit == "Year" {
		return duration * 12
	}
	return duration
}
