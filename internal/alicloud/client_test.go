package alicloud

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
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
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, false, false, false},
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

func TestChunks(t *testing.T) {
	ids := make([]string, 205)
	got := cloud.Chunks(ids, 100)
	if len(got) != 3 || len(got[0]) != 100 || len(got[2]) != 5 {
		t.Fatalf("chunks: %d batches", len(got))
	}
	if cloud.Chunks(nil, 10) != nil {
		t.Fatal("no IDs, no batches")
	}
}
