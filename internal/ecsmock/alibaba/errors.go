package alibaba

import (
	"net/http"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Signature and request-envelope errors. The codes and texts follow the
// Alibaba Cloud POP gateway, which is what every SDK has been written against.
func aliErrIncompleteSignature(detail string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards. %s", detail)
}

func aliErrSignatureMismatch(stringToSign string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:%s", stringToSign)
}

func aliErrAccessKeyNotFound() *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

func aliErrNonceUsed() *core.APIError {
	return core.NewError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

func aliErrTimestampExpired() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
}

func aliErrTimestampFormat() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
}

func aliErrSecurityToken() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"The specified SecurityToken mismatch with the AccessKey.")
}

func aliErrActionNotFound() *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

func aliErrMissing(name string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingParameter", "The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func aliErrInvalidParameter(format string, args ...any) *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidParameter", format, args...)
}

func aliErrThrottled() *core.APIError {
	return core.NewError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

func aliErrInternal() *core.APIError {
	return core.NewError(http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
}

// Reserved-instance errors, with the status, code and message of the seeds.
var (
	aliErrRIIDsMissing = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ReservedInstanceId", "The ids of reservedInstance can not be empty.")
	}
	aliErrRINotFound = func(id string) *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceId.NotFound",
			"The specified parameter ReservedInstanceId is invalid. (%s)", id)
	}
	aliErrRINotActive = func(id string) *core.APIError {
		return core.NewError(http.StatusForbidden, "IncorrectInstanceStatus",
			"The status of specified reservedInstance must be active. (%s)", id)
	}
	aliErrFamilyMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the instance to be changed must be consistent.")
	}
	aliErrExpiryMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The expiration time of the instance to be changed must be consistent.")
	}
	aliErrFactorMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The factor of instanceType is not equal.")
	}
	aliErrOfferingMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The offeringType of instance is not same.")
	}
	aliErrZoneMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidZoneId.ValueNotSupported", "The specified zoneId should be same.")
	}
	aliErrPlatformMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidPlatform.ValueNotSupported", "The platform of reservedInstance is invalid.")
	}
	aliErrManyToMany = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.SplitOrMerge", "The Many-to-many of modification is not supported.")
	}
	aliErrOnlyName = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "OperationDenied.OnlyModifyName",
			"It is not allowed to modify the ReservedInstanceName only.")
	}
	aliErrNoStock = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "OperationDenied.NoStock",
			"The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.")
	}
	aliErrZoneNotOnSale = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "Zone.NotOnSale", "The specified zone is not available for purchase.")
	}
	aliErrZoneNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.")
	}
	aliErrInstanceType = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidInstanceType.ValueNotSupported",
			"The specified InstanceType does not exist or beyond the permitted range.")
	}
	aliErrScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidScope.ValueNotSupported",
			"The scope of reservedInstance is invalid, The valid value is Zone or Region.")
	}
	aliErrScopeFamily = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.Scope", "The specified parameter 'Scope' is invalid.")
	}
	aliErrZoneWithRegionScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.NotMatch", "ZoneId can only be set when Scope is Zone.")
	}
	aliErrZoneRequired = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ZoneId", "The specified zoneId should be not empty.")
	}
	aliErrAmount = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidInstanceAmount.ValueNotSupported", "The instanceAmount is invalid.")
	}
	aliErrPlatform = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstancePlatform.ValueNotSupported", "The Platform is not supported.")
	}
	aliErrOfferingType = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceOfferingType.ValueNotSupported", "The OfferingType is not supported.")
	}
	aliErrPeriodUnit = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriodUnit.ValueNotSupported", "The specified parameter PeriodUnit is not valid.")
	}
	aliErrPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidParameter.Period", "The specified Period is invalid.")
	}
	aliErrName = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceName.Malformed",
			"The specified parameter ReservedInstanceName is invalid.")
	}
	aliErrDescription = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidDescription.Malformed", `The specified parameter "Description" is not valid.`)
	}
	aliErrTagKey = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.")
	}
	aliErrTagValue = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.")
	}
	aliErrTagCount = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagCount", "The number of tags on a resource cannot exceed 20.")
	}
	aliErrClientToken = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidClientToken.Malformed",
			"The specified ClientToken is not valid: it must be at most 64 ASCII characters.")
	}
	aliErrIdempotentMismatch = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.")
	}
	aliErrStartTime = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidStartTime.Malformed",
			"The specified StartTime is not valid: use yyyy-MM-ddTHHZ in UTC, not before the current hour.")
	}
	aliErrStartTimeScope = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidStartTime.ScopeNotMatch",
			"The StartTime parameter is supported only for regional reserved instances.")
	}
	aliErrAutoRenewPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidAutoRenewPeriod.ValueNotSupported",
			"The specified AutoRenewPeriod is not valid.")
	}
	aliErrRenewalStatus = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidRenewalStatus.ValueNotSupported",
			"The specified RenewalStatus is not valid; valid values are AutoRenewal and Normal.")
	}
	aliErrQuota = func(detail string) *core.APIError {
		return core.NewError(http.StatusForbidden, "QuotaExceed.ReservedInstance",
			"The quota of reserved instances is exceeded: %s", detail)
	}
	aliErrTooMany = func(name string, limit int) *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidParameter."+name,
			"The specified %s is invalid: at most %d values are allowed.", name, limit)
	}
	aliErrMaxExpiration = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriod.ExceededMaximumExpiration",
			"The specified renewal period cannot exceed the maximum expiration date. We recommend you try shortening the renewal period at next attempt.")
	}
	aliErrRegion = func(region string) *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId %q does not exist.", region)
	}
	aliErrResourceGroup = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidResourceGroupId.NotFound", "The specified ResourceGroupId does not exist.")
	}
	aliErrResourceType = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidResourceType.NotSupported",
			"The specified ResourceType is not supported by this endpoint; use reservedinstance.")
	}
	aliErrConfigurationEmpty = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ReservedInstanceConfiguration",
			"The configurations of reservedInstance can not be empty.")
	}
	aliErrFamilyNotReshapable = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the reserved instance does not support split or merge.")
	}
	aliErrReshapeScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.NotMatch",
			"A split or merge keeps the scope and zone; change them with a separate one-to-one modification.")
	}
)
