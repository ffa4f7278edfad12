package alibaba

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba/bss"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Cloud is the name of Alibaba Cloud in the emulator.
const Cloud core.Cloud = "alibaba"

// APIVersion is the Alibaba Cloud ECS API version the dialect speaks.
const APIVersion = "2014-05-26"

// Status values of Alibaba Cloud RIs, as its API reports them.
const (
	StatusCreating = "Creating"
	StatusActive   = "Active"
	StatusUpdating = "Updating"
	StatusInactive = "Inactive"
	StatusExpired  = "Expired"
)

var lifecycle = core.Lifecycle{
	Creating: StatusCreating, Active: StatusActive, Updating: StatusUpdating,
	Inactive: StatusInactive, Expired: StatusExpired,
	ExpiredLocks: []string{"financial"},
}

// Options are the settings of the Alibaba Cloud dialect. The zero value is
// the documented defaults.
type Options struct {
	// RegionalQuota and ZonalQuota limit live RIs: per account across all
	// regions, and per zone. Default 20 each, as documented.
	RegionalQuota int
	ZonalQuota    int
	// DefaultResourceGroupID is reported for RIs bought without one.
	DefaultResourceGroupID string
	// TitleCaseScope makes DescribeReservedInstances report Scope as
	// "Region"/"Zone" instead of the service's "region"/"zone", so tools
	// can be tested against both readings of the docs.
	TitleCaseScope bool
}

func (o *Options) fillDefaults() {
	if o.RegionalQuota == 0 {
		o.RegionalQuota = 20
	}
	if o.ZonalQuota == 0 {
		o.ZonalQuota = 20
	}
	core.SetDefault(&o.DefaultResourceGroupID, "rg-ecsmockdefault")
}

// world is what the Alibaba rules see: the core's world and the dialect's
// options.
type world struct {
	*core.World
	opts *Options
}

// operation is one decoded Alibaba call.
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

// actionRoute is how one action is decoded and committed.
type actionRoute struct {
	decode     func(p core.Params) operation
	readOnly   bool
	idempotent bool
}

var routes = map[string]actionRoute{
	"PurchaseReservedInstancesOffering":          {decode: decodePurchase, idempotent: true},
	"DescribeReservedInstances":                  {decode: decodeDescribe, readOnly: true},
	"ModifyReservedInstances":                    {decode: decodeModify},
	"RenewReservedInstances":                     {decode: decodeRenew, idempotent: true},
	"ModifyReservedInstanceAttribute":            {decode: decodeModifyAttribute},
	"ModifyReservedInstanceAutoRenewAttribute":   {decode: decodeModifyAutoRenew},
	"DescribeReservedInstanceAutoRenewAttribute": {decode: decodeDescribeAutoRenew, readOnly: true},
	"TagResources":                               {decode: decodeTagResources},
	"UntagResources":                             {decode: decodeUntagResources},
	"ListTagResources":                           {decode: decodeListTagResources, readOnly: true},
}

// envelopeParams belong to the signature and protocol, not to the
// API call.
var envelopeParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true, "Signature": true,
	"SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true, "SignatureType": true,
	"Timestamp": true, "SecurityToken": true,
}

func apiParams(all url.Values) core.Params {
	out := core.Params{}
	for k, v := range all {
		if !envelopeParams[k] {
			out[k] = v
		}
	}
	return out
}

// Dialect plugs into the core as a core.Dialect.
var _ core.Dialect = (*Dialect)(nil)

// Dialect is the Alibaba Cloud dialect.
type Dialect struct {
	verifier *verifier
	opts     Options
	bss      *bss.Service
}

// New builds the dialect that accepts the given keys, judging signature
// freshness by wallClock.
func New(keys core.Keyring, wallClock func() time.Time, opts Options) *Dialect {
	opts.fillDefaults()
	return &Dialect{verifier: newVerifier(keys, wallClock), opts: opts, bss: newBSS()}
}

// Profile names Alibaba Cloud, the cloud the emulator spoke first: its keys
// in the state file carry no cloud.
func (d *Dialect) Profile() core.Profile {
	return core.Profile{Cloud: Cloud, Lifecycle: lifecycle, Unscoped: true}
}

// Claims every request: Alibaba is the dialect of last resort, which also
// answers requests that carry no signature at all.
func (d *Dialect) Claims(*http.Request) bool { return true }

// Authenticate verifies an ACS3 or RPC signature and reads the call.
func (d *Dialect) Authenticate(r *http.Request, ex *core.Exchange) (*core.Request, *core.APIError) {
	ex.Service = "ecs"
	ex.Action = r.Header.Get("x-acs-action")
	if ex.Action == "" {
		ex.Action = r.URL.Query().Get("Action")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, core.NewError(http.StatusBadRequest, "UnsupportedHTTPMethod", "Only GET and POST are supported.")
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		return nil, errActionNotFound()
	}
	body, ok := core.ReadBody(r)
	if !ok {
		return nil, errInvalidParameter("The request body could not be read or exceeds 1 MiB.")
	}
	signed, aerr := d.verifier.verify(r, body)
	if aerr != nil {
		return nil, aerr
	}
	ex.Action, ex.Version = signed.Action, signed.Version
	p := apiParams(signed.Params)
	req := &core.Request{Service: "ecs", Action: signed.Action, Params: p.FirstValues()}
	if signed.Version == bss.Version {
		return d.bssRequest(ex, req, p)
	}
	if signed.Version != APIVersion {
		return req, core.NewError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
	}
	route, ok := routes[signed.Action]
	if !ok {
		return req, errActionNotFound()
	}
	req.ReadOnly, req.Idempotent = route.readOnly, route.idempotent
	if route.idempotent {
		req.Token, req.Digest = p.Get("ClientToken"), p.Digest()
	}
	req.Decode = func() (core.Operation, *core.APIError) { return bound{route.decode(p), &d.opts}, nil }
	return req, nil
}

// bssRequest routes a call of BSS OpenAPI, which shares the signature and
// the envelope of ECS and is told apart by its version.
func (d *Dialect) bssRequest(ex *core.Exchange, req *core.Request, p core.Params) (*core.Request, *core.APIError) {
	ex.Service, req.Service = bss.ServiceName, bss.ServiceName
	op, ok := d.bss.Decode(req.Action, p)
	if !ok {
		return req, errActionNotFound()
	}
	req.ReadOnly = true
	req.Decode = func() (core.Operation, *core.APIError) { return op, nil }
	return req, nil
}

// WriteResult answers with the body and the request ID, flat.
func (d *Dialect) WriteResult(w http.ResponseWriter, ex *core.Exchange, body map[string]any) {
	out := map[string]any{"RequestId": ex.RequestID}
	for k, v := range body {
		out[k] = v
	}
	core.WriteJSON(w, http.StatusOK, out)
}

// WriteError answers with the POP gateway's error body.
func (d *Dialect) WriteError(w http.ResponseWriter, ex *core.Exchange, aerr *core.APIError) {
	hostID, product := ex.Host, "Ecs"
	if ex.Service == bss.ServiceName {
		product = "BssOpenApi"
	}
	if hostID == "" {
		hostID = "ecs.aliyuncs.com"
		if ex.Service == bss.ServiceName {
			hostID = bss.Host
		}
	}
	core.WriteJSON(w, aerr.Status, map[string]any{
		"RequestId": ex.RequestID,
		"HostId":    hostID,
		"Code":      aerr.Code,
		"Message":   aerr.Message,
		"Recommend": fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s", aerr.Code, product, ex.RequestID),
	})
}

// ErrThrottled is Throttling.User.
func (d *Dialect) ErrThrottled() *core.APIError { return errThrottled() }

// ErrMalformedToken is InvalidClientToken.Malformed.
func (d *Dialect) ErrMalformedToken() *core.APIError { return errClientToken() }

// ErrTokenMismatch is IdempotentParameterMismatch.
func (d *Dialect) ErrTokenMismatch() *core.APIError { return errIdempotentMismatch() }

// ErrInternal is InternalError.
func (d *Dialect) ErrInternal() *core.APIError { return errInternal() }

// Initialise has nothing to create: Alibaba RIs name no projects.
func (d *Dialect) Initialise(*core.World) error { return nil }
