package ecsmock_test

import (
	"fmt"
	"testing"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func createTags(ids []string, tags map[string]string) *vecs.CreateTagsInput {
	in := &vecs.CreateTagsInput{ResourceType: volcengine.String("reservedinstance"), ResourceIds: volcengine.StringSlice(ids), ClientToken: newToken()}
	for k, v := range tags {
		in.Tags = append(in.Tags, &vecs.TagForCreateTagsInput{Key: volcengine.String(k), Value: volcengine.String(v)})
	}
	return in
}

func TestVolcengineTagsInPlace(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	id := e.buy(t, nil)
	other := e.buy(t, nil)
	out, err := e.ecs.CreateTags(createTags([]string{id, other}, map[string]string{"env": "prod", "team": "infra"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(out.OperationDetails) != 0 {
		t.Fatalf("no resource failed: %+v", out.OperationDetails)
	}
	if _, err := e.ecs.DeleteTags(&vecs.DeleteTagsInput{ResourceType: volcengine.String("reservedinstance"),
		ResourceIds: volcengine.StringSlice([]string{id}), TagKeys: volcengine.StringSlice([]string{"team", "absent"}), ClientToken: newToken()}); err != nil {
		t.Fatal(err)
	}
	got := e.describe(t, id, other)
	if len(got) != 2 || len(got[id].Tags) != 1 || volcengine.StringValue(got[id].Tags[0].Key) != "env" || len(got[other].Tags) != 2 {
		t.Fatalf("tags after delete: %+v / %+v", got[id].Tags, got[other].Tags)
	}

	// Per-resource failures: an unknown ID, and an RI that would pass 50
	// tags (it has 2, and gets 48 more, 20 a call at most).
	for start := 0; start < 48; start += 20 {
		batch := map[string]string{}
		for i := start; i < min(start+20, 48); i++ {
			batch[fmt.Sprintf("k%02d", i)] = "v"
		}
		if out, err := e.ecs.CreateTags(createTags([]string{other}, batch)); err != nil || len(out.OperationDetails) != 0 {
			t.Fatalf("filling up to 50 tags: %v %+v", err, out)
		}
	}
	out, err = e.ecs.CreateTags(createTags([]string{id, "ecsri-nope", other}, map[string]string{"x": "1", "y": "2"}))
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]string{}
	for _, d := range out.OperationDetails {
		failed[volcengine.StringValue(d.ResourceId)] = volcengine.StringValue(d.Error.Code)
	}
	if len(failed) != 2 || failed["ecsri-nope"] != "InvalidResourceId.NotFound" || failed[other] != "LimitExceeded.MaximumTags" {
		t.Fatalf("OperationDetails: %v", failed)
	}
	if ri, _ := e.mock.ReservedInstance(id); ri.Tags["x"] != "1" || ri.Tags["y"] != "2" {
		t.Fatalf("the resource that could be tagged was not: %v", ri.Tags)
	}
	if ri, _ := e.mock.ReservedInstance(other); len(ri.Tags) != 50 {
		t.Fatalf("the refused resource must be untouched: %d tags", len(ri.Tags))
	}
	if ri, _ := e.mock.ReservedInstance(id); ri.ID != id {
		t.Fatal("tags must not change the ID")
	}

	many := map[string]string{}
	for i := range 21 {
		many[fmt.Sprintf("m%d", i)] = "v"
	}
	rejections := []struct {
		in     *vecs.CreateTagsInput
		code   string
		status int
	}{
		{createTags([]string{id}, many), "LimitExceeded.MaximumTags", 400},
		{createTags([]string{id}, map[string]string{"volc:k": "v"}), "InvalidTagKey.Malformed", 400},
		{createTags([]string{id}, map[string]string{"k": "a#"}), "InvalidTagValue.Malformed", 400},
		{createTags([]string{id}, nil), "MissingParameter.Tags", 400},
		{createTags(nil, map[string]string{"k": "v"}), "MissingParameter.ResourceIds", 400},
		{&vecs.CreateTagsInput{ResourceType: volcengine.String("instance"), ResourceIds: volcengine.StringSlice([]string{id}),
			Tags: []*vecs.TagForCreateTagsInput{{Key: volcengine.String("k")}}}, "InvalidResourceType.Unsupported", 400},
		{&vecs.CreateTagsInput{ResourceType: volcengine.String(""), ResourceIds: volcengine.StringSlice([]string{id}),
			Tags: []*vecs.TagForCreateTagsInput{{Key: volcengine.String("k")}}}, "MissingParameter.ResourceType", 400},
	}
	for _, r := range rejections {
		_, err := e.ecs.CreateTags(r.in)
		wantVolcCode(t, err, r.code, r.status)
	}
	_, err = e.ecs.DeleteTags(&vecs.DeleteTagsInput{ResourceType: volcengine.String("reservedinstance"),
		ResourceIds: volcengine.StringSlice([]string{id}), TagKeys: volcengine.StringSlice([]string{})})
	wantVolcCode(t, err, "MissingParameter.TagKeys", 400)
	out2, err := e.ecs.DeleteTags(&vecs.DeleteTagsInput{ResourceType: volcengine.String("reservedinstance"),
		ResourceIds: volcengine.StringSlice([]string{"ecsri-gone"}), TagKeys: volcengine.StringSlice([]string{"x"})})
	if err != nil || len(out2.OperationDetails) != 1 || volcengine.StringValue(out2.OperationDetails[0].Error.Code) != "InvalidResourceId.NotFound" {
		t.Fatalf("delete on an unknown RI: %+v %v", out2, err)
	}
}
