package cloud

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// WaitActive polls describe until every RI is active. An RI that settles in
// another status (inactive, expired) fails the wait at once; one the service
// does not list yet is pending. The interval grows by half each poll up to
// 30 s. It returns the last observation even on failure.
func WaitActive(ctx context.Context, ids []string, interval time.Duration, describe func(context.Context, []string) (map[string]RI, error)) (map[string]RI, error) {
	for {
		seen, err := describe(ctx, ids)
		if err != nil {
			return seen, err
		}
		var pending, failed []string
		for _, id := range ids {
			ri, ok := seen[id]
			switch {
			case !ok || ri.Status.Pending():
				pending = append(pending, id)
			case ri.Status != StatusActive:
				failed = append(failed, id+" is "+ri.RawStatus)
			}
		}
		if len(failed) > 0 {
			return seen, fmt.Errorf("reserved instances did not become active: %s", strings.Join(failed, ", "))
		}
		if len(pending) == 0 {
			return seen, nil
		}
		select {
		case <-ctx.Done():
			return seen, fmt.Errorf("still waiting for %s to become active: %w", strings.Join(pending, ", "), ctx.Err())
		case <-time.After(interval):
		}
		interval = min(interval*3/2, 30*time.Second)
	}
}
