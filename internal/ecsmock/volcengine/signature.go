package volcengine

import (
	"crypto/hmac"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Volcengine signs requests with a variant of AWS Signature V4:
//
//	Authorization: HMAC-SHA256 Credential=AK/YYYYMMDD/region/service/request,
//	               SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=hex
//
// The signing key is HMAC(HMAC(HMAC(HMAC(secret, date), region), service),
// "request"), with no prefix on the secret. The credential scope also tells
// which service (ecs or billing) and region the call is for, because every
// service answers on the same endpoint.

const signatureAlgorithm = "HMAC-SHA256"

// dateFormat is the format of X-Date.
const dateFormat = "20060102T150405Z"

// credentialScope is the credential scope of a signature.
type credentialScope struct {
	accessKeyID, date, region, service string
}

// authorization is a parsed Authorization header.
type authorization struct {
	scope         credentialScope
	signedHeaders string
	signature     string
}

// parseAuthorization reads the Authorization header. The scope
// comes back as soon as it is readable, even when the header is incomplete,
// so that errors are answered with the service and region they concern.
func parseAuthorization(header string) (authorization, *core.APIError) {
	var auth authorization
	algorithm, rest, _ := strings.Cut(strings.TrimSpace(header), " ")
	if header == "" || algorithm != signatureAlgorithm {
		return auth, errMissingSignature()
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(part), "="); ok {
			fields[k] = v
		}
	}
	parts := strings.Split(fields["Credential"], "/")
	if len(parts) != 5 || parts[4] != "request" || parts[0] == "" || parts[2] == "" || parts[3] == "" {
		return auth, errMissingRequestInfo("Credential (AccessKey/Date/Region/Service/request)")
	}
	auth.scope = credentialScope{accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3]}
	auth.signedHeaders, auth.signature = fields["SignedHeaders"], fields["Signature"]
	if auth.signature == "" {
		return auth, errMissingSignature()
	}
	if auth.signedHeaders == "" {
		return auth, errMissingRequestInfo("SignedHeaders")
	}
	return auth, nil
}

// verifier checks signatures against the emulator's credentials.
type verifier struct {
	credentials core.Keyring
	wallClock   func() time.Time
}

// verify checks a request whose Authorization header has been parsed: the
// key, the date and its freshness, the payload hash, the security token of
// temporary credentials, and finally the signature itself. Freshness uses
// the wall clock, because clients sign with the real time even when a test
// has moved the emulated calendar on.
func (v *verifier) verify(r *http.Request, body []byte, auth authorization) *core.APIError {
	cred, ok := v.credentials[auth.scope.accessKeyID]
	if !ok {
		return errInvalidAccessKey(auth.scope.accessKeyID)
	}
	stamp := r.Header.Get("X-Date")
	if stamp == "" {
		return errMissingRequestInfo("X-Date")
	}
	if aerr := v.checkDate(stamp, auth.scope.date); aerr != nil {
		return aerr
	}
	signed := strings.Split(auth.signedHeaders, ";")
	if aerr := checkPayload(r, body, signed); aerr != nil {
		return aerr
	}
	if aerr := checkToken(r, cred, signed); aerr != nil {
		return aerr
	}
	if !core.Contains(signed, "host") || !core.Contains(signed, "x-date") {
		return errSignatureDoesNotMatch()
	}
	want := signatureOf(cred.AccessKeySecret, auth, buildStringToSign(r, body, auth, stamp))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(auth.signature))) {
		return errSignatureDoesNotMatch()
	}
	return nil
}

// checkDate requires X-Date within 15 minutes of now and the scope's date
// to be X-Date's day.
func (v *verifier) checkDate(stamp, scopeDate string) *core.APIError {
	at, err := time.Parse(dateFormat, stamp)
	if err != nil {
		return errInvalidTimestamp()
	}
	now := v.wallClock()
	if at.Before(now.Add(-core.SignatureWindow)) || at.After(now.Add(core.SignatureWindow)) {
		return errInvalidTimestamp()
	}
	if scopeDate != stamp[:8] {
		return errSignatureDoesNotMatch()
	}
	return nil
}

// checkPayload requires X-Content-Sha256, signed, and matching the
// body actually received.
func checkPayload(r *http.Request, body []byte, signed []string) *core.APIError {
	hash := r.Header.Get("X-Content-Sha256")
	if hash == "" {
		return errMissingRequestInfo("X-Content-Sha256")
	}
	if !core.Contains(signed, "x-content-sha256") || !strings.EqualFold(hash, core.SHA256Hex(body)) {
		return errSignatureDoesNotMatch()
	}
	return nil
}

// checkToken: a temporary (STS) key must come with its signed
// X-Security-Token.
func checkToken(r *http.Request, cred core.Credential, signed []string) *core.APIError {
	if cred.SecurityToken == "" {
		return nil
	}
	token := r.Header.Get("X-Security-Token")
	switch {
	case token == "":
		return errMissingAuthenticationToken()
	case token != cred.SecurityToken:
		return errInvalidAccessKey(cred.AccessKeyID)
	case !core.Contains(signed, "x-security-token"):
		return errSignatureDoesNotMatch()
	}
	return nil
}

func buildStringToSign(r *http.Request, body []byte, auth authorization, stamp string) string {
	s := auth.scope
	scope := s.date + "/" + s.region + "/" + s.service + "/request"
	return signatureAlgorithm + "\n" + stamp + "\n" + scope + "\n" + core.SHA256Hex([]byte(canonicalRequest(r, body, auth.signedHeaders)))
}

// canonicalRequest is method, path, query, signed headers and
// payload hash, one per line, the headers block ending with its own newline.
func canonicalRequest(r *http.Request, body []byte, signedHeaders string) string {
	query, _ := url.ParseQuery(r.URL.RawQuery)
	var headers strings.Builder
	for _, name := range strings.Split(signedHeaders, ";") {
		headers.WriteString(name + ":" + headerValue(r, name) + "\n")
	}
	path := r.URL.Path
	if path == "" {
		path = "/"
	}
	return strings.Join([]string{
		r.Method, escapePath(path), canonicalQuery(query),
		headers.String(), signedHeaders, core.SHA256Hex(body),
	}, "\n")
}

// headerValue is a header's first value, trimmed; the host drops
// its port only when it is the scheme's default.
func headerValue(r *http.Request, name string) string {
	if name != "host" {
		return strings.TrimSpace(r.Header.Get(name))
	}
	host := r.Host
	if h, port, ok := strings.Cut(host, ":"); ok && (port == "80" || port == "443") {
		host = h
	}
	return host
}

// canonicalQuery sorts keys and escapes as RFC 3986, spaces as %20.
func canonicalQuery(query url.Values) string {
	return strings.ReplaceAll(query.Encode(), "+", "%20")
}

// escapePath escapes every byte of each path segment except
// letters, digits and -_.~.
func escapePath(path string) string {
	segments := strings.Split(path, "/")
	for i, seg := range segments {
		var b strings.Builder
		for j := 0; j < len(seg); j++ {
			c := seg[j]
			if isUnreserved(c) {
				b.WriteByte(c)
			} else {
				b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
			}
		}
		segments[i] = b.String()
	}
	return strings.Join(segments, "/")
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

func signatureOf(secret string, auth authorization, stringToSign string) string {
	s := auth.scope
	key := core.HMACSHA256([]byte(secret), s.date)
	key = core.HMACSHA256(key, s.region)
	key = core.HMACSHA256(key, s.service)
	key = core.HMACSHA256(key, "request")
	return hex.EncodeToString(core.HMACSHA256(key, stringToSign))
}
