package provider

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// privateKey holds a reservation's private record in Terraform's private
// state; legacyTermKey is the term counter older versions kept, removed on
// the next write.
const (
	privateKey    = "reservation"
	legacyTermKey = "bought_months"
)

// privateRecord is what the glue keeps beside state: facts the APIs do not
// report, and outcomes not yet confirmed. Nothing in it counts what was
// done: what is owed is always measured from the cloud.
type privateRecord struct {
	// Anchors are, per RI, the start of the term it was bought on (API time
	// format). A modification's targets inherit their sources'. An RI with
	// no anchor is taken to be exactly at term, so nothing is renewed on a
	// guess.
	Anchors map[string]string `json:"anchors,omitempty"`
	// Pending are purchases whose answer was lost; the next apply repeats
	// each with its ClientToken and request, which cannot buy twice.
	Pending []pendingPurchase `json:"pending,omitempty"`
	// Drift are the RIs whose name, description, tags, project or renewal
	// differ from the values state records, as the last read saw them; the
	// plan converges them.
	Drift map[string]riDecoration `json:"drift,omitempty"`
	// Settled says the last read or apply found nothing owed, pending or
	// drifted for the recorded term: a plan that changes nothing has
	// nothing to do.
	Settled bool `json:"settled"`
}

// pendingPurchase is a purchase that may have happened.
type pendingPurchase struct {
	Token       string            `json:"token"`
	Shape       reservation.Shape `json:"shape"`
	Term        reservation.Term  `json:"term"`
	Name        string            `json:"name,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	Renewal     cloud.Renewal     `json:"renewal"`
	Attrs       map[string]string `json:"attrs,omitempty"`
	At          string            `json:"at"`
}

func (p pendingPurchase) request(region string) cloud.PurchaseRequest {
	return cloud.PurchaseRequest{
		Region: region, Shape: p.Shape, Term: p.Term, Name: p.Name, Description: p.Description,
		Tags: p.Tags, Renewal: p.Renewal, Attrs: p.Attrs, ClientToken: p.Token,
	}
}

func pendingFrom(req cloud.PurchaseRequest, at time.Time) pendingPurchase {
	return pendingPurchase{
		Token: req.ClientToken, Shape: req.Shape, Term: req.Term, Name: req.Name, Description: req.Description,
		Tags: req.Tags, Renewal: req.Renewal, Attrs: req.Attrs, At: reservation.FormatAPITime(at),
	}
}

// privateGetter and privateSetter are the private state of a request and a
// response.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func readPrivate(ctx context.Context, p privateGetter) *privateRecord {
	rec := &privateRecord{}
	if p == nil {
		return rec
	}
	if raw, _ := p.GetKey(ctx, privateKey); len(raw) > 0 {
		_ = json.Unmarshal(raw, rec)
	}
	return rec
}

func writePrivate(ctx context.Context, p privateSetter, rec *privateRecord) diag.Diagnostics {
	raw, err := json.Marshal(rec)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Cannot record private state", err.Error())
		return diags
	}
	diags := p.SetKey(ctx, privateKey, raw)
	diags.Append(p.SetKey(ctx, legacyTermKey, nil)...)
	return diags
}

// anchor is the start of the term an RI was bought on, if known.
func (rec *privateRecord) anchor(id string) (time.Time, bool) {
	t, err := reservation.ParseAPITime(rec.Anchors[id])
	return t, err == nil
}

func (rec *privateRecord) setAnchor(id string, t time.Time) {
	if id == "" || t.IsZero() {
		return
	}
	if rec.Anchors == nil {
		rec.Anchors = map[string]string{}
	}
	rec.Anchors[id] = reservation.FormatAPITime(t)
}

// keepAnchors drops the anchors of RIs the reservation no longer holds.
func (rec *privateRecord) keepAnchors(ids []string) {
	kept := map[string]string{}
	for _, id := range ids {
		if a, ok := rec.Anchors[id]; ok {
			kept[id] = a
		}
	}
	rec.Anchors = kept
}
