package converge

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Record is what the engine keeps beside state (in Terraform's private
// state): facts the APIs do not report, and outcomes not yet confirmed.
// Nothing in it counts what was done: what is owed is always measured from
// the cloud.
type Record struct {
	// Anchors are, per RI, the start of the term it was bought on (API time
	// format). A modification's targets inherit their sources'. An RI with
	// no anchor is taken to be exactly at term, so nothing is renewed on a
	// guess.
	Anchors map[string]string `json:"anchors,omitempty"`
	// Pending are purchases whose answer was lost; the next apply repeats
	// each with its ClientToken and request, which cannot buy twice.
	Pending []Pending `json:"pending,omitempty"`
	// Drift are the RIs whose name, description, tags, project or renewal
	// differ from the values state records, as the last read saw them; the
	// plan converges them.
	Drift map[string]Decoration `json:"drift,omitempty"`
	// Settled says the last read or apply found nothing owed, pending or
	// drifted for the recorded term: a plan that changes nothing has
	// nothing to do.
	Settled bool `json:"settled"`
}

// Pending is a purchase that may have happened.
type Pending struct {
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

// ParseRecord reads a record as Marshal wrote it;
// nothing is an empty record. A record that does not decode is an error:
// it may hold purchases not yet confirmed, which must never be forgotten
// silently.
func ParseRecord(raw []byte) (*Record, error) {
	rec := &Record{}
	if len(raw) == 0 {
		return rec, nil
	}
	if err := json.Unmarshal(raw, rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// Marshal writes the record.
func (rec *Record) Marshal() ([]byte, error) { return json.Marshal(rec) }

// UnreadableRecord is the error of a private record that does not decode.
func UnreadableRecord(resource string, err error) Diagnostic {
	return Diagnostic{Severity: Error, Index: -1, Summary: "Cannot read the provider's private record of this resource",
		Detail: fmt.Sprintf("The private state %s keeps beside its state (term anchors and purchases whose answer was lost) does not decode: %v. "+
			"Nothing was called. It may have recorded a purchase not yet confirmed, so the provider will not guess. To recover, remove the resource "+
			"from state (terraform state rm) and import its reserved instances again (terraform import with their IDs), after checking in the console "+
			"that no purchase of this reservation is missing.", resource, err)}
}

func (p Pending) request(region string) cloud.PurchaseRequest {
	return cloud.PurchaseRequest{
		Region: region, Shape: p.Shape, Term: p.Term, Name: p.Name, Description: p.Description,
		Tags: p.Tags, Renewal: p.Renewal, Attrs: p.Attrs, ClientToken: p.Token,
	}
}

func pendingFrom(req cloud.PurchaseRequest, at time.Time) Pending {
	return Pending{
		Token: req.ClientToken, Shape: req.Shape, Term: req.Term, Name: req.Name, Description: req.Description,
		Tags: req.Tags, Renewal: req.Renewal, Attrs: req.Attrs, At: reservation.FormatAPITime(at),
	}
}

func withoutPending(ps []Pending, token string) []Pending {
	var out []Pending
	for _, p := range ps {
		if p.Token != token {
			out = append(out, p)
		}
	}
	return out
}

// anchor is the start of the term an RI was bought on, if known.
func (rec *Record) anchor(id string) (time.Time, bool) {
	t, err := reservation.ParseAPITime(rec.Anchors[id])
	return t, err == nil
}

func (rec *Record) setAnchor(id string, t time.Time) {
	if id == "" || t.IsZero() {
		return
	}
	if rec.Anchors == nil {
		rec.Anchors = map[string]string{}
	}
	rec.Anchors[id] = reservation.FormatAPITime(t)
}

// keepAnchors drops the anchors of RIs the reservation no longer holds.
func (rec *Record) keepAnchors(ids []string) {
	kept := map[string]string{}
	for _, id := range ids {
		if a, ok := rec.Anchors[id]; ok {
			kept[id] = a
		}
	}
	rec.Anchors = kept
}

// owed is how many months of renewal an RI needs to reach months of term,
// measured from its real expiry. An RI with no recorded anchor is taken to
// be at term: nothing is renewed on a guess.
func (rec *Record) owed(id string, expiry time.Time, months int) int {
	anchor, ok := rec.anchor(id)
	if !ok || expiry.IsZero() {
		return 0
	}
	return reservation.MonthsOwed(anchor, months, expiry)
}
