package volcengine

import (
	"net/http"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Volcengine errors. The gateway's common errors carry a CodeN; the seed's
// PurchaseReservedInstances table gives the service's codes, statuses and
// messages. Codes the docs do not name are marked synthetic: they follow the
// service's naming style and the README lists them.

// codeN numbers the common errors of the OpenAPI gateway. Service
// errors carry no CodeN, as in the documented examples.
var codeN = map[string]int{
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

func errMissingParameter(name string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingParameter", "The request is missing %s parameter.", name)
}

func errMissingAuthenticationToken() *core.APIError {
	return core.NewError(http.StatusUnauthorized, "MissingAuthenticationToken", "Request is missing Authentication Token.")
}

func errMissingRequestInfo(what string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingRequestInfo", "The request is missing %s information.", what)
}

func errMissingSignature() *core.APIError {
	return core.NewError(http.StatusUnauthorized, "MissingSignature", "The request is missing signature.")
}

func errInvalidTimestamp() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidTimestamp", "The signature of the request is expired.")
}

func errServiceNotFound(service string) *core.APIError {
	return core.NewError(http.StatusNotFound, "ServiceNotFound", "This service[%s] not found.", service)
}

func errInvalidActionOrVersion(action, version string) *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidActionOrVersion", "Could not find operation %s for version %s.", action, version)
}

func errInvalidAccessKey(accessKeyID string) *core.APIError {
	return core.NewError(http.StatusUnauthorized, "InvalidAccessKey", "The accesskey [%s] included in the request is invalid.", accessKeyID)
}

func errSignatureDoesNotMatch() *core.APIError {
	return core.NewError(http.StatusUnauthorized, "SignatureDoesNotMatch",
		"The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.")
}

// errFlowLimitExceeded is the throttling error the official Terraform
// provider retries on; HTTP 429 is the emulator's choice.
func errFlowLimitExceeded() *core.APIError {
	return core.NewError(http.StatusTooManyRequests, "FlowLimitExceeded", "The request was denied because it exceeds the flow limit.")
}

func errInternal() *core.APIError {
	return core.NewError(http.StatusInternalServerError, "InternalError", "An internal error has occurred.")
}

// The errors of seed 002 (PurchaseReservedInstances), word for word.
var (
	errTypeNotReservable = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidInstanceTypeForCreateReservedInstance.Unsupported",
			"The specified InstanceType does not support creation of reserved instances.")
	}
	errCountMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidCount.Malformed", "The specified count is malformed.")
	}
	errTagValueMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagValue.Malformed", "The specified TagValue is malformed.")
	}
	errTagKeyMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagKey.Malformed", "The specified TagKey is malformed.")
	}
	errScopeMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidScope.Malformed", "The specified Scope is malformed.")
	}
	errNameMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidReservedInstanceName.Malformed", "The specified ReservedInstanceName is malformed.")
	}
	errPeriodUnit = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriodUnit", "The specified PeriodUnit is not valid, is unsupported, or cannot be used.")
	}
	errPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriod", "The specified period is not valid.")
	}
	errQuotaInstances = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstances",
			"You've reached the limit on the number of reserved instances that you can create, please submit ticket to request an increase in quota.")
	}
	errQuotaTypeInstances = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstanceTypeInstances",
			"You've reached the limit on the number of reserved instance type instances that you can create, please submit ticket to request an increase in quota.")
	}
	errQuotaCpus = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "QuotaExceeded.MaximumReservedInstanceCpus",
			"You've reached the limit on the number of reserved instance CPU that you can create, please submit ticket to request an increase in quota.")
	}
	errMissingZoneID = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "MissingParameter.ZoneId", "The required parameter ZoneId is not supplied.")
	}
	errMissingName = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "MissingParameter.ReservedInstanceName", "The required parameter ReservedInstanceName is not supplied.")
	}
	errMissingTypeID = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "MissingParameter.InstanceTypeId", "The required parameter InstanceTypeId is not supplied.")
	}
	errCountTooSmall = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "LimitExceeded.MinimumInstanceCount", "The number of specified InstanceCount exceeds the minimum limit.")
	}
	errTooManyTags = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "LimitExceeded.MaximumTags", "You've reached the limit on the number of tags that you can create.")
	}
	errCountTooLarge = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "LimitExceeded.MaximumInstanceCount", "The number of specified InstanceCount exceeds the maximum limit.")
	}
	errZoneNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidZone.NotFound", "The specified zone does not exist.")
	}
	errRegionNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidRegion.NotFound", "The specified region does not exist.")
	}
	errProjectNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidProject.NotFound", "The specified Project does not exist.")
	}
	errTypeNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidInstanceType.NotFound", "The specified InstanceType does not exist.")
	}
	errHpcClusterNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidHpcCluster.NotFound", "The specified HpcCluster does not exist.")
	}
	errTagKeyConflict = func() *core.APIError {
		return core.NewError(http.StatusConflict, "InvalidTagKey.Conflict", "The specified TagKey already exists.")
	}
	errVolumePoolCapacity = func() *core.APIError {
		return core.NewError(http.StatusInternalServerError, "Insufficient.VolumePoolCapacity", "There is not enough capacity to fulfill your request.") //nolint:misspell // the service's own words
	}
	errInstanceCapacity = func() *core.APIError {
		return core.NewError(http.StatusInternalServerError, "Insufficient.InstanceCapacity", "There is not enough capacity to fulfill your request.") //nolint:misspell // the service's own words
	}
)

// Synthetic errors, for rules the seed states without naming an error.
var (
	errMissing = func(name string) *core.APIError {
		return core.NewError(http.StatusBadRequest, "MissingParameter."+name, "The required parameter %s is not supplied.", name)
	}
	errInvalidParameter = func(format string, args ...any) *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidParameter", format, args...)
	}
	errTooMany = func(name string, limit int) *core.APIError {
		return core.NewError(http.StatusBadRequest, "LimitExceeded.Maximum"+name,
			"The number of specified %s exceeds the maximum limit of %d.", name, limit)
	}
	errClientToken = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidClientToken.Malformed",
			"The specified ClientToken is malformed: it must be at most 64 ASCII characters.")
	}
	errIdempotentMismatch = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.")
	}
	errAutoRenewPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidAutoRenewPeriod", "The specified AutoRenewPeriod is not valid.")
	}
	errProjectNameMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidProjectName.Malformed", "The specified ProjectName is malformed.")
	}
	errDescriptionMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidDescription.Malformed", "The specified Description is malformed.")
	}
	errEffectiveAtMalformed = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidEffectiveAt.Malformed",
			"The specified EffectiveAt is malformed: use RFC 3339, not before the current hour.")
	}
	errRINotFound = func(id string) *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidReservedInstanceId.NotFound", "The specified ReservedInstanceId %s does not exist.", id)
	}
	errRIStatus = func(id string) *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidReservedInstanceStatus.Unsupported",
			"The status of the specified reserved instance %s does not support this operation; it must be ACTIVE.", id)
	}
	errFamilyInconsistent = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidInstanceTypeFamily.Inconsistent",
			"The original and target reserved instances must belong to the same instance type family.")
	}
	errExpiryInconsistent = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidExpiredAt.Inconsistent", "The original reserved instances must expire at the same time.")
	}
	errComputeInconsistent = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidComputingPower.Inconsistent",
			"The total computing power of the target reserved instances must equal that of the original ones.")
	}
	errResourceType = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidResourceType.Unsupported", "The specified ResourceType is not supported: use reservedinstance.")
	}
	errResourceNotFound = func(id string) *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidResourceId.NotFound", "The specified resource %s does not exist.", id)
	}
)
