package reservation

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func region(t string, n int) Shape { return Shape{Type: t, Amount: n, Scope: "Region"} }
func zone(t string, n int, z string) Shape {
	return Shape{Type: t, Amount: n, Scope: "Zone", Zone: z}
}

// simulate runs the steps against an inventory, enforcing every rule the API
// enforces on one ModifyReservedInstances call, and returns the shape each
// handle ends with.
func simulate(t *testing.T, rules *Rules, have []Holding, steps []Step) map[string]Shape {
	t.Helper()
	live, mustChange, expiry := map[string]Shape{}, map[string]bool{}, map[string]string{}
	for _, h := range have {
		if !h.Lapsed {
			live[h.ID] = h.Shape
		}
		mustChange[h.ID], expiry[h.ID] = h.MustChange, h.Expiry
	}
	for k, s := range steps {
		var srcs []Shape
		for _, h := range s.Sources {
			var from, j int
			if _, err := fmt.Sscanf(h, "#%d.%d", &from, &j); err == nil && from >= k {
				t.Fatalf("step %d uses %s, the output of a later step", k, h)
			}
			sh, ok := live[h]
			if !ok {
				t.Fatalf("step %d uses %s, which is not live", k, h)
			}
			if expiry[h] != expiry[s.Sources[0]] {
				t.Fatalf("step %d joins RIs of different expiries", k)
			}
			srcs = append(srcs, sh)
			delete(live, h)
		}
		if len(srcs) > rules.MaxModifySources || len(s.Targets) > rules.MaxModifyTargets {
			t.Fatalf("step %d exceeds the call limits: %d sources, %d targets", k, len(srcs), len(s.Targets))
		}
		if len(s.Outputs) != len(s.Targets) {
			t.Fatalf("step %d has %d outputs for %d targets", k, len(s.Outputs), len(s.Targets))
		}
		for j, h := range s.Outputs {
			if h != fmt.Sprintf("#%d.%d", k, j) {
				t.Fatalf("step %d names output %d %s", k, j, h)
			}
		}
		for _, sh := range s.Targets {
			if sh.Amount < rules.MinAmount || sh.Amount > rules.MaxAmount {
				t.Fatalf("step %d makes %v, whose amount is outside %d to %d", k, sh, rules.MinAmount, rules.MaxAmount)
			}
			if (sh.Scope == ScopeZone) != (sh.Zone != "") {
				t.Fatalf("step %d makes %v, whose scope and zone disagree", k, sh)
			}
		}
		if s.Kind == Split && (len(srcs) != 1 || len(s.Targets) < 2) || s.Kind == Merge && (len(srcs) < 2 || len(s.Targets) != 1) {
			t.Fatalf("step %d is a %s of %d into %d", k, s.Kind, len(srcs), len(s.Targets))
		}
		fam := func(x string) string { it, _ := rules.ParseInstanceType(x); return it.Family }
		total := func(shapes []Shape) int {
			n := 0
			for _, sh := range shapes {
				f, _ := rules.NormalizationFactor(sh.Type)
				n += f * sh.Amount
			}
			return n
		}
		for _, sh := range append(append([]Shape{}, srcs...), s.Targets...) {
			if fam(sh.Type) != fam(srcs[0].Type) {
				t.Fatalf("step %d mixes families", k)
			}
		}
		if total(srcs) != total(s.Targets) {
			t.Fatalf("step %d does not conserve compute: %d → %d", k, total(srcs), total(s.Targets))
		}
		switch {
		case len(srcs) > 1 && len(s.Targets) > 1:
			t.Fatalf("step %d is many-to-many", k)
		case len(srcs) == 1 && len(s.Targets) == 1:
			if s.Kind != Modify || srcs[0] == s.Targets[0] && !mustChange[s.Sources[0]] {
				t.Fatalf("step %d is a modification that changes nothing or is mislabelled", k)
			}
		default:
			if rules.ZonalOnly(srcs[0].Type) {
				t.Fatalf("step %d splits or merges a zonal-only family", k)
			}
			for _, sh := range append(append([]Shape{}, srcs...), s.Targets...) {
				if sh.placement() != srcs[0].placement() {
					t.Fatalf("step %d (%s) changes scope or zone while splitting or merging", k, s.Kind)
				}
			}
		}
		for j, h := range s.Outputs {
			live[h], expiry[h] = s.Targets[j], expiry[s.Sources[0]]
		}
	}
	return live
}

func checkPlan(t *testing.T, have []Holding, want []Shape) *Reshape {
	t.Helper()
	return checkPlanWith(t, Alibaba, have, want)
}

// checkPlanWith plans, simulates the steps and checks every element ends
// as configured, that no RI that must change is kept as it is, and that
// every RI is accounted for.
func checkPlanWith(t *testing.T, rules *Rules, have []Holding, want []Shape) *Reshape {
	t.Helper()
	r, err := rules.PlanReshape(have, want)
	if err != nil {
		t.Fatalf("PlanReshape: %v", err)
	}
	live := simulate(t, rules, have, r.Steps)
	ends := map[string]int{}
	for i, h := range r.Result {
		if h == "" {
			continue
		}
		if k, dup := ends[h]; dup {
			t.Fatalf("elements %d and %d both end as %s", k, i, h)
		}
		ends[h] = i
		if live[h] != want[i] {
			t.Fatalf("element %d ends as %v, want %v (steps %+v)", i, live[h], want[i], r.Steps)
		}
		for _, held := range have {
			if held.ID == h && held.MustChange {
				t.Fatalf("element %d keeps %s, which had to change", i, h)
			}
		}
	}
	for h, sh := range live {
		if _, ok := ends[h]; !ok {
			t.Fatalf("%s (%v) is left over, no element's (steps %+v)", h, sh, r.Steps)
		}
	}
	return r
}

func kinds(r *Reshape) string {
	var k []string
	for _, s := range r.Steps {
		k = append(k, string(s.Kind))
	}
	return strings.Join(k, ",")
}

func TestPlanReshapeTransitions(t *testing.T) {
	a := Holding{ID: "ecsri-a", Shape: region("ecs.g6.2xlarge", 1)}
	b := Holding{ID: "ecsri-b", Shape: region("ecs.g6.large", 2)}
	c := Holding{ID: "ecsri-c", Shape: zone("ecs.g6.xlarge", 1, "cn-hangzhou-h")}
	cases := []struct {
		name  string
		have  []Holding
		want  []Shape
		steps string
	}{
		{"nothing changes", []Holding{a, b}, []Shape{a.Shape, b.Shape}, ""},
		{"reordered elements keep their RIs", []Holding{a, b}, []Shape{b.Shape, a.Shape}, ""},
		{"modify type", []Holding{a}, []Shape{region("ecs.g6.xlarge", 2)}, "modify"},
		{"modify type and amount", []Holding{b}, []Shape{region("ecs.g6.xlarge", 1)}, "modify"},
		{"move with another size", []Holding{a}, []Shape{zone("ecs.g6.large", 4, "cn-hangzhou-i")}, "modify"},
		{"move to a zone", []Holding{a}, []Shape{zone("ecs.g6.2xlarge", 1, "cn-hangzhou-i")}, "modify"},
		{"split", []Holding{a}, []Shape{region("ecs.g6.xlarge", 1), region("ecs.g6.large", 2)}, "split"},
		{"merge", []Holding{a, b}, []Shape{region("ecs.g6.3xlarge", 1)}, "merge"},
		{"split across zones", []Holding{a}, []Shape{zone("ecs.g6.xlarge", 1, "cn-hangzhou-h"), zone("ecs.g6.xlarge", 1, "cn-hangzhou-i")}, "split,modify,modify"},
		{"split keeping one in place", []Holding{a}, []Shape{region("ecs.g6.xlarge", 1), zone("ecs.g6.xlarge", 1, "cn-hangzhou-i")}, "split,modify"},
		{"merge across zones", []Holding{a, c}, []Shape{region("ecs.g6.3xlarge", 1)}, "modify,merge"},
		{"two independent modifications", []Holding{a, b}, []Shape{region("ecs.g6.xlarge", 2), region("ecs.g6.xlarge", 1)}, "modify,modify"},
		{"many to many", []Holding{a, b}, []Shape{region("ecs.g6.large", 3), region("ecs.g6.large", 3)}, "merge,split"},
		{"pairs by computing power", []Holding{a, b}, []Shape{region("ecs.g6.xlarge", 1), region("ecs.g6.xlarge", 2)}, "modify,modify"},
		{"split off what stays", []Holding{a, b}, []Shape{region("ecs.g6.large", 1), region("ecs.g6.large", 1), region("ecs.g6.large", 2), region("ecs.g6.large", 2)}, "split"},
		{"one changes, one stays", []Holding{a, b}, []Shape{a.Shape, region("ecs.g6.xlarge", 1)}, "modify"},
		{"buy more", []Holding{a}, []Shape{a.Shape, region("ecs.c6.large", 1)}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := checkPlan(t, tc.have, tc.want)
			if got := kinds(r); got != tc.steps {
				t.Fatalf("steps %q, want %q", got, tc.steps)
			}
		})
	}
	r := checkPlan(t, []Holding{a, b}, []Shape{b.Shape, region("ecs.g6.xlarge", 2)})
	if r.Result[0] != "ecsri-b" || !r.Unchanged(0) || r.Unchanged(1) {
		t.Fatalf("the unchanged element must keep its RI by content: %+v", r.Result)
	}
	split := checkPlan(t, []Holding{a}, []Shape{zone("ecs.g6.xlarge", 1, "cn-hangzhou-h"), zone("ecs.g6.xlarge", 1, "cn-hangzhou-i")})
	var said []string
	for _, s := range split.Steps {
		said = append(said, s.Describe())
	}
	if want := "split ecsri-a into 2 reserved instances: ecs.g6.xlarge × 1 (regional), ecs.g6.xlarge × 1 (regional)|modify the result 1 of step 1 into ecs.g6.xlarge × 1 (zone cn-hangzhou-h)|modify the result 2 of step 1 into ecs.g6.xlarge × 1 (zone cn-hangzhou-i)"; strings.Join(said, "|") != want {
		t.Fatalf("plan description:\n%s\nwant\n%s", strings.Join(said, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
	if buy := checkPlan(t, []Holding{a}, []Shape{a.Shape, region("ecs.c6.large", 1)}); buy.Result[1] != "" {
		t.Fatalf("an appended element with nothing to reshape is bought: %+v", buy.Result)
	}
}

func TestPlanReshapeRejections(t *testing.T) {
	a := Holding{ID: "ecsri-a", Shape: region("ecs.g6.2xlarge", 1)}
	gpu := Holding{ID: "ecsri-g", Shape: zone("ecs.gn6i-c4g1.2xlarge", 1, "cn-hangzhou-i")}
	cases := []struct {
		name string
		have []Holding
		want []Shape
		msg  string
	}{
		{"family change", []Holding{a}, []Shape{region("ecs.c6.2xlarge", 1)}, "instance family"},
		{"compute grows", []Holding{a}, []Shape{region("ecs.g6.2xlarge", 2)}, "computing power must stay the same"},
		{"compute shrinks in a split", []Holding{a}, []Shape{region("ecs.g6.large", 1), region("ecs.g6.large", 1)}, "hold 8"},
		{"element removed", []Holding{a, {ID: "ecsri-b", Shape: region("ecs.g6.large", 1)}}, []Shape{a.Shape}, "cannot be removed"},
		{"zonal-only split", []Holding{gpu}, []Shape{zone("ecs.gn6i-c4g1.xlarge", 1, "cn-hangzhou-i"), zone("ecs.gn6i-c4g1.xlarge", 1, "cn-hangzhou-i")}, "cannot be split or merged"},
		{"bad type", []Holding{a}, []Shape{region("g6", 1)}, "not an instance type"},
		{"merge across expiries", []Holding{{ID: "ecsri-x", Shape: region("ecs.g6.large", 1), Expiry: "2027-01-01T00:00Z"}, {ID: "ecsri-y", Shape: region("ecs.g6.large", 1), Expiry: "2028-01-01T00:00Z"}}, []Shape{region("ecs.g6.xlarge", 1)}, "expire at different times"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Alibaba.PlanReshape(tc.have, tc.want)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("want an error mentioning %q, got %v", tc.msg, err)
			}
		})
	}
	// A zonal-only family can still be modified one to one.
	checkPlan(t, []Holding{gpu}, []Shape{zone("ecs.gn6i-c4g1.2xlarge", 1, "cn-hangzhou-j")})
	// Unknown factors skip the compute check rather than block.
	checkPlanUnknown := func() {
		r, err := Alibaba.PlanReshape([]Holding{{ID: "ecsri-n", Shape: region("ecs.t5-lc2m1.nano", 1)}}, []Shape{zone("ecs.t5-lc2m1.nano", 1, "cn-hangzhou-h")})
		if err != nil || kinds(r) != "modify" {
			t.Fatalf("unknown factor: %v %v", r, err)
		}
	}
	checkPlanUnknown()
	// More targets or sources than one call takes is a sequence of calls
	// (TestPlanReshapeBeyondOneCall), not a refusal.
	big := Holding{ID: "ecsri-big", Shape: region("ecs.g6.3xlarge", 17)}
	if r := checkPlan(t, []Holding{big}, repeat(102, region("ecs.g6.large", 1))); kinds(r) != "split,split" {
		t.Fatalf("102 targets: %s", kinds(r))
	}
	var manySources []Holding
	for i := range 21 {
		manySources = append(manySources, Holding{ID: fmt.Sprintf("ecsri-%d", i), Shape: zone("ecs.g6.large", 1, "cn-hangzhou-h")})
	}
	if r := checkPlan(t, manySources, []Shape{region("ecs.g6.large", 21)}); kinds(r) != strings.Repeat("modify,", 21)+"merge,merge" {
		t.Fatalf("21 sources: %s", kinds(r))
	}
}

// TestPlanReshapeProperties generates random reshapes within a family that
// conserve compute and checks every planned sequence is valid step by step
// and ends exactly at the configuration.
func TestPlanReshapeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []string{"large", "xlarge", "2xlarge", "4xlarge"}
	places := []Shape{{Scope: "Region"}, {Scope: "Zone", Zone: "cn-hangzhou-h"}, {Scope: "Zone", Zone: "cn-hangzhou-i"}}
	random := func(budget int) []Shape {
		var out []Shape
		for budget > 0 {
			size := sizes[rng.IntN(len(sizes))]
			f, _ := Alibaba.NormalizationFactor("ecs.g6." + size)
			if f > budget {
				continue
			}
			n := 1 + rng.IntN(budget/f)
			pl := places[rng.IntN(len(places))]
			out = append(out, Shape{Type: "ecs.g6." + size, Amount: n, Scope: pl.Scope, Zone: pl.Zone})
			budget -= f * n
		}
		return out
	}
	for iter := range 3000 {
		rules := []*Rules{Alibaba, Volcengine}[iter%2]
		budget := 2 * (1 + rng.IntN(40))
		var have []Holding
		for j, s := range random(budget) {
			have = append(have, Holding{ID: fmt.Sprintf("ecsri-%d-%d", iter, j), Shape: s, MustChange: rules.RenameByModify && rng.IntN(4) == 0})
		}
		checkPlanWith(t, rules, have, random(budget))
	}
}

func TestRenewalsAndPurchasePlan(t *testing.T) {
	cases := map[int]string{12: "1 Year", 6: "1 Month,1 Month,1 Month,1 Month,1 Month,1 Month", 24: "1 Year,1 Year", 36: "3 Years", 48: "3 Years,1 Year", 61: "5 Years,1 Month"}
	for months, want := range cases {
		var got []string
		for _, r := range Alibaba.Renewals(months) {
			got = append(got, r.String())
		}
		if strings.Join(got, ",") != want {
			t.Errorf("Alibaba.Renewals(%d) = %v, want %s", months, got, want)
		}
	}
	buy, renew := Alibaba.PurchasePlan(Term{2, "Year"})
	if buy != (Term{1, "Year"}) || len(renew) != 1 || renew[0] != (Term{1, "Year"}) {
		t.Errorf("2 Years: buy %v renew %v", buy, renew)
	}
	buy, renew = Alibaba.PurchasePlan(Term{18, "Month"})
	if buy != (Term{1, "Year"}) || len(renew) != 6 {
		t.Errorf("18 Months: buy %v renew %v", buy, renew)
	}
	if buy, renew := Alibaba.PurchasePlan(Term{3, "Year"}); buy != (Term{3, "Year"}) || renew != nil {
		t.Errorf("3 Years should be one purchase: %v %v", buy, renew)
	}
}
