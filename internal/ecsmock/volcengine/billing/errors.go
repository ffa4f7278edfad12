package billing

import (
	"net/http"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Billing's errors. MissingParameter is the gateway's common error (the
// dialect adds its CodeN when it answers); the others are synthetic, named
// in the service's style where the docs name none, and listed in the
// README.

func errMissingParameter(name string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingParameter", "The request is missing %s parameter.", name)
}

func errInvalidParameter(format string, args ...any) *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidParameter", format, args...)
}

func errInstanceNotFound(id string) *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidInstanceID.NotFound", "The specified instance %s does not exist.", id)
}

func errInstanceExpired() *core.APIError {
	return core.NewError(http.StatusBadRequest, "OperationDenied.InstanceExpired",
		"The reserved instance has expired: its renewal can no longer be set or paid.")
}

func errInstanceStatus() *core.APIError {
	return core.NewError(http.StatusBadRequest, "OperationDenied.InstanceStatus",
		"The reserved instance is being modified; try again once the modification has completed.")
}

func errInternal(err error) *core.APIError {
	return core.NewError(http.StatusInternalServerError, "InternalError", "An internal error has occurred: %v", err)
}
