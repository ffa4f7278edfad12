package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A phase is one timed terraform command; each run goes through them in
// order, starting from empty state.
type phase struct {
	name string
	args []string
}

var phases = []phase{
	{"apply (create)", []string{"apply", "-auto-approve", "-input=false"}},
	{"refresh plan", []string{"plan", "-input=false", "-detailed-exitcode"}},
	{"plan -refresh=false", []string{"plan", "-input=false", "-refresh=false", "-detailed-exitcode"}},
}

// sample is one phase of one config in one run.
type sample struct {
	elapsed  time.Duration
	byAction map[string]int // API calls
	peakKiB  int            // provider processes' peak RSS; 0 without a plugin
}

func (s sample) calls() int {
	total := 0
	for _, k := range s.byAction {
		total += k
	}
	return total
}

type cellKey struct {
	n             int
	config, phase string
}

// results holds the samples of each cell in run order, so that the i-th
// samples of two configs come from the same run.
type results map[cellKey][]sample

type bench struct {
	tf   terraformRunner
	mock *mock
	work string
	runs int
}

// measureSize runs every config through every phase, runs times. Configs
// take turns within a run, in an order rotated from run to run, so that a
// slow drift of the machine falls on all of them alike.
func (b *bench) measureSize(n int, res results) {
	dirs := map[string]string{}
	for _, cfg := range configs {
		dirs[cfg.name] = b.workspace(n, cfg)
	}
	for run := range b.runs {
		for i := range configs {
			cfg := configs[(run+i)%len(configs)]
			b.cycle(n, cfg, dirs[cfg.name], res)
		}
	}
}

// workspace writes the config of n resources and validates it once, untimed,
// so that the first timed command does not pay for loading binaries from
// disk.
func (b *bench) workspace(n int, cfg config) string {
	dir := filepath.Join(b.work, fmt.Sprintf("n%d", n), cfg.name)
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg.hcl(n, b.mock)), 0o644))
	b.tf.run(dir, "validate")
	return dir
}

// cycle applies cfg from empty state, then plans twice, and records each
// phase's time, API calls and provider memory.
func (b *bench) cycle(n int, cfg config, dir string, res results) {
	b.mock.reset()
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !os.IsNotExist(err) {
			fatalf("%v", err)
		}
	}
	var progress []string
	for _, p := range phases {
		b.mock.clearCalls()
		elapsed, peak := b.tf.run(dir, p.args...)
		s := sample{elapsed: elapsed, byAction: countCalls(cfg, b.mock.calls()), peakKiB: peak}
		key := cellKey{n, cfg.name, p.name}
		res[key] = append(res[key], s)
		progress = append(progress, fmt.Sprintf("%s %.2fs", p.name, elapsed.Seconds()))
	}
	fmt.Fprintf(os.Stderr, "N=%d run %d %s: %s\n", n, len(res[cellKey{n, cfg.name, phases[0].name}]), cfg.name, strings.Join(progress, ", "))
}
