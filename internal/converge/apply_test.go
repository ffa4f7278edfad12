package converge

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud/cloudtest"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Buying: one purchase per element, announced with its action and term,
// each RI read back Active, and nothing to do afterwards.
func TestCreateBuysOneRIPerElementAndSettles(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 2), w.c.regional(w.c.medium, 1)}, tags: map[string]string{"team": "web"}}
		w.plan(c)
		w.expectSummaries("warning: This apply buys reserved instances")
		term, _ := w.term(0)
		w.expectDetail("This apply buys reserved instances", fmt.Sprintf("2 %s call(s): %s, %s, for %d", w.c.spec.Rules.Calls.Purchase,
			w.c.zonal(w.c.small, 2), w.c.regional(w.c.medium, 1), term), "cannot be refunded")
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 2, "Renew": 0, "Tag": 0, "SetRenewal": 0})
		w.expectLive(w.c.zonal(w.c.small, 2), w.c.regional(w.c.medium, 1))
		for _, ri := range w.fake.Live() {
			if ri.Tags["team"] != "web" {
				t.Fatalf("the purchase carries the tags: %+v", ri)
			}
		}
		if w.state.Status.V != string(cloud.StatusActive) || len(w.ids()) != 2 || w.state.ID.V != strings.Join(w.ids(), ",") {
			t.Fatalf("state: %+v", w.state)
		}
	})
}

// A term longer than one purchase buys the longest term one purchase can,
// then renews the rest once the RIs are active: every RI ends exactly at
// the term.
func TestCreateWithTermLongerThanOnePurchaseRenewsTheRest(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		months := 48
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, months: months}
		w.plan(c)
		buy, renewals := w.c.spec.Rules.PurchasePlan(reservation.TermFromMonths(months))
		w.expectDetail("This apply buys reserved instances", fmt.Sprintf("One purchase buys at most a term of %s here, so %d %s call(s) follow (%s)",
			buy, len(renewals), w.c.spec.Rules.Calls.Renew, termsText(renewals)))
		w.settle(c)
		ri := w.fake.Live()[0]
		if want := reservation.TermEnd(ri.Start, months); !ri.Expiry.Equal(want) {
			t.Fatalf("expiry %s, want %s", ri.Expiry, want)
		}
		w.expectCalls(map[string]int{"Purchase": 1, "Renew": len(renewals)})
	})
}

// Auto-renewal asked for at purchase goes with the purchase: no extra call.
func TestCreateWithAutoRenewalSetsItInThePurchase(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, autoRenew: true}
		w.plan(c)
		w.expectDetail("This apply buys reserved instances", "Auto-renewal is on")
		w.settle(c)
		w.expectCalls(map[string]int{"SetRenewal": 0})
		if r := w.fake.Live()[0].Renewal; !r.Auto || r.Term.Months() != w.c.spec.DefaultRenewal.Months() {
			t.Fatalf("renewal %+v", r)
		}
	})
}

// Every answer to a purchase is lost after it happened: the apply warns,
// records the purchase with its ClientToken, and buys nothing else; the
// next apply repeats it with the same token and gets the same RI back: one
// RI, never two. The other element is bought only then.
func TestLostPurchaseAnswerIsConfirmedNotRepeated(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}}
		w.fake.Drop("Purchase", -1)
		w.apply(c)
		w.expectSummaries("warning: Apply incomplete: 0 of 2 reserved instances bought")
		w.expectDetail("Apply incomplete: 0 of 2 reserved instances bought", "configurations[0] ("+w.c.regional(w.c.small, 1).String()+"): ",
			"The purchase may have happened", "ClientToken ecsri-", "the next apply repeats it with that token",
			"configurations[1] ("+w.c.regional(w.c.other, 1).String()+"): not attempted: the purchase of configurations[0] got no answer",
			"The next apply buys the 1 recorded as NotPurchased and confirms the 1 recorded as PurchaseUnconfirmed")
		if strings.Contains(detail(w.diags, "Apply incomplete: 0 of 2 reserved instances bought"), "nothing was charged") {
			t.Fatal("a purchase that may have happened must not say nothing was charged")
		}
		if got := []string{w.state.Elements[0].Status.V, w.state.Elements[1].Status.V}; !slices.Equal(got, []string{StatusUnconfirmed, StatusNotPurchased}) {
			t.Fatalf("element statuses %v", got)
		}
		token := w.rec.Pending[0].Token
		w.fake.Clear()
		w.refresh()
		w.expectSummaries("warning: A purchase is not confirmed yet")
		w.plan(c)
		w.expectSummaries("warning: This apply confirms purchases that got no answer", "warning: This apply buys reserved instances")
		w.expectDetail("This apply confirms purchases that got no answer", "configurations[0]", "ClientToken "+token)
		w.settle(c)
		var tokens []string
		for _, call := range w.fake.Calls() {
			if call.Method == "Purchase" && call.Token == token {
				tokens = append(tokens, call.Token)
				if !call.Replayed && len(tokens) > 1 {
					t.Fatalf("the confirmation must be answered from the first purchase: %+v", call)
				}
			}
		}
		w.expectCalls(map[string]int{"Purchase": 2})
		if len(w.fake.Live()) != 2 || len(w.rec.Pending) != 0 {
			t.Fatalf("two RIs, nothing pending: %v %v", w.live(), w.rec.Pending)
		}
	})
}

// The first element is bought; every answer for the second is lost after
// it was bought. The first stays in state; the second is confirmed by the
// next apply with its token.
func TestLostAnswerForTheSecondElement(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}}
		w.fake.OnCall("Purchase", func(cloudtest.Call) { w.fake.Drop("Purchase", -1) })
		w.apply(c)
		w.fake.OnCall("Purchase", nil)
		w.expectSummaries("warning: Apply incomplete: 1 of 2 reserved instances bought")
		w.expectDetail("Apply incomplete: 1 of 2 reserved instances bought", "configurations[1]", "The next apply confirms the 1 recorded as PurchaseUnconfirmed")
		if !w.state.Elements[0].Bought() || w.state.Elements[1].Status.V != StatusUnconfirmed {
			t.Fatalf("elements %+v", w.state.Elements)
		}
		w.fake.Clear()
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 2})
		if len(w.fake.Live()) != 2 {
			t.Fatalf("live %v", w.live())
		}
	})
}

// A purchase refused outright bought nothing: the create fails, says so,
// and leaves no state behind.
func TestRefusedPurchaseFailsTheCreateAndChargesNothing(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.fake.Fail("Purchase", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Purchase, "InvalidInstanceType.NotFound"))
		d := w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		w.expectSummaries("error: Purchase failed")
		w.expectDetail("Purchase failed", "No reserved instance was bought, and nothing was charged.", "InvalidInstanceType.NotFound")
		if d[0].Attribute != "configurations" || d[0].Index != 0 || w.state != nil || len(w.fake.RIs()) != 0 {
			t.Fatalf("%+v state %v", d[0], w.state)
		}
	})
}

// A refusal after one element was bought keeps what was bought, marks the
// rest NotPurchased and never taints: the next plan announces the rest.
func TestPartialPurchaseIsFinishedByTheNextApply(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}}
		w.fake.OnCall("Purchase", func(cloudtest.Call) {
			w.fake.Fail("Purchase", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Purchase, "QuotaExceeded"))
		})
		w.apply(c)
		w.fake.OnCall("Purchase", nil)
		w.expectSummaries("warning: Apply incomplete: 1 of 2 reserved instances bought")
		w.expectDetail("Apply incomplete: 1 of 2 reserved instances bought", "configurations[1] ("+w.c.regional(w.c.other, 1).String()+"): refused, so nothing was charged for it",
			"QuotaExceeded", "A quota is reached", "The next apply buys the 1 recorded as NotPurchased; terraform plan shows it.")
		if w.state.Elements[1].Status.V != StatusNotPurchased || w.state.Status.V != StatusNotPurchased {
			t.Fatalf("elements %+v", w.state.Elements)
		}
		w.fake.Clear()
		w.refresh()
		w.plan(c)
		w.expectSummaries("warning: This apply buys reserved instances")
		w.expectDetail("This apply buys reserved instances", "1 "+w.c.spec.Rules.Calls.Purchase+" call(s): "+w.c.regional(w.c.other, 1).String())
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 2})
	})
}

// RIs bought that do not become Active in time are recorded, and the
// create warns instead of failing: nothing is bought again.
func TestWaitFailureRecordsWhatWasBought(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.fake.Pending = 1 << 30
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		w.ctx = ctx
		w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		w.expectSummaries("warning: Reserved instances bought, but not confirmed Active")
		w.expectDetail("Reserved instances bought, but not confirmed Active", "are bought and recorded in state, so nothing will be bought again")
		if len(w.ids()) != 1 || w.state.Elements[0].Status.V != string(cloud.StatusCreating) {
			t.Fatalf("state %+v", w.state.Elements)
		}
		w.ctx, w.fake.Pending = context.Background(), 0
		w.fake.Update(w.ids()[0], func(ri *cloud.RI) { ri.Status, ri.RawStatus = cloud.StatusActive, string(cloud.StatusActive) })
		w.refresh()
		w.expectNoChange(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		w.expectCalls(map[string]int{"Purchase": 1})
	})
}

// Ctrl-C during a create: the purchase in flight is recorded, no further
// purchase starts, and the warning says so.
func TestInterruptStartsNoFurtherPurchase(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		w.ctx = ctx
		w.fake.OnCall("Purchase", func(cloudtest.Call) { cancel() })
		w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.medium, 1), w.c.regional(w.c.other, 1)}})
		w.expectCalls(map[string]int{"Purchase": 1})
		w.expectDetail(summaries(w.diags)[0][len("warning: "):], "The operation was interrupted: no further purchase, renewal or modification was started.")
		if n := len(w.ids()); n != 1 {
			t.Fatalf("the RI bought must be in state: %v", w.state.Elements)
		}
	})
}

// Tags, auto-renewal and the name change in place where the cloud allows;
// the plan lists each call, and only the RIs that differ are touched.
func TestDecorationChangesInPlace(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.medium, 1)}
		w.settle(conf{elems: elems, tags: map[string]string{"a": "1", "b": "2"}})
		ids := w.ids()
		c := conf{elems: elems, tags: map[string]string{"a": "9"}, autoRenew: true, renewMonths: 12}
		w.plan(c)
		w.expectSummaries("warning: This apply changes reserved instances in place")
		rules := w.c.spec.Rules
		w.expectDetail("This apply changes reserved instances in place",
			fmt.Sprintf("1. %s × 1: remove tags b from %s, %s", rules.Calls.Untag, ids[0], ids[1]),
			fmt.Sprintf("2. %s × 1: set tags a=\"9\" on %s, %s", rules.Calls.Tag, ids[0], ids[1]),
			fmt.Sprintf("3. %s × %d: switch auto-renewal on (%s at a time)", rules.Calls.AutoRenew, ceilDiv(2, rules.Calls.AutoRenewIDs), w.renewTerm(12)),
			"These calls cost nothing by themselves and keep every ID.")
		w.settle(c)
		if !slices.Equal(w.ids(), ids) {
			t.Fatalf("IDs changed: %v -> %v", ids, w.ids())
		}
		for _, ri := range w.fake.Live() {
			if ri.Tags["a"] != "9" || len(ri.Tags) != 1 || !ri.Renewal.Auto || ri.Renewal.Term.Months() != 12 {
				t.Fatalf("%s: %+v", ri.ID, ri)
			}
		}
	})
}

// A rename is in place on Alibaba Cloud (same IDs) and a modification on
// Volcengine (new IDs, announced as such, no charge).
func TestRenameFollowsTheCloud(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1)}
		w.settle(conf{elems: elems, name: text("before")})
		before := w.ids()
		c := conf{elems: elems, name: text("after")}
		w.plan(c)
		if w.c.spec.Rules.RenameByModify {
			w.expectSummaries("warning: This apply reshapes reserved instances")
			w.expectDetail("This apply reshapes reserved instances", "give "+before[0]+" its new name, description or project: same shape, a new ID")
		} else {
			w.expectSummaries("warning: This apply changes reserved instances in place")
			w.expectDetail("This apply changes reserved instances in place", "ModifyReservedInstanceAttribute × 1: set name \"after\" on "+before[0])
		}
		w.settle(c)
		if got := w.fake.Live()[0].Name; got != "after" {
			t.Fatalf("name %q", got)
		}
		if changed := !slices.Equal(w.ids(), before); changed != w.c.spec.Rules.RenameByModify {
			t.Fatalf("IDs %v -> %v", before, w.ids())
		}
	})
}

// Reshapes: a split, a merge, a zone move and a split across zones each
// keep the computing power and the expiry, announce every call, wait for
// each step, and leave nothing to do.
func TestReshapes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to func(c cloudCase) []reservation.Shape
		steps    int
	}{
		{"split", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.large, 1)} },
			func(c cloudCase) []reservation.Shape {
				return []reservation.Shape{c.regional(c.medium, 1), c.regional(c.medium, 1)}
			}, 1},
		{"merge", func(c cloudCase) []reservation.Shape {
			return []reservation.Shape{c.regional(c.medium, 1), c.regional(c.medium, 1)}
		},
			func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.large, 1)} }, 1},
		{"zone move", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.zonal(c.small, 2)} },
			func(c cloudCase) []reservation.Shape {
				s := c.zonal(c.small, 2)
				s.Zone = c.zone2
				return []reservation.Shape{s}
			}, 1},
		{"resize", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.small, 2)} },
			func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.medium, 1)} }, 1},
		{"split into two zones", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.zonal(c.small, 2)} },
			func(c cloudCase) []reservation.Shape {
				other := c.zonal(c.small, 1)
				other.Zone = c.zone2
				return []reservation.Shape{c.zonal(c.small, 1), other}
			}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachCloud(t, func(t *testing.T, w *world) {
				w.settle(conf{elems: tc.from(w.c)})
				expiry := w.fake.Live()[0].Expiry
				before := w.ids()
				c := conf{elems: tc.to(w.c)}
				w.plan(c)
				w.expectSummaries("warning: This apply reshapes reserved instances")
				w.expectDetail("This apply reshapes reserved instances", fmt.Sprintf("%d %s call(s)", tc.steps, w.c.spec.Rules.Calls.Modify), "They cost nothing.")
				w.settle(c)
				w.expectLive(tc.to(w.c)...)
				w.expectCalls(map[string]int{"Modify": tc.steps, "Purchase": len(tc.from(w.c))})
				for _, ri := range w.fake.Live() {
					if !ri.Expiry.Equal(expiry) || slices.Contains(before, ri.ID) {
						t.Fatalf("%s keeps the expiry %s and gets a new ID: %+v", ri.ID, expiry, ri)
					}
				}
			})
		})
	}
}

// Changes no sequence of calls can reach are refused at plan time, naming
// configurations and the rule, with no call.
func TestImpossibleChangesAreRejectedAtPlan(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to func(c cloudCase) []reservation.Shape
		shifted  bool
		want     string
	}{
		{"family change", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.small, 1)} },
			func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.other, 1)} }, false,
			"the instance family of a reserved instance cannot change"},
		{"removing a live RI", func(c cloudCase) []reservation.Shape {
			return []reservation.Shape{c.regional(c.small, 1), c.regional(c.other, 1)}
		}, func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.small, 1)} }, false,
			"would no longer be described by configurations; a bought reserved instance cannot be removed or returned"},
		{"computing power", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.medium, 1)} },
			func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.large, 1)} }, false,
			"the computing power must stay the same"},
		{"merge across expiries", func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.small, 1)} },
			func(c cloudCase) []reservation.Shape { return []reservation.Shape{c.regional(c.medium, 1)} }, true,
			"only reserved instances with the same expiry can be merged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachCloud(t, func(t *testing.T, w *world) {
				w.settle(conf{elems: tc.from(w.c)})
				if tc.shifted {
					w.fake.Advance(24 * time.Hour)
					w.settle(conf{elems: append(tc.from(w.c), w.c.regional(w.c.small, 1))})
				}
				calls := len(w.fake.Calls())
				w.plan(conf{elems: tc.to(w.c)})
				w.expectSummaries("error: Reshape not possible")
				if d := w.diags[0]; d.Attribute != "configurations" || !strings.Contains(d.Detail, tc.want) {
					t.Fatalf("%+v", d)
				}
				if len(w.fake.Calls()) != calls {
					t.Fatal("a plan made a call")
				}
			})
		})
	}
}

// Elements are matched by content, not position: reordering them changes
// nothing.
func TestElementsAreMatchedByContent(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		a, b := w.c.regional(w.c.small, 1), w.c.zonal(w.c.medium, 2)
		w.settle(conf{elems: []reservation.Shape{a, b}})
		ids := w.ids()
		c := conf{elems: []reservation.Shape{b, a}}
		w.plan(c)
		if len(w.diags) != 0 {
			t.Fatalf("a reorder announces calls: %v", w.diags)
		}
		w.settle(c)
		w.expectCalls(map[string]int{"Modify": 0, "Purchase": 2})
		if got := w.ids(); got[0] != ids[1] || got[1] != ids[0] {
			t.Fatalf("IDs follow their elements: %v -> %v", ids, got)
		}
	})
}

// An element appended to a reservation of a longer term is bought and
// renewed to the term, counted from its own start.
func TestAppendedElementIsBoughtAndRenewedToTheTerm(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		months := 48
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, months: months})
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}, months: months}
		w.plan(c)
		w.expectSummaries("warning: This apply buys reserved instances")
		w.settle(c)
		for _, ri := range w.fake.Live() {
			if want := reservation.TermEnd(ri.Start, months); !ri.Expiry.Equal(want) {
				t.Fatalf("%s ends %s, want %s", ri.ID, ri.Expiry, want)
			}
		}
	})
}

// Raising the term renews every RI by what its real expiry falls short of,
// announced on period; lowering it makes no call and says so.
func TestTermChanges(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.medium, 1)}
		w.settle(conf{elems: elems, months: 12})
		c := conf{elems: elems, months: 24}
		w.plan(c)
		w.expectSummaries("warning: This apply renews reserved instances")
		rules := w.c.spec.Rules
		w.expectDetail("This apply renews reserved instances", fmt.Sprintf("To reach the term of %s, measured from each reserved instance's real expiry: %d %s call(s)",
			termOfMonths(w, 24), ceilDiv(2, rules.Calls.RenewIDs)*len(rules.Renewals(12)), rules.Calls.Renew))
		if w.diags[0].Attribute != "period" {
			t.Fatalf("the renewal is announced on period: %+v", w.diags[0])
		}
		w.settle(c)
		for _, ri := range w.fake.Live() {
			if want := reservation.TermEnd(ri.Start, 24); !ri.Expiry.Equal(want) {
				t.Fatalf("%s ends %s, want %s", ri.ID, ri.Expiry, want)
			}
		}
		renews := w.fake.Count("Renew")
		shorter := conf{elems: elems, months: 12}
		w.plan(shorter)
		w.expectSummaries("warning: A bought term cannot be shortened")
		w.settle(shorter)
		w.expectCalls(map[string]int{"Renew": renews})
	})
}

// A renewal that fails part way (a later batch refused) is finished by the
// next apply from the RIs' real expiries: the RIs already renewed are not
// renewed again.
func TestPartialRenewalIsFinishedFromRealExpiries(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		batch := w.c.spec.Rules.Calls.RenewIDs
		var elems []reservation.Shape
		for range batch + 2 {
			elems = append(elems, w.c.regional(w.c.small, 1))
		}
		w.settle(conf{elems: elems, months: 12})
		w.fake.OnCall("Renew", func(cloudtest.Call) {
			w.fake.OnCall("Renew", nil)
			w.fake.Fail("Renew", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Renew, "OperationDenied"))
		})
		c := conf{elems: elems, months: 24}
		w.apply(c)
		w.expectSummaries("error: Renewal stopped part way")
		w.expectDetail("Renewal stopped part way", "OperationDenied", "nothing is renewed twice")
		w.fake.Clear()
		w.refresh()
		w.plan(c)
		w.expectDetail("This apply renews reserved instances", fmt.Sprintf("%d reserved instance(s) each", batch))
		w.settle(c)
		for _, ri := range w.fake.Live() {
			if want := reservation.TermEnd(ri.Start, 24); !ri.Expiry.Equal(want) {
				t.Fatalf("%s ends %s, want %s (renewed twice or not at all)", ri.ID, ri.Expiry, want)
			}
		}
		w.expectCalls(map[string]int{"Renew": len(elems)/batch*0 + ceilDiv(len(elems), batch)})
	})
}

// A renewal whose answer was lost after it happened is never repeated: the
// next apply measures the real expiry and finds nothing owed.
func TestLostRenewalAnswerNeverRenewsTwice(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1)}
		w.settle(conf{elems: elems, months: 12})
		w.fake.Drop("Renew", 1)
		c := conf{elems: elems, months: 24}
		w.apply(c)
		w.expectSummaries("error: Renewal stopped part way")
		w.refresh()
		w.expectNoChange(c)
		ri := w.fake.Live()[0]
		if want := reservation.TermEnd(ri.Start, 24); !ri.Expiry.Equal(want) {
			t.Fatalf("ends %s, want %s", ri.Expiry, want)
		}
		w.expectCalls(map[string]int{"Renew": 1})
	})
}

// A reshape that fails part way says which steps were done and which not;
// state records what exists, and the next apply plans the rest from there.
func TestReshapeFailureMidSequenceIsFinishedByTheNextApply(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 2)}})
		other := w.c.zonal(w.c.small, 1)
		other.Zone = w.c.zone2
		c := conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 1), other}}
		w.fake.OnCall("Modify", func(cloudtest.Call) {
			w.fake.OnCall("Modify", nil)
			w.fake.Fail("Modify", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Modify, "IncorrectInstanceStatus"))
		})
		w.apply(c)
		w.expectSummaries("error: Reshape stopped part way")
		w.expectDetail("Reshape stopped part way", "IncorrectInstanceStatus", "Done:\n1. split", "Not done:\n2. modify")
		if len(w.ids()) != 2 {
			t.Fatalf("state records the split's RIs: %v", w.state.Elements)
		}
		w.fake.Clear()
		w.refresh()
		w.settle(c)
		w.expectLive(c.elems...)
		w.expectCalls(map[string]int{"Modify": 2})
	})
}

// A reshape that stopped before its RIs were decorated (a tag call failed)
// is finished by the next apply, which tags exactly those RIs.
func TestReshapeStoppedBeforeDecorationIsFinished(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.large, 1)}})
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.medium, 1), w.c.regional(w.c.medium, 1)}, tags: map[string]string{"team": "web"}}
		w.fake.Fail("Tag", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Tag, "Throttling.Resource"))
		w.apply(c)
		if w.c.spec.Rules.RenameByModify {
			// The modification carries the tags: nothing is left to decorate.
			w.expectSummaries()
		} else {
			w.expectSummaries("error: Update stopped part way")
			w.expectDetail("Update stopped part way", "Throttling.Resource", "the next apply finishes the rest")
		}
		w.fake.Clear()
		w.refresh()
		w.settle(c)
		for _, ri := range w.fake.Live() {
			if ri.Tags["team"] != "web" {
				t.Fatalf("%s is not tagged: %+v", ri.ID, ri.Tags)
			}
		}
	})
}

// An RI that no longer bills keeps its element (and a warning) until the
// element is removed; removing it drops the record without any call.
func TestLapsedRIStaysUntilItsElementIsRemoved(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		both := []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}
		w.settle(conf{elems: both})
		lapsed := w.ids()[1]
		w.fake.Update(lapsed, func(ri *cloud.RI) { ri.Status, ri.RawStatus = cloud.StatusExpired, "Expired" })
		w.refresh()
		w.expectSummaries("warning: Reserved instance no longer in effect")
		w.expectDetail("Reserved instance no longer in effect", lapsed+" is Expired", "remove its element from configurations")
		calls := len(w.fake.Calls())
		c := conf{elems: both[:1]}
		w.plan(c)
		w.expectSummaries("warning: Lapsed reserved instances leave the reservation")
		w.apply(c)
		if len(w.fake.Calls()) != calls+2 { // the apply's read and its read back
			t.Fatalf("dropping a lapsed RI made calls: %s", w.fake.Methods())
		}
		if ids := w.ids(); len(ids) != 1 || ids[0] == lapsed {
			t.Fatalf("ids %v", ids)
		}
	})
}

// While a purchase is unconfirmed, its element's shape cannot change: the
// plan says why and what to do.
func TestUnconfirmedPurchaseKeepsItsShape(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.fake.Drop("Purchase", -1)
		w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		w.fake.Clear()
		w.plan(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 2)}})
		w.expectSummaries("error: Reshape not possible")
		w.expectDetail("Reshape not possible", "got no answer", "configurations must keep an element of exactly that shape")
	})
}

// A renewal that would push an RI more than five years past today is
// refused at plan, on period.
func TestTermTooLongIsRefusedAtPlan(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1)}
		w.settle(conf{elems: elems, months: 36})
		w.plan(conf{elems: elems, months: 60})
		w.expectSummaries("warning: This apply renews reserved instances")
		// The term started two days after today (a scheduled start, or a
		// clock behind the service's).
		w.e.Now = func() time.Time { return w.fake.Now().Add(-48 * time.Hour) }
		w.plan(conf{elems: elems, months: 60})
		w.expectSummaries("error: Term too long")
		if w.diags[0].Attribute != "period" {
			t.Fatalf("%+v", w.diags[0])
		}
	})
}

// A region change replaces the reservation: the plan says loudly that new
// RIs are bought and the current ones keep billing.
func TestReplacementIsAnnounced(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		elems := []reservation.Shape{w.c.regional(w.c.small, 1)}
		w.settle(conf{elems: elems})
		p := w.plan(conf{elems: elems, region: "elsewhere-1"})
		if !slices.Equal(p.Replace, []string{"region_id"}) || !p.Plan.ID.Unknown {
			t.Fatalf("replace %v, id %+v", p.Replace, p.Plan.ID)
		}
		w.expectSummaries("warning: Replacement means a new, non-refundable purchase")
		w.expectDetail("Replacement means a new, non-refundable purchase", "region_id cannot change after purchase, so this plan REPLACES "+w.ids()[0],
			"keep billing until "+w.state.ExpiredTime.V)
	})
}

// An update that cannot read what exists changes nothing and keeps state.
func TestUpdateThatCannotReadChangesNothing(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}})
		prior := w.state
		w.fake.Fail("DescribeRIs", -1, cloudtest.Refused("DescribeReservedInstances", "Forbidden.RAM"))
		w.apply(conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}, tags: map[string]string{"a": "b"}})
		w.expectSummaries("error: Cannot read the reserved instances")
		if w.state != prior {
			t.Fatal("state must stay as it was")
		}
	})
}

func termOfMonths(w *world, months int) reservation.Term {
	p, u := w.term(months)
	return reservation.Term{Period: p, Unit: u}
}

// A merge of more RIs than one call takes is carried out as a sequence of
// calls within the cloud's limits, and so is a split into more RIs than one
// call makes (Volcengine; Alibaba's one call makes as many as a
// configuration can hold).
func TestReshapesBeyondOneCall(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		rules := w.c.spec.Rules
		var many []reservation.Shape
		for range rules.MaxModifySources + 5 {
			many = append(many, w.c.regional(w.c.small, 1))
		}
		w.settle(conf{elems: many})
		merged := conf{elems: []reservation.Shape{w.c.regional(w.c.small, len(many))}}
		w.plan(merged)
		w.expectSummaries("warning: This apply reshapes reserved instances")
		w.settle(merged)
		w.expectLive(merged.elems...)
		if n := w.fake.Count("Modify"); n < 2 {
			t.Fatalf("a merge of %d in %d calls", len(many), n)
		}
		if rules.MaxModifyTargets >= 100 {
			return
		}
		w.settle(conf{elems: []reservation.Shape{w.c.regional(w.c.small, len(many)), w.c.zonal(w.c.medium, 60)}})
		var split []reservation.Shape
		for range 60 {
			split = append(split, w.c.zonal(w.c.medium, 1))
		}
		c := conf{elems: append([]reservation.Shape{w.c.regional(w.c.small, len(many))}, split...)}
		before := w.fake.Count("Modify")
		w.plan(c)
		w.expectDetail("This apply reshapes reserved instances", "2 ModifyReservedInstances call(s)")
		w.settle(c)
		w.expectLive(c.elems...)
		if n := w.fake.Count("Modify") - before; n != 2 {
			t.Fatalf("1 × 60 into 60 × 1 took %d calls, want 2", n)
		}
	})
}

// Every documented length of automatic renewal works: one a purchase cannot
// carry (Alibaba's 5 years, Volcengine's 4 months) is announced and set by
// a call after the purchase; in place it is one call, like any other.
func TestAutoRenewalThePurchaseCannotCarry(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		months := 4
		if w.c.spec == Alibaba {
			months = 60
		}
		rules := w.c.spec.Rules
		if rules.CarriesAutoRenew(w.renewTerm(months)) || rules.CheckAutoRenew(w.renewTerm(months)) != nil {
			t.Fatalf("%s: the case needs a length only a later call sets", w.renewTerm(months))
		}
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1), w.c.regional(w.c.other, 1)}, autoRenew: true, renewMonths: months}
		w.plan(c)
		w.expectDetail("This apply buys reserved instances",
			fmt.Sprintf("A purchase cannot carry an automatic renewal of %s, so %d %s call(s) follow to set it.",
				w.renewTerm(months), ceilDiv(2, rules.Calls.AutoRenewIDs), rules.Calls.AutoRenew))
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 2, "SetRenewal": 1})
		for _, call := range w.fake.Calls() {
			if call.Method == "Purchase" && call.Replayed {
				t.Fatal("nothing is bought twice")
			}
		}
		for _, ri := range w.fake.Live() {
			if !ri.Renewal.Auto || ri.Renewal.Term.Months() != months {
				t.Fatalf("%s renews %+v", ri.ID, ri.Renewal)
			}
		}
		// Switched off and on again in place: one call each time.
		w.settle(conf{elems: c.elems})
		c2 := c
		w.settle(c2)
		w.expectCalls(map[string]int{"SetRenewal": 3})
	})
}

// A purchase the cloud refuses does not stop the others: every other
// element is still bought (but those of the refused shape, which would be
// refused too), and one summary names what is missing. Nothing bought at
// all fails the create and says nothing was charged.
func TestRefusedPurchaseDoesNotStopTheOthers(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		full := w.c.zonal(w.c.small, 1)
		full.Zone = w.c.zone2
		c := conf{elems: []reservation.Shape{w.c.zonal(w.c.small, 1), full, w.c.zonal(w.c.medium, 1), full}}
		w.fake.OnCall("Purchase", func(cloudtest.Call) {
			w.fake.OnCall("Purchase", nil)
			w.fake.Fail("Purchase", 1, cloudtest.Refused(w.c.spec.Rules.Calls.Purchase, "Insufficient.InstanceCapacity"))
		})
		w.apply(c)
		w.expectSummaries("warning: Apply incomplete: 2 of 4 reserved instances bought")
		w.expectDetail("Apply incomplete: 2 of 4 reserved instances bought",
			"configurations[1] ("+full.String()+"): refused, so nothing was charged for it", "Insufficient.InstanceCapacity",
			"choose another zone or instance type, or try again later",
			"configurations[3] ("+full.String()+"): not attempted: configurations[1], of the same shape, was refused.",
			"The next apply buys the 2 recorded as NotPurchased")
		w.expectCalls(map[string]int{"Purchase": 2})
		statuses := []string{}
		for _, e := range w.state.Elements {
			statuses = append(statuses, e.Status.V)
		}
		if want := []string{"Active", StatusNotPurchased, "Active", StatusNotPurchased}; !slices.Equal(statuses, want) {
			t.Fatalf("statuses %v, want %v", statuses, want)
		}
		w.refresh()
		w.plan(c)
		w.expectDetail("This apply buys reserved instances", "2 "+w.c.spec.Rules.Calls.Purchase+" call(s)")
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 4})

		v := newWorld(t, w.c)
		v.fake.Fail("Purchase", -1, cloudtest.Refused(w.c.spec.Rules.Calls.Purchase, "Insufficient.InstanceCapacity"))
		v.apply(conf{elems: []reservation.Shape{v.c.zonal(v.c.small, 1), v.c.zonal(v.c.medium, 1)}})
		v.expectSummaries("error: Purchase failed")
		v.expectDetail("Purchase failed", "No reserved instance was bought, and nothing was charged.", "configurations[0]", "configurations[1]")
		if v.state != nil {
			t.Fatal("nothing bought: no state")
		}
	})
}

// A confirmation that never reached the service proves nothing of the
// first purchase: the purchase stays recorded with its token, and the next
// apply that reaches the service confirms it. One RI, never two.
func TestUnsentConfirmationKeepsThePendingPurchase(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}}
		w.fake.Drop("Purchase", 1)
		w.apply(c)
		token := w.rec.Pending[0].Token
		w.fake.Fail("Purchase", 1, cloudtest.Unreachable(w.c.spec.Rules.Calls.Purchase))
		w.apply(c)
		w.expectSummaries("error: Apply incomplete: 0 of 1 reserved instances bought")
		w.expectDetail("Apply incomplete: 0 of 1 reserved instances bought", "not sent, so nothing was charged by this call",
			"The earlier purchase stays recorded, unconfirmed, with its ClientToken "+token)
		if len(w.rec.Pending) != 1 || w.rec.Pending[0].Token != token || w.state.Elements[0].Status.V != StatusUnconfirmed {
			t.Fatalf("the purchase must stay pending with its token: %+v %+v", w.rec.Pending, w.state.Elements)
		}
		w.settle(c)
		w.expectCalls(map[string]int{"Purchase": 1})
		if len(w.fake.Live()) != 1 {
			t.Fatalf("live %v", w.live())
		}
	})
}

// A reservation whose purchase got no answer, and whose confirmation was
// then never sent, holds nothing bought yet: what the schema defaulted
// (Alibaba's platform and payment option) stays in state as planned, so the
// next plan confirms the purchase in place and never replaces the
// reservation, and buys again, for a value that seems to have changed.
func TestNothingBoughtYetPlansNoReplacement(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 1)}}
		w.fake.Drop("Purchase", 1)
		w.apply(c)
		w.fake.Fail("Purchase", 1, cloudtest.Unreachable(w.c.spec.Rules.Calls.Purchase))
		w.apply(c)
		for name, v := range w.state.Attrs {
			if want := map[string]string{AttrPlatform: "Linux", AttrOfferingType: "All Upfront"}[name]; want != "" && (!v.IsKnown() || v.V != want) {
				t.Errorf("%s is %+v in state, want the planned %q", name, v, want)
			}
		}
		if p := w.plan(c); len(p.Replace) != 0 {
			t.Fatalf("the next plan replaces the reservation for %v", p.Replace)
		}
		w.apply(c)
		if len(w.fake.RIs()) != 1 || !w.state.Elements[0].Bought() {
			t.Fatalf("the next apply confirms the one purchase: %d RIs, %+v", len(w.fake.RIs()), w.state.Elements[0])
		}
	})
}
