package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// terraformRunner runs the terraform CLI with the benchmark's own CLI
// configuration, which points every provider at pluginDir.
type terraformRunner struct {
	env       []string
	pluginDir string
}

func newTerraformRunner(work, pluginDir string, providers []string) terraformRunner {
	var overrides strings.Builder
	for _, p := range providers {
		fmt.Fprintf(&overrides, "    %q = %q\n", p, pluginDir)
	}
	rc := filepath.Join(work, "terraformrc")
	cli := "provider_installation {\n  dev_overrides {\n" + overrides.String() + "  }\n  direct {}\n}\n"
	must(os.WriteFile(rc, []byte(cli), 0o600))
	env := append(cleanEnviron(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	atExit(running.kill)
	return terraformRunner{env: env, pluginDir: pluginDir}
}

// running is the terraform command in progress. It runs in a process group
// of its own, with its providers, so that an interrupted benchmark can end
// all of them and leave nothing behind.
var running runningGroup

type runningGroup struct {
	mu   sync.Mutex
	pgid int
}

func (g *runningGroup) set(pgid int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pgid = pgid
}

func (g *runningGroup) kill() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.pgid > 0 {
		_ = syscall.Kill(-g.pgid, syscall.SIGKILL)
	}
}

// cleanEnviron drops variables that would change what is measured: logging
// (the provider skips its log plumbing unless TF_LOG* asks for logs), extra
// CLI arguments, and cloud settings the providers could fall back to.
func cleanEnviron() []string {
	dropped := []string{"TF_LOG", "TF_CLI_", "ALIBABA_CLOUD_", "ALICLOUD_", "ECSRI_", "VOLCENGINE_", "VOLC_"}
	var env []string
	for _, kv := range os.Environ() {
		keep := true
		for _, prefix := range dropped {
			keep = keep && !strings.HasPrefix(kv, prefix)
		}
		if keep {
			env = append(env, kv)
		}
	}
	return env
}

// commandResult is what one terraform command cost.
type commandResult struct {
	elapsed time.Duration
	cpu     time.Duration // terraform's and its providers' user and system time
	peakKiB int           // the provider processes' peak resident memory
}

// run runs one terraform command in dir and measures it.
func (t terraformRunner) run(dir string, args ...string) commandResult {
	t.waitForNoPlugins()
	cmd := exec.Command("terraform", args...)
	cmd.Dir, cmd.Env = dir, t.env
	var output strings.Builder
	cmd.Stdout, cmd.Stderr = &output, &output
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	watch := watchPlugins(t.pluginDir)
	began := time.Now()
	err := cmd.Start()
	if err == nil {
		running.set(cmd.Process.Pid)
		err = cmd.Wait()
		running.set(0)
	}
	elapsed := time.Since(began)
	peak := watch.finish()
	// plan -detailed-exitcode exits 2 when there are changes: a plan of what
	// was just applied must have none.
	if err != nil {
		fatalf("terraform %s in %s: %v\n%s", strings.Join(args, " "), dir, err, output.String())
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return commandResult{elapsed: elapsed, cpu: cpu, peakKiB: peak}
}

// waitForNoPlugins makes sure no provider process of an earlier command is
// still running, so that no two measurements overlap.
func (t terraformRunner) waitForNoPlugins() {
	for deadline := time.Now().Add(10 * time.Second); len(pluginPIDs(t.pluginDir)) > 0; {
		if time.Now().After(deadline) {
			fatalf("provider processes %v outlived their terraform command", pluginPIDs(t.pluginDir))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pluginWatch polls the high-water mark of resident memory (VmHWM) of the
// provider processes; the kernel keeps the maximum, so polling only has to
// see each process once before it exits.
type pluginWatch struct {
	stop chan struct{}
	peak chan int
}

func watchPlugins(dir string) *pluginWatch {
	w := &pluginWatch{stop: make(chan struct{}), peak: make(chan int)}
	go func() {
		peak := 0
		for {
			for _, pid := range pluginPIDs(dir) {
				peak = max(peak, highWaterKiB(pid))
			}
			select {
			case <-w.stop:
				w.peak <- peak
				return
			case <-time.After(25 * time.Millisecond):
			}
		}
	}()
	return w
}

func (w *pluginWatch) finish() int {
	close(w.stop)
	return <-w.peak
}

// pluginPIDs lists the running processes whose executable lives in dir: the
// benchmark's own provider binaries, not those of tests running beside it.
func pluginPIDs(dir string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err == nil && strings.HasPrefix(exe, dir+string(filepath.Separator)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func highWaterKiB(pid int) int {
	status, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kib, _ := strconv.Atoi(f[1])
			return kib
		}
	}
	return 0
}
