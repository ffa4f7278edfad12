package alicloud

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
)

func sdkError(status int, code string) error {
	return tea.NewSDKError(map[string]interface{}{
		"code": code, "statusCode": status, "message": "boom",
		"data": map[string]interface{}{"RequestId": "RID-1", "Message": "it broke", "Code": code},
	})
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err                             error
		retryable, throttled, ambiguous bool
	}{
		{sdkError(400, "Throttling.User"), true, true, false},
		{sdkError(503, "ServiceUnavailable"), true, false, true},
		{sdkError(500, "InternalError"), true, false, true},
		{sdkError(403, "OperationDenied.NoStock"), false, false, false},
		{errors.New("read tcp: connection reset by peer"), true, false, true},
	}
	for _, c := range cases {
		got := classify("PurchaseReservedInstancesOffering", c.err)
		if got.Retryable != c.retryable || got.Throttled != c.throttled || got.Ambiguous != c.ambiguous {
			t.Errorf("%v: retryable %t throttled %t ambiguous %t", c.err, got.Retryable, got.Throttled, got.Ambiguous)
		}
	}
	msg := classify("ModifyReservedInstances", sdkError(403, "OperationDenied.NoStock")).Error()
	for _, part := range []string{"ModifyReservedInstances", "OperationDenied.NoStock", "HTTP 403", "RequestId RID-1", "it broke"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func testClient(maxRetries int) *Client {
	return &Client{cfg: Config{MaxRetries: maxRetries, RetryBaseDelay: 10 * time.Microsecond}}
}

func TestCallRetryPolicy(t *testing.T) {
	ctx := context.Background()
	failing := func(errs ...error) (func() error, *int) {
		n := 0
		return func() error {
			n++
			if n <= len(errs) {
				return errs[n-1]
			}
			return nil
		}, &n
	}
	fn, n := failing(sdkError(503, "ServiceUnavailable"), sdkError(503, "ServiceUnavailable"))
	if err := testClient(8).call(ctx, "A", idempotent, fn); err != nil || *n != 3 {
		t.Fatalf("5xx should be retried: err %v after %d calls", err, *n)
	}
	fn, n = failing(sdkError(503, "ServiceUnavailable"), sdkError(503, "ServiceUnavailable"), sdkError(503, "ServiceUnavailable"))
	if err := testClient(2).call(ctx, "A", idempotent, fn); err == nil || *n != 3 {
		t.Fatalf("max_retries 2 allows 3 attempts: err %v after %d calls", err, *n)
	}
	var storm []error
	for range 20 {
		storm = append(storm, sdkError(400, "Throttling.User"))
	}
	fn, n = failing(storm...)
	if err := testClient(1).call(ctx, "A", idempotent, fn); err != nil || *n != 21 {
		t.Fatalf("throttling must not count against max_retries: err %v after %d calls", err, *n)
	}
	fn, n = failing(errors.New("EOF"))
	if err := testClient(8).call(ctx, "ModifyReservedInstances", once, fn); err == nil || *n != 1 {
		t.Fatalf("an ambiguous failure of a call without ClientToken must not be repeated: %d calls", *n)
	}
	fn, n = failing(sdkError(400, "Throttling.User"))
	if err := testClient(8).call(ctx, "ModifyReservedInstances", once, fn); err != nil || *n != 2 {
		t.Fatalf("a throttled call did nothing and may be repeated even without ClientToken: %v, %d calls", err, *n)
	}
	fn, n = failing(sdkError(403, "OperationDenied"))
	if err := testClient(8).call(ctx, "A", idempotent, fn); err == nil || *n != 1 {
		t.Fatalf("validation errors are final: %d calls", *n)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	slow := &Client{cfg: Config{MaxRetries: 8, RetryBaseDelay: time.Second}}
	began := time.Now()
	fn, _ = failing(sdkError(503, "ServiceUnavailable"), sdkError(503, "ServiceUnavailable"))
	if err := slow.call(short, "A", idempotent, fn); err == nil || time.Since(began) > 500*time.Millisecond {
		t.Fatalf("retries must stop at the deadline: %v after %s", err, time.Since(began))
	}
}

func TestChunks(t *testing.T) {
	ids := make([]string, 205)
	got := chunks(ids, 100)
	if len(got) != 3 || len(got[0]) != 100 || len(got[2]) != 5 {
		t.Fatalf("chunks: %d batches", len(got))
	}
	if chunks(nil, 10) != nil {
		t.Fatal("no IDs, no batches")
	}
}
