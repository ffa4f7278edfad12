package volcengine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

const resourceType = "reservedinstance"

// Tag sets tags on RIs with CreateTags, batched as the API allows.
func (c *Client) Tag(ctx context.Context, region string, ids []string, tags map[string]string) error {
	rc, err := c.clients(region)
	if err != nil {
		return err
	}
	limits := reservation.Volcengine.Calls
	for _, batch := range cloud.Chunks(ids, limits.TagIDs) {
		for _, keys := range cloud.Chunks(slices.Sorted(maps.Keys(tags)), limits.TagsPerCall) {
			req := &vecs.CreateTagsInput{ResourceType: volcengine.String(resourceType), ResourceIds: volcengine.StringSlice(batch)}
			for _, k := range keys {
				req.Tags = append(req.Tags, &vecs.TagForCreateTagsInput{Key: volcengine.String(k), Value: volcengine.String(tags[k])})
			}
			if err := c.call(ctx, "CreateTags", func() error {
				resp, err := rc.ecs.CreateTagsWithContext(ctx, req)
				if err != nil {
					return err
				}
				return failures("CreateTags", createFailures(resp.OperationDetails))
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Untag removes tag keys from RIs with DeleteTags.
func (c *Client) Untag(ctx context.Context, region string, ids []string, keys []string) error {
	rc, err := c.clients(region)
	if err != nil {
		return err
	}
	limits := reservation.Volcengine.Calls
	keys = append([]string{}, keys...)
	sort.Strings(keys)
	for _, batch := range cloud.Chunks(ids, limits.TagIDs) {
		for _, ks := range cloud.Chunks(keys, limits.TagsPerCall) {
			req := &vecs.DeleteTagsInput{ResourceType: volcengine.String(resourceType), ResourceIds: volcengine.StringSlice(batch), TagKeys: volcengine.StringSlice(ks)}
			if err := c.call(ctx, "DeleteTags", func() error {
				resp, err := rc.ecs.DeleteTagsWithContext(ctx, req)
				if err != nil {
					return err
				}
				return failures("DeleteTags", deleteFailures(resp.OperationDetails))
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func createFailures(details []*vecs.OperationDetailForCreateTagsOutput) []string {
	var out []string
	for _, d := range details {
		if d.Error != nil && volcengine.StringValue(d.Error.Code) != "" {
			out = append(out, fmt.Sprintf("%s: %s (%s)", volcengine.StringValue(d.ResourceId), volcengine.StringValue(d.Error.Code), volcengine.StringValue(d.Error.Message)))
		}
	}
	return out
}

func deleteFailures(details []*vecs.OperationDetailForDeleteTagsOutput) []string {
	var out []string
	for _, d := range details {
		if d.Error != nil && volcengine.StringValue(d.Error.Code) != "" {
			out = append(out, fmt.Sprintf("%s: %s (%s)", volcengine.StringValue(d.ResourceId), volcengine.StringValue(d.Error.Code), volcengine.StringValue(d.Error.Message)))
		}
	}
	return out
}

// failures turns per-resource failures into one definitive error.
func failures(action string, list []string) error {
	if len(list) == 0 {
		return nil
	}
	return &cloud.Error{Action: action, Code: "OperationFailed", StatusCode: 200, Message: "failed for " + strings.Join(list, "; ")}
}
