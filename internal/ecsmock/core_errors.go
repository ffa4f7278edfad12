package ecsmock

import "fmt"

// apiError is an error as a cloud reports it: an HTTP status, a dotted code
// the SDKs switch on, and a human message. Each dialect wraps it in its own
// envelope.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func newError(status int, code, format string, args ...any) *apiError {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &apiError{Status: status, Code: code, Message: msg}
}
