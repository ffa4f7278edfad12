package converge

import (
	"strings"
	"testing"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// A replacement Terraform forces (-replace, replace_triggered_by) shows no
// provider warning, so it is refused with what it would have cost and the
// two steps that say so.
func TestForcedReplacementIsRefusedWithWhatItWouldCost(t *testing.T) {
	eachCloud(t, func(t *testing.T, w *world) {
		c := conf{elems: []reservation.Shape{w.c.regional(w.c.small, 2)}}
		w.settle(c)
		w.diags = w.e.ForcedReplacement(w.proposed(w.config(c), nil), w.rec)
		w.expectSummaries("error: Replacement of reserved instances refused")
		w.expectDetail("Replacement of reserved instances refused", "it would buy 1 new reserved instance(s) ("+w.c.regional(w.c.small, 2).String()+")",
			"while "+w.ids()[0]+" cannot be refunded either", "terraform destroy -target=<its address>", "then terraform apply")
		if strings.Contains(detail(w.diags, "Replacement of reserved instances refused"), "%!") {
			t.Fatal(detail(w.diags, "Replacement of reserved instances refused"))
		}
	})
}
