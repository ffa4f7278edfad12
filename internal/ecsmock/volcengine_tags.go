package ecsmock

// CreateTags and DeleteTags with ResourceType=reservedinstance change tags
// in place (the ID stays). A resource that cannot be tagged does not fail
// the call: it is reported in OperationDetails, and the others are tagged.

// volcengineMaxTagsPerResource is the documented limit of tags on one RI.
const volcengineMaxTagsPerResource = 50

// volcengineTagOutcome lists the resources a tag call could not change.
type volcengineTagOutcome struct{ failures []volcengineTagFailure }

type volcengineTagFailure struct {
	resourceID string
	err        *apiError
}

// check validates ResourceType and ResourceIds.N.
func (t volcengineTagTarget) check() *apiError {
	switch {
	case !t.resourceType.present || t.resourceType.value == "":
		return volcErrMissing("ResourceType")
	case t.resourceType.value != "reservedinstance":
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
func (t volcengineTagTarget) each(w *world, reg region, fn func(*ReservedInstance) *apiError) volcengineTagOutcome {
	var out volcengineTagOutcome
	for _, id := range t.ids {
		ri, ok := w.st.find(CloudVolcengine, id)
		var aerr *apiError
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

func (op *volcengineCreateTags) apply(w *world) (any, *apiError) {
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
	return op.target.each(w, reg, func(ri *ReservedInstance) *apiError {
		merged := mergedTags(ri.Tags, tags)
		if len(merged) > volcengineMaxTagsPerResource {
			return volcErrTooManyTags()
		}
		ri.Tags = merged
		return nil
	}), nil
}

func (op *volcengineDeleteTags) apply(w *world) (any, *apiError) {
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
	return op.target.each(w, reg, func(ri *ReservedInstance) *apiError {
		for _, k := range op.keys {
			delete(ri.Tags, k)
		}
		return nil
	}), nil
}
