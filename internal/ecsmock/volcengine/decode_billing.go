package volcengine

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Decoding of Volcengine Billing calls: a JSON object in the body, with the
// Go SDK's field names. Pointers tell an absent field from a zero one.

type setRenewalType struct {
	InstanceID          *string
	Product             *string
	RenewType           *string
	RenewalDuration     *int64
	RenewalDurationUnit *string
	RenewalTimes        *int64
}

type renewInstance struct {
	InstanceID          *string
	Product             *string
	RenewalDuration     *int64
	RenewalDurationUnit *string
}

type listAvailableInstances struct {
	InstanceIDs      []string
	Product          *string
	RenewType        *string
	MaxResults       *int64
	NextToken        *string
	BeginTimeStart   *string
	BeginTimeEnd     *string
	ExpiredTimeStart *string
	ExpiredTimeEnd   *string
}

// decodeJSON returns a decoder of one Billing action's body into
// a fresh T. Fields the emulator does not use are accepted and ignored.
func decodeJSON[T any, P interface {
	*T
	operation
}]() func(body []byte) (operation, *core.APIError) {
	return func(body []byte) (operation, *core.APIError) {
		op := P(new(T))
		if len(bytes.TrimSpace(body)) == 0 {
			return op, nil
		}
		if err := json.Unmarshal(body, op); err != nil {
			return nil, errInvalidParameter("The request body is not a valid JSON object for this action: %s", jsonProblem(err))
		}
		return op, nil
	}
}

// jsonProblem names the field of a type mismatch, without Go type names.
func jsonProblem(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return fmt.Sprintf("field %s has the wrong type", te.Field)
	}
	return "malformed JSON"
}
