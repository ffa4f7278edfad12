package alicloud

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Statuses, as the API spells them.
const (
	StatusActive   = "Active"
	StatusCreating = "Creating"
	StatusUpdating = "Updating"
)

// IsPending reports whether an RI is still on its way somewhere.
func IsPending(status string) bool { return status == StatusCreating || status == StatusUpdating }

// WaitActive polls until every RI is Active. An RI that ends in another
// settled status (Inactive, Expired, Retired) fails the wait at once; one the
// service does not list yet is treated as pending. It returns the last
// observation even on failure, so callers can record what exists.
func (c *Client) WaitActive(ctx context.Context, region string, ids []string) (map[string]ReservedInstance, error) {
	interval := c.cfg.PollInterval
	for {
		seen, err := c.Describe(ctx, region, ids)
		if err != nil {
			return seen, err
		}
		var pending, failed []string
		for _, id := range ids {
			ri, ok := seen[id]
			switch {
			case !ok || IsPending(ri.Status):
				pending = append(pending, id)
			case ri.Status != StatusActive:
				failed = append(failed, id+" is "+ri.Status)
			}
		}
		if len(failed) > 0 {
			return seen, fmt.Errorf("reserved instances did not become Active: %s", strings.Join(failed, ", "))
		}
		if len(pending) == 0 {
			return seen, nil
		}
		select {
		case <-ctx.Done():
			return seen, fmt.Errorf("still waiting for %s to become Active: %w", strings.Join(pending, ", "), ctx.Err())
		case <-time.After(interval):
		}
		interval = min(interval*3/2, 30*time.Second)
	}
}
