package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// CreateTags and DeleteTags with ResourceType=reservedinstance change tags
// in place (the ID stays). A resource that cannot be tagged does not fail
// the call: it is reported in OperationDetails, and the others are tagged.

// maxTagsPerResource is the documented limit of tags on one RI.
const maxTagsPerResource = 50

// tagOutcome lists the resources a tag call could not change.
type tagOutcome struct{ failures []tagFailure }

type tagFailure struct {
	resourceID string
	err        *core.APIError
}

// check validates ResourceType and ResourceIds.N.
func (t tagTarget) check() *core.APIError {
	switch {
	case !t.resourceType.Present || t.resourceType.Value == "":
		return errMissing("ResourceType")
	case t.resourceType.Value != "reservedinstance":
		return errResourceType()
	case len(t.ids) == 0:
		return errMissing("ResourceIds")
	case len(t.ids) > 20:
		return errTooMany("ResourceIds", 20)
	}
	return nil
}

// each calls fn for every resource of the region, and records a failure for
// the others.
func (t tagTarget) each(w *world, reg core.Region, fn func(*core.ReservedInstance) *core.APIError) tagOutcome {
	var out tagOutcome
	for _, id := range t.ids {
		ri, ok := w.Find(id)
		var aerr *core.APIError
		if !ok || ri.RegionID != reg.ID {
			aerr = errResourceNotFound(id)
		} else {
			aerr = fn(ri)
		}
		if aerr != nil {
			out.failures = append(out.failures, tagFailure{resourceID: id, err: aerr})
		}
	}
	return out
}

func (op *createTags) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.target.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.target.check(); aerr != nil {
		return nil, aerr
	}
	if len(op.tags) == 0 {
		return nil, errMissing("Tags")
	}
	tags, aerr := checkTags(op.tags, 20)
	if aerr != nil {
		return nil, aerr
	}
	return op.target.each(w, reg, func(ri *core.ReservedInstance) *core.APIError {
		merged := core.MergedTags(ri.Tags, tags)
		if len(merged) > maxTagsPerResource {
			return errTooManyTags()
		}
		ri.Tags = merged
		return nil
	}), nil
}

func (op *deleteTags) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.target.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.target.check(); aerr != nil {
		return nil, aerr
	}
	switch {
	case len(op.keys) == 0:
		return nil, errMissing("TagKeys")
	case len(op.keys) > 20:
		return nil, errTooMany("TagKeys", 20)
	}
	return op.target.each(w, reg, func(ri *core.ReservedInstance) *core.APIError {
		for _, k := range op.keys {
			delete(ri.Tags, k)
		}
		return nil
	}), nil
}
