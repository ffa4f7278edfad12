package volcengine

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine/billing"
)

// The Volcengine dialect: ECS 2020-04-01 as GET requests with query
// parameters, Billing 2022-01-01 as POST requests with a JSON body, both
// signed with Volcengine's HMAC-SHA256 scheme and answered in the
// ResponseMetadata/Result envelope. Both services share one endpoint; the
// service and region come from the signature's credential scope.

// Cloud is the name of Volcengine in the emulator.
const Cloud core.Cloud = "volcengine"

// Status values of Volcengine RIs. Only CREATING is attested by the docs;
// the rest follow it in the upper case, an unverified choice.
const (
	StatusCreating = "CREATING"
	StatusActive   = "ACTIVE"
	StatusUpdating = "UPDATING"
	StatusInactive = "INACTIVE"
	StatusExpired  = "EXPIRED"
)

var lifecycle = core.Lifecycle{
	Creating: StatusCreating, Active: StatusActive, Updating: StatusUpdating,
	Inactive: StatusInactive, Expired: StatusExpired,
}

// API versions of the two services.
const (
	ECSVersion     = "2020-04-01"
	BillingVersion = billing.Version
)

// Options are the settings of the Volcengine dialect. The zero value is the
// documented defaults.
type Options struct {
	// ZonalVCPUQuota and RegionalVCPUQuota limit the vCPUs covered by live
	// RIs: zonal RIs per zone, regional RIs per region. Default 200 each,
	// as documented.
	ZonalVCPUQuota    int
	RegionalVCPUQuota int
	// ReservedInstanceQuota limits live RIs per region, and
	// InstanceTypeQuota the instances of one type they cover per region.
	// Zero means no limit (the docs name these quotas but not their size).
	ReservedInstanceQuota int
	InstanceTypeQuota     int
	// Projects exist besides "default" from the start.
	Projects []string
}

func (o *Options) fillDefaults() {
	if o.ZonalVCPUQuota == 0 {
		o.ZonalVCPUQuota = 200
	}
	if o.RegionalVCPUQuota == 0 {
		o.RegionalVCPUQuota = 200
	}
}

// world is what the Volcengine rules see: the core's world and the
// dialect's options.
type world struct {
	*core.World
	opts *Options
}

// operation is one decoded Volcengine call.
type operation interface {
	apply(w *world) (any, *core.APIError)
}

// bound is an operation with the options it runs under: the core's
// Operation.
type bound struct {
	op   operation
	opts *Options
}

func (b bound) Apply(w *core.World) (any, *core.APIError) { return b.op.apply(&world{w, b.opts}) }

// input is a call's parameters as they arrived: flattened query
// and form parameters for ECS, a JSON body for Billing.
type input struct {
	params core.Params
	body   []byte
	region string
}

// actionRoute is how one action is decoded and committed.
type actionRoute struct {
	version    string
	decode     func(in input, opts *Options) (core.Operation, *core.APIError)
	readOnly   bool
	idempotent bool
	jsonBody   bool
}

func fromQuery(decode func(core.Params, string) operation) func(input, *Options) (core.Operation, *core.APIError) {
	return func(in input, opts *Options) (core.Operation, *core.APIError) {
		return bound{decode(in.params, in.region), opts}, nil
	}
}

// ecsRoutes maps the actions of ECS to their routes. Every action with a
// ClientToken parameter is idempotent.
var ecsRoutes = map[string]actionRoute{
	"PurchaseReservedInstances": {version: ECSVersion, decode: fromQuery(decodePurchase), idempotent: true},
	"DescribeReservedInstances": {version: ECSVersion, decode: fromQuery(decodeDescribe), readOnly: true},
	"ModifyReservedInstances":   {version: ECSVersion, decode: fromQuery(decodeModify), idempotent: true},
	"CreateTags":                {version: ECSVersion, decode: fromQuery(decodeCreateTags), idempotent: true},
	"DeleteTags":                {version: ECSVersion, decode: fromQuery(decodeDeleteTags), idempotent: true},
}

// serviceRoutes maps service, then action, to its route: ECS's own, and
// those of the Billing package, which reads JSON bodies.
func serviceRoutes(b *billing.Service) map[string]map[string]actionRoute {
	billingRoutes := map[string]actionRoute{}
	for action, r := range b.Routes() {
		decode := r.Decode
		billingRoutes[action] = actionRoute{
			version:  billing.Version,
			decode:   func(in input, _ *Options) (core.Operation, *core.APIError) { return decode(in.body) },
			readOnly: r.ReadOnly, idempotent: r.Idempotent, jsonBody: true,
		}
	}
	return map[string]map[string]actionRoute{"ecs": ecsRoutes, "billing": billingRoutes}
}

// envelopeParams are protocol parameters, not API parameters.
var envelopeParams = map[string]bool{"Action": true, "Version": true}

// Dialect plugs into the core as a core.Dialect.
var _ core.Dialect = (*Dialect)(nil)

// Volcengine RIs belong to projects and HPC clusters.
var _ core.Groups = (*Dialect)(nil)

// Dialect is the Volcengine dialect.
type Dialect struct {
	verifier *verifier
	opts     Options
	billing  *billing.Service
	routes   map[string]map[string]actionRoute
}

// New builds the dialect that accepts the given keys, judging signature
// freshness by wallClock.
func New(keys core.Keyring, wallClock func() time.Time, opts Options) *Dialect {
	opts.fillDefaults()
	b := billing.New(billing.Config{
		PurchaseMonths: periods, AutoRenewMonths: setRenewalMonths, Rules: usageRules, Prices: defaultPrices,
	})
	return &Dialect{
		verifier: &verifier{credentials: keys, wallClock: wallClock}, opts: opts,
		billing: b, routes: serviceRoutes(b),
	}
}

// Profile names Volcengine; its keys in the state file carry its name.
func (d *Dialect) Profile() core.Profile {
	return core.Profile{Cloud: Cloud, Lifecycle: lifecycle}
}

// Claims requests signed with Volcengine's scheme, or that carry its X-Date
// header without a signature (answered with MissingSignature).
func (d *Dialect) Claims(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	return strings.HasPrefix(auth, signatureAlgorithm+" ") || (auth == "" && r.Header.Get("X-Date") != "")
}

// Authenticate verifies the signature and finds the service and action.
func (d *Dialect) Authenticate(r *http.Request, ex *core.Exchange) (*core.Request, *core.APIError) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, errMissingRequestInfo("a well-formed query")
	}
	ex.Action, ex.Version = query.Get("Action"), query.Get("Version")
	auth, aerr := parseAuthorization(r.Header.Get("Authorization"))
	ex.Service, ex.Region = auth.scope.service, auth.scope.region
	if aerr != nil {
		return nil, aerr
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost || (r.URL.Path != "/" && r.URL.Path != "") {
		return nil, errInvalidActionOrVersion(ex.Action, ex.Version)
	}
	body, ok := core.ReadBody(r)
	if !ok {
		return nil, errInvalidParameter("The request body could not be read or exceeds 1 MiB.")
	}
	if aerr := d.verifier.verify(r, body, auth); aerr != nil {
		return nil, aerr
	}
	route, aerr := d.routeFor(auth.scope.service, ex.Action, ex.Version)
	if aerr != nil {
		return nil, aerr
	}
	return d.request(r, route, query, body, auth.scope)
}

// routeFor finds the action of a service in its version.
func (d *Dialect) routeFor(service, action, version string) (actionRoute, *core.APIError) {
	actions, ok := d.routes[service]
	switch {
	case !ok:
		return actionRoute{}, errServiceNotFound(service)
	case action == "":
		return actionRoute{}, errMissingParameter("Action")
	case version == "":
		return actionRoute{}, errMissingParameter("Version")
	}
	route, ok := actions[action]
	if !ok || route.version != version {
		return actionRoute{}, errInvalidActionOrVersion(action, version)
	}
	return route, nil
}

// request reads the parameters of an authenticated call.
func (d *Dialect) request(r *http.Request, route actionRoute, query url.Values, body []byte, scope credentialScope) (*core.Request, *core.APIError) {
	req := &core.Request{Service: scope.service, Action: query.Get("Action"), ReadOnly: route.readOnly, Idempotent: route.idempotent}
	in := input{body: body, region: scope.region}
	if route.jsonBody {
		obj, ok := core.JSONObject(body)
		if !ok {
			return nil, errInvalidParameter("The request body must be a JSON object.")
		}
		req.Params, req.Digest = core.JSONLogParams(obj), core.JSONDigest(obj)
		req.Token, _ = obj["ClientToken"].(string)
	} else {
		var form []byte
		if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded") {
			form = body
		}
		all, err := core.ParseRequestParams(r.URL.RawQuery, form)
		if err != nil {
			return nil, errMissingRequestInfo("well-formed parameters")
		}
		in.params = core.Params{}
		for k, v := range all {
			if !envelopeParams[k] {
				in.params[k] = v
			}
		}
		req.Params, req.Digest, req.Token = in.params.FirstValues(), in.params.Digest(), in.params.Get("ClientToken")
	}
	req.Decode = func() (core.Operation, *core.APIError) { return route.decode(in, &d.opts) }
	return req, nil
}

// WriteResult answers with the full envelope, as the SDK expects.
func (d *Dialect) WriteResult(w http.ResponseWriter, ex *core.Exchange, body map[string]any) {
	core.WriteJSON(w, http.StatusOK, map[string]any{"ResponseMetadata": metadata(ex), "Result": body})
}

// WriteError always answers with ResponseMetadata: without it the SDK can
// only report "UnknownError".
func (d *Dialect) WriteError(w http.ResponseWriter, ex *core.Exchange, aerr *core.APIError) {
	meta := metadata(ex)
	e := map[string]any{"Code": aerr.Code, "Message": aerr.Message}
	if n, ok := codeN[aerr.Code]; ok {
		e["CodeN"] = n
	}
	meta["Error"] = e
	core.WriteJSON(w, aerr.Status, map[string]any{"ResponseMetadata": meta})
}

func metadata(ex *core.Exchange) map[string]any {
	return map[string]any{
		"RequestId": ex.RequestID, "Action": ex.Action, "Version": ex.Version,
		"Service": ex.Service, "Region": ex.Region,
	}
}

// ErrThrottled is FlowLimitExceeded.
func (d *Dialect) ErrThrottled() *core.APIError { return errFlowLimitExceeded() }

// ErrMalformedToken is InvalidClientToken.Malformed.
func (d *Dialect) ErrMalformedToken() *core.APIError { return errClientToken() }

// ErrTokenMismatch is IdempotentParameterMismatch.
func (d *Dialect) ErrTokenMismatch() *core.APIError { return errIdempotentMismatch() }

// ErrInternal is InternalError.
func (d *Dialect) ErrInternal() *core.APIError { return errInternal() }
