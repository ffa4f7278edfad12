package reservation

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// brief writes a plan's steps compactly for exact comparison: one step a
// line, "kind sources → targets", types without the "ecs." prefix, runs of
// equal targets counted, placement left out unless it is a zone.
func brief(r *Reshape) string {
	var lines []string
	for _, s := range r.Steps {
		var tgts []string
		for i := 0; i < len(s.Targets); {
			j := i
			for j < len(s.Targets) && s.Targets[j] == s.Targets[i] {
				j++
			}
			one := fmt.Sprintf("%s×%d", strings.TrimPrefix(s.Targets[i].Type, "ecs."), s.Targets[i].Amount)
			if s.Targets[i].Zone != "" {
				one += "@" + s.Targets[i].Zone
			}
			if j-i > 1 {
				one = fmt.Sprintf("%d×(%s)", j-i, one)
			}
			tgts = append(tgts, one)
			i = j
		}
		srcs := s.Sources
		if len(srcs) > 4 {
			srcs = []string{srcs[0], "…", srcs[len(srcs)-1], fmt.Sprintf("(%d)", len(srcs))}
		}
		lines = append(lines, fmt.Sprintf("%s %s → %s", s.Kind, strings.Join(srcs, " "), strings.Join(tgts, ", ")))
	}
	return strings.Join(lines, "\n")
}

func repeat(n int, s Shape) []Shape {
	out := make([]Shape, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func holdings(prefix string, shapes ...Shape) []Holding {
	out := make([]Holding, len(shapes))
	for i, s := range shapes {
		out[i] = Holding{ID: fmt.Sprintf("%s%d", prefix, i), Shape: s}
	}
	return out
}

// TestPlanReshapeBeyondOneCall: splits and merges that one call cannot make
// become trees of calls, each within the cloud's limits, with the fewest
// calls (⌈(n−1)/(limit−1)⌉ for n leaves).
func TestPlanReshapeBeyondOneCall(t *testing.T) {
	const a = "cn-beijing-a"
	mixed := []Shape{} // 30 large and 25 xlarge, interleaved
	for i := range 55 {
		if i%2 == 1 && i < 50 {
			mixed = append(mixed, zone("ecs.g3i.xlarge", 1, a))
		} else {
			mixed = append(mixed, zone("ecs.g3i.large", 1, a))
		}
	}
	cases := []struct {
		name  string
		rules *Rules
		have  []Holding
		want  []Shape
		steps string
	}{
		{
			// Two calls rather than 1×60 → 2×30 → 30×1 + 30×1: the first
			// call makes 10 of the elements and one RI that holds the rest.
			"Volcengine: 1×60 into 60×1", Volcengine,
			holdings("ecsri-big", zone("ecs.g3i.large", 60, a)), repeat(60, zone("ecs.g3i.large", 1, a)),
			"split ecsri-big0 → 10×(g3i.large×1@cn-beijing-a), g3i.large×50@cn-beijing-a\n" +
				"split #0.10 → 50×(g3i.large×1@cn-beijing-a)",
		},
		{
			"Volcengine: 1×100 into 100×1", Volcengine,
			holdings("ecsri-big", region("ecs.g3i.large", 100)), repeat(100, region("ecs.g3i.large", 1)),
			"split ecsri-big0 → 2×(g3i.large×50)\n" +
				"split #0.0 → 50×(g3i.large×1)\n" +
				"split #0.1 → 50×(g3i.large×1)",
		},
		{
			"Volcengine: 51 into 51 is still two calls", Volcengine,
			holdings("ecsri-big", zone("ecs.g3i.large", 51, a)), repeat(51, zone("ecs.g3i.large", 1, a)),
			"split ecsri-big0 → g3i.large×1@cn-beijing-a, g3i.large×50@cn-beijing-a\n" +
				"split #0.1 → 50×(g3i.large×1@cn-beijing-a)",
		},
		{
			"Alibaba: 1×50 into 50×1 is one call", Alibaba,
			holdings("ecsri-big", region("ecs.g6.large", 50)), repeat(50, region("ecs.g6.large", 1)),
			"split ecsri-big0 → 50×(g6.large×1)",
		},
		{
			// 200 elements from a 4xlarge × 25 (400) in three calls: more
			// than 50 of them do not fit one ecs.g6.large RI, so each
			// intermediate is a 4xlarge holding 96 (a multiple of 8).
			"Alibaba: 1 into 200", Alibaba,
			holdings("ecsri-big", region("ecs.g6.4xlarge", 25)), repeat(200, region("ecs.g6.large", 1)),
			"split ecsri-big0 → 8×(g6.large×1), 2×(g6.4xlarge×12)\n" +
				"split #0.8 → 96×(g6.large×1)\n" +
				"split #0.9 → 96×(g6.large×1)",
		},
		{
			"Alibaba: 30 merged into one, 20 a call", Alibaba,
			holdings("ecsri-", repeat(30, zone("ecs.g6.large", 1, "cn-hangzhou-h"))...), []Shape{zone("ecs.g6.large", 30, "cn-hangzhou-h")},
			"merge ecsri-10 … ecsri-29 (20) → g6.large×20@cn-hangzhou-h\n" +
				"merge ecsri-0 … #0.0 (11) → g6.large×30@cn-hangzhou-h",
		},
		{
			"Volcengine: 25 merged into one, 10 a call", Volcengine,
			holdings("ecsri-", repeat(25, zone("ecs.g3i.xlarge", 1, a))...), []Shape{zone("ecs.g3i.5xlarge", 5, a)},
			"merge ecsri-5 … ecsri-14 (10) → g3i.xlarge×10@cn-beijing-a\n" +
				"merge ecsri-15 … ecsri-24 (10) → g3i.xlarge×10@cn-beijing-a\n" +
				"merge ecsri-0 … #1.0 (7) → g3i.5xlarge×5@cn-beijing-a",
		},
		{
			// Equal types are run together whatever the order of the
			// elements; the intermediate takes a type that holds its run.
			"Volcengine: a split into two types", Volcengine,
			holdings("ecsri-big", zone("ecs.g3i.4xlarge", 10, a)), mixed,
			"split ecsri-big0 → 5×(g3i.large×1@cn-beijing-a), g3i.large×75@cn-beijing-a\n" +
				"split #0.5 → 25×(g3i.large×1@cn-beijing-a), 25×(g3i.xlarge×1@cn-beijing-a)",
		},
		{
			// Sources beyond one merge and targets beyond one split: the
			// merge and the split are each a tree.
			"Volcengine: 12 into 60", Volcengine,
			holdings("ecsri-", repeat(12, zone("ecs.g3i.large", 5, a))...), repeat(60, zone("ecs.g3i.large", 1, a)),
			"merge ecsri-2 … ecsri-11 (10) → g3i.large×50@cn-beijing-a\n" +
				"merge ecsri-0 ecsri-1 #0.0 → g3i.large×60@cn-beijing-a\n" +
				"split #1.0 → 10×(g3i.large×1@cn-beijing-a), g3i.large×50@cn-beijing-a\n" +
				"split #2.10 → 50×(g3i.large×1@cn-beijing-a)",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := checkPlanWith(t, tc.rules, tc.have, tc.want)
			if got := brief(r); got != tc.steps {
				t.Fatalf("steps:\n%s\nwant:\n%s", got, tc.steps)
			}
		})
	}
}

// TestDescribeLongSplit: the plan of the split reads as two calls,
// the second on the first one's output.
func TestDescribeLongSplit(t *testing.T) {
	r := checkPlanWith(t, Volcengine, holdings("ecsri-aaa", zone("ecs.g3i.large", 60, "cn-beijing-a")), repeat(60, zone("ecs.g3i.large", 1, "cn-beijing-a")))
	var said []string
	for _, s := range r.Steps {
		said = append(said, s.Describe())
	}
	want := []string{
		"split ecsri-aaa0 into 11 reserved instances: 10 of ecs.g3i.large × 1 (zone cn-beijing-a), ecs.g3i.large × 50 (zone cn-beijing-a)",
		"split the result 11 of step 1 into 50 reserved instances: 50 of ecs.g3i.large × 1 (zone cn-beijing-a)",
	}
	if strings.Join(said, "\n") != strings.Join(want, "\n") {
		t.Fatalf("plan description:\n%s\nwant\n%s", strings.Join(said, "\n"), strings.Join(want, "\n"))
	}
	many := Step{Kind: Split, Sources: []string{"ecsri-a"}, Targets: []Shape{region("ecs.g6.large", 1), region("ecs.g6.large", 1), region("ecs.g6.xlarge", 1),
		region("ecs.g6.large", 1), region("ecs.g6.large", 1), region("ecs.g6.large", 1)}}
	if got, want := many.Describe(), "split ecsri-a into 6 reserved instances: ecs.g6.large × 1 (regional), ecs.g6.large × 1 (regional), ecs.g6.xlarge × 1 (regional), 3 of ecs.g6.large × 1 (regional)"; got != want {
		t.Fatalf("description:\n%s\nwant\n%s", got, want)
	}
}

// TestPlanReshapeOutOfReach: what no sequence of calls can reach is refused
// at plan time, saying which shape and which rule.
func TestPlanReshapeOutOfReach(t *testing.T) {
	// 101 elements of ecs.g6.large × 50 hold 10100, which one Alibaba RI
	// of ecs.g6.101xlarge × 25 holds; one call makes at most 100 of them,
	// but no two or more fit one RI of either type with at most 50.
	big := holdings("ecsri-big", region("ecs.g6.101xlarge", 25))
	many := repeat(101, region("ecs.g6.large", 50))
	cases := []struct {
		name  string
		rules *Rules
		have  []Holding
		want  []Shape
		msg   string
	}{
		{"split", Alibaba, big, many,
			"ecsri-big0 (ecs.g6.101xlarge × 25 (regional)) cannot be split into 101 reserved instances: one ModifyReservedInstances call makes at most 100, " +
				"so some of them must first be split off together as one reserved instance of a type already in this reshape (ecs.g6.101xlarge, ecs.g6.large) with 1 to 50 instances, " +
				"and these shapes cannot be grouped that way"},
		{"merge", Alibaba, holdings("ecsri-", many...), []Shape{big[0].Shape},
			"101 reserved instances cannot be merged into ecs.g6.101xlarge × 25 (regional): one ModifyReservedInstances call merges at most 20, " +
				"so some of them must first be merged into one reserved instance of a type already in this reshape (ecs.g6.101xlarge, ecs.g6.large) with 1 to 50 instances, " +
				"and these shapes cannot be grouped that way"},
		{"unknown factors", Volcengine, holdings("ecsri-n", region("ecs.g3i.nano", 60)), repeat(60, region("ecs.g3i.nano", 1)),
			"splitting ecsri-n0 (ecs.g3i.nano × 60 (regional)) into 60 reserved instances takes more than one ModifyReservedInstances call (at most 50 each), " +
				"which can only be planned when every normalisation factor is known"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.rules.PlanReshape(tc.have, tc.want)
			var re *RuleError
			if !errors.As(err, &re) || err.Error() != tc.msg {
				t.Fatalf("error:\n%v\nwant:\n%s", err, tc.msg)
			}
		})
	}
}

// TestPlanReshapeManyToMany: several RIs into several take the fewest calls
// of merging all into one and splitting it, or cutting and joining.
func TestPlanReshapeManyToMany(t *testing.T) {
	const h, i = "cn-hangzhou-h", "cn-hangzhou-i"
	expiring := func(id, expiry string, s Shape) Holding { return Holding{ID: id, Shape: s, Expiry: expiry} }
	cases := []struct {
		name  string
		rules *Rules
		have  []Holding
		want  []Shape
		steps string
	}{
		{
			// Two calls: each source splits into 30 elements.
			"Volcengine: 2×30 into 60×1", Volcengine,
			holdings("ecsri-", repeat(2, region("ecs.g3i.large", 30))...), repeat(60, region("ecs.g3i.large", 1)),
			"split ecsri-0 → 30×(g3i.large×1)\n" +
				"split ecsri-1 → 30×(g3i.large×1)",
		},
		{
			// ecs.g6.large × 60 would be over 50: the sources are cut at
			// 20 and 40 instead, and the middle element is merged.
			"Alibaba: 2×30 into 3×20", Alibaba,
			holdings("ecsri-", repeat(2, region("ecs.g6.large", 30))...), repeat(3, region("ecs.g6.large", 20)),
			"split ecsri-0 → g6.large×20, g6.large×10\n" +
				"split ecsri-1 → g6.large×10, g6.large×20\n" +
				"merge #0.1 #1.0 → g6.large×20",
		},
		{
			// No type in play divides 52, so nothing holds it all; cutting
			// at 12 gives a 3xlarge to merge with the 7xlarge.
			"Alibaba: 6xlarge and 7xlarge into 3xlarge and 10xlarge", Alibaba,
			holdings("ecsri-", region("ecs.g6.6xlarge", 1), region("ecs.g6.7xlarge", 1)), []Shape{region("ecs.g6.3xlarge", 1), region("ecs.g6.10xlarge", 1)},
			"split ecsri-0 → 2×(g6.3xlarge×1)\n" +
				"merge #0.1 ecsri-1 → g6.10xlarge×1",
		},
		{
			// RIs of different expiries cannot be merged, but each can be
			// split into elements of its own.
			"Alibaba: two expiries, split apart", Alibaba,
			[]Holding{expiring("ecsri-x", "2027-01-01T00:00Z", region("ecs.g6.large", 20)), expiring("ecsri-y", "2028-01-01T00:00Z", region("ecs.g6.large", 20))},
			repeat(4, region("ecs.g6.large", 10)),
			"split ecsri-x → 2×(g6.large×10)\n" +
				"split ecsri-y → 2×(g6.large×10)",
		},
		{
			// Splitting in each zone beats moving everything to one.
			"Alibaba: two zones kept apart", Alibaba,
			holdings("ecsri-", zone("ecs.g6.2xlarge", 1, h), zone("ecs.g6.xlarge", 1, i)),
			[]Shape{zone("ecs.g6.large", 2, h), zone("ecs.g6.large", 2, h), zone("ecs.g6.large", 1, i), zone("ecs.g6.large", 1, i)},
			"split ecsri-0 → 2×(g6.large×2@cn-hangzhou-h)\n" +
				"split ecsri-1 → 2×(g6.large×1@cn-hangzhou-i)",
		},
		{
			// The same number of calls either way: merge and split.
			"Alibaba: a tie keeps merge and split", Alibaba,
			holdings("ecsri-", region("ecs.g6.2xlarge", 1), region("ecs.g6.large", 2)), repeat(2, region("ecs.g6.large", 3)),
			"merge ecsri-0 ecsri-1 → g6.large×6\n" +
				"split #0.0 → 2×(g6.large×3)",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := checkPlanWith(t, tc.rules, tc.have, tc.want)
			if got := brief(r); got != tc.steps {
				t.Fatalf("steps:\n%s\nwant:\n%s", got, tc.steps)
			}
		})
	}

	// Different expiries and an element that would take from both.
	have := []Holding{expiring("ecsri-x", "2027-01-01T00:00Z", region("ecs.g6.large", 30)), expiring("ecsri-y", "2028-01-01T00:00Z", region("ecs.g6.large", 30))}
	_, err := Alibaba.PlanReshape(have, repeat(3, region("ecs.g6.large", 20)))
	want := "family ecs.g6: no sequence of calls turns ecsri-x, ecsri-y into the 3 reserved instances configured. " +
		"Merged into one to split again: the computing power of 120 they hold fits no one reserved instance of a type already in this reshape (ecs.g6.large) with 1 to 50 instances. " +
		"Split where a configured one ends and merged again: a part of ecsri-x and a part of ecsri-y expire at different times (2027-01-01T00:00Z, 2028-01-01T00:00Z), and only reserved instances with the same expiry can be merged"
	var re *RuleError
	if !errors.As(err, &re) || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestPieces: a cut that no one RI holds becomes several, the most of the
// largest type first, each within the amount bounds.
func TestPieces(t *testing.T) {
	types := func(names ...string) []InstanceType {
		var out []InstanceType
		for _, n := range names {
			it, _ := Alibaba.ParseInstanceType(n)
			out = append(out, it)
		}
		return out
	}
	cases := []struct {
		holders []InstanceType
		c       int
		want    string // "" when nothing holds c exactly
	}{
		{types("ecs.g6.4xlarge", "ecs.g6.xlarge"), 796, "[ecs.g6.4xlarge × 49 (regional) ecs.g6.xlarge × 3 (regional)]"},
		{types("ecs.g6.3xlarge", "ecs.g6.2xlarge"), 20, "[ecs.g6.3xlarge × 1 (regional) ecs.g6.2xlarge × 1 (regional)]"},
		{types("ecs.g6.xlarge"), 1000, "[ecs.g6.xlarge × 50 (regional) ecs.g6.xlarge × 50 (regional) ecs.g6.xlarge × 50 (regional) ecs.g6.xlarge × 50 (regional) ecs.g6.xlarge × 50 (regional)]"},
		{types("ecs.g6.xlarge"), 40, "[ecs.g6.xlarge × 10 (regional)]"},
		{types("ecs.g6.3xlarge", "ecs.g6.2xlarge"), 4, ""},
	}
	for _, tc := range cases {
		p := &planner{rules: Alibaba, r: &Reshape{}, holders: tc.holders}
		got, ok := p.pieces(tc.c, Shape{Scope: ScopeRegion})
		if s := fmt.Sprint(got); ok != (tc.want != "") || ok && s != tc.want {
			t.Errorf("pieces(%d) = %s %t, want %q", tc.c, s, ok, tc.want)
		}
	}
}
