package alicloud

import (
	"encoding/json"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// classify turns what the SDK returned into a *cloud.Error.
func classify(action string, err error) *cloud.Error {
	var classified *cloud.Error
	if errors.As(err, &classified) {
		return classified
	}
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) {
		// Transport errors, timeouts and unreadable bodies: nothing proves
		// the call did not happen, unless it never left this machine.
		if neverSent(err) {
			return &cloud.Error{Action: action, NotSent: true, Err: err}
		}
		return &cloud.Error{Action: action, Retryable: true, Ambiguous: true, Err: err}
	}
	out := &cloud.Error{
		Action: action, Code: tea.StringValue(sdkErr.Code), StatusCode: tea.IntValue(sdkErr.StatusCode),
		Message: tea.StringValue(sdkErr.Message), Err: err,
	}
	var body struct {
		RequestID string `json:"RequestId"`
		Message   string `json:"Message"`
	}
	if json.Unmarshal([]byte(tea.StringValue(sdkErr.Data)), &body) == nil {
		out.RequestID = body.RequestID
		if body.Message != "" {
			out.Message = body.Message
		}
	}
	out.Throttled = strings.HasPrefix(out.Code, "Throttling") || out.Code == "Rejected.Throttling"
	out.Retryable = out.Throttled || out.StatusCode >= 500 || out.Code == "ServiceUnavailable" || out.Code == "InternalError"
	// A 5xx answer says the service failed, not that it did nothing.
	out.Ambiguous = out.StatusCode >= 500
	return out
}

// neverSent recognises failures that happen before a request leaves this
// machine: the connection was refused, or the host name or address is not
// one that can be dialled.
func neverSent(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var dnsErr *net.DNSError
	var addrErr *net.AddrError
	if errors.As(err, &dnsErr) || errors.As(err, &addrErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	// The SDK flattens some transport errors into text.
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host") || strings.Contains(msg, "invalid port")
}
