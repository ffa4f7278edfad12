package provider

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// riDecoration is what an RI carries besides its shape and term: what the
// reservation's name, description, tags, renewal and cloud-specific labels
// (a Volcengine project) set on each of its RIs.
type riDecoration struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Tags        map[string]string `json:"tags"`
	AutoRenew   bool              `json:"auto_renew"`
	RenewMonths int               `json:"renew_months,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
}

func decorationOf(ri cloud.RI, labels []string) riDecoration {
	d := riDecoration{Name: ri.Name, Description: ri.Description, Tags: maps.Clone(ri.Tags), AutoRenew: ri.Renewal.Auto}
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
func (d riDecoration) wanted() wanted {
	return wanted{name: &d.Name, description: &d.Description, tags: d.Tags,
		renewal: &cloud.Renewal{Auto: d.AutoRenew, Term: reservation.Term{Period: d.RenewMonths, Unit: reservation.Month}}, labels: d.Labels}
}

// wanted is the decoration a configuration asks for. Nil fields are not
// managed: the configuration leaves them to whatever the RIs carry.
type wanted struct {
	name, description *string
	tags              map[string]string
	renewal           *cloud.Renewal
	labels            map[string]string
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
func (w wanted) changeFor(d riDecoration) change {
	var c change
	c.rename = w.name != nil && *w.name != d.Name
	c.redescribe = w.description != nil && *w.description != d.Description
	if w.tags != nil {
		for k, v := range w.tags {
			if old, ok := d.Tags[k]; !ok || old != v {
				if c.setTags == nil {
					c.setTags = map[string]string{}
				}
				c.setTags[k] = v
			}
		}
		for k := range d.Tags {
			if _, ok := w.tags[k]; !ok {
				c.untag = append(c.untag, k)
			}
		}
		sort.Strings(c.untag)
	}
	if w.renewal != nil && (w.renewal.Auto != d.AutoRenew || w.renewal.Auto && w.renewal.Term.Months() != d.RenewMonths) {
		r := *w.renewal
		c.renewal = &r
	}
	for k, v := range w.labels {
		c.relabel = c.relabel || d.Labels[k] != v
	}
	return c
}

// needsModify reports whether carrying w needs a modification of the RI on
// this cloud (a Volcengine rename, new description or project).
func (w wanted) needsModify(rules *reservation.Rules, d riDecoration) bool {
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
