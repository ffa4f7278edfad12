package volcengine

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

// Utilisation through Billing, against the emulator: every page of the
// packages and of the hourly deductions is read, what each RI reserved
// counts the window's whole hours, and a refused signature is a definite
// error naming Billing's action.
func TestUsageReadsEveryPage(t *testing.T) {
	c, mock := mockClient(t)
	at := mock.Now().Truncate(time.Hour)
	const n = 25
	for range n {
		if _, err := mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", ZoneID: "cn-beijing-a",
			StartTime: at.Add(-10 * 24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := mock.DeclareInstances(ecsmock.CloudVolcengine, ecsmock.Instances{InstanceType: "ecs.g3i.large", ZoneID: "cn-beijing-a", Count: 2,
		StartTime: at.Add(-10 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// The window starts and ends within an hour: its 47 whole hours count.
	from, to := at.Add(-48*time.Hour+10*time.Minute), at.Add(10*time.Minute)
	u, ok, err := c.Usage(context.Background(), region, from, to)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	// 25 packages are two pages of 20; 2 instances × 47 hours of
	// deductions are two pages of 50.
	for action, want := range map[string]int{"ListResourcePackages": 2, "ListPackageUsageDetails": 2} {
		if got := len(mock.Calls(ecsmock.CloudVolcengine, action)); got != want {
			t.Errorf("%d calls of %s, want %d", got, action, want)
		}
	}
	var reserved, used float64
	for _, r := range u.RIs {
		reserved, used = reserved+r.Reserved, used+r.Used
		if r.Costs != nil {
			t.Error("Billing reports no costs; some were read")
		}
	}
	if len(u.RIs) != n || math.Abs(reserved-n*2*47) > 0.1 || math.Abs(used-2*2*47) > 0.1 {
		t.Errorf("%d RIs reserved %g used %g; want %d, %d, %d", len(u.RIs), reserved, used, n, n*2*47, 2*2*47)
	}
	if len(u.Coverage) != 1 || u.Coverage[0].InstanceType != "ecs.g3i.large" || u.Coverage[0].Zone != "" ||
		math.Abs(u.Coverage[0].Usage-2*2*47) > 0.1 || u.Coverage[0].Covered != u.Coverage[0].Usage {
		t.Errorf("coverage %+v", u.Coverage)
	}

	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	bad, err := New(Config{Region: region, AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: "wrong", Endpoint: srv.URL,
		Pacing: cloud.Pacing{RetryBaseDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.Usage(context.Background(), region, from, to)
	if err == nil || cloud.IsAmbiguous(err) || !strings.Contains(err.Error(), "ListResourcePackages") || !strings.Contains(err.Error(), "Signature") {
		t.Errorf("a refused signature: %v", err)
	}
}
