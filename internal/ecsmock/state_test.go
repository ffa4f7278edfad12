package ecsmock_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestStateFileSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first := start(t, ecsmock.Options{StateFile: path})
	id := first.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ClientToken = tea.String("persist-1") })
	first.mock.AdvanceClock(72 * time.Hour)
	first.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-h", "ecs.g5.large", false)

	second := start(t, ecsmock.Options{StateFile: path})
	ri, ok := second.mock.ReservedInstance(id)
	if !ok || ri.Status != "Active" {
		t.Fatalf("RI lost or not settled after restart: %+v", ri)
	}
	if d := time.Until(second.mock.Now()); d < 71*time.Hour {
		t.Fatalf("emulated clock offset lost: %s", d)
	}
	if again := second.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ClientToken = tea.String("persist-1") }); again != id {
		t.Fatalf("ClientToken memory lost across restart: bought %s after %s", again, id)
	}
	_, err := second.ecs.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"), Scope: tea.String("Zone"), ZoneId: tea.String("cn-hangzhou-h")})
	wantCode(t, err, "OperationDenied.NoStock", 403)
}

func TestStateFileKeepsVolcengine(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	first := startVolc(t, ecsmock.Options{StateFile: path})
	if err := first.mock.AddProject(ecsmock.CloudVolcengine, "web"); err != nil {
		t.Fatal(err)
	}
	if err := first.mock.AddHpcCluster(ecsmock.CloudVolcengine, "hpc-1", "cn-beijing-a"); err != nil {
		t.Fatal(err)
	}
	buy := func(e *volcEnv) string {
		return e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
			in.ClientToken, in.ProjectName, in.HpcClusterId = volcengine.String("persist-v"), volcengine.String("web"), volcengine.String("hpc-1")
		})
	}
	id := buy(first)
	first.mock.SetStock(ecsmock.CloudVolcengine, "cn-beijing-b", "ecs.g3i.large", false)
	first.mock.AdvanceClock(24 * time.Hour)

	second := startVolc(t, ecsmock.Options{StateFile: path})
	ri, ok := second.mock.ReservedInstance(id)
	if !ok || ri.Cloud != ecsmock.CloudVolcengine || ri.Status != "ACTIVE" || ri.ProjectName != "web" {
		t.Fatalf("Volcengine RI after restart: %+v", ri)
	}
	if again := buy(second); again != id {
		t.Fatalf("Volcengine ClientToken memory lost: %s after %s", again, id)
	}
	_, err := second.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ZoneId = volcengine.String("cn-beijing-b") }))
	wantVolcCode(t, err, "Insufficient.InstanceCapacity", 500)
}

// TestStateFileSurvivesKill runs the real binary, kills it with SIGKILL
// between writes, and checks that a new process sees every committed RI.
func TestStateFileSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the ecsmock binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "ecsmock")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/ecsmock")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	statePath := filepath.Join(dir, "state.json")
	run := func() (*exec.Cmd, *env) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		t.Cleanup(cancel)
		cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-state-file", statePath, "-activation-delay", "0s", "-quiet")
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "ECSMOCK_ENDPOINT=http://") {
			t.Fatalf("first line of output: %q %v", line, err)
		}
		e := &env{host: strings.TrimSpace(strings.TrimPrefix(line, "ECSMOCK_ENDPOINT=http://"))}
		e.ecs = e.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
		return cmd, e
	}
	cmd, e := run()
	var ids []string
	for range 5 {
		ids = append(ids, e.purchase(t, nil))
	}
	v := remoteVolc(t, "http://"+e.host)
	var volcIDs []string
	for range 3 {
		volcIDs = append(volcIDs, v.buy(t, nil))
	}
	if _, err := v.billing.SetRenewalType(setRenewal(volcIDs[0], "AutoRenewal", 6, "Month")); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	_, e2 := run()
	got := e2.describe(t, ids...)
	if len(got) != len(ids) {
		t.Fatalf("after kill -9 the new process knows %d of %d Alibaba RIs", len(got), len(ids))
	}
	v2 := remoteVolc(t, "http://"+e2.host)
	if gotVolc := v2.describe(t, volcIDs...); len(gotVolc) != len(volcIDs) {
		t.Fatalf("after kill -9 the new process knows %d of %d Volcengine RIs", len(gotVolc), len(volcIDs))
	}
	if item := v2.listed(t, volcIDs[0]); volcengine.StringValue(item.RenewType) != "AutoRenewal" {
		t.Fatalf("the renewal type was lost: %+v", item)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".ecsmock-state-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}
}
