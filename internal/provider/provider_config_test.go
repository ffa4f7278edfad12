package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

var credentialEnv = []string{
	"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY",
	"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_ROLE_ARN",
	"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_ECS_METADATA", "ECSRI_ENDPOINT",
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

const oneRI = `
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }]
}`

func applies(t *testing.T, config string) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(),
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, at("status"), knownvalue.StringExact("Active"))},
		}},
	})
}

func rejects(t *testing.T, config, pattern string) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(),
		Steps:                    []resource.TestStep{{Config: config, ExpectError: regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))}},
	})
}

func TestAccProvider_environmentVariables(t *testing.T) {
	isolate(t)
	e := newAccEnv(t, ecsmock.Options{})
	t.Setenv("ECSRI_ENDPOINT", e.endpoint)
	t.Setenv("ALICLOUD_REGION", "cn-hangzhou")
	// The first variable of each list wins over the legacy name.
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ecsmock.DefaultAccessKeyID)
	t.Setenv("ALICLOUD_ACCESS_KEY", "legacy-key-that-would-fail")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ecsmock.DefaultAccessKeySecret)
	applies(t, `provider "ecsri" {}`+oneRI)
}

func TestAccProvider_profileFile(t *testing.T) {
	isolate(t)
	e := newAccEnv(t, ecsmock.Options{Credentials: []ecsmock.Credential{{AccessKeyID: "STS.profile", AccessKeySecret: "s3cret", SecurityToken: "tok"}}})
	file := filepath.Join(t.TempDir(), "config.json")
	content := (`{"current":"default","profiles":[
 {"name":"ci","mode":"StsToken","access_key_id":"STS.profile","access_key_secret":"s3cret","sts_token":"tok"},
 {"name":"role","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"acs:ram::1:role/x"}]}`)
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", file)
	block := func(profile string) string {
		return fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n profile = %q\n}\n", e.endpoint, profile)
	}
	applies(t, block("ci")+oneRI)
	rejects(t, block("nope")+oneRI, `profile "nope" not found in`)
	rejects(t, block("role")+oneRI, `uses mode "RamRoleArn"; only AK and StsToken profiles`)
}

func TestAccProvider_securityToken(t *testing.T) {
	isolate(t)
	e := newAccEnv(t, ecsmock.Options{Credentials: []ecsmock.Credential{{AccessKeyID: "STS.tmp", AccessKeySecret: "s3cret", SecurityToken: "tok-1"}}})
	block := func(token string) string {
		return fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = \"STS.tmp\"\n secret_key = \"s3cret\"\n security_token = %q\n}\n", e.endpoint, token)
	}
	applies(t, block("tok-1")+oneRI)
	rejects(t, block("stale")+oneRI, `InvalidSecurityToken.MismatchWithAccessKey`)
}

func TestAccProvider_configurationErrors(t *testing.T) {
	isolate(t)
	e := newAccEnv(t, ecsmock.Options{})
	t.Run("missing region", func(t *testing.T) {
		rejects(t, fmt.Sprintf("provider \"ecsri\" {\n endpoint = %q\n access_key = \"a\"\n secret_key = \"b\"\n}\n", e.endpoint)+oneRI,
			`Set region in the provider block, or the ALIBABA_CLOUD_REGION_ID`)
	})
	t.Run("missing credentials", func(t *testing.T) {
		rejects(t, fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n}\n", e.endpoint)+oneRI,
			`No usable Alibaba Cloud credentials`)
	})
	t.Run("half a key pair", func(t *testing.T) {
		rejects(t, fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = \"a\"\n}\n", e.endpoint)+oneRI,
			`access_key and secret_key must be set together`)
	})
	t.Run("wrong secret", func(t *testing.T) {
		rejects(t, e.providerBlock("")[:0]+fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = %q\n secret_key = \"wrong\"\n}\n", e.endpoint, ecsmock.DefaultAccessKeyID)+oneRI,
			`SignatureDoesNotMatch`)
	})
	t.Run("unknown key", func(t *testing.T) {
		rejects(t, fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = \"nobody\"\n secret_key = \"x\"\n}\n", e.endpoint)+oneRI,
			`InvalidAccessKeyId.NotFound`)
	})
	t.Run("endpoint scheme", func(t *testing.T) {
		rejects(t, "provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = \"ftp://x\"\n access_key = \"a\"\n secret_key = \"b\"\n}\n"+oneRI,
			`scheme must be http or https`)
	})
	t.Run("request timeout", func(t *testing.T) {
		rejects(t, e.providerBlock(`request_timeout = "fast"`)+oneRI, `request_timeout must be a positive Go duration`)
	})
	if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering"); n != 0 {
		t.Fatalf("misconfigured providers bought %d RIs", n)
	}
}

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	cases := map[string][2]string{
		"":                             {"", "https"},
		"http://127.0.0.1:18080":       {"127.0.0.1:18080", "http"},
		"http://127.0.0.1:18080/":      {"127.0.0.1:18080", "http"},
		"https://ecs.aliyuncs.com":     {"ecs.aliyuncs.com", "https"},
		"ecs-cn-hangzhou.aliyuncs.com": {"ecs-cn-hangzhou.aliyuncs.com", "https"},
	}
	for in, want := range cases {
		host, proto, err := alicloud.ParseEndpoint(in)
		if err != nil || host != want[0] || proto != want[1] {
			t.Errorf("%q: got %q %q %v, want %q %q", in, host, proto, err, want[0], want[1])
		}
	}
	for _, bad := range []string{"ftp://x", "http://host/path", "http://", "http://h?x=1"} {
		if _, _, err := alicloud.ParseEndpoint(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestAccProvider_secretsNeverLogged runs an apply with provider logging at
// TRACE and checks the log names the access key but never the secret.
func TestAccProvider_secretsNeverLogged(t *testing.T) {
	isolate(t)
	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	secret := "very-secret-value-123"
	e := newAccEnv(t, ecsmock.Options{Credentials: []ecsmock.Credential{{AccessKeyID: "AK.visible", AccessKeySecret: secret}}})
	// The secret comes from the environment: terraform itself logs the
	// configuration source, which is not the provider's doing.
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
	applies(t, fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = \"AK.visible\"\n}\n", e.endpoint)+oneRI)
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	if !strings.Contains(log, "configured the ECS client") || !strings.Contains(log, "AK.visible") {
		t.Fatalf("the provider's configuration line is missing from the log (%d bytes), so the check below proves nothing", len(raw))
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, secret) {
			t.Fatalf("the secret key appears in the log: %.400s", line)
		}
	}
}

func TestAccFunction_normalizationFactor(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(),
		Steps: []resource.TestStep{
			{
				Config: e.providerBlock("") + `
output "factor" { value = provider::ecsri::normalization_factor("ecs.g5.2xlarge") }
output "total"  { value = 3 * provider::ecsri::normalization_factor("ecs.c7.large") }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("factor", knownvalue.Int64Exact(8)),
					statecheck.ExpectKnownOutputValue("total", knownvalue.Int64Exact(6)),
				},
			},
			{
				Config:      e.providerBlock("") + `output "x" { value = provider::ecsri::normalization_factor("ecs.t5-lc2m1.nano") }`,
				ExpectError: regexp.MustCompile(`normalisation\s+factor\s+of\s+"ecs.t5-lc2m1.nano"\s+is\s+not\s+known`),
			},
		},
	})
}

// Each cloud's settings are needed only where that cloud is used: a
// Volcengine-only configuration runs with no Alibaba Cloud setting at all,
// and a missing Volcengine setting is reported, with its variable, only
// when a Volcengine resource is used.
func TestAccProvider_eachCloudNeedsOnlyItsOwnSettings(t *testing.T) {
	isolate(t)
	for _, name := range []string{"VOLCENGINE_REGION", "VOLCENGINE_ACCESS_KEY", "VOLCENGINE_SECRET_KEY", "VOLCENGINE_SESSION_TOKEN", "VOLCENGINE_ENDPOINT"} {
		t.Setenv(name, "")
	}
	e := newAccEnv(t, ecsmock.Options{})
	volcOnly := e.volcengineRI(`
name           = "volc-only"
configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: volcOnly,
			Check: check(func() error {
				if len(e.volcengineLive()) != 1 || len(e.mock.Calls(ecsmock.CloudAlibaba, "")) != 0 {
					return fmt.Errorf("a Volcengine-only configuration buys on Volcengine and calls Alibaba Cloud never")
				}
				return nil
			}),
		}},
	})
	t.Setenv("VOLCENGINE_ENDPOINT", e.endpoint)
	t.Setenv("VOLCENGINE_ACCESS_KEY", ecsmock.DefaultAccessKeyID)
	t.Setenv("VOLCENGINE_SECRET_KEY", ecsmock.DefaultAccessKeySecret)
	rejects(t, e.providerBlock("")+`
resource "ecsri_volcengine_reserved_instance" "test" {
  name           = "ri"
  configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]
}`, `(?s)Missing Volcengine region.*VOLCENGINE_REGION environment variable`)
	rejects(t, `provider "ecsri" {
  volcengine {
    region   = "cn-beijing"
    endpoint = "http://127.0.0.1:99999"
  }
}`+oneRI, `port "99999" is not a number from 1 to 65535`)
}
