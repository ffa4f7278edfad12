package alicloud

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func mockClient(t *testing.T, window time.Duration) (*Client, *ecsmock.Server) {
	t.Helper()
	mock, err := ecsmock.New(ecsmock.Options{Latency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	c, err := New(Config{
		Credentials: Credentials{AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: ecsmock.DefaultAccessKeySecret},
		Endpoint:    srv.URL, BatchWindow: window, RetryBaseDelay: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

// Concurrent look-ups, as a Terraform refresh makes them, share calls; each
// caller gets exactly its own RIs; and the SDK clients are never shared
// between goroutines (run with -race).
func TestDescribeCoalescesConcurrentReads(t *testing.T) {
	c, mock := mockClient(t, 20*time.Millisecond)
	var ids []string
	for range 50 {
		ri, err := mock.Seed(ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
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
			_, err2 := c.DescribeAutoRenew(context.Background(), "cn-hangzhou", []string{id})
			if err != nil {
				errs <- err
			}
			if err2 != nil {
				errs <- err2
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, action := range []string{"DescribeReservedInstances", "DescribeReservedInstanceAutoRenewAttribute"} {
		if n := mock.CountCalls(action); n > 5 {
			t.Errorf("50 concurrent look-ups took %d %s calls; they should share a few", n, action)
		}
	}
}

func TestDescribeWithoutCoalescing(t *testing.T) {
	c, mock := mockClient(t, -1)
	ri, _ := mock.Seed(ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
	for range 3 {
		if got, err := c.Describe(context.Background(), "cn-hangzhou", []string{ri.ID}); err != nil || len(got) != 1 {
			t.Fatalf("%v %v", got, err)
		}
	}
	if n := mock.CountCalls("DescribeReservedInstances"); n != 3 {
		t.Fatalf("with coalescing off, each look-up is its own call: %d", n)
	}
}
