package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// accEnv is one in-process ecsmock and the provider configured against it.
// terraform runs the provider inside the test process, so it reaches the
// emulator on loopback.
type accEnv struct {
	mock     *ecsmock.Server
	endpoint string
	diags    *diagnostics
	// proxy misbehaves on chosen calls, in front of the emulator.
	proxy *faultProxy
}

func newAccEnv(t *testing.T, opts ecsmock.Options) *accEnv {
	t.Helper()
	if opts.ActivationDelay == 0 {
		opts.ActivationDelay = 100 * time.Millisecond
	}
	mock, err := ecsmock.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newFaultProxy(mock)
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return &accEnv{mock: mock, endpoint: srv.URL, diags: &diagnostics{}, proxy: proxy}
}

// providerBlock configures the provider for the emulator; extra lines go
// inside the block.
func (e *accEnv) providerBlock(extra string) string {
	return fmt.Sprintf(`
provider "ecsri" {
  region     = "cn-hangzhou"
  endpoint   = %q
  access_key = %q
  secret_key = %q
  %s
}
`, e.endpoint, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, extra)
}

func (e *accEnv) config(resources string) string { return e.providerBlock("") + resources }

// factories serve the provider in-process, with retries and polling paced
// for tests.
func factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecsri": providerserver.NewProtocol6WithError(New("test", WithPacing(20*time.Millisecond, 50*time.Millisecond))()),
	}
}

// factories serve the provider in-process, paced for tests, recording
// every diagnostic it returns in e.diags.
func (e *accEnv) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecsri": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(New("test", WithPacing(20*time.Millisecond, 50*time.Millisecond))())()
			return recordingServer{ProviderServer: server, rec: e.diags}, err
		},
	}
}

// seed adds an Alibaba RI to the emulator; the test stops if it cannot.
func (e *accEnv) seed(t *testing.T, ri ecsmock.ReservedInstance) ecsmock.ReservedInstance {
	t.Helper()
	out, err := e.mock.Seed(ecsmock.CloudAlibaba, ri)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// purchases counts successful purchases the emulator carried out.
func (e *accEnv) purchases() int {
	return e.mock.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
}

// volcengineBlock configures only the Volcengine half of the provider for
// the emulator: a configuration of Volcengine resources needs nothing else.
func (e *accEnv) volcengineBlock() string {
	return fmt.Sprintf(`
provider "ecsri" {
  volcengine {
    region     = "cn-beijing"
    endpoint   = %q
    access_key = %q
    secret_key = %q
  }
}
`, e.endpoint, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret)
}

// volcengineRI is a Volcengine reservation named test with the body given.
func (e *accEnv) volcengineRI(body string) string {
	return e.volcengineBlock() + "resource \"ecsri_volcengine_reserved_instance\" \"test\" {\n" + body + "\n}"
}

// volcengineLive returns the emulator's Volcengine RIs that are in effect.
func (e *accEnv) volcengineLive() []ecsmock.ReservedInstance {
	var out []ecsmock.ReservedInstance
	states := e.mock.Lifecycle(ecsmock.CloudVolcengine)
	for _, ri := range e.mock.ReservedInstances(ecsmock.CloudVolcengine) {
		if ri.Status == states.Active || ri.Status == states.Creating {
			out = append(out, ri)
		}
	}
	return out
}

// volcengineCalls counts the successful, first-time calls of a
// Volcengine action.
func (e *accEnv) volcengineCalls(action string) int {
	return e.mock.CountCalls(ecsmock.CloudVolcengine, action)
}

// rejectedAtPlan is a test case of plan-only steps, one per configuration,
// each expecting the error that names the attribute and the rule (spaces
// match any whitespace), and making no API call at all.
func (e *accEnv) rejectedAtPlan(configs, wants []string) resource.TestCase {
	steps := make([]resource.TestStep, len(configs))
	for i, cfg := range configs {
		steps[i] = resource.TestStep{
			Config: cfg, PlanOnly: true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(wants[i]), " ", `\s+`)),
		}
	}
	return resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps:                    steps,
		CheckDestroy: check(func() error {
			if n := len(e.mock.Calls(ecsmock.CloudAlibaba, "")) + len(e.mock.Calls(ecsmock.CloudVolcengine, "")); n != 0 {
				return fmt.Errorf("rejected plans made %d API calls", n)
			}
			return nil
		}),
	}
}
