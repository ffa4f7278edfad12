package ecsmock

import (
	"fmt"
	"net/http"
)

// apiError is an ECS error as the real service reports it: an HTTP status, a
// dotted code the SDKs switch on, and a human message.
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

// Signature and request-envelope errors. The codes and texts follow the
// Alibaba Cloud POP gateway, which is what every SDK has been written against.
func errIncompleteSignature(detail string) *apiError {
	return newError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards. %s", detail)
}

func errSignatureMismatch(stringToSign string) *apiError {
	return newError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:%s", stringToSign)
}

func errAccessKeyNotFound() *apiError {
	return newError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

func errNonceUsed() *apiError {
	return newError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

func errTimestampExpired() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
}

func errTimestampFormat() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
}

func errSecurityToken() *apiError {
	return newError(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"The specified SecurityToken mismatch with the AccessKey.")
}

func errMissing(name string) *apiError {
	return newError(http.StatusBadRequest, "MissingParameter", "The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func errInvalidParameter(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter", format, args...)
}

func errThrottled() *apiError {
	return newError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

func errInternal() *apiError {
	return newError(http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
}

// Reserved-instance errors, with the status, code and message of the seeds.
var (
	errRINotFound = func(id string) *apiError {
		return newError(http.StatusForbidden, "InvalidReservedInstanceId.NotFound",
			"The specified parameter ReservedInstanceId is invalid. (%s)", id)
	}
	errRINotActive = func(id string) *apiError {
		return newError(http.StatusForbidden, "IncorrectInstanceStatus",
			"The status of specified reservedInstance must be active. (%s)", id)
	}
	errFamilyMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the instance to be changed must be consistent.")
	}
	errExpiryMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The expiration time of the instance to be changed must be consistent.")
	}
	errFactorMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The factor of instanceType is not equal.")
	}
	errOfferingMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The offeringType of instance is not same.")
	}
	errZoneMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidZoneId.ValueNotSupported", "The specified zoneId should be same.")
	}
	errPlatformMismatch = func() *apiError {
		return newError(http.StatusForbidden, "InvalidPlatform.ValueNotSupported", "The platform of reservedInstance is invalid.")
	}
	errManyToMany = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.SplitOrMerge", "The Many-to-many of modification is not supported.")
	}
	errOnlyName = func() *apiError {
		return newError(http.StatusForbidden, "OperationDenied.OnlyModifyName",
			"It is not allowed to modify the ReservedInstanceName only.")
	}
	errNoStock = func() *apiError {
		return newError(http.StatusForbidden, "OperationDenied.NoStock",
			"The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.")
	}
	errZoneNotOnSale = func() *apiError {
		return newError(http.StatusForbidden, "Zone.NotOnSale", "The specified zone is not available for purchase.")
	}
	errZoneNotFound = func() *apiError {
		return newError(http.StatusNotFound, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.")
	}
	errInstanceType = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidInstanceType.ValueNotSupported",
			"The specified InstanceType does not exist or beyond the permitted range.")
	}
	errScope = func() *apiError {
		return newError(http.StatusForbidden, "InvalidScope.ValueNotSupported",
			"The scope of reservedInstance is invalid, The valid value is Zone or Region.")
	}
	errScopeFamily = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.Scope", "The specified parameter 'Scope' is invalid.")
	}
	errZoneRequired = func() *apiError {
		return newError(http.StatusForbidden, "MissingParameter.ZoneId", "The specified zoneId should be not empty.")
	}
	errAmount = func() *apiError {
		return newError(http.StatusForbidden, "InvalidInstanceAmount.ValueNotSupported", "The instanceAmount is invalid.")
	}
	errPlatform = func() *apiError {
		return newError(http.StatusForbidden, "InvalidReservedInstancePlatform.ValueNotSupported", "The Platform is not supported.")
	}
	errOfferingType = func() *apiError {
		return newError(http.StatusForbidden, "InvalidReservedInstanceOfferingType.ValueNotSupported", "The OfferingType is not supported.")
	}
	errPeriodUnit = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidPeriodUnit.ValueNotSupported", "The specified parameter PeriodUnit is not valid.")
	}
	errPeriod = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidParameter.Period", "The specified Period is invalid.")
	}
	errName = func() *apiError {
		return newError(http.StatusForbidden, "InvalidReservedInstanceName.Malformed",
			"The specified parameter ReservedInstanceName is invalid.")
	}
	errDescription = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidDescription.Malformed", `The specified parameter "Description" is not valid.`)
	}
	errTagKey = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.")
	}
	errTagValue = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.")
	}
	errTagCount = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidTagCount", "The number of tags on a resource cannot exceed 20.")
	}
	errClientToken = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidClientToken.Malformed",
			"The specified ClientToken is not valid: it must be at most 64 ASCII characters.")
	}
	errIdempotentMismatch = func() *apiError {
		return newError(http.StatusBadRequest, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.")
	}
	errStartTime = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidStartTime.Malformed",
			"The specified StartTime is not valid: use yyyy-MM-ddTHHZ in UTC, not before the current hour.")
	}
	errStartTimeScope = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidStartTime.ScopeNotMatch",
			"The StartTime parameter is supported only for regional reserved instances.")
	}
	errAutoRenewPeriod = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidAutoRenewPeriod.ValueNotSupported",
			"The specified AutoRenewPeriod is not valid.")
	}
	errRenewalStatus = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidRenewalStatus.ValueNotSupported",
			"The specified RenewalStatus is not valid; valid values are AutoRenewal and Normal.")
	}
	errQuota = func(detail string) *apiError {
		return newError(http.StatusForbidden, "QuotaExceed.ReservedInstance",
			"The quota of reserved instances is exceeded: %s", detail)
	}
	errTooMany = func(name string, limit int) *apiError {
		return newError(http.StatusBadRequest, "InvalidParameter."+name,
			"The specified %s is invalid: at most %d values are allowed.", name, limit)
	}
	errMaxExpiration = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidPeriod.ExceededMaximumExpiration",
			"The specified renewal period cannot exceed the maximum expiration date. We recommend you try shortening the renewal period at next attempt.")
	}
	errRegion = func(region string) *apiError {
		return newError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId %q does not exist.", region)
	}
	errResourceGroup = func() *apiError {
		return newError(http.StatusNotFound, "InvalidResourceGroupId.NotFound", "The specified ResourceGroupId does not exist.")
	}
	errResourceType = func() *apiError {
		return newError(http.StatusBadRequest, "InvalidResourceType.NotSupported",
			"The specified ResourceType is not supported by this endpoint; use reservedinstance.")
	}
	errConfigurationEmpty = func() *apiError {
		return newError(http.StatusForbidden, "MissingParameter.ReservedInstanceConfiguration",
			"The configurations of reservedInstance can not be empty.")
	}
	errFamilyNotReshapable = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the reserved instance does not support split or merge.")
	}
	errReshapeScope = func() *apiError {
		return newError(http.StatusForbidden, "InvalidParameter.NotMatch",
			"A split or merge keeps the scope and zone; change them with a separate one-to-one modification.")
	}
)
