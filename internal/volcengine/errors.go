package volcengine

import (
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/volcengine/volcengine-go-sdk/volcengine/volcengineerr"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// classify turns what the SDK returned into a *cloud.Error.
func classify(action string, err error) *cloud.Error {
	var classified *cloud.Error
	if errors.As(err, &classified) {
		return classified
	}
	var failure volcengineerr.RequestFailure
	if errors.As(err, &failure) && failure.Code() != "" && failure.StatusCode() > 0 {
		out := &cloud.Error{Action: action, Code: failure.Code(), StatusCode: failure.StatusCode(), Message: failure.Message(),
			RequestID: failure.RequestID(), Err: err}
		out.Throttled = failure.Code() == "FlowLimitExceeded" || failure.StatusCode() == 429
		// A 5xx answer says the service failed, not that it did nothing,
		// unless its code is one the API documents as a refusal.
		out.Ambiguous = out.StatusCode >= 500 && !refusals[out.Code]
		out.Retryable = out.Throttled || out.Ambiguous
		return out
	}
	if neverSent(err) {
		return &cloud.Error{Action: action, NotSent: true, Err: err}
	}
	return &cloud.Error{Action: action, Retryable: true, Ambiguous: true, Err: err}
}

// neverSent recognises failures that happen before a request leaves this
// machine. The SDK wraps transport errors in its own error type, whose
// cause is in OrigErr.
func neverSent(err error) bool {
	for err != nil {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return true
		}
		var dnsErr *net.DNSError
		var opErr *net.OpError
		if errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial" {
			return true
		}
		var wrapped volcengineerr.Error
		if !errors.As(err, &wrapped) || wrapped.OrigErr() == nil || wrapped.OrigErr() == err {
			break
		}
		err = wrapped.OrigErr()
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host")
}

// refusals are the codes PurchaseReservedInstances documents with HTTP 500
// that are nonetheless definite answers: the service looked and refused
// (no capacity), so the call did nothing and retrying now would not help.
var refusals = map[string]bool{"Insufficient.InstanceCapacity": true, "Insufficient.VolumePoolCapacity": true}
