package alibaba

import (
	"strconv"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

const alibabaTagsPageSize = 50

// resolve checks ResourceType and ResourceId.N of a tag call.
func (t alibabaTagTarget) resolve(w *world, required bool) ([]*core.ReservedInstance, *core.APIError) {
	reg, aerr := alibabaRegion(t.regionID)
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case t.resourceType == "":
		return nil, aliErrMissing("ResourceType")
	case t.resourceType != "reservedinstance":
		return nil, aliErrResourceType()
	case required && len(t.ids) == 0:
		return nil, aliErrMissing("ResourceId.1")
	case len(t.ids) > 50:
		return nil, aliErrTooMany("ResourceId", 50)
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

func (op *alibabaTagResources) apply(w *world) (any, *core.APIError) {
	ris, aerr := op.target.resolve(w, true)
	if aerr != nil {
		return nil, aerr
	}
	tags, aerr := checkAlibabaTags(op.tags)
	if aerr != nil {
		return nil, aerr
	}
	if len(tags) == 0 {
		return nil, aliErrMissing("Tag.1.Key")
	}
	for _, ri := range ris {
		if len(core.MergedTags(ri.Tags, tags)) > 20 {
			return nil, aliErrTagCount()
		}
	}
	for _, ri := range ris {
		ri.Tags = core.MergedTags(ri.Tags, tags)
	}
	return nil, nil
}

func (op *alibabaUntagResources) apply(w *world) (any, *core.APIError) {
	ris, aerr := op.target.resolve(w, true)
	if aerr != nil {
		return nil, aerr
	}
	if len(op.keys) > 20 {
		return nil, aliErrTagCount()
	}
	if op.all.Malformed {
		return nil, aliErrInvalidParameter("The specified All is not a boolean.")
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

// alibabaTagRow is one row of ListTagResources.
type alibabaTagRow struct{ id, key, value string }

// alibabaTagPage is one page of ListTagResources.
type alibabaTagPage struct {
	rows []alibabaTagRow
	next string
}

func (op *alibabaListTagResources) apply(w *world) (any, *core.APIError) {
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
	var rows []alibabaTagRow
	for _, ri := range ris {
		if hasAlibabaTags(ri, op.tagFilter) {
			for _, k := range core.SortedKeys(ri.Tags) {
				rows = append(rows, alibabaTagRow{id: ri.ID, key: k, value: ri.Tags[k]})
			}
		}
	}
	offset := 0
	if op.nextToken != "" {
		n, err := strconv.Atoi(op.nextToken)
		if err != nil || n < 0 || n > len(rows) {
			return nil, aliErrInvalidParameter("The specified NextToken is invalid.")
		}
		offset = n
	}
	end := min(offset+alibabaTagsPageSize, len(rows))
	page := alibabaTagPage{rows: rows[offset:end]}
	if end < len(rows) {
		page.next = strconv.Itoa(end)
	}
	return page, nil
}
