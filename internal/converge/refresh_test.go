package converge

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud/cloudtest"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Drift on any one RI shows: the refresh names it, the plan converges
// exactly that RI, and afterwards nothing is left to do.
func TestDriftOnAnyRIShowsAndIsRepaired(t *testing.T) {
	for _, tc := range []struct {
		name  string
		drift func(ri *cloud.RI)
		calls string
	}{
		{"a tag changed", func(ri *cloud.RI) { ri.Tags["team"] = "ops" }, "Tag"},
		{"a tag added", func(ri *cloud.RI) { ri.Tags["extra"] = "x" }, "Untag"},
		{"auto-renewal switched on", func(ri *cloud.RI) {
			ri.Renewal = cloud.Renewal{Known: true, Auto: true, Term: reservation.Term{Period: 1, Unit: reservation.Month}}
		}, "SetRenewal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachCloud(t, func(t *testing.T, w *world) {
				c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.medium, 1), w.c.regional(w.c.other, 1)},
					tags: map[string]string{"team": "web"}}
				w.settle(c)
				drifted := w.ids()[1]
				w.fake.Update(drifted, tc.drift)
				w.refresh()
				w.expectSummaries("warning: Reserved instances of one reservation differ")
				w.expectDetail("Reserved instances of one reservation differ", drifted+": ", "The plan shows what the next apply sets on them.")
				if strings.Count(detail(w.diags, "Reserved instances of one reservation differ"), "ecsri-") != 1 {
					t.Fatalf("only the drifted RI is named: %s", detail(w.diags, "Reserved instances of one reservation differ"))
				}
				w.plan(c)
				w.expectSummaries("warning: This apply changes reserved instances in place")
				w.expectDetail("This apply changes reserved instances in place", " "+drifted+"\n\nThese calls cost nothing")
				before := w.fake.Count(tc.calls)
				w.settle(c)
				if got := w.fake.Count(tc.calls) - before; got != 1 {
					t.Fatalf("%d %s calls to repair one RI", got, tc.calls)
				}
				for _, ri := range w.fake.Live() {
					if ri.Tags["team"] != "web" || len(ri.Tags) != 1 || ri.Renewal.Auto {
						t.Fatalf("%s not repaired: %+v", ri.ID, ri)
					}
				}
			})
		})
	}
}

// Import: from the IDs alone a refresh records the term, the shapes, the
// decoration and the anchors; the configuration that describes the RIs
// then plans nothing.
func TestImportRecordsEverythingFromTheIDs(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		tags := map[string]string{"team": "web"}
		a := w.fake.Seed(cloud.RI{Shape: w.c.zonal(w.c.small, 2), Name: "ri", Tags: tags}, 12)
		b := w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.medium, 1), Name: "ri", Tags: tags}, 12)
		w.state = &Reservation{ID: Known(a.ID + "," + b.ID), Region: Known(w.c.region), Period: Null[int](), PeriodUnit: Null[string](),
			Name: Null[string](), Description: Null[string](), Tags: Null[map[string]string](), AutoRenew: Null[bool](),
			RenewalTerm: Null[reservation.Term](), StartTime: Null[string](), Status: Null[string](), ExpiredTime: Null[string](),
			Attrs: map[string]Val[string]{}, Locks: Null[[]string]()}
		for _, n := range w.attrNames() {
			w.state.Attrs[n] = Null[string]()
		}
		w.refresh()
		if len(w.diags) != 0 {
			t.Fatalf("import: %v", w.diags)
		}
		p, u := w.term(12)
		if w.state.Period.V != p || w.state.PeriodUnit.V != u || w.state.Name.V != "ri" || w.state.Tags.V["team"] != "web" {
			t.Fatalf("imported %+v", w.state)
		}
		if _, ok := w.rec.anchor(a.ID); !ok {
			t.Fatal("the imported RI is anchored at its start")
		}
		w.expectNoChange(conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 2), w.c.regional(w.c.medium, 1)}, name: text("ri"), tags: tags, months: 12})
	})
}

// An import of RIs that disagree is not an empty plan: the refresh names
// the one that differs and the plan converges it.
func TestImportOfDisagreeingRIsIsNotAnEmptyPlan(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		a := w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.small, 1), Name: "ri", Tags: map[string]string{"team": "web"}}, 12)
		b := w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.small, 1), Name: "ri", Tags: map[string]string{"team": "ops"}}, 12)
		w.state = importing(w, a.ID+","+b.ID)
		w.refresh()
		w.expectSummaries("warning: Reserved instances of one reservation differ")
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.small, 1)}, name: text("ri"),
			tags: map[string]string{"team": "web"}, months: 12}
		w.plan(c)
		w.expectSummaries("warning: This apply changes reserved instances in place")
		w.expectDetail("This apply changes reserved instances in place", `team="web" on `+b.ID)
	})
}

func importing(w *world, id string) *Reservation {
	r := &Reservation{ID: Known(id), Region: Known(w.c.region), Period: Null[int](), PeriodUnit: Null[string](),
		Name: Null[string](), Description: Null[string](), Tags: Null[map[string]string](), AutoRenew: Null[bool](),
		RenewalTerm: Null[reservation.Term](), StartTime: Null[string](), Status: Null[string](), ExpiredTime: Null[string](),
		Attrs: map[string]Val[string]{}, Locks: Null[[]string]()}
	for _, n := range w.attrNames() {
		r.Attrs[n] = Null[string]()
	}
	return r
}

// An RI that runs neither a whole number of months gets a warning naming
// it and the term recorded.
func TestImportOfAnUnrecognisedTermWarns(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		ri := w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.small, 1), Name: "ri"}, 12)
		w.fake.Update(ri.ID, func(r *cloud.RI) { r.Expiry = r.Expiry.Add(-10 * 24 * time.Hour) })
		w.state = importing(w, ri.ID)
		w.refresh()
		w.expectSummaries("warning: Term not recognised")
		w.expectDetail("Term not recognised", ri.ID+" runs from", "Set period and period_unit to what you bought.")
	})
}

// RIs that vanish leave state with a warning; when none is left and
// nothing is pending, the resource is gone.
func TestVanishedRIsLeaveState(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}})
		ids := w.ids()
		w.fake.Remove(ids[0])
		w.refresh()
		w.expectSummaries("warning: Some reserved instances no longer exist")
		w.expectDetail("Some reserved instances no longer exist", ids[0]+" no longer exist")
		if got := w.ids(); len(got) != 1 || got[0] != ids[1] {
			t.Fatalf("ids %v", got)
		}
		w.fake.Remove(ids[1])
		r := w.refresh()
		if !r.Gone || w.state != nil {
			t.Fatalf("the resource is gone: %+v", r)
		}
		w.expectSummaries("warning: Some reserved instances no longer exist", "warning: Reserved instances no longer exist")
	})
}

// A reservation whose purchase is unconfirmed is not gone, though none of
// its RIs is known.
func TestUnconfirmedPurchaseKeepsTheResource(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.fake.Drop("Purchase", -1)
		w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		w.fake.Clear()
		if r := w.refresh(); r.Gone {
			t.Fatal("a reservation with a purchase unconfirmed must stay in state")
		}
		w.expectSummaries("warning: A purchase is not confirmed yet")
	})
}

// The expiry warning counts days by the service's clock: an RI that the
// service says lapses within the horizon is named, unless it renews itself
// or the warning is off.
func TestExpiryWarningUsesTheServicesClock(t *testing.T) {
	for _, tc := range []struct {
		name      string
		autoRenew bool
		days      int
		advance   time.Duration
		warns     bool
	}{
		{"lapses within the horizon", false, 30, 355 * 24 * time.Hour, true},
		{"not yet", false, 30, 300 * 24 * time.Hour, false},
		{"renews itself", true, 30, 355 * 24 * time.Hour, false},
		{"warning off", false, 0, 355 * 24 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachCloud(t, func(t *testing.T, w *world) {
				c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, months: 12, autoRenew: tc.autoRenew}
				w.settle(c)
				w.e.ExpiryWarningDays = tc.days
				w.fake.Advance(tc.advance) // the service's clock only
				w.refresh()
				if !tc.warns {
					w.expectSummaries()
					return
				}
				w.expectSummaries("warning: Reserved instances expire soon and will not renew")
				ri := w.fake.Live()[0]
				w.expectDetail("Reserved instances expire soon and will not renew",
					fmt.Sprintf("%s expires %s (UTC), in %d days", ri.ID, reservation.FormatAPITime(ri.Expiry), int(ri.Expiry.Sub(w.fake.Now()).Hours()/24)),
					"set auto_renew = true", "(This warning covers 30 days")
			})
		})
	}
}

// Times are written in the documented format whatever the cloud's
// spelling.
func TestTimesAreWrittenInTheDocumentedFormat(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		for _, v := range []string{w.state.ExpiredTime.V, w.state.Elements[0].Expiry.V, w.state.StartTime.V} {
			if _, err := time.Parse("2006-01-02T15:04Z", v); err != nil {
				t.Fatalf("%q is not yyyy-MM-ddTHH:mmZ", v)
			}
		}
	})
}

// Destroy cannot refund: it switches renewal off for the RIs that renew
// (and those whose renewal is not known), says until when they bill, and
// names purchases never confirmed.
func TestReleaseSwitchesRenewalOffAndSaysUntilWhen(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, autoRenew: true})
		w.diags = w.e.Release(w.ctx, w.state, w.rec)
		w.expectSummaries("warning: Reserved instances keep billing until they expire")
		w.expectDetail("Reserved instances keep billing until they expire", w.ids()[0]+" until "+w.state.ExpiredTime.V)
		w.expectCalls(map[string]int{"SetRenewal": 1})
		if ri := w.fake.Live()[0]; ri.Renewal.Auto {
			t.Fatal("renewal is still on")
		}
		if got := Destroying(); got[0].Summary != "Destroying reserved instances refunds nothing" {
			t.Fatalf("%v", got)
		}
	})
}

// A release that cannot switch renewal off fails, so the resource stays in
// state.
func TestReleaseFailsWhenRenewalCannotBeSwitchedOff(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, autoRenew: true})
		w.fake.Fail("SetRenewal", 1, cloudtest.Refused(w.c.spec.Rules.Calls.AutoRenew, "Forbidden"))
		w.diags = w.e.Release(w.ctx, w.state, w.rec)
		w.expectSummaries("error: Cannot switch auto-renewal off")
		w.expectDetail("Cannot switch auto-renewal off", "The resource stays in state; try again.")
	})
}

// A private record that does not decode is an error naming the resource
// and the recovery, never a silent loss of the purchases it may hold.
func TestUnreadableRecordIsAnError(t *testing.T) {
	if _, err := ParseRecord([]byte(`{"pending": 7}`)); err == nil {
		t.Fatal("a record that does not decode must be an error")
	}
	rec, err := ParseRecord(nil)
	if err != nil || rec.Settled || len(rec.Pending) != 0 {
		t.Fatalf("no record is an empty one: %+v %v", rec, err)
	}
	d := UnreadableRecord("ecsri_reserved_instance", fmt.Errorf("boom"))
	if d.Severity != Error || !strings.Contains(d.Detail, "ecsri_reserved_instance") || !strings.Contains(d.Detail, "terraform import") {
		t.Fatalf("%+v", d)
	}
	raw, _ := (&Record{Pending: []Pending{{Token: "t"}}, Settled: true}).Marshal()
	back, err := ParseRecord(raw)
	if err != nil || back.Pending[0].Token != "t" || !back.Settled {
		t.Fatalf("round trip: %+v %v", back, err)
	}
}

// An equal term written the other way (12 Months, 1 Year) plans no change,
// after an import as after any apply, for the term and the automatic
// renewal alike.
func TestEqualTermsWrittenAnotherWayPlanNoChange(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		renewal := cloud.Renewal{Known: true, Auto: true, Term: reservation.Term{Period: 12, Unit: reservation.Month}}
		if w.c.spec == Alibaba {
			renewal.Term = reservation.Term{Period: 1, Unit: reservation.Year}
		}
		ri := w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.small, 1), Name: "ri", Renewal: renewal}, 12)
		w.state = importing(w, ri.ID)
		w.refresh()
		other := reservation.Term{Period: 1, Unit: reservation.Year}
		if w.state.PeriodUnit.V == reservation.Year {
			other = reservation.Term{Period: 12, Unit: reservation.Month}
		}
		config := w.config(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, name: text("ri"), autoRenew: true})
		config.Period, config.PeriodUnit = Known(other.Period), Known(other.Unit)
		flipped := reservation.Term{Period: 12, Unit: reservation.Month}
		if w.state.RenewalTerm.V.Unit == reservation.Month {
			flipped = reservation.Term{Period: 1, Unit: reservation.Year}
		}
		config.RenewalTerm = Known(renewal.Term)
		if w.c.spec == Alibaba {
			config.RenewalTerm = Known(flipped)
		}
		p := w.e.PlanChange(w.proposed(config, w.state), config, w.state, w.rec)
		if d := diffs(p.Plan, w.state); len(d) > 0 || len(p.Diags) > 0 {
			t.Fatalf("%s written as %s plans a change: %v %v", w.state.Term(), other, d, p.Diags)
		}
	})
}

// Destroying a reservation whose purchase is unconfirmed names the RIs
// that purchase may have bought (reads only, no paid call) and how to stop
// them renewing.
func TestReleaseNamesWhatAnUnconfirmedPurchaseMayHaveBought(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, autoRenew: true, name: text("web")}
		w.fake.Drop("Purchase", 1)
		w.apply(c)
		bought := w.fake.RIs()[0]
		w.fake.Seed(cloud.RI{Shape: w.c.regional(w.c.small, 1), Name: "other"}, 12) // another name: not a candidate
		w.fake.ResetCalls()
		w.diags = w.e.Release(w.ctx, w.state, w.rec)
		w.expectSummaries("warning: A purchase was never confirmed")
		w.expectDetail("A purchase was never confirmed", "ClientToken "+w.rec.Pending[0].Token, "These reserved instances match it:\n"+bought.ID+" (started",
			"auto-renewal ON: it renews itself", "switch its auto-renewal off in the console, or import it (terraform import <address> "+w.c.region+":<id>)")
		if strings.Contains(detail(w.diags, "A purchase was never confirmed"), "ecsri-fake002") {
			t.Fatal("an RI of another name is not a candidate")
		}
		for _, call := range w.fake.Calls() {
			if call.Method != "Find" && call.Method != "DescribeRIs" && call.Method != "Renewals" {
				t.Fatalf("looking for candidates made a %s call", call.Method)
			}
		}
	})
}
