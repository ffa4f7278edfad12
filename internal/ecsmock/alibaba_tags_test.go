package ecsmock_test

import (
	"fmt"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestAlibabaListTagResourcesPagesAndFilters(t *testing.T) {
	e := start(t, ecsmock.Options{})
	for i := range 30 {
		tags := map[string]string{"env": "prod", "idx": fmt.Sprint(i)}
		if i%3 == 0 {
			tags["team"] = "data"
		}
		if _, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	rows, pages := 0, 0
	next := ""
	for {
		req := &ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance")}
		if next != "" {
			req.NextToken = tea.String(next)
		}
		resp, err := e.ecs.ListTagResources(req)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		rows += len(resp.Body.TagResources.TagResource)
		if next = tea.StringValue(resp.Body.NextToken); next == "" {
			break
		}
	}
	if rows != 70 || pages != 2 {
		t.Fatalf("30 RIs with 70 tags in all: read %d rows in %d pages", rows, pages)
	}
	resp, err := e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
		Tag: []*ecs.ListTagResourcesRequestTag{{Key: tea.String("team"), Value: tea.String("data")}}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(resp.Body.TagResources.TagResource); n != 30 {
		t.Fatalf("10 RIs tagged team=data carry 3 tags each: %d rows", n)
	}
	_, err = e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), NextToken: tea.String("bogus")})
	wantCode(t, err, "InvalidParameter", 400)
	_, err = e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region)})
	wantCode(t, err, "MissingParameter", 400)
}
