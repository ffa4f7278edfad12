package cloud

import "context"

// describeWithRenewal reads RIs and their renewal, which the clouds report
// through two different calls, concurrently, and joins them.
func describeWithRenewal(ctx context.Context, ids []string,
	ris func(context.Context, []string) (map[string]RI, error),
	renewals func(context.Context, []string) (map[string]Renewal, error)) (map[string]RI, error) {
	type result struct {
		byID map[string]Renewal
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		byID, err := renewals(ctx, ids)
		ch <- result{byID, err}
	}()
	found, err := ris(ctx, ids)
	r := <-ch
	if err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	return withRenewal(found, r.byID), nil
}

// withRenewal gives each RI its renewal.
func withRenewal(ris map[string]RI, renewals map[string]Renewal) map[string]RI {
	for id, ri := range ris {
		ri.Renewal = renewals[id]
		ris[id] = ri
	}
	return ris
}

// ByID indexes RIs by ID.
func ByID(list []RI) map[string]RI {
	out := make(map[string]RI, len(list))
	for _, ri := range list {
		out[ri.ID] = ri
	}
	return out
}

// IDs lists the IDs of RIs, in order.
func IDs(list []RI) []string {
	out := make([]string, len(list))
	for i, ri := range list {
		out[i] = ri.ID
	}
	return out
}
