package acctest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ecsri/terraform-provider-ecsri/internal/provider"
)

// Workdir runs the real terraform binary in a directory of its own against
// the provider served in this process, for what terraform-plugin-testing
// cannot do: a signal in the middle of an apply, -replace.
type Workdir struct {
	t        *testing.T
	dir      string
	reattach string
}

// Terraform writes config (a required_providers block is added) and runs
// terraform init.
func Terraform(t *testing.T, config string) *Workdir {
	t.Helper()
	w := &Workdir{t: t, dir: t.TempDir(), reattach: serve(t)}
	config = "terraform {\n  required_providers {\n    ecsri = { source = \"ecsri/ecsri\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := w.Command("init", "-input=false").CombinedOutput(); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return w
}

// Command prepares a terraform command in the directory.
func (w *Workdir) Command(args ...string) *exec.Cmd {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+w.reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return cmd
}

// Run runs a terraform command and returns its output, whitespace folded,
// and whether it succeeded.
func (w *Workdir) Run(args ...string) (string, bool) {
	out, err := w.Command(append(args, "-no-color")...).CombinedOutput()
	return strings.Join(strings.Fields(string(out)), " "), err == nil
}

// State is the state file's text.
func (w *Workdir) State() string {
	raw, _ := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	return string(raw)
}

// serve serves the provider in this process for terraform commands, as
// TF_REATTACH_PROVIDERS describes it.
func serve(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	factory := func() tfprotov6.ProviderServer { return providerserver.NewProtocol6(provider.New("test", Pacing)())() }
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
	raw, err := json.Marshal(map[string]any{"registry.terraform.io/ecsri/ecsri": map[string]any{
		"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// Write replaces the configuration (a required_providers block is added).
func (w *Workdir) Write(config string) {
	config = "terraform {\n  required_providers {\n    ecsri = { source = \"ecsri/ecsri\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}
