// Package acctest holds what the provider's acceptance tests share: an
// in-process ecsmock per test behind a fault proxy, the provider served in
// the test process with every diagnostic it returns recorded, each cloud's
// names for one table of cases that runs on both, the real terraform
// binary for what terraform-plugin-testing cannot do (Ctrl-C, -replace),
// and the provider's protocol driven in process, without terraform, for the
// cases that need neither the binary nor its time.
package acctest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider"
)

// Env is one in-process ecsmock behind a fault proxy, and the provider
// served against it; terraform runs the provider inside the test process,
// so it reaches the emulator on loopback.
type Env struct {
	Mock     *ecsmock.Server
	Endpoint string
	// Proxy misbehaves on chosen calls, in front of the emulator.
	Proxy *FaultProxy
	diags *diagnostics
}

// Pacing is how the provider retries and polls in tests.
var Pacing = provider.WithPacing(20*time.Millisecond, 50*time.Millisecond)

// New starts an emulator for one test; RIs activate after 100 ms unless
// the options say otherwise.
func New(t *testing.T, opts ecsmock.Options) *Env {
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
	return &Env{Mock: mock, Endpoint: srv.URL, Proxy: proxy, diags: &diagnostics{}}
}

// PreCheck skips an acceptance test unless TF_ACC is set, as
// terraform-plugin-testing does.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
}

// Factories serve the provider in process, paced for tests, recording
// every diagnostic it returns.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecsri": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(provider.New("test", Pacing)())()
			return recordingServer{ProviderServer: server, rec: e.diags}, err
		},
	}
}

// Seed adds an RI to the emulator; the test stops if it cannot.
func (e *Env) Seed(t *testing.T, cloud ecsmock.Cloud, ri ecsmock.ReservedInstance) ecsmock.ReservedInstance {
	t.Helper()
	out, err := e.Mock.Seed(cloud, ri)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Live are the emulator's RIs of a cloud that bill or are about to.
func (e *Env) Live(cloud ecsmock.Cloud) []ecsmock.ReservedInstance {
	l := e.Mock.Lifecycle(cloud)
	var out []ecsmock.ReservedInstance
	for _, ri := range e.Mock.ReservedInstances(cloud) {
		if slices.Contains([]string{l.Creating, l.Active, l.Updating}, ri.Status) {
			out = append(out, ri)
		}
	}
	return out
}

// Tokens are the ClientTokens of an action's calls, in order.
func (e *Env) Tokens(cloud ecsmock.Cloud, action string) []string {
	var out []string
	for _, c := range e.Mock.Calls(cloud, action) {
		out = append(out, c.Params["ClientToken"])
	}
	return out
}

// Check turns a Go check into a step check.
func Check(fn func() error) resource.TestCheckFunc {
	return func(*terraform.State) error { return fn() }
}

// Expect fails with the message unless ok.
func Expect(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// Quiet is a check that the emulator saw no call at all since the calls
// were last reset: a plan rejected before any call.
func (e *Env) Quiet() resource.TestCheckFunc {
	return Check(func() error {
		var n int
		for _, c := range e.Mock.Clouds() {
			n += len(e.Mock.Calls(c, ""))
		}
		return Expect(n == 0, "the emulator saw %d calls", n)
	})
}
