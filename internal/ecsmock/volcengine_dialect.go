package ecsmock

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The Volcengine dialect: ECS 2020-04-01 as GET requests with query
// parameters, Billing 2022-01-01 as POST requests with a JSON body, both
// signed with Volcengine's HMAC-SHA256 scheme and answered in the
// ResponseMetadata/Result envelope. Both services share one endpoint; the
// service and region come from the signature's credential scope.

// Status values of Volcengine RIs. Only CREATING is attested by the docs;
// the rest follow it in the upper case, an unverified choice.
const (
	VolcengineStatusCreating = "CREATING"
	VolcengineStatusActive   = "ACTIVE"
	VolcengineStatusUpdating = "UPDATING"
	VolcengineStatusInactive = "INACTIVE"
	VolcengineStatusExpired  = "EXPIRED"
)

var volcengineLifecycle = lifecycle{
	creating: VolcengineStatusCreating, active: VolcengineStatusActive, updating: VolcengineStatusUpdating,
	inactive: VolcengineStatusInactive, expired: VolcengineStatusExpired,
}

// API versions of the two services.
const (
	VolcengineECSVersion     = "2020-04-01"
	VolcengineBillingVersion = "2022-01-01"
)

// volcengineInput is a call's parameters as they arrived: flattened query
// and form parameters for ECS, a JSON body for Billing.
type volcengineInput struct {
	params params
	body   []byte
	region string
}

// volcengineRoute is how one action is decoded and committed.
type volcengineRoute struct {
	version    string
	decode     func(in volcengineInput) (operation, *apiError)
	readOnly   bool
	idempotent bool
	jsonBody   bool
}

func fromQuery(decode func(params, string) operation) func(volcengineInput) (operation, *apiError) {
	return func(in volcengineInput) (operation, *apiError) { return decode(in.params, in.region), nil }
}

func fromJSON(decode func([]byte) (operation, *apiError)) func(volcengineInput) (operation, *apiError) {
	return func(in volcengineInput) (operation, *apiError) { return decode(in.body) }
}

// volcengineRoutes maps service, then action, to its route. Every action
// with a ClientToken parameter is idempotent.
var volcengineRoutes = map[string]map[string]volcengineRoute{
	"ecs": {
		"PurchaseReservedInstances": {version: VolcengineECSVersion, decode: fromQuery(decodeVolcenginePurchase), idempotent: true},
		"DescribeReservedInstances": {version: VolcengineECSVersion, decode: fromQuery(decodeVolcengineDescribe), readOnly: true},
		"ModifyReservedInstances":   {version: VolcengineECSVersion, decode: fromQuery(decodeVolcengineModify), idempotent: true},
		"CreateTags":                {version: VolcengineECSVersion, decode: fromQuery(decodeVolcengineCreateTags), idempotent: true},
		"DeleteTags":                {version: VolcengineECSVersion, decode: fromQuery(decodeVolcengineDeleteTags), idempotent: true},
	},
	"billing": {
		"SetRenewalType":         {version: VolcengineBillingVersion, decode: fromJSON(decodeVolcengineJSON[volcengineSetRenewalType]()), idempotent: true, jsonBody: true},
		"RenewInstance":          {version: VolcengineBillingVersion, decode: fromJSON(decodeVolcengineJSON[volcengineRenewInstance]()), idempotent: true, jsonBody: true},
		"ListAvailableInstances": {version: VolcengineBillingVersion, decode: fromJSON(decodeVolcengineJSON[volcengineListAvailableInstances]()), readOnly: true, jsonBody: true},
	},
}

// volcengineEnvelopeParams are protocol parameters, not API parameters.
var volcengineEnvelopeParams = map[string]bool{"Action": true, "Version": true}

type volcengineDialect struct {
	verifier *volcengineVerifier
}

func newVolcengineDialect(keys keyring, wallClock func() time.Time) *volcengineDialect {
	return &volcengineDialect{verifier: &volcengineVerifier{credentials: keys, wallClock: wallClock}}
}

func (d *volcengineDialect) cloud() Cloud { return CloudVolcengine }

// claims requests signed with Volcengine's scheme, or that carry its X-Date
// header without a signature (answered with MissingSignature).
func (d *volcengineDialect) claims(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	return strings.HasPrefix(auth, volcengineAlgorithm+" ") || (auth == "" && r.Header.Get("X-Date") != "")
}

func (d *volcengineDialect) authenticate(r *http.Request, ex *exchange) (*request, *apiError) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, volcErrMissingRequestInfo("a well-formed query")
	}
	ex.action, ex.version = query.Get("Action"), query.Get("Version")
	auth, aerr := parseVolcengineAuthorization(r.Header.Get("Authorization"))
	ex.service, ex.region = auth.scope.service, auth.scope.region
	if aerr != nil {
		return nil, aerr
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost || (r.URL.Path != "/" && r.URL.Path != "") {
		return nil, volcErrInvalidActionOrVersion(ex.action, ex.version)
	}
	body, ok := readBody(r)
	if !ok {
		return nil, volcErrInvalidParameter("The request body could not be read or exceeds 1 MiB.")
	}
	if aerr := d.verifier.verify(r, body, auth); aerr != nil {
		return nil, aerr
	}
	route, aerr := volcengineRouteFor(auth.scope.service, ex.action, ex.version)
	if aerr != nil {
		return nil, aerr
	}
	return d.request(r, route, query, body, auth.scope)
}

// volcengineRouteFor finds the action of a service in its version.
func volcengineRouteFor(service, action, version string) (volcengineRoute, *apiError) {
	actions, ok := volcengineRoutes[service]
	switch {
	case !ok:
		return volcengineRoute{}, volcErrServiceNotFound(service)
	case action == "":
		return volcengineRoute{}, volcErrMissingParameter("Action")
	case version == "":
		return volcengineRoute{}, volcErrMissingParameter("Version")
	}
	route, ok := actions[action]
	if !ok || route.version != version {
		return volcengineRoute{}, volcErrInvalidActionOrVersion(action, version)
	}
	return route, nil
}

// request reads the parameters of an authenticated call.
func (d *volcengineDialect) request(r *http.Request, route volcengineRoute, query url.Values, body []byte, scope volcengineScope) (*request, *apiError) {
	req := &request{service: scope.service, action: query.Get("Action"), readOnly: route.readOnly, idempotent: route.idempotent}
	in := volcengineInput{body: body, region: scope.region}
	if route.jsonBody {
		obj, ok := jsonObject(body)
		if !ok {
			return nil, volcErrInvalidParameter("The request body must be a JSON object.")
		}
		req.params, req.digest = jsonLogParams(obj), jsonDigest(obj)
		req.token, _ = obj["ClientToken"].(string)
	} else {
		var form []byte
		if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded") {
			form = body
		}
		all, err := parseRequestParams(r.URL.RawQuery, form)
		if err != nil {
			return nil, volcErrMissingRequestInfo("well-formed parameters")
		}
		in.params = params{}
		for k, v := range all {
			if !volcengineEnvelopeParams[k] {
				in.params[k] = v
			}
		}
		req.params, req.digest, req.token = in.params.firstValues(), in.params.digest(), in.params.get("ClientToken")
	}
	req.decode = func() (operation, *apiError) { return route.decode(in) }
	return req, nil
}

// writeResult answers with the full envelope, as the SDK expects.
func (d *volcengineDialect) writeResult(w http.ResponseWriter, ex *exchange, body map[string]any) {
	writeJSON(w, http.StatusOK, map[string]any{"ResponseMetadata": volcengineMetadata(ex), "Result": body})
}

// writeError always answers with ResponseMetadata: without it the SDK can
// only report "UnknownError".
func (d *volcengineDialect) writeError(w http.ResponseWriter, ex *exchange, aerr *apiError) {
	meta := volcengineMetadata(ex)
	e := map[string]any{"Code": aerr.Code, "Message": aerr.Message}
	if n, ok := volcengineCodeN[aerr.Code]; ok {
		e["CodeN"] = n
	}
	meta["Error"] = e
	writeJSON(w, aerr.Status, map[string]any{"ResponseMetadata": meta})
}

func volcengineMetadata(ex *exchange) map[string]any {
	return map[string]any{
		"RequestId": ex.requestID, "Action": ex.action, "Version": ex.version,
		"Service": ex.service, "Region": ex.region,
	}
}

func (d *volcengineDialect) errThrottled() *apiError      { return volcErrFlowLimitExceeded() }
func (d *volcengineDialect) errMalformedToken() *apiError { return volcErrClientToken() }
func (d *volcengineDialect) errTokenMismatch() *apiError  { return volcErrIdempotentMismatch() }
func (d *volcengineDialect) errInternal() *apiError       { return volcErrInternal() }
