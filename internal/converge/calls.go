package converge

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// decorationCall is one call that converges the decoration of RIs in
// place: a rename, tags set, tag keys removed, or renewal set. The same
// list is announced by the plan and made by the apply.
type decorationCall struct {
	action            string
	ids               []string
	name, description *string
	tags              map[string]string
	untag             []string
	renewal           *cloud.Renewal
}

// decorationCalls groups the changes RIs need into calls: RIs that need
// the same tags, tag removals or renewal share calls.
func decorationCalls(rules *reservation.Rules, changes map[string]change, w Wanted) []decorationCall {
	ids := make([]string, 0, len(changes))
	for id := range changes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var renames, untags, tags, renewals []decorationCall
	index := map[string]int{}
	group := func(list *[]decorationCall, key string, id string, mk func() decorationCall) {
		k, ok := index[key]
		if !ok {
			k = len(*list)
			index[key] = k
			*list = append(*list, mk())
		}
		(*list)[k].ids = append((*list)[k].ids, id)
	}
	for _, id := range ids {
		c := changes[id]
		if !rules.RenameByModify && (c.rename || c.redescribe) {
			call := decorationCall{action: rules.Calls.Rename, ids: []string{id}}
			if c.rename {
				call.name = w.Name
			}
			if c.redescribe {
				call.description = w.Description
			}
			renames = append(renames, call)
		}
		if len(c.untag) > 0 {
			group(&untags, "untag:"+strings.Join(c.untag, "\x00"), id, func() decorationCall {
				return decorationCall{action: rules.Calls.Untag, untag: c.untag}
			})
		}
		if len(c.setTags) > 0 {
			group(&tags, "tag:"+tagsKey(c.setTags), id, func() decorationCall { return decorationCall{action: rules.Calls.Tag, tags: c.setTags} })
		}
		if c.renewal != nil {
			group(&renewals, "renew:"+renewalText(*c.renewal), id, func() decorationCall {
				return decorationCall{action: rules.Calls.AutoRenew, renewal: c.renewal}
			})
		}
	}
	return append(append(append(renames, untags...), tags...), renewals...)
}

// apiCalls is how many API calls a decoration call makes, batched as the
// cloud allows.
func (d decorationCall) apiCalls(rules *reservation.Rules) int {
	c := rules.Calls
	switch {
	case d.renewal != nil:
		return ceilDiv(len(d.ids), c.AutoRenewIDs)
	case d.tags != nil:
		return ceilDiv(len(d.ids), c.TagIDs) * ceilDiv(len(d.tags), c.TagsPerCall)
	case d.untag != nil:
		return ceilDiv(len(d.ids), c.TagIDs) * ceilDiv(len(d.untag), c.TagsPerCall)
	}
	return 1
}

// describe says what the call does, for plan warnings.
func (d decorationCall) describe(rules *reservation.Rules) string {
	who := strings.Join(d.ids, ", ")
	var what string
	switch {
	case d.renewal != nil && d.renewal.Auto:
		what = fmt.Sprintf("switch auto-renewal on (%s at a time) for %s. This commits to a charge at every expiry until it is switched off", d.renewal.Term, who)
	case d.renewal != nil:
		what = "switch auto-renewal off for " + who
	case d.tags != nil:
		what = fmt.Sprintf("set tags %s on %s", tagsText(d.tags), who)
	case d.untag != nil:
		what = fmt.Sprintf("remove tags %s from %s", strings.Join(d.untag, ", "), who)
	default:
		var parts []string
		if d.name != nil {
			parts = append(parts, fmt.Sprintf("name %q", *d.name))
		}
		if d.description != nil {
			parts = append(parts, fmt.Sprintf("description %q", *d.description))
		}
		what = fmt.Sprintf("set %s on %s", strings.Join(parts, " and "), who)
	}
	return fmt.Sprintf("%s × %d: %s", d.action, d.apiCalls(rules), what)
}

// run makes the call.
func (d decorationCall) run(ctx context.Context, s *cloud.Session, region string) error {
	switch {
	case d.renewal != nil:
		return s.SetRenewal(ctx, region, d.ids, *d.renewal)
	case d.tags != nil:
		return s.Tag(ctx, region, d.ids, d.tags)
	case d.untag != nil:
		return s.Untag(ctx, region, d.ids, d.untag)
	}
	renamer, ok := s.Renamer()
	if !ok {
		return fmt.Errorf("%s cannot rename reserved instances in place", s.Rules().Cloud)
	}
	return renamer.Rename(ctx, region, d.ids[0], d.name, d.description)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
