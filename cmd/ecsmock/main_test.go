package main

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestStandaloneStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the ecsmock binary")
	}
	bin := filepath.Join(t.TempDir(), "ecsmock")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	var lines []string
	for range 3 {
		line, err := out.ReadString('\n')
		if err != nil {
			t.Fatalf("startup output: %v (%q)", err, lines)
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	if !strings.HasPrefix(lines[0], "ECSMOCK_ENDPOINT=http://127.0.0.1:") || lines[1] != "ALIBABA_CLOUD_ACCESS_KEY_ID="+ecsmock.DefaultAccessKeyID ||
		lines[2] != "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+ecsmock.DefaultAccessKeySecret {
		t.Fatalf("it should print where it listens and the credentials to use: %q", lines)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(stderr.String(), "stopped") {
			t.Fatalf("exit %v, stderr %q", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("ecsmock did not stop within 10s of SIGTERM")
	}
}
