package reservation

import (
	"strings"
	"testing"
	"time"
)

func TestFactorNeverOverflows(t *testing.T) {
	for _, name := range []string{"ecs.g6.2305843009213693952xlarge", "ecs.g6.1025xlarge", "ecs.g6.01xlarge", "ecs.g6.-2xlarge"} {
		if f, ok := Alibaba.NormalizationFactor(name); ok || f != 0 {
			t.Errorf("%s: factor %d (%t), want unknown", name, f, ok)
		}
	}
	if f, ok := Alibaba.NormalizationFactor("ecs.g6.1024xlarge"); !ok || f != 4096 {
		t.Errorf("largest accepted size: %d %t", f, ok)
	}
}

func TestVolcengineTypes(t *testing.T) {
	if f, ok := Volcengine.NormalizationFactor("ecs.g3i.2xlarge"); !ok || f != 8 {
		t.Errorf("ecs.g3i.2xlarge: %d %t", f, ok)
	}
	if it, _ := Volcengine.ParseInstanceType("ecs.s2-c1m2.2xlarge"); it.Family != "ecs.s2" {
		t.Errorf("family %q", it.Family)
	}
}

func TestVolcengineLimitsInThePlanner(t *testing.T) {
	big := Holding{ID: "ecsri-big", Shape: zone("ecs.g3i.large", 51, "cn-beijing-a")}
	var many []Shape
	for range 51 {
		many = append(many, zone("ecs.g3i.large", 1, "cn-beijing-a"))
	}
	if r := checkPlanWith(t, Volcengine, []Holding{big}, many); kinds(r) != "split,split" {
		t.Fatalf("51 targets: %s", kinds(r))
	}
	var sources []Holding
	for i := range 11 {
		sources = append(sources, Holding{ID: "ecsri-" + string(rune('a'+i)), Shape: zone("ecs.g3i.large", 1, "cn-beijing-a")})
	}
	if r := checkPlanWith(t, Volcengine, sources, []Shape{zone("ecs.g3i.large", 11, "cn-beijing-a")}); kinds(r) != "merge,merge" {
		t.Fatalf("11 sources: %s", kinds(r))
	}
}

func TestMustChangeHoldingsAreModifiedEvenWhenTheShapeStays(t *testing.T) {
	a := Holding{ID: "ecsri-a", Shape: zone("ecs.g3i.large", 2, "cn-beijing-a"), MustChange: true}
	b := Holding{ID: "ecsri-b", Shape: zone("ecs.g3i.xlarge", 1, "cn-beijing-a")}
	r, err := Volcengine.PlanReshape([]Holding{a, b}, []Shape{a.Shape, b.Shape})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Steps) != 1 || r.Steps[0].Kind != Modify || r.Steps[0].Sources[0] != "ecsri-a" || r.Steps[0].Targets[0] != a.Shape {
		t.Fatalf("want one rename-by-modify of ecsri-a, got %+v", r.Steps)
	}
	if r.Result[1] != "ecsri-b" {
		t.Fatalf("the unchanged RI keeps its ID: %v", r.Result)
	}
}

func TestLapsedHoldingsAreKeptOrDropped(t *testing.T) {
	live := Holding{ID: "ecsri-live", Shape: region("ecs.g6.large", 1)}
	gone := Holding{ID: "ecsri-gone", Shape: region("ecs.g6.xlarge", 1), Lapsed: true}
	r, err := Alibaba.PlanReshape([]Holding{live, gone}, []Shape{live.Shape, gone.Shape})
	if err != nil || len(r.Steps) != 0 || r.Result[1] != "ecsri-gone" || len(r.Dropped) != 0 {
		t.Fatalf("a lapsed RI still described keeps its element: %+v %v", r, err)
	}
	r, err = Alibaba.PlanReshape([]Holding{live, gone}, []Shape{live.Shape})
	if err != nil || len(r.Steps) != 0 || len(r.Dropped) != 1 || r.Dropped[0] != "ecsri-gone" {
		t.Fatalf("removing a lapsed RI's element drops it with no call: %+v %v", r, err)
	}
	// A lapsed RI is never the source of a modification.
	r, err = Alibaba.PlanReshape([]Holding{gone}, []Shape{region("ecs.g6.large", 2)})
	if err != nil || len(r.Steps) != 0 || r.Result[0] != "" || len(r.Dropped) != 1 {
		t.Fatalf("a changed lapsed element is bought, not modified: %+v %v", r, err)
	}
}

func TestNewFamilyBesideAReshapeIsBought(t *testing.T) {
	a := Holding{ID: "ecsri-a", Shape: region("ecs.g6.2xlarge", 1)}
	r, err := Alibaba.PlanReshape([]Holding{a}, []Shape{region("ecs.g6.xlarge", 1), region("ecs.g6.xlarge", 1), region("ecs.c6.large", 1)})
	if err != nil {
		t.Fatal(err)
	}
	if kinds(r) != "split" || r.Result[2] != "" {
		t.Fatalf("split plus a purchase: %s %v", kinds(r), r.Result)
	}
}

func TestMonthsOwedIsMeasuredFromTheRealExpiry(t *testing.T) {
	anchor := time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC)
	oneYear := TermEnd(anchor, 12)
	cases := []struct {
		name   string
		months int
		expiry time.Time
		want   int
	}{
		{"at term", 12, oneYear, 0},
		{"one year short", 24, oneYear, 12},
		{"renewed part way", 36, Extend(oneYear, 12), 12},
		{"beyond the term (auto-renewed)", 12, Extend(oneYear, 12), 0},
		{"a month short", 13, oneYear, 1},
		{"expiry at the hour of purchase", 24, oneYear.Add(5 * time.Hour), 12},
	}
	for _, tc := range cases {
		if got := MonthsOwed(anchor, tc.months, tc.expiry); got != tc.want {
			t.Errorf("%s: owed %d, want %d", tc.name, got, tc.want)
		}
	}
	// Renewing what is owed always lands on the term.
	for months := 1; months <= 60; months++ {
		for have := 1; have <= months; have++ {
			expiry := TermEnd(anchor, have)
			owed := MonthsOwed(anchor, months, expiry)
			if owed != months-have || MonthsOwed(anchor, months, Extend(expiry, owed)) != 0 {
				t.Fatalf("term %d, bought %d: owed %d", months, have, owed)
			}
		}
	}
}

func TestTermChecks(t *testing.T) {
	if err := Alibaba.CheckTerm(Term{6, Year}); err == nil || !strings.Contains(err.Error(), "5 Years") {
		t.Errorf("6 years: %v", err)
	}
	if err := Alibaba.CheckTerm(Term{5, Year}); err != nil {
		t.Error(err)
	}
	if err := Volcengine.CheckTerm(Term{36, Month}); err != nil {
		t.Error(err)
	}
	if err := Alibaba.CheckAutoRenew(Term{3, Month}); err == nil {
		t.Error("3 months of automatic renewal is not offered on Alibaba Cloud")
	}
	if err := Volcengine.CheckAutoRenew(Term{6, Month}); err != nil {
		t.Error(err)
	}
	buy, renew := Volcengine.PurchasePlan(Term{48, Month})
	if buy != (Term{36, Month}) || len(renew) != 1 || renew[0] != (Term{12, Month}) {
		t.Errorf("48 months on Volcengine: buy %v renew %v", buy, renew)
	}
	if got := Volcengine.Renewals(11); len(got) != 2 || got[0] != (Term{9, Month}) || got[1] != (Term{2, Month}) {
		t.Errorf("11 months: %v", got)
	}
}

func TestVolcengineTextRules(t *testing.T) {
	tx := Volcengine.Text
	for _, good := range []string{"a", "web_ri-1", "预留"} {
		if err := tx.Name.Check(good); err != nil {
			t.Errorf("name %q: %v", good, err)
		}
	}
	for _, bad := range []string{"", "1ri", "_ri", "-ri", "ri.x", strings.Repeat("a", 129)} {
		if tx.Name.Check(bad) == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	if tx.TagKey.Check("VOLC:x") == nil || tx.TagKey.Check("Sys:y") == nil || tx.TagKey.Check("team name@x") != nil || tx.TagKey.Check("a#b") == nil {
		t.Error("tag key rules")
	}
	if tx.TagValue.Check("") != nil || tx.TagValue.Check(strings.Repeat("v", 257)) == nil {
		t.Error("tag value rules")
	}
	if tx.Project.Check("project_a.1") != nil || tx.Project.Check("a b") == nil || tx.Project.Check("") == nil {
		t.Error("project rules")
	}
}

func TestRenewalTokensFollowWhatIsRenewed(t *testing.T) {
	a := RenewalToken(map[string]string{"ecsri-a": "2027-11-23T00:00Z", "ecsri-b": "2027-11-23T00:00Z"}, Term{1, Year})
	same := RenewalToken(map[string]string{"ecsri-b": "2027-11-23T00:00Z", "ecsri-a": "2027-11-23T00:00Z"}, Term{1, Year})
	after := RenewalToken(map[string]string{"ecsri-a": "2028-11-23T00:00Z", "ecsri-b": "2028-11-23T00:00Z"}, Term{1, Year})
	longer := RenewalToken(map[string]string{"ecsri-a": "2027-11-23T00:00Z", "ecsri-b": "2027-11-23T00:00Z"}, Term{3, Year})
	if a != same || a == after || a == longer || len(a) > 64 {
		t.Fatalf("tokens: %s %s %s %s", a, same, after, longer)
	}
	if first, second := NewPurchaseToken(), NewPurchaseToken(); first == second || len(first) > 64 {
		t.Fatal("purchase tokens must be unique and at most 64 characters")
	}
}
