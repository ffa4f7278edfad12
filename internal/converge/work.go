package converge

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// existing is one RI the reservation holds, as far as is known: from state
// and the record at plan time, from a fresh read at apply time.
type existing struct {
	id     string
	shape  reservation.Shape
	status cloud.Status
	expiry time.Time
	// expiryText is the API's spelling, compared when merging.
	expiryText string
	deco       Decoration
	// termOf names the RI whose term this one continues, when it is not
	// its own (a modification's target planned but not made yet).
	termOf string
}

// termID is the RI whose recorded term start counts for h.
func (h existing) termID() string {
	if h.termOf != "" {
		return h.termOf
	}
	return h.id
}

// work is what an apply does to turn what exists into what is configured,
// worked out the same way at plan time (to announce it) and at apply time
// (to do it).
type work struct {
	reshape *reservation.Reshape
	// reshaped[k] is the configuration element the planner's element k is.
	reshaped []int
	// buy are elements bought anew; resolve are elements that repeat a
	// purchase whose answer was lost.
	buy     []int
	resolve map[int]Pending
}

// planWork pairs configured elements with what exists: elements whose
// purchase is unconfirmed get that purchase repeated; elements left
// unbought are bought; the rest are reshaped from the RIs that exist, by
// content, not position.
func (s *Spec) planWork(have []existing, recorded int, want []Element, pending []Pending, w Wanted) (*work, error) {
	wk := &work{resolve: map[int]Pending{}}
	taken := make([]bool, len(want))
	for _, p := range pending {
		i := indexOfShape(want, taken, p.Shape)
		if i < 0 {
			return nil, &reservation.RuleError{Msg: fmt.Sprintf(
				"an earlier apply's purchase of %s (ClientToken %s) got no answer, so it may have bought a reserved instance. "+
					"Until an apply confirms it by repeating the call with the same ClientToken, configurations must keep an element of exactly that shape; change it afterwards",
				p.Shape, p.Token)}
		}
		taken[i], wk.resolve[i] = true, p
	}
	holdings := s.holdings(have, w)
	rs, reshaped, err := s.reshapeWanted(holdings, want, taken, -1)
	if err != nil && len(want) > recorded {
		// An appended element may be part of a split or a new purchase:
		// read as a reshape first, and when that is impossible, the
		// appended elements are purchases.
		if alt, altReshaped, altErr := s.reshapeWanted(holdings, want, taken, recorded); altErr == nil {
			rs, reshaped, err = alt, altReshaped, nil
		}
	}
	if err != nil {
		return nil, err
	}
	wk.reshape = rs
	for i := range want {
		if !taken[i] && !slices.Contains(reshaped, i) {
			wk.buy = append(wk.buy, i)
		}
	}
	for k, i := range reshaped {
		if rs.Result[k] == "" {
			wk.buy = append(wk.buy, i)
		}
	}
	wk.reshaped = reshaped
	return wk, nil
}

// reshapeWanted plans the reshape of every element not taken (and, when
// appendedFrom ≥ 0, not appended at or after that index).
func (s *Spec) reshapeWanted(holdings []reservation.Holding, want []Element, taken []bool, appendedFrom int) (*reservation.Reshape, []int, error) {
	var shapes []reservation.Shape
	var reshaped []int
	for i, e := range want {
		if taken[i] || appendedFrom >= 0 && i >= appendedFrom {
			continue
		}
		reshaped = append(reshaped, i)
		shapes = append(shapes, e.Shape)
	}
	rs, err := s.Rules.PlanReshape(holdings, shapes)
	return rs, reshaped, err
}

// holdings are the planner's view of what exists: lapsed RIs cannot be
// modified, and RIs whose name, description or project only a modification
// can change must be modified (Volcengine).
func (s *Spec) holdings(have []existing, w Wanted) []reservation.Holding {
	out := make([]reservation.Holding, len(have))
	for i, h := range have {
		out[i] = reservation.Holding{
			ID: h.id, Shape: h.shape, Expiry: h.expiryText, Lapsed: !h.status.Live(),
			MustChange: h.status.Live() && w.needsModify(s.Rules, h.deco),
		}
	}
	return out
}

func indexOfShape(want []Element, taken []bool, shape reservation.Shape) int {
	for i, e := range want {
		if !taken[i] && e.Shape == shape {
			return i
		}
	}
	return -1
}

// renewalGroup is RIs that owe the same months and renew together.
type renewalGroup struct {
	months int
	ids    []string
}

// renewalsOwed groups the live RIs by the months of renewal each owes to
// reach the term, measured from its real expiry.
func renewalsOwed(have []existing, rec *Record, months int) []renewalGroup {
	var groups []renewalGroup
	index := map[int]int{}
	for _, h := range have {
		if !h.status.Live() {
			continue
		}
		n := rec.owed(h.termID(), h.expiry, months)
		if n == 0 {
			continue
		}
		k, ok := index[n]
		if !ok {
			k = len(groups)
			index[n] = k
			groups = append(groups, renewalGroup{months: n})
		}
		groups[k].ids = append(groups[k].ids, h.id)
	}
	return groups
}

// renewalCalls counts the calls that renew groups: one per term of the
// decomposition per batch the cloud allows.
func renewalCalls(rules *reservation.Rules, groups []renewalGroup) int {
	n := 0
	for _, g := range groups {
		n += len(rules.Renewals(g.months)) * ceilDiv(len(g.ids), rules.Calls.RenewIDs)
	}
	return n
}

// changesFor is what each live RI needs to carry w.
func changesFor(ris []existing, w Wanted) map[string]change {
	out := map[string]change{}
	for _, ri := range ris {
		if !ri.status.Live() {
			continue
		}
		if c := w.changeFor(ri.deco); !c.empty() {
			out[ri.id] = c
		}
	}
	return out
}
