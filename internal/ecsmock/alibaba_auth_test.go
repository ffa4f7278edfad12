package ecsmock_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func describeAll(c *ecs.Client) error {
	_, err := c.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region)})
	return err
}

func TestAlibabaSignatureVersionsAccepted(t *testing.T) {
	e := start(t, ecsmock.Options{})
	v2 := e.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, func(c *openapi.Config) {
		c.SignatureAlgorithm = tea.String("v2")
	})
	for name, c := range map[string]*ecs.Client{"ACS3-HMAC-SHA256": e.ecs, "v2 HMAC-SHA1": v2} {
		// Special characters exercise the percent-encoding rules of both schemes.
		_, err := c.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{
			RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"),
			Description: tea.String("a b*c~d/é+&=% 预留"), Tag: []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("team"), Value: tea.String("x y")}},
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if got := e.mock.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering"); got != 2 {
		t.Fatalf("want 2 purchases recorded, got %d", got)
	}
	for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
		if ri.Description != "a b*c~d/é+&=% 预留" || ri.Tags["team"] != "x y" {
			t.Fatalf("parameters were not decoded faithfully: %+v", ri)
		}
	}
}

func TestAlibabaWrongSecretIsRejected(t *testing.T) {
	e := start(t, ecsmock.Options{})
	for _, alg := range []string{"", "v2"} {
		c := e.client(t, ecsmock.DefaultAccessKeyID, "not-the-secret", func(c *openapi.Config) {
			if alg != "" {
				c.SignatureAlgorithm = tea.String(alg)
			}
		})
		err := describeAll(c)
		wantCode(t, err, "SignatureDoesNotMatch", 400)
		if !strings.Contains(err.Error(), "server string to sign is:") {
			t.Fatalf("message should carry the string to sign: %v", err)
		}
	}
}

func TestAlibabaUnknownAccessKey(t *testing.T) {
	e := start(t, ecsmock.Options{})
	wantCode(t, describeAll(e.client(t, "nobody", "x", nil)), "InvalidAccessKeyId.NotFound", 404)
}

func TestAlibabaSTSCredentials(t *testing.T) {
	e := start(t, ecsmock.Options{Credentials: []ecsmock.Credential{{AccessKeyID: "STS.tmp", AccessKeySecret: "s3cret", SecurityToken: "tok-123"}}})
	for _, alg := range []string{"", "v2"} {
		withToken := func(token string) func(*openapi.Config) {
			return func(c *openapi.Config) {
				c.SecurityToken = tea.String(token)
				if alg != "" {
					c.SignatureAlgorithm = tea.String(alg)
				}
			}
		}
		if err := describeAll(e.client(t, "STS.tmp", "s3cret", withToken("tok-123"))); err != nil {
			t.Fatalf("%q: valid STS credentials rejected: %v", alg, err)
		}
		wantCode(t, describeAll(e.client(t, "STS.tmp", "s3cret", withToken("stolen"))), "InvalidSecurityToken.MismatchWithAccessKey", 400)
	}
}

// signedRequest builds a raw ACS3 request, so tests can replay or skew it.
func signedRequest(t *testing.T, e *env, date time.Time, nonce, authOverride string) *http.Request {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+e.host+"/?RegionId="+region, nil)
	payload := hex.EncodeToString(sha256.New().Sum(nil))
	req.Header.Set("x-acs-action", "DescribeReservedInstances")
	req.Header.Set("x-acs-version", "2014-05-26")
	req.Header.Set("x-acs-date", date.UTC().Format("2006-01-02T15:04:05Z"))
	req.Header.Set("x-acs-signature-nonce", nonce)
	req.Header.Set("x-acs-content-sha256", payload)
	signed := "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
	canonical := "POST\n/\nRegionId=" + region + "\n" +
		"host:" + e.host + "\n" +
		"x-acs-action:DescribeReservedInstances\n" +
		"x-acs-content-sha256:" + payload + "\n" +
		"x-acs-date:" + req.Header.Get("x-acs-date") + "\n" +
		"x-acs-signature-nonce:" + nonce + "\n" +
		"x-acs-version:2014-05-26\n\n" + signed + "\n" + payload
	sum := sha256.Sum256([]byte(canonical))
	mac := hmac.New(sha256.New, []byte(ecsmock.DefaultAccessKeySecret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])))
	auth := "ACS3-HMAC-SHA256 Credential=" + ecsmock.DefaultAccessKeyID + ",SignedHeaders=" + signed + ",Signature=" + hex.EncodeToString(mac.Sum(nil))
	if authOverride != "" {
		auth = authOverride
	}
	req.Header.Set("Authorization", auth)
	return req
}

func doRaw(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("response is not JSON (status %d): %q", resp.StatusCode, raw)
	}
	return resp.StatusCode, body
}

func TestAlibabaNonceReplayAndStaleDate(t *testing.T) {
	e := start(t, ecsmock.Options{})
	now := time.Now()
	if status, body := doRaw(t, signedRequest(t, e, now, "nonce-1", "")); status != 200 {
		t.Fatalf("hand-signed request rejected: %v", body)
	}
	status, body := doRaw(t, signedRequest(t, e, now, "nonce-1", ""))
	if status != 400 || body["Code"] != "SignatureNonceUsed" {
		t.Fatalf("replayed nonce: got %d %v", status, body)
	}
	status, body = doRaw(t, signedRequest(t, e, now.Add(-20*time.Minute), "nonce-2", ""))
	if status != 400 || body["Code"] != "InvalidTimeStamp.Expired" {
		t.Fatalf("stale date: got %d %v", status, body)
	}
}

func TestAlibabaMalformedAuthorization(t *testing.T) {
	e := start(t, ecsmock.Options{})
	for name, auth := range map[string]string{
		"garbled":           "ACS3-HMAC-SHA256 nonsense",
		"unknown algorithm": "HMAC-MD5 Credential=a,SignedHeaders=host,Signature=00",
		"headers missing":   "ACS3-HMAC-SHA256 Credential=" + ecsmock.DefaultAccessKeyID + ",SignedHeaders=host,Signature=00",
	} {
		status, body := doRaw(t, signedRequest(t, e, time.Now(), "n-"+name, auth))
		if status != 400 || body["Code"] != "IncompleteSignature" {
			t.Fatalf("%s: got %d %v", name, status, body)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+e.host+"/?Action=DescribeReservedInstances&RegionId="+region, nil)
	status, body := doRaw(t, req)
	if status != 400 || body["Code"] != "IncompleteSignature" {
		t.Fatalf("unsigned request: got %d %v", status, body)
	}
	for _, key := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if body[key] == nil || body[key] == "" {
			t.Fatalf("error body lacks %s: %v", key, body)
		}
	}
}

func TestAlibabaUnknownActionAndVersion(t *testing.T) {
	e := start(t, ecsmock.Options{})
	_, err := e.ecs.DescribeInstances(&ecs.DescribeInstancesRequest{RegionId: tea.String(region)})
	wantCode(t, err, "InvalidAction.NotFound", 404)
}
