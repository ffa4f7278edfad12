package usage

import (
	"strings"
	"testing"
	"time"
)

func TestSimulateRefusesBadInput(t *testing.T) {
	ri := g6Zonal("ri", 1, "Linux")
	decl := running("web", "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)
	valid := func() Input {
		return Input{
			Rules: alibaba, Prices: testPrices, Reservations: []Reservation{ri}, Fleet: []Declaration{decl},
			From: T.Add(-days(1)), To: T,
		}
	}
	withRI := func(f func(*Reservation)) func(*Input) {
		return func(in *Input) { f(&in.Reservations[0]) }
	}
	withDecl := func(f func(*Declaration)) func(*Input) {
		return func(in *Input) { f(&in.Fleet[0]) }
	}
	oddFactor := func(v float64) func(*Input) {
		return func(in *Input) {
			in.Rules.Factor = func(string) (float64, bool) { return v, true }
		}
	}
	for _, tc := range []struct {
		name   string
		change func(*Input)
		want   string
	}{
		{"no factor function", func(in *Input) { in.Rules.Factor = nil }, "Family and Factor"},
		{"no window start", func(in *Input) { in.From = time.Time{} }, "From and To"},
		{"window over ten years", func(in *Input) { in.From = T.Add(-days(3700)) }, "window"},
		{"RI without ID", withRI(func(r *Reservation) { r.ID = "" }), "no ID"},
		{"RI twice", func(in *Input) { in.Reservations = append(in.Reservations, ri) }, "twice"},
		{"RI without region", withRI(func(r *Reservation) { r.Region = "" }), "region"},
		{"zonal RI without zone", withRI(func(r *Reservation) { r.Zone = "" }), "zone"},
		{"regional RI with a zone", withRI(func(r *Reservation) { r.Scope = Regional }), "has a zone"},
		{"RI without scope", withRI(func(r *Reservation) { r.Scope = 0 }), "scope"},
		{"RI of no instance", withRI(func(r *Reservation) { r.Amount = 0 }), "covers 0"},
		{"RI of too many instances", withRI(func(r *Reservation) { r.Amount = maxCount + 1 }), "covers"},
		{"RI without start", withRI(func(r *Reservation) { r.Start = time.Time{} }), "no start"},
		{"RI ending before it starts", withRI(func(r *Reservation) { r.End = r.Start }), "ends before"},
		{"RI of an unknown type", withRI(func(r *Reservation) { r.InstanceType = "ecs.g6.huge" }), "no normalisation factor"},
		{"factor finer than a thousandth", oddFactor(2.0005), "multiple of 0.001"},
		{"factor too large", oddFactor(2048), "multiple of 0.001"},
		{"factor zero", oddFactor(0), "multiple of 0.001"},
		{"RI of an unpriced type", withRI(func(r *Reservation) { r.InstanceType = "ecs.g6.4xlarge" }), "no price"},
		{"declaration without ID", withDecl(func(d *Declaration) { d.ID = "" }), "no ID"},
		{"declaration twice", func(in *Input) { in.Fleet = append(in.Fleet, decl) }, "twice"},
		{"declaration without zone", withDecl(func(d *Declaration) { d.Zone = "" }), "zone"},
		{"declaration of no instance", withDecl(func(d *Declaration) { d.Count = 0 }), "counts 0"},
		{"declaration ending before it starts", withDecl(func(d *Declaration) { d.End = d.Start.Add(-time.Second) }), "ends before"},
		{"declaration of an unpriced type", withDecl(func(d *Declaration) { d.InstanceType = "ecs.r6.xlarge" }), "no price"},
		{"negative price", func(in *Input) {
			in.Prices.Prices = map[PriceKey]Price{{InstanceType: "ecs.g6.large"}: {PayAsYouGo: -1}}
		}, "not a price"},
		{"two prices for one key", func(in *Input) {
			in.Prices.Prices = map[PriceKey]Price{
				{InstanceType: "ecs.g6.large", Platform: "Linux"}: {}, {InstanceType: "ecs.g6.large", Platform: "LINUX"}: {},
			}
		}, "two prices"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			if _, err := Simulate(in); err != nil {
				t.Fatalf("the valid input fails: %v", err)
			}
			in.Reservations = append([]Reservation(nil), in.Reservations...)
			in.Fleet = append([]Declaration(nil), in.Fleet...)
			tc.change(&in)
			_, err := Simulate(in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}
