package converge

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Decoration is what an RI carries besides its shape and term: what the
// reservation's name, description, tags, renewal and cloud-specific labels
// (a Volcengine project) set on each of its RIs.
type Decoration struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Tags        map[string]string `json:"tags"`
	AutoRenew   bool              `json:"auto_renew"`
	RenewMonths int               `json:"renew_months,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
}

func decorationOf(ri cloud.RI, labels []string) Decoration {
	d := Decoration{Name: ri.Name, Description: ri.Description, Tags: maps.Clone(ri.Tags), AutoRenew: ri.Renewal.Auto}
	if d.Tags == nil {
		d.Tags = map[string]string{}
	}
	if ri.Renewal.Auto {
		d.RenewMonths = ri.Renewal.Term.Months()
	}
	for _, l := range labels {
		if d.Labels == nil {
			d.Labels = map[string]string{}
		}
		d.Labels[l] = ri.Attrs[l]
	}
	return d
}

// wanted is the decoration d as a wish: every field managed.
func (d Decoration) wanted() Wanted {
	return Wanted{Name: &d.Name, Description: &d.Description, Tags: d.Tags,
		Renewal: &cloud.Renewal{Auto: d.AutoRenew, Term: reservation.Term{Period: d.RenewMonths, Unit: reservation.Month}}, Labels: d.Labels}
}

// Wanted is the decoration a configuration asks for. Nil fields are not
// managed: the configuration leaves them to whatever the RIs carry.
type Wanted struct {
	Name, Description *string
	Tags              map[string]string
	Renewal           *cloud.Renewal
	Labels            map[string]string
}

// A change to one RI's decoration, and which operation makes it.
type change struct {
	rename, redescribe bool
	setTags            map[string]string
	untag              []string
	renewal            *cloud.Renewal
	relabel            bool
}

func (c change) empty() bool {
	return !c.rename && !c.redescribe && len(c.setTags) == 0 && len(c.untag) == 0 && c.renewal == nil && !c.relabel
}

// changeFor says what must change on an RI decorated d to carry w.
func (w Wanted) changeFor(d Decoration) change {
	var c change
	c.rename = w.Name != nil && *w.Name != d.Name
	c.redescribe = w.Description != nil && *w.Description != d.Description
	if w.Tags != nil {
		for k, v := range w.Tags {
			if old, ok := d.Tags[k]; !ok || old != v {
				if c.setTags == nil {
					c.setTags = map[string]string{}
				}
				c.setTags[k] = v
			}
		}
		for k := range d.Tags {
			if _, ok := w.Tags[k]; !ok {
				c.untag = append(c.untag, k)
			}
		}
		sort.Strings(c.untag)
	}
	if w.Renewal != nil && (w.Renewal.Auto != d.AutoRenew || w.Renewal.Auto && w.Renewal.Term.Months() != d.RenewMonths) {
		r := *w.Renewal
		c.renewal = &r
	}
	for k, v := range w.Labels {
		c.relabel = c.relabel || d.Labels[k] != v
	}
	return c
}

// needsModify reports whether carrying w needs a modification of the RI on
// this cloud (a Volcengine rename, new description or project).
func (w Wanted) needsModify(rules *reservation.Rules, d Decoration) bool {
	c := w.changeFor(d)
	return rules.RenameByModify && (c.rename || c.redescribe || c.relabel)
}

func renewalText(r cloud.Renewal) string {
	if !r.Auto {
		return "off"
	}
	return "on, " + r.Term.String() + " at a time"
}

// consensus picks the value a reservation records for an attribute its RIs
// each carry: their common value when they agree; when they do not, the
// first value that differs from what was recorded before, so that drift on
// any one RI shows in the plan.
func consensus(prior string, priorKnown bool, values []string) string {
	if len(values) == 0 {
		return prior
	}
	if priorKnown {
		for _, v := range values {
			if v != prior {
				return v
			}
		}
	}
	return values[0]
}

// tagsKey writes tags canonically, so maps can be compared as strings.
func tagsKey(tags map[string]string) string {
	keys := slices.Sorted(maps.Keys(tags))
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%q=%q;", k, tags[k])
	}
	return b.String()
}

func tagsText(tags map[string]string) string {
	keys := slices.Sorted(maps.Keys(tags))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, tags[k])
	}
	return strings.Join(parts, ", ")
}
