package ecsmock

import "net/http"

// Volcengine errors. The gateway's common errors carry a CodeN; the seed's
// PurchaseReservedInstances table gives the service's codes, statuses and
// messages. Codes the docs do not name are marked synthetic: they follow the
// service's naming style and the README lists them.

// volcengineCodeN numbers the common errors of the OpenAPI gateway. Service
// errors carry no CodeN, as in the documented examples.
var volcengineCodeN = map[string]int{
	"MissingParameter":           100002,
	"MissingAuthenticationToken": 100003,
	"MissingRequestInfo":         100004,
	"MissingSignature":           100005,
	"InvalidTimestamp":           100006,
	"ServiceNotFound":            100007,
	"InvalidActionOrVersion":     100008,
	"InvalidAccessKey":           100009,
	"SignatureDoesNotMatch":      100010,
	"LackPolicy":                 100012,
	"AccessDenied":               100013,
}

// The common errors of the gateway.

func volcErrMissingParameter(name string) *apiError {
	return newError(http.StatusBadRequest, "MissingParameter", "The request is missing %s parameter.", name)
}

func volcErrMissingAuthenticationToken() *apiError {
	return newError(http.StatusUnauthorized, "MissingAuthenticationToken", "Request is missing Authentication Token.")
}

func volcErrMissingRequestInfo(what string) *apiError {
	return newError(http.StatusBadRequest, "MissingRequestInfo", "The request is missing %s information.", what)
}

func volcErrMissingSignature() *apiError {
	return newError(http.StatusUnauthorized, "MissingSignature", "The request is missing signature.")
}

func volcErrInvalidTimestamp() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimestamp", "The signature of the request is expired.")
}

func volcErrServiceNotFound(service string) *apiError {
	return newError(http.StatusNotFound, "ServiceNotFound", "This service[%s] not found.", service)
}

func volcErrInvalidActionOrVersion(action, version string) *apiError {
	return newError(http.StatusNotFound, "InvalidActionOrVersion", "Could not find operation %s for version %s.", action, version)
}

func volcErrInvalidAccessKey(accessKeyID string) *apiError {
	return newError(http.StatusUnauthorized, "InvalidAccessKey", "The accesskey [%s] included in the request is invalid.", accessKeyID)
}

func volcErrSignatureDoesNotMatch() *apiError {
	return newError(http.StatusUnauthorized, "SignatureDoesNotMatch",
		"The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.")
}

// volcErrFlowLimitExceeded is the throttling error the official Terraform
// provider retries on; HTTP 429 is the emulator's choice.
func volcErrFlowLimitExceeded() *apiError {
	return newError(http.StatusTooManyRequests, "FlowLimitExceeded", "The request was denied because it exceeds the flow limit.")
}

func volcErrInternal() *apiError {
	return newError(http.StatusInternalServerError, "InternalError", "An internal error has occurred.")
}

// The errors of seed 002 (PurchaseReservedInstances), word for word.
var (
	volcErrTypeNotReservable = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidInstanceTypeForCreateReservedInstance.Unsupported",
			"The specified InstanceType does not support creation of reserved instances.")
	}
	volcErrCountMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidCount.Malformed", "The specified count is malformed.")
	}
	volcErrTagValueMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidTagValue.Malformed", "The specified TagValue is malformed.")
	}
	volcErrTagKeyMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidTagKey.Malformed", "The specified TagKey is malformed.")
	}
	volcErrScopeMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidScope.Malformed", "The specified Scope is malformed.")
	}
	volcErrNameMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidReservedInstanceName.Malformed", "The specified ReservedInstanceName is malformed.")
	}
	volcErrPeriodUnit = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidPeriodUnit", "The specified PeriodUnit is not valid, is unsupported, or cannot be used.")
	}
	volcErrPeriod = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidPeriod", "The specified period is not valid.")
	}
	volcErrQuotaInstances = func() *apiError {
		return newError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstances",
			"You've reached the limit on the number of reserved instances that you can create, please submit ticket to request an increase in quota.")
	}
	volcErrQuotaTypeInstances = func() *apiError {
		return newError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstanceTypeInstances",
			"You've reached the limit on the number of reserved instance type instances that you can create, please submit ticket to request an increase in quota.")
	}
	volcErrQuotaCpus = func() *apiError {
		return newError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstanceCpus",
			"You've reached the limit on the number of reserved instance CPU that you can create, please submit ticket to request an increase in quota.")
	}
	volcErrMissingZoneID = func() *apiError {
		return newError(http.StatusBadRequest, "MissingParameter.ZoneId", "The required parameter ZoneId is not supplied.")
	}
	volcErrMissingName = func() *apiError {
		return newError(http.StatusBadRequest, "MissingParameter.ReservedInstanceName", "The required parameter ReservedInstanceName is not supplied.")
	}
	volcErrMissingTypeID = func() *apiError {
		return newError(http.StatusBadRequest, "MissingParameter.InstanceTypeId", "The required parameter InstanceTypeId is not supplied.")
	}
	volcErrCountTooSmall = func() *apiError {
		return newError(http.StatusBadRequest, "LimitExceeded.MinimumInstanceCount", "The number of specified InstanceCount exceeds the minimum limit.")
	}
	volcErrTooManyTags = func() *apiError {
		return newError(http.StatusBadRequest, "LimitExceeded.MaximumTags", "You've reached the limit on the number of tags that you can create.")
	}
	volcErrCountTooLarge = func() *apiError {
		return newError(http.StatusBadRequest, "LimitExceeded.MaximumInstanceCount", "The number of specified InstanceCount exceeds the maximum limit.")
	}
	volcErrZoneNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidZone.NotFound", "The specified zone does not exist.")
	}
	volcErrRegionNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidRegion.NotFound", "The specified region does not exist.")
	}
	volcErrProjectNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidProject.NotFound", "The specified Project does not exist.")
	}
	volcErrTypeNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidInstanceType.NotFound", "The specified InstanceType does not exist.")
	}
	volcErrHpcClusterNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidHpcCluster.NotFound", "The specified HpcCluster does not exist.")
	}
	volcErrTagKeyConflict = func() *apiError {
		return newError(http.StatusConflict, "InvalidTagKey.Conflict", "The specified TagKey already exists.")
	}
	volcErrVolumePoolCapacity = func() *apiError {
		return newError(http.StatusInternalServerError, "Insufficient.VolumePoolCapacity", "There is not enough capacity to fulfill your request.") //nolint:misspell // the service's own words
	}
	volcErrInstanceCapacity = func() *apiError {
		return newError(http.StatusInternalServerError, "Insufficient.InstanceCapacity", "There is not enough capacity to fulfill your request.") //nolint:misspell // the service's own words
	}
)

// Synthetic errors, for rules the seed states without naming an error.
var (
	volcErrMissing = func(name string) *apiError {
		return newError(http.StatusBadRequest, "MissingParameter."+name, "The required parameter %s is not supplied.", name)
	}
	volcErrInvalidParameter = func(format string, args ...any) *apiError {
		return newError(http.StatusBadRequest, "InvalidParameter", format, args...)
	}
	volcErrTooMany = func(name string, limit int) *apiError {
		return newError(http.StatusBadRequest, "LimitExceeded.Maximum"+name,
			"The number of specified %s exceeds the maximum limit of %d.", name, limit)
	}
	volcErrClientToken = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidClientToken.Malformed",
			"The specified ClientToken is malformed: it must be at most 64 ASCII characters.")
	}
	volcErrIdempotentMismatch = func() *apiError {
		return newError(http.StatusBadRequest, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.")
	}
	volcErrAutoRenewPeriod = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidAutoRenewPeriod", "The specified AutoRenewPeriod is not valid.")
	}
	volcErrProjectNameMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidProjectName.Malformed", "The specified ProjectName is malformed.")
	}
	volcErrDescriptionMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidDescription.Malformed", "The specified Description is malformed.")
	}
	volcErrEffectiveAtMalformed = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidEffectiveAt.Malformed",
			"The specified EffectiveAt is malformed: use RFC 3339, not before the current hour.")
	}
	volcErrRINotFound = func(id string) *apiError {
		return newError(http.StatusNotFound, "InvalidReservedInstanceId.NotFound", "The specified ReservedInstanceId %s does not exist.", id)
	}
	volcErrRIStatus = func(id string) *apiError {
		return newError(http.StatusBadRequest, "InvalidReservedInstanceStatus.Unsupported",
			"The status of the specified reserved instance %s does not support this operation; it must be ACTIVE.", id)
	}
	volcErrFamilyInconsistent = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidInstanceTypeFamily.Inconsistent",
			"The original and target reserved instances must belong to the same instance type family.")
	}
	volcErrExpiryInconsistent = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidExpiredAt.Inconsistent", "The original reserved instances must expire at the same time.")
	}
	volcErrComputeInconsistent = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidComputingPower.Inconsistent",
			"The total computing power of the target reserved instances must equal that of the original ones.")
	}
	volcErrResourceType = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidResourceType.Unsupported", "The specified ResourceType is not supported: use reservedinstance.")
	}
	volcErrResourceNotFound = func(id string) *apiError {
		return newError(http.StatusNotFound, "InvalidResourceId.NotFound", "The specified resource %s does not exist.", id)
	}
	volcErrBillingInstanceNotFound = func(id string) *apiError {
		return newError(http.StatusNotFound, "InvalidInstanceID.NotFound", "The specified instance %s does not exist.", id)
	}
	volcErrBillingExpired = func() *apiError {
		return newError(http.StatusBadRequest, "OperationDenied.InstanceExpired",
			"The reserved instance has expired: its renewal can no longer be set or paid.")
	}
	volcErrBillingStatus = func() *apiError {
		return newError(http.StatusBadRequest, "OperationDenied.InstanceStatus",
			"The reserved instance is being modified; try again once the modification has completed.")
	}
)
