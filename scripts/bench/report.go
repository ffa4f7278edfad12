package main

import (
	"fmt"
	"slices"
	"strings"
)

// spread is the median and the range of one measure over the runs.
type spread struct{ median, min, max float64 }

func spreadOf(xs []float64) spread {
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	median := s[mid]
	if len(s)%2 == 0 {
		median = (s[mid-1] + s[mid]) / 2
	}
	return spread{median: median, min: s[0], max: s[len(s)-1]}
}

// format prints the median, and the range when the runs differ.
func (s spread) format(precision int) string {
	m := fmt.Sprintf("%.*f", precision, s.median)
	if fmt.Sprintf("%.*f", precision, s.min) == fmt.Sprintf("%.*f", precision, s.max) {
		return m
	}
	return fmt.Sprintf("%s (%.*f–%.*f)", m, precision, s.min, precision, s.max)
}

func seconds(samples []sample) spread {
	return spreadOf(mapSamples(samples, func(s sample) float64 { return s.elapsed.Seconds() }))
}

func callCounts(samples []sample) spread {
	return spreadOf(mapSamples(samples, func(s sample) float64 { return float64(s.calls()) }))
}

func mapSamples(samples []sample, f func(sample) float64) []float64 {
	xs := make([]float64, len(samples))
	for i, s := range samples {
		xs[i] = f(s)
	}
	return xs
}

// medianRunActions is the calls by action of the run with the median number
// of calls, so that the actions add up to a count that was observed.
func medianRunActions(samples []sample) string {
	s := slices.Clone(samples)
	slices.SortFunc(s, func(a, b sample) int { return a.calls() - b.calls() })
	return describeActions(s[len(s)/2].byAction)
}

func peakMiB(samples []sample) string {
	peak := 0
	for _, s := range samples {
		peak = max(peak, s.peakKiB)
	}
	if peak == 0 {
		return "no plugin"
	}
	return fmt.Sprintf("%.0f", float64(peak)/1024)
}

func resultsTable(sizes []int, res results) string {
	var b strings.Builder
	b.WriteString("| N | phase | config | time (s) | × time_static | × terraform_data | API calls | calls per RI | calls by action | provider peak RSS (MiB) | others' CPU, worst run (%) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, n := range sizes {
		for _, p := range phases {
			for _, cfg := range configs {
				b.WriteString(resultsRow(n, p, cfg, res))
			}
		}
	}
	return b.String()
}

func resultsRow(n int, p phase, cfg config, res results) string {
	samples := res[cellKey{n, cfg.name, p.name}]
	framework := pairedRatios(samples, res[cellKey{n, frameworkFloor, p.name}], timeRatio)
	terraform := pairedRatios(samples, res[cellKey{n, terraformFloor, p.name}], timeRatio)
	calls, perRI, actions := "", "", ""
	if cfg.calls != nil {
		c := callCounts(samples)
		calls = c.format(0)
		perRI = fmt.Sprintf("%.2f", c.median/float64(n))
		actions = medianRunActions(samples)
	}
	others := spreadOf(mapSamples(samples, func(s sample) float64 { return 100 * s.othersShare }))
	return fmt.Sprintf("| %d | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %s | %.0f |\n", n, p.name, cfg.name,
		seconds(samples).format(2), framework.median, terraform.median, calls, perRI, actions, peakMiB(samples), others.max)
}

// pairedRatios measures each run from the config's and the floor's samples
// of that run; pairing them lets the machine's drift between runs cancel
// out of ratios.
func pairedRatios(samples, floor []sample, measure func(s, floor sample) float64) spread {
	xs := make([]float64, len(samples))
	for i := range samples {
		xs[i] = measure(samples[i], floor[i])
	}
	return spreadOf(xs)
}

// A target is a limit every config making API calls is held to at one
// size and phase: no more calls per RI than a purchase each plus one
// lookup per four, a refresh no slower than a provider that calls nothing,
// and an apply within 1.3× of it (the stretch goal).
type target struct {
	n         int
	phase     string
	what      string
	limit     float64
	precision int
	// perRun measures one run from its sample of the config and of the
	// framework floor; the median over runs is checked.
	perRun func(s, floor sample, n int) float64
}

var targets = []target{
	{500, "apply (create)", "API calls per RI", 1.25, 2, callsPerRI},
	{500, "apply (create)", "time × time_static", 1.3, 2, timeOverFloor},
	{500, "refresh plan", "time × time_static", 1.0, 2, timeOverFloor},
	{500, "refresh plan", "API calls", 60, 0, apiCalls},
}

func timeRatio(s, floor sample) float64 { return s.elapsed.Seconds() / floor.elapsed.Seconds() }

func timeOverFloor(s, floor sample, _ int) float64 { return timeRatio(s, floor) }

func callsPerRI(s, _ sample, n int) float64 { return float64(s.calls()) / float64(n) }

func apiCalls(s, _ sample, _ int) float64 { return float64(s.calls()) }

func targetsTable(res results) string {
	var b strings.Builder
	b.WriteString("| target | config | measured: median (runs) | limit | result |\n|---|---|---|---|---|\n")
	for _, t := range targets {
		for _, cfg := range configs {
			if cfg.calls != nil {
				b.WriteString(targetRow(t, cfg, res))
			}
		}
	}
	return b.String()
}

func targetRow(t target, cfg config, res results) string {
	name := fmt.Sprintf("%s of %d: %s", t.phase, t.n, t.what)
	samples := res[cellKey{t.n, cfg.name, t.phase}]
	if len(samples) == 0 {
		return fmt.Sprintf("| %s | %s | not measured (N = %d not in -n) | ≤ %g | — |\n", name, cfg.name, t.n, t.limit)
	}
	got := pairedRatios(samples, res[cellKey{t.n, frameworkFloor, t.phase}],
		func(s, floor sample) float64 { return t.perRun(s, floor, t.n) })
	verdict := "PASS"
	if got.median > t.limit {
		verdict = "MISS"
	}
	return fmt.Sprintf("| %s | %s | %s | ≤ %g | %s |\n", name, cfg.name, got.format(t.precision), t.limit, verdict)
}

// noiseNote says how much of the machine other processes took while
// commands were timed, on average and at worst, and how many cycles were
// measured again because of them.
func noiseNote(res results, repeated int, maxNoise float64) string {
	var total, weight, worst float64
	var worstAt string
	for key, samples := range res {
		for i, s := range samples {
			total += s.othersShare * s.elapsed.Seconds()
			weight += s.elapsed.Seconds()
			if s.othersShare > worst {
				worst = s.othersShare
				worstAt = fmt.Sprintf("N = %d, %s, %s, run %d", key.n, key.config, key.phase, i+1)
			}
		}
	}
	note := fmt.Sprintf("Other processes used %.0f%% of the machine's CPU while the kept commands were timed", 100*total/weight)
	if worstAt != "" {
		note += fmt.Sprintf(" (at most %.0f%%, in %s)", 100*worst, worstAt)
	}
	return note + fmt.Sprintf(". A configuration's run was measured again when they took more than %.0f%% during one of its commands "+
		"(at most %d attempts, the quietest kept): %d times.\n", 100*maxNoise, maxAttempts, repeated)
}
