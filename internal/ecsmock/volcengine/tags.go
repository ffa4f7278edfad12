package volcengine

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// CreateTags and DeleteTags with ResourceType=reservedinstance change tags
// in place (the ID stays). A resource that cannot be tagged does not fail
// the call: it is reported in OperationDetails, and the others are tagged.

// volcengineMaxTagsPerResource is the documented limit of tags on one RI.
const volcengineMaxTagsPerResource = 50

// volcengineTagOutcome lists the resources a tag call could not change.
type volcengineTagOutcome struct{ failures []volcengineTagFailure }

type volcengineTagFailure struct {
	resourceID string
	err        *core.APIError
}

// check validates ResourceType and ResourceIds.N.
func (t volcengineTagTarget) check() *core.APIError {
	switch {
	case !t.resourceType.Present || t.resourceType.Value == "":
		return volcErrMissing("ResourceType")
	case t.resourceType.Value != "reservedinstance":
		return volcErrResourceType()
	case len(t.ids) == 0:
		return volcErrMissing("ResourceIds")
	case len(t.ids) > 20:
		return volcErrTooMany("ResourceIds", 20)
	}
	return nil
}

// each calls fn for every resource of the region, and records a failure for
// the others.
func (t volcengineTagTarget) each(w *world, reg core.Region, fn func(*core.ReservedInstance) *core.APIError) volcengineTagOutcome {
	var out volcengineTagOutcome
	for _, id := range t.ids {
		ri, ok := w.Find(id)
		var aerr *core.APIError
		if !ok || ri.RegionID != reg.ID {
			aerr = volcErrResourceNotFound(id)
		} else {
			aerr = fn(ri)
		}
		if aerr != nil {
			out.failures = append(out.failures, volcengineTagFailure{resourceID: id, err: aerr})
		}
	}
	return out
}

func (op *volcengineCreateTags) apply(w *world) (any, *core.APIError) {
	reg, aerr := volcengineRegion(op.target.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.target.check(); aerr != nil {
		return nil, aerr
	}
	if len(op.tags) == 0 {
		return nil, volcErrMissing("Tags")
	}
	tags, aerr := checkVolcengineTags(op.tags, 20)
	if aerr != nil {
		return nil, aerr
	}
	return op.target.each(w, reg, func(ri *core.ReservedInstance) *core.APIError {
		merged := core.MergedTags(ri.Tags, tags)
		if len(merged) > volcengineMaxTagsPerResource {
			return volcErrTooManyTags()
		}
		ri.Tags = merged
		return nil
	}), nil
}

func (op *volcengineDeleteTags) apply(w *world) (any, *core.APIError) {
	reg, aerr := volcengineRegion(op.target.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.target.check(); aerr != nil {
		return nil, aerr
	}
	switch {
	case len(op.keys) == 0:
		return nil, volcErrMissing("TagKeys")
	case len(op.keys) > 20:
		return nil, volcErrTooMany("TagKeys", 20)
	}
	return op.target.each(w, reg, func(ri *core.ReservedInstance) *core.APIError {
		for _, k := range op.keys {
			delete(ri.Tags, k)
		}
		return nil
	}), nil
}
