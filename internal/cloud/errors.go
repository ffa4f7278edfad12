package cloud

import (
	"errors"
	"fmt"
)

// Error is every failure of a cloud API call, classified. Its message names
// the cloud's action, and the code and RequestId when the service answered.
type Error struct {
	Action     string
	Code       string
	StatusCode int
	Message    string
	RequestID  string
	// Throttled: the service refused the call for rate; it did nothing.
	Throttled bool
	// Retryable: trying again may succeed (throttling, 5xx, no answer).
	Retryable bool
	// Ambiguous: the call may or may not have taken effect (no answer, a
	// 5xx, or a dropped connection). Calls without a ClientToken must not be
	// repeated blindly.
	Ambiguous bool
	// NotSent: the request provably never reached the service (connection
	// refused, unknown host, cancelled before it started).
	NotSent bool
	Err     error
}

func (e *Error) Error() string {
	switch {
	case e.Code != "":
		return fmt.Sprintf("%s failed: %s (HTTP %d, RequestId %s): %s", e.Action, e.Code, e.StatusCode, e.RequestID, e.Message)
	case e.NotSent:
		return fmt.Sprintf("%s was not sent: %v", e.Action, e.Err)
	}
	return fmt.Sprintf("%s: no answer from the endpoint (the call may or may not have taken effect): %v", e.Action, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// IsAmbiguous reports whether err leaves open that the call took effect.
// Errors that are not a classified *Error are ambiguous: nothing proves the
// call did not happen.
func IsAmbiguous(err error) bool {
	if err == nil {
		return false
	}
	var e *Error
	if !errors.As(err, &e) {
		return true
	}
	return e.Ambiguous
}

// Code returns the service's error code, or "".
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// NotSentError is the error of a call that was never made because ctx
// ended first.
func NotSentError(action string, err error) *Error {
	return &Error{Action: action, NotSent: true, Err: err}
}

// NoRIInAnswer is the error of a purchase whose answer names no RI: it may
// have bought one, so it is ambiguous.
func NoRIInAnswer(action string) *Error {
	return &Error{Action: action, Code: "EmptyResponse", Ambiguous: true, Message: "the response named no reserved instance"}
}
