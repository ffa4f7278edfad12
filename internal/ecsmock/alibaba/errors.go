package alibaba

import (
	"net/http"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Signature and request-envelope errors. The codes and texts follow the
// Alibaba Cloud POP gateway, which is what every SDK has been written against.
func errIncompleteSignature(detail string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards. %s", detail)
}

func errSignatureMismatch(stringToSign string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:%s", stringToSign)
}

func errAccessKeyNotFound() *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

func errNonceUsed() *core.APIError {
	return core.NewError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

func errTimestampExpired() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
}

func errTimestampFormat() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
}

func errSecurityToken() *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"The specified SecurityToken mismatch with the AccessKey.")
}

func errActionNotFound() *core.APIError {
	return core.NewError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

func errMissing(name string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingParameter", "The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func errInvalidParameter(format string, args ...any) *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidParameter", format, args...)
}

func errThrottled() *core.APIError {
	return core.NewError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

func errInternal() *core.APIError {
	return core.NewError(http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
}

// Reserved-instance errors, with the status, code and message of the seeds.
var (
	errRIIDsMissing = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ReservedInstanceId", "The ids of reservedInstance can not be empty.")
	}
	errRINotFound = func(id string) *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceId.NotFound",
			"The specified parameter ReservedInstanceId is invalid. (%s)", id)
	}
	errRINotActive = func(id string) *core.APIError {
		return core.NewError(http.StatusForbidden, "IncorrectInstanceStatus",
			"The status of specified reservedInstance must be active. (%s)", id)
	}
	errFamilyMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the instance to be changed must be consistent.")
	}
	errExpiryMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The expiration time of the instance to be changed must be consistent.")
	}
	errFactorMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The factor of instanceType is not equal.")
	}
	errOfferingMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The offeringType of instance is not same.")
	}
	errZoneMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidZoneId.ValueNotSupported", "The specified zoneId should be same.")
	}
	errPlatformMismatch = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidPlatform.ValueNotSupported", "The platform of reservedInstance is invalid.")
	}
	errManyToMany = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.SplitOrMerge", "The Many-to-many of modification is not supported.")
	}
	errOnlyName = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "OperationDenied.OnlyModifyName",
			"It is not allowed to modify the ReservedInstanceName only.")
	}
	errNoStock = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "OperationDenied.NoStock",
			"The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.")
	}
	errZoneNotOnSale = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "Zone.NotOnSale", "The specified zone is not available for purchase.")
	}
	errZoneNotFound = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.")
	}
	errInstanceType = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidInstanceType.ValueNotSupported",
			"The specified InstanceType does not exist or beyond the permitted range.")
	}
	errScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidScope.ValueNotSupported",
			"The scope of reservedInstance is invalid, The valid value is Zone or Region.")
	}
	errScopeFamily = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.Scope", "The specified parameter 'Scope' is invalid.")
	}
	errZoneWithRegionScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.NotMatch", "ZoneId can only be set when Scope is Zone.")
	}
	errZoneRequired = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ZoneId", "The specified zoneId should be not empty.")
	}
	errAmount = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidInstanceAmount.ValueNotSupported", "The instanceAmount is invalid.")
	}
	errPlatform = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstancePlatform.ValueNotSupported", "The Platform is not supported.")
	}
	errOfferingType = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceOfferingType.ValueNotSupported", "The OfferingType is not supported.")
	}
	errPeriodUnit = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriodUnit.ValueNotSupported", "The specified parameter PeriodUnit is not valid.")
	}
	errPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidParameter.Period", "The specified Period is invalid.")
	}
	errName = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidReservedInstanceName.Malformed",
			"The specified parameter ReservedInstanceName is invalid.")
	}
	errDescription = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidDescription.Malformed", `The specified parameter "Description" is not valid.`)
	}
	errTagKey = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.")
	}
	errTagValue = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.")
	}
	errTagCount = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidTagCount", "The number of tags on a resource cannot exceed 20.")
	}
	errClientToken = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidClientToken.Malformed",
			"The specified ClientToken is not valid: it must be at most 64 ASCII characters.")
	}
	errIdempotentMismatch = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.")
	}
	errStartTime = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidStartTime.Malformed",
			"The specified StartTime is not valid: use yyyy-MM-ddTHHZ in UTC, not before the current hour.")
	}
	errStartTimeScope = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidStartTime.ScopeNotMatch",
			"The StartTime parameter is supported only for regional reserved instances.")
	}
	errAutoRenewPeriod = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidAutoRenewPeriod.ValueNotSupported",
			"The specified AutoRenewPeriod is not valid.")
	}
	errRenewalStatus = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidRenewalStatus.ValueNotSupported",
			"The specified RenewalStatus is not valid; valid values are AutoRenewal and Normal.")
	}
	errQuota = func(detail string) *core.APIError {
		return core.NewError(http.StatusForbidden, "QuotaExceed.ReservedInstance",
			"The quota of reserved instances is exceeded: %s", detail)
	}
	errTooMany = func(name string, limit int) *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidParameter."+name,
			"The specified %s is invalid: at most %d values are allowed.", name, limit)
	}
	errMaxExpiration = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidPeriod.ExceededMaximumExpiration",
			"The specified renewal period cannot exceed the maximum expiration date. We recommend you try shortening the renewal period at next attempt.")
	}
	errRegion = func(region string) *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId %q does not exist.", region)
	}
	errResourceGroup = func() *core.APIError {
		return core.NewError(http.StatusNotFound, "InvalidResourceGroupId.NotFound", "The specified ResourceGroupId does not exist.")
	}
	errResourceType = func() *core.APIError {
		return core.NewError(http.StatusBadRequest, "InvalidResourceType.NotSupported",
			"The specified ResourceType is not supported by this endpoint; use reservedinstance.")
	}
	errConfigurationEmpty = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "MissingParameter.ReservedInstanceConfiguration",
			"The configurations of reservedInstance can not be empty.")
	}
	errFamilyNotReshapable = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.ValueNotSupported",
			"The instanceTypeFamily of the reserved instance does not support split or merge.")
	}
	errReshapeScope = func() *core.APIError {
		return core.NewError(http.StatusForbidden, "InvalidParameter.NotMatch",
			"A split or merge keeps the scope and zone; change them with a separate one-to-one modification.")
	}
)
