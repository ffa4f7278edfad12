package alicloud

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func mockClient(t *testing.T, window time.Duration) (*cloud.Session, *ecsmock.Server) {
	t.Helper()
	mock, err := ecsmock.New(ecsmock.Options{Latency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	c, err := New(Config{
		Credentials: Credentials{AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: ecsmock.DefaultAccessKeySecret},
		Endpoint:    srv.URL, Pacing: cloud.Pacing{BatchWindow: window, RetryBaseDelay: time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cloud.NewSession(c, c.cfg.Pacing), mock
}

// Concurrent look-ups, as a Terraform refresh makes them, share calls; each
// caller gets exactly its own RIs; and the SDK clients are never shared
// between goroutines (run with -race).
func TestDescribeCoalescesConcurrentReads(t *testing.T) {
	c, mock := mockClient(t, 100*time.Millisecond)
	var ids []string
	for range 50 {
		ri, err := mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ri.ID)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.Describe(context.Background(), "cn-hangzhou", []string{id, "ecsri-missing"})
			if err == nil && (len(got) != 1 || got[id].ID != id) {
				t.Errorf("look-up of %s returned %v", id, got)
			}
			if err == nil && !got[id].Renewal.Known {
				t.Errorf("look-up of %s returned no renewal", id)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, action := range []string{"DescribeReservedInstances", "DescribeReservedInstanceAutoRenewAttribute"} {
		if n := mock.CountCalls(ecsmock.CloudAlibaba, action); n > 5 {
			t.Errorf("50 concurrent look-ups took %d %s calls; they should share a few", n, action)
		}
	}
}

func TestDescribeWithoutCoalescing(t *testing.T) {
	c, mock := mockClient(t, -1)
	ri, _ := mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
	for range 3 {
		if got, err := c.Describe(context.Background(), "cn-hangzhou", []string{ri.ID}); err != nil || len(got) != 1 {
			t.Fatalf("%v %v", got, err)
		}
	}
	if n := mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstances"); n != 3 || mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstanceAutoRenewAttribute") != 3 {
		t.Fatalf("with coalescing off, each look-up is its own call: %d", n)
	}
}

// A refresh of many resources switches from per-ID calls to one listing of
// the region; a write through the client makes the written RIs fresh again.
func TestLookupListsTheRegionForLargeRefreshes(t *testing.T) {
	c, mock := mockClient(t, -1)
	var ids []string
	for range 250 {
		ri, _ := mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
		ids = append(ids, ri.ID)
	}
	ctx := context.Background()
	for _, id := range ids {
		ris, err := c.Lookup(ctx, "cn-hangzhou", []string{id})
		if err != nil || ris[id].ID != id || !ris[id].Renewal.Known {
			t.Fatalf("look-up of %s: %+v %v", id, ris[id], err)
		}
	}
	describes := mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstances")
	renews := mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstanceAutoRenewAttribute")
	if describes > snapshotThreshold+3+1 || renews > snapshotThreshold+3+1 {
		t.Fatalf("250 look-ups took %d Describe and %d auto-renew calls; the listing should serve most", describes, renews)
	}
	if err := rename(t, c).Rename(ctx, "cn-hangzhou", ids[0], tea.String("renamed"), nil); err != nil {
		t.Fatal(err)
	}
	ris, err := c.Lookup(ctx, "cn-hangzhou", []string{ids[0], ids[1]})
	if err != nil || ris[ids[0]].Name != "renamed" {
		t.Fatalf("a written RI must be read fresh: %+v %v", ris[ids[0]], err)
	}
	if got := mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstances"); got != describes+1 {
		t.Fatalf("only the written RI should go to the API: %d calls after %d", got, describes)
	}
}

func rename(t *testing.T, s *cloud.Session) cloud.Renamer {
	t.Helper()
	r, ok := s.Renamer()
	if !ok {
		t.Fatal("Alibaba Cloud renames in place")
	}
	return r
}
