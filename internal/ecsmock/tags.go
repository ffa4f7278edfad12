package ecsmock

import (
	"strconv"
)

const tagsPageSize = 50

// tagTargets resolves ResourceType and ResourceId.N of a tag call.
func (s *Server) tagTargets(c *call, required bool) ([]*ReservedInstance, *apiError) {
	if rt := c.params.get("ResourceType"); rt == "" {
		return nil, errMissing("ResourceType")
	} else if rt != "reservedinstance" {
		return nil, errResourceType()
	}
	ids := c.params.indexed("ResourceId")
	if required && len(ids) == 0 {
		return nil, errMissing("ResourceId.1")
	}
	if len(ids) > 50 {
		return nil, errTooMany("ResourceId", 50)
	}
	out := make([]*ReservedInstance, 0, len(ids))
	for _, id := range ids {
		ri, ok := s.st.RIs[id]
		if !ok || ri.RegionID != c.region.ID {
			return nil, newError(404, "InvalidResourceId.NotFound", "The specified ResourceIds are not found in our records. (%s)", id)
		}
		out = append(out, ri)
	}
	return out, nil
}

func (s *Server) tagResources(c *call) (map[string]any, *apiError) {
	ris, aerr := s.tagTargets(c, true)
	if aerr != nil {
		return nil, aerr
	}
	tags, aerr := parseTags(c.params)
	if aerr != nil {
		return nil, aerr
	}
	if len(tags) == 0 {
		return nil, errMissing("Tag.1.Key")
	}
	for _, ri := range ris {
		total := len(ri.Tags)
		for k := range tags {
			if _, ok := ri.Tags[k]; !ok {
				total++
			}
		}
		if total > 20 {
			return nil, errTagCount()
		}
	}
	for _, ri := range ris {
		if ri.Tags == nil {
			ri.Tags = map[string]string{}
		}
		for k, v := range tags {
			ri.Tags[k] = v
		}
	}
	return map[string]any{}, nil
}

func (s *Server) untagResources(c *call) (map[string]any, *apiError) {
	ris, aerr := s.tagTargets(c, true)
	if aerr != nil {
		return nil, aerr
	}
	keys := c.params.indexed("TagKey")
	if len(keys) > 20 {
		return nil, errTagCount()
	}
	all, ok := c.params.boolean("All")
	if !ok {
		return nil, errInvalidParameter("The specified All is not a boolean.")
	}
	for _, ri := range ris {
		if len(keys) == 0 && all {
			ri.Tags = map[string]string{}
		}
		for _, k := range keys {
			delete(ri.Tags, k)
		}
	}
	return map[string]any{}, nil
}

func (s *Server) listTagResources(c *call) (map[string]any, *apiError) {
	ris, aerr := s.tagTargets(c, false)
	if aerr != nil {
		return nil, aerr
	}
	if len(c.params.indexed("ResourceId")) == 0 {
		for _, ri := range s.st.sorted() {
			if ri.RegionID == c.region.ID {
				ris = append(ris, ri)
			}
		}
	}
	filter := c.params.records("Tag")
	var rows []map[string]any
	for _, ri := range ris {
		if !hasTags(ri, filter) {
			continue
		}
		for _, k := range sortedKeys(ri.Tags) {
			rows = append(rows, map[string]any{"ResourceId": ri.ID, "ResourceType": "reservedinstance", "TagKey": k, "TagValue": ri.Tags[k]})
		}
	}
	offset := 0
	if tok := c.params.get("NextToken"); tok != "" {
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || n > len(rows) {
			return nil, errInvalidParameter("The specified NextToken is invalid.")
		}
		offset = n
	}
	end := min(offset+tagsPageSize, len(rows))
	next := ""
	if end < len(rows) {
		next = strconv.Itoa(end)
	}
	page := rows[offset:end]
	if page == nil {
		page = []map[string]any{}
	}
	return map[string]any{"NextToken": next, "TagResources": map[string]any{"TagResource": page}}, nil
}
