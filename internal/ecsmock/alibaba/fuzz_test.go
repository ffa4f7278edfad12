package alibaba

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// FuzzAlibabaRequestParams feeds arbitrary query strings and form bodies to the
// Alibaba parameter parser and the indexed/record accessors every action
// uses.
func FuzzAlibabaRequestParams(f *testing.F) {
	f.Add("RegionId=cn-hangzhou&ReservedInstanceId.1=a&ReservedInstanceId.3=b", []byte("Configuration.1.InstanceType=x&Configuration.2.Scope=Zone"))
	f.Add("Tag.1.Key=%E4%B8%AD&Tag.1.Value=a+b", []byte(""))
	f.Add("%zz=1&a.0=1&a.-1=2&a.99999999999999999999=3", []byte("a.1.b.c=d"))
	f.Fuzz(func(t *testing.T, query string, body []byte) {
		all, err := core.ParseRequestParams(query, body)
		if err != nil {
			return
		}
		p := apiParams(all)
		for _, prefix := range []string{"ReservedInstanceId", "Configuration", "Tag", "a"} {
			for _, v := range p.Indexed(prefix) {
				_ = v
			}
			for _, rec := range p.Records(prefix) {
				if rec == nil {
					t.Fatal("records returned a nil map")
				}
			}
		}
		_, _ = p.Number("InstanceAmount").Or(1)
		_ = p.Flag("AutoRenew")
		_ = p.TagPairs("Tag")
		first, second := p.Digest(), apiParams(all).Digest()
		if first != second {
			t.Fatal("digest is not deterministic")
		}
	})
}

// FuzzAlibabaVerify sends arbitrary Authorization headers, queries and bodies to the
// Alibaba signature verifier: it must answer with an API error, never panic, and
// never accept a request it cannot have signed.
func FuzzAlibabaVerify(f *testing.F) {
	f.Add("ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=00", "RegionId=x", []byte(""), "POST")
	f.Add("", "Action=DescribeReservedInstances&Signature=abc&AccessKeyId=ak&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n&Timestamp=2026-01-01T00:00:00Z", []byte("x=1"), "GET")
	f.Add("ACS3-HMAC-SHA256 ,,,=,", "", []byte{0xff}, "POST")
	v := newVerifier(core.NewKeyring([]core.Credential{{AccessKeyID: "ak", AccessKeySecret: "secret"}}), time.Now)
	f.Fuzz(func(t *testing.T, auth, query string, body []byte, method string) {
		if method != http.MethodGet && method != http.MethodPost {
			method = http.MethodPost
		}
		r := httptest.NewRequest(method, "http://127.0.0.1:1/", bytes.NewReader(body))
		r.URL.RawQuery = query
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		req, aerr := v.verify(r, body)
		if aerr == nil || req != nil {
			t.Fatalf("accepted a request no client signed: %+v", req)
		}
		if aerr.Code == "" || aerr.Status < 400 {
			t.Fatalf("error without a code or status: %+v", aerr)
		}
	})
}
