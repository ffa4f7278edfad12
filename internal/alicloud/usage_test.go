package alicloud

import (
	"context"
	"math"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// Utilisation through BSS OpenAPI, against the emulator: every page is
// read, every RI's figures are summed over the window's days, and a refused
// signature is a definite error naming BSS's action.
func TestUsageReadsEveryPage(t *testing.T) {
	mock, err := ecsmock.New(ecsmock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	at := mock.Now().Truncate(time.Hour)
	const n = 12
	for range n {
		if _, err := mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", ZoneID: "cn-hangzhou-h",
			StartTime: at.Add(-40 * 24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := mock.DeclareInstances(ecsmock.CloudAlibaba, ecsmock.Instances{InstanceType: "ecs.g6.large", ZoneID: "cn-hangzhou-h", Count: 3,
		StartTime: at.Add(-40 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Credentials: Credentials{AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: ecsmock.DefaultAccessKeySecret},
		Endpoint: srv.URL, Pacing: cloud.Pacing{RetryBaseDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	// 12 RIs × 31 days (the first and the last partly) are more than one
	// page of 300.
	u, err := c.Usage(context.Background(), "cn-hangzhou", at.Add(-30*24*time.Hour), at)
	if err != nil {
		t.Fatal(err)
	}
	if pages := len(mock.Calls(ecsmock.CloudAlibaba, "DescribeResourceUsageDetail")); pages != 2 {
		t.Errorf("%d calls of DescribeResourceUsageDetail, want 2 pages", pages)
	}
	var reserved, used float64
	for _, r := range u.RIs {
		reserved, used = reserved+r.Reserved, used+r.Used
		if r.Costs == nil {
			t.Error("BSS reports costs; none were read")
		}
	}
	// Factor 2 for 720 hours each; three instances use three RIs.
	if len(u.RIs) != n || math.Abs(reserved-n*2*720) > 0.1 || math.Abs(used-3*2*720) > 0.1 || u.Currency == "" {
		t.Errorf("%d RIs reserved %g used %g currency %q; want %d, %d, %d", len(u.RIs), reserved, used, u.Currency, n, n*2*720, 3*2*720)
	}
	if len(u.Coverage) != 1 || u.Coverage[0].InstanceType != "ecs.g6.large" || u.Coverage[0].Zone != "cn-hangzhou-h" ||
		math.Abs(u.Coverage[0].Usage-3*2*720) > 0.1 || u.Coverage[0].Covered != u.Coverage[0].Usage {
		t.Errorf("coverage %+v", u.Coverage)
	}
	// Another region's RIs are not this one's.
	if u, err := c.Usage(context.Background(), "cn-shanghai", at.Add(-30*24*time.Hour), at); err != nil || len(u.RIs) != 0 {
		t.Errorf("cn-shanghai: %v, %d RIs", err, len(u.RIs))
	}

	bad, err := New(Config{Credentials: Credentials{AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: "wrong"}, Endpoint: srv.URL,
		Pacing: cloud.Pacing{RetryBaseDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.Usage(context.Background(), "cn-hangzhou", at.Add(-time.Hour), at)
	if err == nil || cloud.IsAmbiguous(err) || !strings.Contains(err.Error(), "DescribeResourceUsageDetail") || !strings.Contains(err.Error(), "Signature") {
		t.Errorf("a refused signature: %v", err)
	}
}
