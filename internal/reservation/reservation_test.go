package reservation

import (
	"strings"
	"testing"
	"time"
)

func TestNormalizationFactor(t *testing.T) {
	cases := map[string]int{
		"ecs.g5.large": 2, "ecs.g5.xlarge": 4, "ecs.g5.2xlarge": 8, "ecs.g5.4xlarge": 16, "ecs.c7.16xlarge": 64,
		"ecs.gn6i-c4g1.xlarge": 4, "ecs.t5-lc1m1.small": 1,
	}
	for name, want := range cases {
		if got, ok := Alibaba.NormalizationFactor(name); !ok || got != want {
			t.Errorf("%s: factor %d (%t), want %d", name, got, ok, want)
		}
	}
	for _, name := range []string{"ecs.t5-lc2m1.nano", "ecs.g5", "g5.large", "ecs.g5.0xlarge", "ecs..large", "", "ecs.g5.large.x"} {
		if got, ok := Alibaba.NormalizationFactor(name); ok {
			t.Errorf("%q: want unknown, got %d", name, got)
		}
	}
}

func TestFamiliesAndZonalOnly(t *testing.T) {
	for name, family := range map[string]string{"ecs.g5.large": "ecs.g5", "ecs.gn6i-c4g1.xlarge": "ecs.gn6i", "ecs.t5-lc1m1.small": "ecs.t5"} {
		if it, _ := Alibaba.ParseInstanceType(name); it.Family != family {
			t.Errorf("%s: family %q, want %q", name, it.Family, family)
		}
	}
	if !Alibaba.ZonalOnly("ecs.gn6i-c4g1.xlarge") || !Alibaba.ZonalOnly("ecs.t5-lc1m1.small") || Alibaba.ZonalOnly("ecs.g6.large") {
		t.Error("zonal-only families misclassified")
	}
}

func TestDeriveTermInvertsPurchase(t *testing.T) {
	starts := []time.Time{
		time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 23, 0, 0, 0, time.UTC), // leap day
		time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),  // month-end clamping
	}
	for _, start := range starts {
		for months := 1; months <= 60; months++ {
			want := TermFromMonths(months)
			got, ok := DeriveTerm(start, termEnd(start, months))
			if !ok || got != want {
				t.Fatalf("start %s, %d months: derived %v (%t), want %v", start, months, got, ok, want)
			}
		}
	}
	// The sample in the API docs ends at the hour of purchase, not midnight.
	got, ok := DeriveTerm(time.Date(2018, 12, 10, 12, 0, 0, 0, time.UTC), time.Date(2019, 12, 10, 12, 7, 0, 0, time.UTC))
	if !ok || got != (Term{1, "Year"}) {
		t.Fatalf("doc sample: %v %t", got, ok)
	}
	if _, ok := DeriveTerm(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC)); ok {
		t.Fatal("a half-month span is not a term")
	}
}

func TestTerms(t *testing.T) {
	if (Term{18, "Month"}).Months() != 18 || (Term{3, "Year"}).Months() != 36 {
		t.Fatal("months")
	}
	if TermFromMonths(24) != (Term{2, "Year"}) || TermFromMonths(18) != (Term{18, "Month"}) {
		t.Fatal("TermFromMonths")
	}
	if s := (Term{1, "Year"}).String(); s != "1 Year" {
		t.Errorf("String: %q", s)
	}
	if _, err := ParseAPITime("2026-11-22T05:00Z"); err != nil {
		t.Error(err)
	}
	if _, err := ParseAPITime("yesterday"); err == nil {
		t.Error("garbage time accepted")
	}
}

func TestAttributeRules(t *testing.T) {
	good := []string{"ab", "web-ri", "预留实例", "A:b_c-1", strings.Repeat("a", 128)}
	bad := map[string]string{"a": "2 to 128", strings.Repeat("a", 129): "2 to 128", "1ab": "start with a letter", "ab.c": "only letters",
		"http://x": "http", "_ab": "start with a letter", "ab c": "only letters"}
	for _, n := range good {
		if err := Alibaba.Text.Name.Check(n); err != nil {
			t.Errorf("name %q rejected: %v", n, err)
		}
	}
	for n, msg := range bad {
		if err := Alibaba.Text.Name.Check(n); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("name %q: error %v, want it to mention %q", n, err, msg)
		}
	}
	if Alibaba.Text.Description.Check("ok") != nil || Alibaba.Text.Description.Check("x") == nil || Alibaba.Text.Description.Check("https://a") == nil || Alibaba.Text.Description.Check(strings.Repeat("d", 257)) == nil {
		t.Error("description rules")
	}
	if Alibaba.Text.TagKey.Check("env") != nil || Alibaba.Text.TagKey.Check("") == nil || Alibaba.Text.TagKey.Check("acs:x") == nil || Alibaba.Text.TagKey.Check("Aliyun-x") == nil || Alibaba.Text.TagKey.Check("a http://b") == nil {
		t.Error("tag key rules")
	}
	if Alibaba.Text.TagValue.Check("") != nil || Alibaba.Text.TagValue.Check("acs:v") == nil || Alibaba.Text.TagValue.Check(strings.Repeat("v", 129)) == nil {
		t.Error("tag value rules")
	}
}
