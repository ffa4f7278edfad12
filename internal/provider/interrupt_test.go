package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// servedProvider serves the provider in this process for terraform
// commands run by the test, as TF_REATTACH_PROVIDERS describes it.
func servedProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	factory := func() tfprotov6.ProviderServer {
		return providerserver.NewProtocol6(New("test", WithPacing(20*time.Millisecond, 50*time.Millisecond))())()
	}
	go func() {
		if err := tf6server.Serve("registry.terraform.io/ecsri/ecsri", factory, tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithLoggingSink(t)); err != nil {
			t.Error(err)
		}
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case <-time.After(30 * time.Second):
		t.Fatal("the provider did not start serving")
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	info := map[string]any{"registry.terraform.io/ecsri/ecsri": map[string]any{
		"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}}
	raw, err := json.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// terraformIn prepares terraform commands in dir against the served provider.
func terraformIn(dir, reattach string, args ...string) *exec.Cmd {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return cmd
}

// Ctrl-C while the first of three purchases is in flight: that purchase
// ends and is recorded in state, no other purchase starts, and the next
// apply buys the two left, nothing twice.
func TestAccInterrupt_ctrlCStopsFurtherPurchases(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	purchasing := make(chan struct{}, 8)
	e.proxy.onRequest = func(action string) {
		if action == "PurchaseReservedInstancesOffering" {
			purchasing <- struct{}{}
		}
	}
	e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "PurchaseReservedInstancesOffering", Times: 1, Latency: ecsmock.Duration(2 * time.Second)})
	dir := t.TempDir()
	config := strings.Replace(e.providerBlock(""), `provider "ecsri" {`, "terraform {\n  required_providers {\n    ecsri = { source = \"ecsri/ecsri\" }\n  }\n}\nprovider \"ecsri\" {", 1) +
		`resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }, { instance_type = "ecs.r6.large" }]
}`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	reattach := servedProvider(t)
	if out, err := terraformIn(dir, reattach, "init", "-input=false").CombinedOutput(); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}

	var out bytes.Buffer
	apply := terraformIn(dir, reattach, "apply", "-auto-approve", "-input=false", "-no-color")
	apply.Stdout, apply.Stderr = &out, &out
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-purchasing:
	case <-time.After(60 * time.Second):
		_ = apply.Process.Kill()
		t.Fatalf("no purchase started:\n%s", out.String())
	}
	if err := apply.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	_ = apply.Wait()

	if n := len(e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")); n != 1 || e.purchases() != 1 {
		t.Fatalf("after Ctrl-C during the first purchase, want exactly that one purchase; got %d calls, %d purchases\n%s", n, e.purchases(), out.String())
	}
	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil || !strings.Contains(string(state), riIDs(e)[0]) {
		t.Fatalf("the RI bought before the interrupt must be in state (%v):\n%s\n%s", err, state, out.String())
	}
	if folded := strings.Join(strings.Fields(out.String()), " "); !strings.Contains(folded, "no further purchase, renewal or modification was started") {
		t.Errorf("the apply's output should say the interrupt stopped further calls:\n%s", out.String())
	}

	if out, err := terraformIn(dir, reattach, "apply", "-auto-approve", "-input=false").CombinedOutput(); err != nil {
		t.Fatalf("the next apply: %v\n%s", err, out)
	}
	if n := len(riIDs(e)); n != 3 || e.purchases() != 3 {
		t.Fatalf("the next apply buys the two left: %d RIs, %d purchases", n, e.purchases())
	}
}
