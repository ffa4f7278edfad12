package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// mock is a standalone ecsmock process, shared by every measurement and
// reset between them.
type mock struct {
	cmd                            *exec.Cmd
	endpoint, accessKey, secretKey string
}

// apiCall is the part of an ecsmock call-log entry the benchmark reads.
type apiCall struct {
	Cloud  string `json:"cloud"`
	Action string `json:"action"`
}

func startMock(binary string, latency time.Duration) *mock {
	cmd := exec.Command(binary, "-addr", "127.0.0.1:0", "-latency", latency.String(),
		"-activation-delay", "0s", "-regional-quota", "1000000", "-volcengine-zonal-vcpu-quota", "100000000", "-quiet")
	stdout, err := cmd.StdoutPipe()
	must(err)
	must(cmd.Start())
	m := &mock{cmd: cmd}
	atExit(m.stop)
	// The emulator prints its endpoint and key pair as KEY=value lines.
	settings := map[string]string{}
	lines := bufio.NewReader(stdout)
	for len(settings) < 3 {
		line, err := lines.ReadString('\n')
		must(err)
		key, value, _ := strings.Cut(strings.TrimSpace(line), "=")
		settings[key] = value
	}
	m.endpoint = settings["ECSMOCK_ENDPOINT"]
	m.accessKey = settings["ALIBABA_CLOUD_ACCESS_KEY_ID"]
	m.secretKey = settings["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]
	if m.endpoint == "" || m.accessKey == "" || m.secretKey == "" {
		fatalf("ecsmock printed %v, not its endpoint and key pair", settings)
	}
	return m
}

func (m *mock) stop() {
	_ = m.cmd.Process.Kill()
	_ = m.cmd.Wait()
}

// reset forgets every RI and every logged call.
func (m *mock) reset() { m.control(http.MethodPost, "/_ecsmock/reset") }

func (m *mock) clearCalls() { m.control(http.MethodDelete, "/_ecsmock/calls") }

func (m *mock) calls() []apiCall {
	resp, err := http.Get(m.endpoint + "/_ecsmock/calls?cloud=all")
	must(err)
	defer resp.Body.Close()
	var calls []apiCall
	must(json.NewDecoder(resp.Body).Decode(&calls))
	return calls
}

func (m *mock) control(method, path string) {
	req, err := http.NewRequest(method, m.endpoint+path, nil)
	must(err)
	resp, err := http.DefaultClient.Do(req)
	must(err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fatalf("ecsmock %s %s: %s", method, path, resp.Status)
	}
}

// countCalls attributes the calls logged during one phase to cfg and counts
// them by action; a call cfg does not own means measurements overlapped.
func countCalls(cfg config, calls []apiCall) map[string]int {
	byAction := map[string]int{}
	for _, c := range calls {
		if cfg.calls == nil || !cfg.calls(c) {
			fatalf("%s: the emulator logged a call that is not its own (%s %s); "+
				"another process is using the emulator or measurements overlapped", cfg.name, c.Cloud, c.Action)
		}
		byAction[c.Action]++
	}
	return byAction
}

func describeActions(byAction map[string]int) string {
	var parts []string
	for action, k := range byAction {
		parts = append(parts, fmt.Sprintf("%s %d", shortName(action), k))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}
