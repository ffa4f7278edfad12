package ecsmock

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// The Alibaba Cloud dialect: RPC-style calls of ECS 2014-05-26, signed with
// ACS3-HMAC-SHA256 or the legacy HMAC-SHA1 scheme, parameters in the query
// or a form body, answered with flat JSON and the POP gateway's errors.

var alibabaLifecycle = lifecycle{
	creating: StatusCreating, active: StatusActive, updating: StatusUpdating,
	inactive: StatusInactive, expired: StatusExpired,
	expiredLocks: []string{"financial"},
}

// alibabaRoute is how one action is decoded and committed.
type alibabaRoute struct {
	decode     func(p params) operation
	readOnly   bool
	idempotent bool
}

var alibabaRoutes = map[string]alibabaRoute{
	"PurchaseReservedInstancesOffering":          {decode: decodeAlibabaPurchase, idempotent: true},
	"DescribeReservedInstances":                  {decode: decodeAlibabaDescribe, readOnly: true},
	"ModifyReservedInstances":                    {decode: decodeAlibabaModify},
	"RenewReservedInstances":                     {decode: decodeAlibabaRenew, idempotent: true},
	"ModifyReservedInstanceAttribute":            {decode: decodeAlibabaModifyAttribute},
	"ModifyReservedInstanceAutoRenewAttribute":   {decode: decodeAlibabaModifyAutoRenew},
	"DescribeReservedInstanceAutoRenewAttribute": {decode: decodeAlibabaDescribeAutoRenew, readOnly: true},
	"TagResources":                               {decode: decodeAlibabaTagResources},
	"UntagResources":                             {decode: decodeAlibabaUntagResources},
	"ListTagResources":                           {decode: decodeAlibabaListTagResources, readOnly: true},
}

// alibabaEnvelopeParams belong to the signature and protocol, not to the
// API call.
var alibabaEnvelopeParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true, "Signature": true,
	"SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true, "SignatureType": true,
	"Timestamp": true, "SecurityToken": true,
}

func alibabaAPIParams(all url.Values) params {
	out := params{}
	for k, v := range all {
		if !alibabaEnvelopeParams[k] {
			out[k] = v
		}
	}
	return out
}

type alibabaDialect struct {
	verifier       *alibabaVerifier
	titleCaseScope bool
}

func newAlibabaDialect(keys keyring, wallClock func() time.Time, titleCaseScope bool) *alibabaDialect {
	return &alibabaDialect{verifier: newAlibabaVerifier(keys, wallClock), titleCaseScope: titleCaseScope}
}

func (d *alibabaDialect) cloud() Cloud { return CloudAlibaba }

// claims every request: Alibaba is the dialect of last resort, which also
// answers requests that carry no signature at all.
func (d *alibabaDialect) claims(*http.Request) bool { return true }

func (d *alibabaDialect) authenticate(r *http.Request, ex *exchange) (*request, *apiError) {
	ex.service = "ecs"
	ex.action = r.Header.Get("x-acs-action")
	if ex.action == "" {
		ex.action = r.URL.Query().Get("Action")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, newError(http.StatusBadRequest, "UnsupportedHTTPMethod", "Only GET and POST are supported.")
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		return nil, aliErrActionNotFound()
	}
	body, ok := readBody(r)
	if !ok {
		return nil, aliErrInvalidParameter("The request body could not be read or exceeds 1 MiB.")
	}
	signed, aerr := d.verifier.verify(r, body)
	if aerr != nil {
		return nil, aerr
	}
	ex.action, ex.version = signed.Action, signed.Version
	p := alibabaAPIParams(signed.Params)
	req := &request{service: "ecs", action: signed.Action, params: p.firstValues()}
	if signed.Version != APIVersion {
		return req, newError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
	}
	route, ok := alibabaRoutes[signed.Action]
	if !ok {
		return req, aliErrActionNotFound()
	}
	req.readOnly, req.idempotent = route.readOnly, route.idempotent
	if route.idempotent {
		req.token, req.digest = p.get("ClientToken"), p.digest()
	}
	req.decode = func() (operation, *apiError) { return route.decode(p), nil }
	return req, nil
}

func (d *alibabaDialect) writeResult(w http.ResponseWriter, ex *exchange, body map[string]any) {
	out := map[string]any{"RequestId": ex.requestID}
	for k, v := range body {
		out[k] = v
	}
	writeJSON(w, http.StatusOK, out)
}

func (d *alibabaDialect) writeError(w http.ResponseWriter, ex *exchange, aerr *apiError) {
	hostID := ex.host
	if hostID == "" {
		hostID = "ecs.aliyuncs.com"
	}
	writeJSON(w, aerr.Status, map[string]any{
		"RequestId": ex.requestID,
		"HostId":    hostID,
		"Code":      aerr.Code,
		"Message":   aerr.Message,
		"Recommend": fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=Ecs&requestId=%s", aerr.Code, ex.requestID),
	})
}

func (d *alibabaDialect) errThrottled() *apiError      { return aliErrThrottled() }
func (d *alibabaDialect) errMalformedToken() *apiError { return aliErrClientToken() }
func (d *alibabaDialect) errTokenMismatch() *apiError  { return aliErrIdempotentMismatch() }
func (d *alibabaDialect) errInternal() *apiError       { return aliErrInternal() }
