package provider_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

var credentialEnv = []string{
	"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY",
	"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_ROLE_ARN",
	"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_ECS_METADATA", "ECSRI_ENDPOINT",
	"VOLCENGINE_REGION", "VOLCENGINE_ACCESS_KEY", "VOLCENGINE_SECRET_KEY", "VOLCENGINE_SESSION_TOKEN", "VOLCENGINE_ENDPOINT",
	"VOLCENGINE_BILLING_ENDPOINT",
}

// isolate clears every variable the provider or the credential chain reads,
// and points HOME at an empty directory, so only what the test sets counts.
func isolate(t *testing.T) {
	for _, name := range credentialEnv {
		t.Setenv(name, "")
	}
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
}

// reads configures the provider with settings and reads the cloud's data
// source: a signed call that reaches the emulator proves the settings; it
// returns the diagnostics of configuring and reading, folded.
func reads(t *testing.T, c acctest.Cloud, settings map[string]any) string {
	t.Helper()
	h := acctest.NewHarness(t, c.Resource, nil)
	d := h.Configure(settings)
	if acctest.HasErrors(d) {
		return acctest.DiagText(d)
	}
	return acctest.DiagText(h.ReadData(c.DataSource, map[string]any{"ids": []any{}}).Diagnostics) +
		acctest.DiagText(h.ReadData(c.DataSource, map[string]any{}).Diagnostics)
}

// Every setting, from the configuration or the environment, on each cloud,
// over the protocol: what works reads the emulator; what does not names
// the setting and the fix, before any call that could cost money.
func TestProviderSettings(t *testing.T) {
	isolate(t)
	sts := ecsmock.Credential{AccessKeyID: "STS.tmp", AccessKeySecret: "s3cret", SecurityToken: "tok-1"}
	e := acctest.New(t, ecsmock.Options{Credentials: []ecsmock.Credential{
		{AccessKeyID: ecsmock.DefaultAccessKeyID, AccessKeySecret: ecsmock.DefaultAccessKeySecret}, sts,
		{AccessKeyID: "STS.profile", AccessKeySecret: "s3cret", SecurityToken: "tok"}}})
	profiles := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(profiles, []byte(`{"current":"default","profiles":[
 {"name":"ci","mode":"StsToken","access_key_id":"STS.profile","access_key_secret":"s3cret","sts_token":"tok"},
 {"name":"role","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"acs:ram::1:role/x"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", profiles)
	ali, volc := acctest.Alibaba, acctest.Volcengine
	with := func(c acctest.Cloud, local map[string]any) map[string]any { return c.Settings(e, nil, local) }
	cases := []struct {
		name     string
		cloud    acctest.Cloud
		settings map[string]any
		env      map[string]string
		want     string // "" reads fine
	}{
		{"alibaba from the configuration", ali, with(ali, nil), nil, ""},
		{"volcengine from the configuration", volc, with(volc, nil), nil, ""},
		{"alibaba from the environment, the first variable winning", ali, map[string]any{}, map[string]string{"ECSRI_ENDPOINT": e.Endpoint,
			"ALICLOUD_REGION": "cn-hangzhou", "ALIBABA_CLOUD_ACCESS_KEY_ID": ecsmock.DefaultAccessKeyID, "ALICLOUD_ACCESS_KEY": "legacy-key-that-would-fail",
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET": ecsmock.DefaultAccessKeySecret}, ""},
		{"volcengine from the environment", volc, map[string]any{}, map[string]string{"VOLCENGINE_ENDPOINT": e.Endpoint, "VOLCENGINE_REGION": "cn-beijing",
			"VOLCENGINE_ACCESS_KEY": ecsmock.DefaultAccessKeyID, "VOLCENGINE_SECRET_KEY": ecsmock.DefaultAccessKeySecret}, ""},
		{"alibaba STS", ali, with(ali, map[string]any{"access_key": sts.AccessKeyID, "secret_key": sts.AccessKeySecret, "security_token": "tok-1"}), nil, ""},
		{"alibaba stale STS token", ali, with(ali, map[string]any{"access_key": sts.AccessKeyID, "secret_key": sts.AccessKeySecret, "security_token": "stale"}), nil,
			"InvalidSecurityToken.MismatchWithAccessKey"},
		{"volcengine STS", volc, with(volc, map[string]any{"access_key": sts.AccessKeyID, "secret_key": sts.AccessKeySecret, "session_token": "tok-1"}), nil, ""},
		{"alibaba profile", ali, with(ali, map[string]any{"access_key": nil, "secret_key": nil, "profile": "ci"}), nil, ""},
		{"alibaba unknown profile", ali, with(ali, map[string]any{"access_key": nil, "secret_key": nil, "profile": "nope"}), nil, `profile "nope" not found in`},
		{"alibaba profile of another mode", ali, with(ali, map[string]any{"access_key": nil, "secret_key": nil, "profile": "role"}), nil,
			`uses mode "RamRoleArn"; only AK and StsToken profiles`},
		{"alibaba without region", ali, with(ali, map[string]any{"region": nil}), nil, "Set region in the provider block, or the ALIBABA_CLOUD_REGION_ID"},
		{"volcengine without region", volc, with(volc, map[string]any{"region": nil}), nil, "Missing Volcengine region"},
		{"alibaba without credentials", ali, with(ali, map[string]any{"access_key": nil, "secret_key": nil}), nil, "No usable Alibaba Cloud credentials"},
		{"volcengine without credentials", volc, with(volc, map[string]any{"access_key": nil, "secret_key": nil}), nil,
			"access_key and secret_key are required (or the VOLCENGINE_ACCESS_KEY and VOLCENGINE_SECRET_KEY environment variables)"},
		{"alibaba half a key pair", ali, with(ali, map[string]any{"secret_key": nil}), nil, "access_key and secret_key must be set together"},
		{"alibaba wrong secret", ali, with(ali, map[string]any{"secret_key": "wrong"}), nil, "SignatureDoesNotMatch"},
		{"volcengine wrong secret", volc, with(volc, map[string]any{"secret_key": "wrong"}), nil, "SignatureDoesNotMatch"},
		{"alibaba unknown key", ali, with(ali, map[string]any{"access_key": "nobody"}), nil, "InvalidAccessKeyId.NotFound"},
		{"alibaba endpoint scheme", ali, with(ali, map[string]any{"endpoint": "ftp://x"}), nil, "scheme must be http or https"},
		{"volcengine endpoint port", volc, with(volc, map[string]any{"endpoint": "http://127.0.0.1:99999"}), nil, `port "99999" is not a number from 1 to 65535`},
		{"request timeout", ali, ali.Settings(e, map[string]any{"request_timeout": "fast"}, nil), nil, "request_timeout must be a positive Go duration"},
		// Each cloud needs only its own settings.
		{"volcengine alone", volc, map[string]any{"volcengine": with(volc, nil)["volcengine"]}, nil, ""},
		{"alibaba alone, volcengine used", volc, with(ali, nil), nil, "Missing Volcengine region"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got := reads(t, tc.cloud, tc.settings)
			switch {
			case tc.want == "" && got != "":
				t.Fatalf("should read the emulator:%s", got)
			case tc.want != "" && !strings.Contains(strings.Join(strings.Fields(got), " "), tc.want):
				t.Fatalf("should say %q:%s", tc.want, got)
			}
		})
	}
	for _, c := range acctest.Clouds {
		for _, a := range []string{c.Rules.Calls.Purchase, c.Rules.Calls.Renew, c.Rules.Calls.Modify} {
			if n := len(e.Mock.Calls(c.Mock, a)); n != 0 {
				t.Fatalf("configuring and reading made %d %s calls", n, a)
			}
		}
	}
}

// The settings every cloud shares apply to both, in one table (issue #16:
// Volcengine ignored max_retries and request_timeout): max_retries = 0 makes
// one attempt of a read that fails with HTTP 500; request_timeout ends an
// answer that never comes; read_timeout bounds a read throttled for ever.
func TestProviderSharedSettingsApplyToBothClouds(t *testing.T) {
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		describe := "DescribeReservedInstances"
		throttled := map[string]struct {
			status int
			code   string
		}{"alibaba": {400, "Throttling.User"}, "volcengine": {429, "FlowLimitExceeded"}}
		cases := []struct {
			name     string
			shared   map[string]any
			fault    *ecsmock.Fault
			throttle *ecsmock.Throttle
			want     string
			attempts int
			within   time.Duration
		}{
			{"max_retries", map[string]any{"max_retries": 0}, &ecsmock.Fault{Action: describe, Times: -1, Status: 500, Code: "InternalError"},
				nil, "InternalError", 1, 10 * time.Second},
			// The answer never comes: with the default of 60 s the read would
			// wait 30 s; the call the client gave up on may not be logged.
			{"request_timeout", map[string]any{"request_timeout": "1s", "max_retries": 0}, &ecsmock.Fault{Action: describe, Times: -1, Latency: ecsmock.Duration(30 * time.Second)},
				nil, "no answer from the endpoint", 0, 10 * time.Second},
			{"read_timeout", map[string]any{"read_timeout": "2s"}, &ecsmock.Fault{Action: describe, Times: -1, Status: throttled[c.Name].status, Code: throttled[c.Name].code},
				nil, "until the read budget (read_timeout = 2s) ran out", 0, 10 * time.Second},
		}
		for _, tc := range cases {
			e := acctest.New(t, ecsmock.Options{})
			e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, ZoneID: c.Zone})
			if tc.fault != nil {
				e.Mock.InjectFault(c.Mock, *tc.fault)
			}
			if tc.throttle != nil {
				e.Mock.SetThrottle(c.Mock, *tc.throttle)
			}
			h := acctest.NewHarness(t, c.Resource, c.Settings(e, tc.shared, nil))
			began := time.Now()
			d := acctest.DiagText(h.ReadData(c.DataSource, map[string]any{}).Diagnostics)
			took := time.Since(began)
			if !strings.Contains(strings.Join(strings.Fields(d), " "), tc.want) || took > tc.within {
				t.Fatalf("%s: want %q within %s; got after %s:%s", tc.name, tc.want, tc.within, took, d)
			}
			if tc.attempts > 0 {
				if n := len(e.Mock.Calls(c.Mock, describe)); n != tc.attempts {
					t.Fatalf("%s: %d attempts, want %d", tc.name, n, tc.attempts)
				}
			}
		}
	})
}

// A refused or silent endpoint fails a read fast on each cloud, naming the
// action: nothing is left waiting on a machine that does not answer.
func TestProviderUnreachableEndpointsFailFast(t *testing.T) {
	refused := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		return "http://" + addr
	}()
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		h := acctest.NewHarness(t, c.Resource, c.Settings(e, nil, map[string]any{"endpoint": refused}))
		began := time.Now()
		d := acctest.DiagText(h.ReadData(c.DataSource, map[string]any{}).Diagnostics)
		if !strings.Contains(d, "was not sent") || time.Since(began) > 10*time.Second {
			t.Fatalf("a refused connection fails fast, never sent: %s after %s", d, time.Since(began))
		}
	})
}

// Through terraform, with TRACE logging: settings from the environment
// work, the log names the access key, and never the secret.
func TestAccProviderEnvironmentAndSecretsNeverLogged(t *testing.T) {
	acctest.PreCheck(t)
	isolate(t)
	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	secret := "very-secret-value-123"
	e := acctest.New(t, ecsmock.Options{Credentials: []ecsmock.Credential{{AccessKeyID: "AK.visible", AccessKeySecret: secret}}})
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
	t.Setenv("VOLCENGINE_SECRET_KEY", secret)
	t.Setenv("VOLCENGINE_ENDPOINT", e.Endpoint)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`provider "ecsri" {
  region     = "cn-hangzhou"
  endpoint   = %q
  access_key = "AK.visible"
  volcengine {
    region     = "cn-beijing"
    access_key = "AK.visible"
  }
}
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }]
}
resource "ecsri_volcengine_reserved_instance" "test" {
  name           = "ri"
  configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]
}
output "factor" { value = provider::ecsri::normalization_factor("ecs.g5.2xlarge") }
`, e.Endpoint),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("ecsri_reserved_instance.test", acctest.At("status"), knownvalue.StringExact("Active")),
				statecheck.ExpectKnownValue("ecsri_volcengine_reserved_instance.test", acctest.At("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownOutputValue("factor", knownvalue.Int64Exact(8)),
			},
		}},
	})
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, line := range []string{"configured the ECS client", "configured the Volcengine client", "AK.visible"} {
		if !strings.Contains(log, line) {
			t.Fatalf("%q is missing from the log (%d bytes), so the check below proves nothing", line, len(raw))
		}
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, secret) {
			t.Fatalf("the secret key appears in the log: %.400s", line)
		}
	}
}

// normalization_factor: known sizes, and a clear error for one it does not
// know or whose factor would overflow.
func TestFunctionNormalizationFactor(t *testing.T) {
	t.Parallel()
	h := acctest.NewHarness(t, acctest.Alibaba.Resource, nil)
	for name, want := range map[string]string{
		"ecs.g5.2xlarge": "8", "ecs.c7.large": "2", "ecs.g3i.3xlarge": "12",
		"ecs.t5-lc2m1.nano":                `normalisation factor of "ecs.t5-lc2m1.nano" is not known`,
		"ecs.g6.2305843009213693952xlarge": `normalisation factor of "ecs.g6.2305843009213693952xlarge" is not known`,
	} {
		if got := h.Call("normalization_factor", name); !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(got) {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}
