package alibaba

import (
	"strconv"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

const tagsPageSize = 50

// resolve checks ResourceType and ResourceId.N of a tag call.
func (t tagTarget) resolve(w *world, required bool) ([]*core.ReservedInstance, *core.APIError) {
	reg, aerr := resolveRegion(t.regionID)
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case t.resourceType == "":
		return nil, errMissing("ResourceType")
	case t.resourceType != "reservedinstance":
		return nil, errResourceType()
	case required && len(t.ids) == 0:
		return nil, errMissing("ResourceId.1")
	case len(t.ids) > 50:
		return nil, errTooMany("ResourceId", 50)
	}
	out := make([]*core.ReservedInstance, 0, len(t.ids))
	for _, id := range t.ids {
		ri, ok := w.Find(id)
		if !ok || ri.RegionID != reg.ID {
			return nil, core.NewError(404, "InvalidResourceId.NotFound", "The specified ResourceIds are not found in our records. (%s)", id)
		}
		out = append(out, ri)
	}
	return out, nil
}

func (op *tagResources) apply(w *world) (any, *core.APIError) {
	ris, aerr := op.target.resolve(w, true)
	if aerr != nil {
		return nil, aerr
	}
	tags, aerr := checkTags(op.tags)
	if aerr != nil {
		return nil, aerr
	}
	if len(tags) == 0 {
		return nil, errMissing("Tag.1.Key")
	}
	for _, ri := range ris {
		if len(core.MergedTags(ri.Tags, tags)) > 20 {
			return nil, errTagCount()
		}
	}
	for _, ri := range ris {
		ri.Tags = core.MergedTags(ri.Tags, tags)
	}
	return nil, nil
}

func (op *untagResources) apply(w *world) (any, *core.APIError) {
	ris, aerr := op.target.resolve(w, true)
	if aerr != nil {
		return nil, aerr
	}
	if len(op.keys) > 20 {
		return nil, errTagCount()
	}
	if op.all.Malformed {
		return nil, errInvalidParameter("The specified All is not a boolean.")
	}
	for _, ri := range ris {
		// All only takes effect when no key is named.
		if len(op.keys) == 0 && op.all.Value {
			ri.Tags = map[string]string{}
		}
		for _, k := range op.keys {
			delete(ri.Tags, k)
		}
	}
	return nil, nil
}

// tagRow is one row of ListTagResources.
type tagRow struct{ id, key, value string }

// tagPage is one page of ListTagResources.
type tagPage struct {
	rows []tagRow
	next string
}

func (op *listTagResources) apply(w *world) (any, *core.APIError) {
	ris, aerr := op.target.resolve(w, false)
	if aerr != nil {
		return nil, aerr
	}
	if len(op.target.ids) == 0 {
		for _, ri := range w.Sorted() {
			if ri.RegionID == op.target.regionID {
				ris = append(ris, ri)
			}
		}
	}
	var rows []tagRow
	for _, ri := range ris {
		if hasTags(ri, op.tagFilter) {
			for _, k := range core.SortedKeys(ri.Tags) {
				rows = append(rows, tagRow{id: ri.ID, key: k, value: ri.Tags[k]})
			}
		}
	}
	offset := 0
	if op.nextToken != "" {
		n, err := strconv.Atoi(op.nextToken)
		if err != nil || n < 0 || n > len(rows) {
			return nil, errInvalidParameter("The specified NextToken is invalid.")
		}
		offset = n
	}
	end := min(offset+tagsPageSize, len(rows))
	page := tagPage{rows: rows[offset:end]}
	if end < len(rows) {
		page.next = strconv.Itoa(end)
	}
	return page, nil
}
