// Package cloud is the seam between the resource glue and each cloud's
// client: the operations the glue needs, in neutral types, and the client
// machinery every cloud shares (retries, coalesced reads, region listings,
// waiters). It knows nothing of Terraform and nothing of any SDK.
package cloud

import (
	"context"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Backend is one cloud's reserved-instance API, as the resource glue uses it.
// Every method is safe for concurrent use.
type Backend interface {
	// Rules are the cloud's limits, as data.
	Rules() *reservation.Rules

	// Lookup reads RIs and their renewal for a refresh. Answers may come
	// from a listing of the region taken earlier in this process, which
	// writes through this backend invalidate.
	Lookup(ctx context.Context, region string, ids []string) (map[string]RI, error)
	// Describe reads RIs and their renewal fresh; IDs the cloud does not
	// know are absent from the result.
	Describe(ctx context.Context, region string, ids []string) (map[string]RI, error)
	// WaitActive polls until every RI is active. It returns the last
	// observation even on failure, so callers can record what exists.
	WaitActive(ctx context.Context, region string, ids []string) (map[string]RI, error)
	// ListFamily lists every RI of an instance family in a region, to tell
	// which RIs a modification created when its answer was lost.
	ListFamily(ctx context.Context, region, family string) ([]RI, error)
	// Find lists the RIs matching a filter, with their renewal.
	Find(ctx context.Context, region string, f Filter) ([]RI, error)

	// Purchase buys one RI; every retry reuses the request's ClientToken.
	Purchase(ctx context.Context, req PurchaseRequest) (string, error)
	// Modify makes one ModifyReservedInstances call and returns the IDs of
	// the targets. It is never repeated after an ambiguous failure.
	Modify(ctx context.Context, req ModifyRequest) ([]string, error)
	// Renew extends the RIs by a term with one call per batch the cloud
	// allows; every retry of a batch reuses its ClientToken.
	Renew(ctx context.Context, req RenewRequest) error
	// SetRenewal switches automatic renewal on (for the term) or off.
	SetRenewal(ctx context.Context, region string, ids []string, r Renewal) error
	// Rename sets the name and/or description of one RI in place; nil
	// leaves a value alone, "" clears it. Clouds whose rules say
	// RenameByModify do not support it.
	Rename(ctx context.Context, region, id string, name, description *string) error
	// Tag sets tags on RIs; Untag removes tag keys.
	Tag(ctx context.Context, region string, ids []string, tags map[string]string) error
	Untag(ctx context.Context, region string, ids []string, keys []string) error
}

// PurchaseRequest is one purchase: one RI of one shape for one term.
type PurchaseRequest struct {
	Region      string
	Shape       reservation.Shape
	Term        reservation.Term
	Name        string
	Description string
	Tags        map[string]string
	Renewal     Renewal
	// Attrs are the cloud's own purchase settings, by the resource's
	// attribute names (platform, offering_type, resource_group_id,
	// start_time, project_name).
	Attrs       map[string]string
	ClientToken string
}

// ModifyRequest is one ModifyReservedInstances call. Name, Description,
// Attrs, Tags and Renewal are given to every target where the cloud's call
// carries them (Volcengine); elsewhere only Name is.
type ModifyRequest struct {
	Region      string
	Sources     []string
	Targets     []reservation.Shape
	Name        string
	Description string
	Attrs       map[string]string
	Tags        map[string]string
	Renewal     Renewal
}

// RenewRequest extends RIs by one term. Tokens derive from what is renewed
// (see reservation.RenewalToken), so that a repeat of the same renewal, in
// this apply or the next, cannot renew twice.
type RenewRequest struct {
	Region string
	// Batches are the groups of IDs renewed by one call each, with the
	// ClientToken of that call.
	Batches []RenewBatch
	Term    reservation.Term
}

// RenewBatch is one renewal call.
type RenewBatch struct {
	IDs   []string
	Token string
}

// Filter narrows a listing; empty fields do not filter.
type Filter struct {
	// IDs, when not nil, lists only these RIs (none when empty).
	IDs          []string
	InstanceType string
	Family       string
	Scope        string
	ZoneID       string
	Name         string
	Statuses     []Status
	Tags         map[string]string
	// Attrs are the cloud's own filters by attribute name (offering_type,
	// project_name, hpc_cluster_id).
	Attrs map[string]string
}
