package converge

import (
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// What a configuration cannot be is rejected before any plan, naming the
// attribute and the rule.
func TestValidateRejectsWithTheAttributeAndTheRule(t *testing.T) {
	zone := func(s reservation.Shape, z string) reservation.Shape { s.Zone = z; return s }
	cases := []struct {
		name  string
		cloud string // "" for both
		conf  func(w *world) conf
		attr  string
		index int
		field string
		want  string
	}{
		{"term of six years", "", func(w *world) conf { return conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, months: 72} },
			"period", -1, "", "longer than the 5 Years"},
		{"zonal scope without a zone", "", func(w *world) conf {
			return conf{elems: []reservation.Shape{zone(w.c.zonal(w.c.small, 1), "")}}
		}, "configurations", 0, "zone_id", "configurations[0].zone_id is required when scope is Zone"},
		{"regional scope with a zone", "", func(w *world) conf {
			return conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), zone(w.c.regional(w.c.small, 1), w.c.zone)}}
		}, "configurations", 1, "zone_id", "must not be set when scope is Region"},
		{"zonal-only family without a zone", "alibaba", func(w *world) conf {
			return conf{elems: []reservation.Shape{w.c.regional("ecs.gn6i-c4g1.xlarge", 1)}}
		}, "configurations", 0, "scope", "can only be reserved in a zone"},
		{"auto-renewal of two years", "alibaba", func(w *world) conf {
			return conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, renewMonths: 24}
		}, "auto_renew_period", -1, "", "an automatic renewal of 2 Years is not offered"},
		{"auto-renewal of thirteen months", "volcengine", func(w *world) conf {
			return conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, renewMonths: 13}
		}, "auto_renew_period", -1, "", "an automatic renewal of 13 Months is not offered"},
		{"auto-renewal of three months", "alibaba", func(w *world) conf {
			return conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, renewMonths: 3}
		}, "auto_renew_period", -1, "", "an automatic renewal of 3 Months is not offered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachCloud(t, func(t *testing.T, w *world) {
				if tc.cloud != "" && tc.cloud != w.c.name {
					return
				}
				d := w.c.spec.Validate(w.config(tc.conf(w)))
				if len(d) != 1 || d[0].Severity != Error || d[0].Attribute != tc.attr || d[0].Index != tc.index || d[0].Field != tc.field ||
					!strings.Contains(d[0].Detail, tc.want) {
					t.Fatalf("%+v, want %s[%d].%s: %s", d, tc.attr, tc.index, tc.field, tc.want)
				}
			})
		})
	}
}

// Every accepted configuration validates clean.
func TestValidateAcceptsWhatTheCloudsOffer(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		for _, c := range []conf{
			{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}},
			{elems: []reservation.Shape{w.c.zonal(w.c.large, w.c.spec.Rules.MaxAmount)}, months: 36},
			{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, months: 60, autoRenew: true, renewMonths: 1},
		} {
			if d := w.c.spec.Validate(w.config(c)); len(d) != 0 {
				t.Fatalf("%+v rejected: %v", c, d)
			}
		}
	})
}

// A scheduled start is for regional purchases only and not in the past;
// both are checked when buying.
func TestScheduledStartIsCheckedWhenBuying(t *testing.T) {
	w := newWorld(t, clouds[0])
	past := reservation.FormatAPITime(w.fake.Now().Add(-2 * time.Hour))
	w.plan(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, startTime: past})
	w.expectSummaries("error: Start time in the past", "warning: This apply buys reserved instances")
	future := w.fake.Now().Add(48 * time.Hour).Format("2006-01-02T15Z")
	w.plan(conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 1)}, startTime: future})
	w.expectSummaries("error: Start time on a zonal reservation", "warning: This apply buys reserved instances")
	w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, startTime: future})
	if got := w.fake.Live()[0].Start; !got.Equal(w.fake.Now().Add(48 * time.Hour)) {
		t.Fatalf("the purchase starts at %s", got)
	}
}
