package alicloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/alibabacloud-go/tea/tea"
)

// APIError is every failure of an ECS call, classified. Its message always
// names the action, and the code and RequestId when the service answered.
type APIError struct {
	Action     string
	Code       string
	StatusCode int
	Message    string
	RequestID  string
	// Throttled: the service refused the call for rate; it did nothing.
	Throttled bool
	// Retryable: trying again may succeed (throttling, 5xx, no answer).
	Retryable bool
	// Ambiguous: no answer came back, so the call may or may not have taken
	// effect. Non-idempotent calls must not be repeated blindly.
	Ambiguous bool
	Err       error
}

func (e *APIError) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("ECS %s: no answer from the endpoint (the call may or may not have taken effect): %v", e.Action, e.Err)
	}
	return fmt.Sprintf("ECS %s failed: %s (HTTP %d, RequestId %s): %s", e.Action, e.Code, e.StatusCode, e.RequestID, e.Message)
}

func (e *APIError) Unwrap() error { return e.Err }

// classify turns what the SDK returned into an APIError.
func classify(action string, err error) *APIError {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr
	}
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) {
		// Transport errors, timeouts and unreadable bodies: nothing proves
		// the call did not happen.
		return &APIError{Action: action, Retryable: true, Ambiguous: true, Err: err}
	}
	out := &APIError{
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
