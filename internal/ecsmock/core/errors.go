package core

import "fmt"

// APIError is an error as a cloud reports it: an HTTP status, a dotted code
// the SDKs switch on, and a human message. Each dialect wraps it in its own
// envelope.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// NewError builds an APIError; the message is a format when args are given.
func NewError(status int, code, format string, args ...any) *APIError {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &APIError{Status: status, Code: code, Message: msg}
}
