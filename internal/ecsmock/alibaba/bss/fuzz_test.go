package bss

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// FuzzBSSQuery feeds arbitrary parameters to the four actions, against a
// world with an RI and instances: each must answer with a result that
// encodes as JSON, or with an error that has a code, a status and a
// message; never panic.
func FuzzBSSQuery(f *testing.F) {
	f.Add("StartPeriod=2026-03-01+00%3A00%3A00&PeriodType=HOUR&ResourceType=RI&MaxResults=7")
	f.Add("StartPeriod=2026-02-28+16%3A00%3A00&EndPeriod=2026-03-15+00%3A00%3A00&PeriodType=MONTH&ResourceType=RI&BillOwnerId=1500000000000001")
	f.Add("StartPeriod=2016-01-01+00%3A00%3A00&PeriodType=DAY&ResourceType=SCU&NextToken=eyJwYWdlTnVtIjoyLCJwYWdlU2l6ZSI6MTB9")
	f.Add("StartPeriod=2026-03-01&PeriodType=WEEK&ResourceType=RI&MaxResults=-1&NextToken=%%%")
	now := time.Date(2026, 3, 15, 0, 30, 0, 0, time.UTC)
	rules := usage.AlibabaRules(func(t string) string { return t[:strings.LastIndexByte(t, '.')] }, func(t string) (float64, bool) {
		return map[string]float64{"ecs.g6.large": 2, "ecs.g6.xlarge": 4}[t], strings.HasPrefix(t, "ecs.g6.")
	})
	s := New(Config{
		Rules: rules, RegionName: func(id string) string { return id }, ZoneName: func(id string) string { return id },
		Prices: core.PriceList{Currency: "CNY", Prices: []core.Price{
			{InstanceType: "ecs.g6.large", PayAsYouGo: 0.5, Reserved: 0.3}, {InstanceType: "ecs.g6.xlarge", PayAsYouGo: 1, Reserved: 0.6},
		}},
	})
	profile := core.Profile{Cloud: "alibaba", Lifecycle: core.Lifecycle{Creating: "Creating", Active: "Active", Updating: "Updating", Inactive: "Inactive", Expired: "Expired"}}
	f.Fuzz(func(t *testing.T, query string) {
		all, err := core.ParseRequestParams(query, nil)
		if err != nil {
			return
		}
		st := core.NewStore()
		w := core.NewWorld(st, profile, now, 0)
		w.Add(&core.ReservedInstance{ID: "ri-1", RegionID: "cn-hangzhou", ZoneID: "cn-hangzhou-h", InstanceType: "ecs.g6.xlarge", InstanceAmount: 1,
			Status: "Active", Platform: "Linux", StartTime: now.AddDate(0, -1, 0), ExpiredTime: now.AddDate(1, 0, 0)})
		st.Declare(&core.Instances{Cloud: "alibaba", RegionID: "cn-hangzhou", ZoneID: "cn-hangzhou-h", InstanceType: "ecs.g6.xlarge", Count: 3,
			Platform: "Linux", StartTime: now.Add(-50 * time.Hour)})
		for _, action := range []string{"DescribeResourceUsageDetail", "DescribeResourceUsageTotal", "DescribeResourceCoverageDetail", "DescribeResourceCoverageTotal"} {
			op, ok := s.Decode(action, core.Params(all))
			if !ok {
				t.Fatalf("%s is not an action", action)
			}
			result, aerr := op.Apply(w)
			if aerr != nil {
				if aerr.Code == "" || aerr.Status < 400 || aerr.Message == "" {
					t.Fatalf("%s: error without a code, status or message: %+v", action, aerr)
				}
				continue
			}
			body, ok := s.Encode(result)
			if !ok {
				t.Fatalf("%s: result %T is not encoded", action, result)
			}
			if _, err := json.Marshal(body); err != nil {
				t.Fatalf("%s: answer does not encode: %v", action, err)
			}
		}
	})
}
