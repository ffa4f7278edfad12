package ecsmock_test

import (
	"fmt"
	"testing"
	"time"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestVolcengineDescribeFiltersAndPaging(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{ActivationDelay: time.Hour})
	var ids []string
	for i := range 12 {
		ri := ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", ZoneID: "cn-beijing-a", Name: fmt.Sprintf("web-%02d", i)}
		switch i % 3 {
		case 0:
			ri.InstanceType, ri.Tags = "ecs.c3i.xlarge", map[string]string{"team": "a"}
		case 1:
			ri.Tags = map[string]string{"team": "b"}
		}
		if i == 5 {
			ri.ZoneID, ri.Scope, ri.Name, ri.ProjectName, ri.HpcClusterID = "", "RegionalRI", "batch-Special", "batch", ""
		}
		if i == 7 {
			ri.HpcClusterID, ri.Status = "hpc-7", "EXPIRED"
		}
		seeded, err := e.mock.Seed(ecsmock.CloudVolcengine, ri)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, seeded.ID)
	}
	creating := e.buy(t, nil)
	if _, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{RegionID: "cn-shanghai", InstanceType: "ecs.g3i.large", ZoneID: "cn-shanghai-a"}); err != nil {
		t.Fatal(err)
	}
	count := func(in *vecs.DescribeReservedInstancesInput) int {
		t.Helper()
		in.MaxResults = volcengine.Int32(100)
		out, err := e.ecs.DescribeReservedInstances(in)
		if err != nil {
			t.Fatal(err)
		}
		return len(out.ReservedInstances)
	}
	s := volcengine.String
	checks := map[string]struct {
		in   *vecs.DescribeReservedInstancesInput
		want int
	}{
		"all of the region":       {&vecs.DescribeReservedInstancesInput{}, 13},
		"by IDs":                  {&vecs.DescribeReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice(ids[:3])}, 3},
		"unknown ID":              {&vecs.DescribeReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice([]string{"ecsri-nope"})}, 0},
		"by types":                {&vecs.DescribeReservedInstancesInput{InstanceTypeIds: volcengine.StringSlice([]string{"ecs.c3i.xlarge"})}, 4},
		"by families":             {&vecs.DescribeReservedInstancesInput{InstanceTypeFamilies: volcengine.StringSlice([]string{"ecs.g3i", "ecs.r3i"})}, 9},
		"by scope":                {&vecs.DescribeReservedInstancesInput{Scope: s("RegionalRI")}, 1},
		"by status, any case":     {&vecs.DescribeReservedInstancesInput{Status: s("active")}, 11},
		"creating":                {&vecs.DescribeReservedInstancesInput{Status: s("CREATING")}, 1},
		"expired":                 {&vecs.DescribeReservedInstancesInput{Status: s("EXPIRED")}, 1},
		"by zone":                 {&vecs.DescribeReservedInstancesInput{ZoneId: s("cn-beijing-a")}, 12},
		"by project":              {&vecs.DescribeReservedInstancesInput{ProjectName: s("batch")}, 1},
		"by name, fuzzy":          {&vecs.DescribeReservedInstancesInput{ReservedInstanceName: s("special")}, 1},
		"by name prefix":          {&vecs.DescribeReservedInstancesInput{ReservedInstanceName: s("web-1")}, 2},
		"by HPC cluster":          {&vecs.DescribeReservedInstancesInput{HpcClusterId: s("hpc-7")}, 1},
		"support modify":          {&vecs.DescribeReservedInstancesInput{SupportModify: s("SizeSupport")}, 13},
		"other support modify":    {&vecs.DescribeReservedInstancesInput{SupportModify: s("NoSupport")}, 0},
		"tag key":                 {&vecs.DescribeReservedInstancesInput{TagFilters: []*vecs.TagFilterForDescribeReservedInstancesInput{{Key: s("team")}}}, 8},
		"tag key and values":      {&vecs.DescribeReservedInstancesInput{TagFilters: []*vecs.TagFilterForDescribeReservedInstancesInput{{Key: s("team"), Values: volcengine.StringSlice([]string{"a", "c"})}}}, 4},
		"two tag filters":         {&vecs.DescribeReservedInstancesInput{TagFilters: []*vecs.TagFilterForDescribeReservedInstancesInput{{Key: s("team"), Values: volcengine.StringSlice([]string{"a"})}, {Key: s("env")}}}, 0},
		"filters combine":         {&vecs.DescribeReservedInstancesInput{InstanceTypeIds: volcengine.StringSlice([]string{"ecs.g3i.large"}), Status: s("ACTIVE")}, 7},
		"ID of the other creator": {&vecs.DescribeReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice([]string{creating})}, 1},
	}
	for name, c := range checks {
		if got := count(c.in); got != c.want {
			t.Errorf("%s: %d RIs, want %d", name, got, c.want)
		}
	}
	sh := e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", "cn-shanghai")
	if out, err := sh.DescribeReservedInstances(&vecs.DescribeReservedInstancesInput{}); err != nil || len(out.ReservedInstances) != 1 {
		t.Fatalf("the region comes from the signature: %v %v", out, err)
	}

	// Paging: the default page is 10; NextToken walks the rest exactly once.
	first, err := e.ecs.DescribeReservedInstances(&vecs.DescribeReservedInstancesInput{})
	if err != nil || len(first.ReservedInstances) != 10 || volcengine.StringValue(first.NextToken) == "" {
		t.Fatalf("default page: %d items, token %q, %v", len(first.ReservedInstances), volcengine.StringValue(first.NextToken), err)
	}
	seen, pages := map[string]bool{}, 0
	for next := ""; ; {
		in := &vecs.DescribeReservedInstancesInput{MaxResults: volcengine.Int32(5)}
		if next != "" {
			in.NextToken = s(next)
		}
		out, err := e.ecs.DescribeReservedInstances(in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, ri := range out.ReservedInstances {
			if seen[*ri.ReservedInstanceId] {
				t.Fatalf("%s seen twice", *ri.ReservedInstanceId)
			}
			seen[*ri.ReservedInstanceId] = true
		}
		if next = volcengine.StringValue(out.NextToken); next == "" {
			break
		}
	}
	if len(seen) != 13 || pages != 3 {
		t.Fatalf("pages of 5 should show 13 RIs in 3 pages: %d in %d", len(seen), pages)
	}

	many := make([]string, 101)
	for i := range many {
		many[i] = "ecsri-x"
	}
	rejections := []struct {
		in   *vecs.DescribeReservedInstancesInput
		code string
	}{
		{&vecs.DescribeReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice(many)}, "LimitExceeded.MaximumReservedInstanceIds"},
		{&vecs.DescribeReservedInstancesInput{InstanceTypeIds: volcengine.StringSlice(many)}, "LimitExceeded.MaximumInstanceTypeIds"},
		{&vecs.DescribeReservedInstancesInput{InstanceTypeFamilies: volcengine.StringSlice(many)}, "LimitExceeded.MaximumInstanceTypeFamilies"},
		{&vecs.DescribeReservedInstancesInput{MaxResults: volcengine.Int32(101)}, "InvalidParameter"},
		{&vecs.DescribeReservedInstancesInput{MaxResults: volcengine.Int32(0)}, "InvalidParameter"},
		{&vecs.DescribeReservedInstancesInput{NextToken: s("bogus!")}, "InvalidParameter"},
		{&vecs.DescribeReservedInstancesInput{Scope: s("Zone")}, "InvalidScope.Malformed"},
	}
	for _, r := range rejections {
		_, err := e.ecs.DescribeReservedInstances(r.in)
		wantVolcCode(t, err, r.code, 400)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "DescribeReservedInstances"); n < 25 {
		t.Fatalf("the call log should count the describes: %d", n)
	}
}
