package provider_test

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// Ctrl-C while the first of three purchases is in flight: that purchase
// ends and is recorded in state, no other purchase starts, the apply says
// so, and the next apply buys the two left, nothing twice.
func TestAccReservationCtrlCStartsNoFurtherPurchase(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		purchase := c.Rules.Calls.Purchase
		purchasing := make(chan struct{}, 8)
		e.Proxy.OnRequest = func(action string) {
			if action == purchase {
				purchasing <- struct{}{}
			}
		}
		e.Mock.InjectFault(c.Mock, ecsmock.Fault{Action: purchase, Times: 1, Latency: ecsmock.Duration(2 * time.Second)})
		w := acctest.Terraform(t, c.Config(e, acctest.Elements(c.Element(c.Small, 1, ""), c.Element(c.Medium, 1, ""), c.Element(c.Other, 1, ""))))
		var out bytes.Buffer
		apply := w.Command("apply", "-auto-approve", "-input=false", "-no-color")
		apply.Stdout, apply.Stderr = &out, &out
		if err := apply.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-purchasing:
		case <-time.After(60 * time.Second):
			_ = apply.Process.Kill()
			t.Fatalf("no purchase started:\n%s", out.String())
		}
		if err := apply.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		_ = apply.Wait()
		// The purchase in flight either ended (the Alibaba SDK takes no
		// context, so it gets its grace) or was cut short (Volcengine's
		// request is cancelled): state records the RI, or the purchase
		// with its token as unconfirmed. Nothing else was bought.
		live := e.Live(c.Mock)
		if n := len(e.Mock.Calls(c.Mock, purchase)); n != 1 || len(live) > 1 {
			t.Fatalf("after Ctrl-C during the first purchase, want that one purchase only; got %d calls, %d RIs\n%s", n, len(live), out.String())
		}
		if recorded := len(live) == 1 && strings.Contains(w.State(), live[0].ID) || len(live) == 0 && strings.Contains(w.State(), "PurchaseUnconfirmed"); !recorded {
			t.Fatalf("state must record what the interrupted purchase did:\n%s\n%s", w.State(), out.String())
		}
		if folded := strings.Join(strings.Fields(out.String()), " "); !strings.Contains(folded, "no further purchase, renewal or modification was started") {
			t.Errorf("the apply's output should say the interrupt stopped further calls:\n%s", out.String())
		}
		if text, ok := w.Run("apply", "-auto-approve", "-input=false"); !ok {
			t.Fatalf("the next apply: %s", text)
		}
		if n := len(e.Live(c.Mock)); n != 3 || e.Mock.CountCalls(c.Mock, purchase) != 3 {
			t.Fatalf("the next apply buys the two left: %d RIs, %d purchases", n, e.Mock.CountCalls(c.Mock, purchase))
		}
	})
}

// A replacement is never planned silently: a region change plans one with
// a loud warning, and -replace, whose plan terraform shows no warning of,
// is refused with what it would buy and give up and how to do it in two
// steps that each say so (issue #18, defect 2).
func TestAccReservationReplacementIsNeverSilent(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		body := acctest.Elements(c.Element(c.Small, 1, ""))
		w := acctest.Terraform(t, c.Config(e, body))
		if text, ok := w.Run("apply", "-auto-approve", "-input=false"); !ok {
			t.Fatalf("apply: %s", text)
		}
		id := e.Live(c.Mock)[0].ID
		calls := len(e.Mock.Calls(c.Mock, c.Rules.Calls.Purchase))
		text, ok := w.Run("plan", "-input=false", "-replace="+c.Address())
		for _, want := range []string{"Error: Replacement of reserved instances refused",
			"as -replace or replace_triggered_by asked: it would buy 1 new reserved instance(s) (" + c.Small + " × 1 (regional))",
			"while " + id + " cannot be refunded either and keep billing until they expire",
			"terraform destroy -target=<its address>"} {
			if ok || !strings.Contains(text, want) {
				t.Fatalf("plan -replace must fail saying %q:\n%s", want, text)
			}
		}
		w.Write(c.Config(e, body+"region_id = \"elsewhere-1\""))
		text, ok = w.Run("plan", "-input=false")
		for _, want := range []string{"Warning: Replacement means a new, non-refundable purchase", "region_id cannot change after purchase, so this plan REPLACES " + id,
			"must be replaced", "1 to add", "1 to destroy"} {
			if !ok || !strings.Contains(text, want) {
				t.Fatalf("a region change plans a replacement saying %q:\n%s", want, text)
			}
		}
		if n := len(e.Mock.Calls(c.Mock, c.Rules.Calls.Purchase)); n != calls {
			t.Fatalf("plans bought: %d purchases", n-calls)
		}
	})
}
