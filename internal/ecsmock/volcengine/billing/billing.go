// Package billing is the Billing service (version 2022-01-01) of the
// Volcengine dialect: where RIs are renewed, their renewal type is set and
// read. ECS has no API for either. The Volcengine dialect authenticates a
// call, finds it addressed to the billing service by its credential scope,
// and hands its JSON body to this package; what a call returns is encoded
// here too, in the Result object of the Volcengine envelope.
//
// The product code of an RI is not documented: the emulator's is "ECS", as
// in the SetRenewalType example. Billing is a global service: it finds an
// RI in any region, and no longer sees the INACTIVE sources of a
// modification. It also reports what RIs paid for (usage.go).
package billing

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// Version is the API version of the service.
const Version = "2022-01-01"

// Product is the product code of an RI in Billing.
const Product = "ECS"

// Config is what the service takes from the Volcengine dialect: the rules
// of the ECS side that a renewal follows.
type Config struct {
	// PurchaseMonths are the terms, in months, an RI can be bought for; a
	// manual renewal takes the same. AutoRenewMonths are the lengths of one
	// automatic renewal.
	PurchaseMonths, AutoRenewMonths []int
	// Rules are the matching rules over the dialect's catalogue, and
	// Prices its default price table, for what RIs pay for.
	Rules  usage.Rules
	Prices core.PriceList
}

// Service is the Billing service.
type Service struct {
	cfg Config
}

// New builds the service.
func New(cfg Config) *Service { return &Service{cfg: cfg} }

// Route is how one action is decoded and committed.
type Route struct {
	// Decode reads the action's JSON body into its operation.
	Decode     func(body []byte) (core.Operation, *core.APIError)
	ReadOnly   bool
	Idempotent bool
}

// Routes lists the actions of the service. Every action with a ClientToken
// parameter is idempotent.
func (s *Service) Routes() map[string]Route {
	return map[string]Route{
		"SetRenewalType":          {Decode: decoder[setRenewalType](s), Idempotent: true},
		"RenewInstance":           {Decode: decoder[renewInstance](s), Idempotent: true},
		"ListAvailableInstances":  {Decode: decoder[listAvailableInstances](s), ReadOnly: true},
		"ListPackageUsageDetails": {Decode: decoder[listPackageUsageDetails](s), ReadOnly: true},
		"ListResourcePackages":    {Decode: decoder[listResourcePackages](s), ReadOnly: true},
	}
}

// operation is one decoded Billing call, bound to the service it runs in.
type operation interface {
	core.Operation
	bind(s *Service)
}

// bound is embedded in every operation: the service it runs in.
type bound struct{ svc *Service }

func (b *bound) bind(s *Service) { b.svc = s }

// decoder returns a decoder of one action's body into a fresh T, with the
// SDK's field names. Pointers tell an absent field from a zero one. Fields
// the emulator does not use are accepted and ignored.
func decoder[T any, P interface {
	*T
	operation
}](s *Service) func(body []byte) (core.Operation, *core.APIError) {
	return func(body []byte) (core.Operation, *core.APIError) {
		op := P(new(T))
		op.bind(s)
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

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
