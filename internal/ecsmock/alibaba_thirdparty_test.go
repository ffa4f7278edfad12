package ecsmock_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// TestAlibabaThirdPartyNodeClients proves the wire format with two clients nobody
// on this project wrote: @alicloud/pop-core (v2 HMAC-SHA1, GET and POST) and
// @alicloud/ecs20140526 (ACS3-HMAC-SHA256).
func TestAlibabaThirdPartyNodeClients(t *testing.T) {
	if testing.Short() {
		t.Skip("installs npm packages")
	}
	for _, tool := range []string{"npm", "node"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir, _ := filepath.Abs("testdata/npmclients")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@alicloud", "pop-core")); err != nil {
		install := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
		install.Dir = dir
		if out, err := install.CombinedOutput(); err != nil {
			t.Fatalf("npm ci: %v\n%s", err, out)
		}
	}
	e := start(t, ecsmock.Options{})
	node := exec.Command("node", "clients.js")
	node.Dir = dir
	node.Env = append(os.Environ(), "ECSMOCK_HOST="+e.host, "ECSMOCK_AK="+ecsmock.DefaultAccessKeyID, "ECSMOCK_SK="+ecsmock.DefaultAccessKeySecret)
	out, err := node.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	type result struct {
		Client, Call, ID, Code string
		OK                     bool
	}
	got := map[string]result{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("unexpected output %q", sc.Text())
		}
		got[r.Client+"/"+r.Call] = r
	}
	for _, key := range []string{"pop-core GET/purchase", "pop-core POST/purchase", "ecs20140526/purchase", "ecs20140526/describe"} {
		if !got[key].OK {
			t.Errorf("%s failed: %+v", key, got[key])
		}
	}
	if r := got["pop-core GET wrong-secret/purchase"]; r.OK || r.Code != "SignatureDoesNotMatch" {
		t.Errorf("a wrong secret must be rejected with SignatureDoesNotMatch: %+v", r)
	}
	if r := got["ecs20140526/modify-unknown"]; r.Code != "InvalidReservedInstanceId.NotFound" {
		t.Errorf("error codes must reach the client: %+v", r)
	}
	ris := e.mock.ReservedInstances(ecsmock.CloudAlibaba)
	if len(ris) != 3 {
		t.Fatalf("three successful purchases, %d RIs", len(ris))
	}
	for _, ri := range ris {
		if ri.Description != "a b*c~d/é+&=%" || ri.Tags["via"] == "" {
			t.Errorf("parameters garbled on the way in: %+v", ri)
		}
	}
}
