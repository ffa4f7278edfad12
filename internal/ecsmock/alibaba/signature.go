package alibaba

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// signedCall is what an authenticated request says about its call.
type signedCall struct {
	Action  string
	Version string
	Params  url.Values
}

var requiredACS3Headers = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

// verifier checks both signature schemes Alibaba Cloud SDKs use.
type verifier struct {
	credentials core.Keyring
	wallClock   func() time.Time

	mu     sync.Mutex
	nonces map[string]time.Time
}

func newVerifier(keys core.Keyring, wallClock func() time.Time) *verifier {
	return &verifier{credentials: keys, wallClock: wallClock, nonces: map[string]time.Time{}}
}

// verify authenticates a request signed either with ACS3-HMAC-SHA256 (the
// Authorization header) or with the legacy RPC HMAC-SHA1 scheme (a Signature
// parameter), and returns the call it carries.
func (v *verifier) verify(r *http.Request, body []byte) (*signedCall, *core.APIError) {
	var form []byte
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded") {
		form = body
	}
	all, err := core.ParseRequestParams(r.URL.RawQuery, form)
	if err != nil {
		return nil, errInvalidParameter("The request parameters are not valid URL encoding.")
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		return v.verifyACS3(r, body, auth, all)
	}
	if all.Get("Signature") != "" {
		return v.verifyRPC(r, all)
	}
	return nil, errIncompleteSignature("Neither an Authorization header nor a Signature parameter was sent.")
}

func (v *verifier) verifyACS3(r *http.Request, body []byte, auth string, all url.Values) (*signedCall, *core.APIError) {
	algorithm, rest, _ := strings.Cut(strings.TrimSpace(auth), " ")
	if algorithm != "ACS3-HMAC-SHA256" {
		return nil, errIncompleteSignature("Only the ACS3-HMAC-SHA256 algorithm is supported.")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok {
			fields[k] = val
		}
	}
	akID, signedList, signature := fields["Credential"], fields["SignedHeaders"], fields["Signature"]
	if akID == "" || signedList == "" || signature == "" {
		return nil, errIncompleteSignature("The Authorization header must carry Credential, SignedHeaders and Signature.")
	}
	signed := strings.Split(signedList, ";")
	for _, h := range requiredACS3Headers {
		if !core.Contains(signed, h) {
			return nil, errIncompleteSignature("SignedHeaders must include " + h + ".")
		}
	}
	cred, ok := v.credentials[akID]
	if !ok {
		return nil, errAccessKeyNotFound()
	}
	if cred.SecurityToken != "" {
		if !core.Contains(signed, "x-acs-security-token") || r.Header.Get("x-acs-security-token") != cred.SecurityToken {
			return nil, errSecurityToken()
		}
	}
	if id := r.Header.Get("x-acs-accesskey-id"); id != "" && id != akID {
		return nil, errSecurityToken()
	}
	payloadHash := core.SHA256Hex(body)
	if !strings.EqualFold(r.Header.Get("x-acs-content-sha256"), payloadHash) {
		return nil, errIncompleteSignature("x-acs-content-sha256 does not match the request body.")
	}

	var canonicalHeaders strings.Builder
	for _, name := range signed {
		value := r.Header.Values(name)
		if name == "host" {
			value = []string{r.Host}
		}
		sort.Strings(value)
		canonicalHeaders.WriteString(name + ":" + strings.TrimSpace(strings.Join(value, ",")) + "\n")
	}
	query, _ := url.ParseQuery(r.URL.RawQuery)
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	canonical := r.Method + "\n" + path + "\n" + canonicalQuery(query) + "\n" +
		canonicalHeaders.String() + "\n" + signedList + "\n" + payloadHash
	stringToSign := "ACS3-HMAC-SHA256\n" + core.SHA256Hex([]byte(canonical))
	want := hex.EncodeToString(core.HMACSHA256([]byte(cred.AccessKeySecret), stringToSign))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(signature))) {
		return nil, errSignatureMismatch(stringToSign)
	}
	if e := v.checkFreshness(r.Header.Get("x-acs-date"), akID+"/"+r.Header.Get("x-acs-signature-nonce")); e != nil {
		return nil, e
	}
	return &signedCall{Action: r.Header.Get("x-acs-action"), Version: r.Header.Get("x-acs-version"), Params: all}, nil
}

func (v *verifier) verifyRPC(r *http.Request, all url.Values) (*signedCall, *core.APIError) {
	for _, name := range []string{"AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if all.Get(name) == "" {
			return nil, errIncompleteSignature("The parameter " + name + " is required with a Signature parameter.")
		}
	}
	if all.Get("SignatureMethod") != "HMAC-SHA1" || all.Get("SignatureVersion") != "1.0" {
		return nil, errIncompleteSignature("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.")
	}
	cred, ok := v.credentials[all.Get("AccessKeyId")]
	if !ok {
		return nil, errAccessKeyNotFound()
	}
	if cred.SecurityToken != "" && all.Get("SecurityToken") != cred.SecurityToken {
		return nil, errSecurityToken()
	}
	unsigned := url.Values{}
	for k, vs := range all {
		if k != "Signature" {
			unsigned[k] = vs
		}
	}
	stringToSign := r.Method + "&%2F&" + percentEncode(canonicalQuery(unsigned))
	mac := hmac.New(sha1.New, []byte(cred.AccessKeySecret+"&"))
	mac.Write([]byte(stringToSign))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(all.Get("Signature"))) {
		return nil, errSignatureMismatch(stringToSign)
	}
	if e := v.checkFreshness(all.Get("Timestamp"), all.Get("AccessKeyId")+"/"+all.Get("SignatureNonce")); e != nil {
		return nil, e
	}
	return &signedCall{Action: all.Get("Action"), Version: all.Get("Version"), Params: all}, nil
}

// checkFreshness rejects stale timestamps and replayed nonces. It runs on the
// wall clock, not the emulated one: clients sign with the real time even
// when a test has moved the emulator's calendar on by a year.
func (v *verifier) checkFreshness(stamp, nonceKey string) *core.APIError {
	at, err := time.Parse("2006-01-02T15:04:05Z", stamp)
	if err != nil {
		return errTimestampFormat()
	}
	now := v.wallClock()
	if at.Before(now.Add(-core.SignatureWindow)) || at.After(now.Add(core.SignatureWindow)) {
		return errTimestampExpired()
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for k, seen := range v.nonces {
		if now.Sub(seen) > core.SignatureWindow {
			delete(v.nonces, k)
		}
	}
	if _, used := v.nonces[nonceKey]; used {
		return errNonceUsed()
	}
	v.nonces[nonceKey] = now
	return nil
}

// percentEncode is RFC 3986 encoding as both signature schemes define it.
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

func canonicalQuery(values url.Values) string {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		for _, val := range values[k] {
			parts = append(parts, percentEncode(k)+"="+percentEncode(val))
		}
	}
	return strings.Join(parts, "&")
}
