// Package cloud is the seam between the engine and each cloud's client:
// Backend, what a cloud can do, in neutral types; Session, the read policy
// every cloud shares (coalesced reads, region listings, waiting for Active,
// purchases in flight) wrapped around any Backend; and the machinery the
// clients share (classified errors, retries and pacing). It knows nothing
// of Terraform and nothing of any SDK.
package cloud

import (
	"context"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Backend is what one cloud's reserved-instance API can do, in neutral
// types: one method per capability, each making the calls it needs and
// nothing more. How reads are shared, cached and waited on is the same for
// every cloud and lives in Session, which wraps any Backend. Every method
// is safe for concurrent use.
type Backend interface {
	// Rules are the cloud's limits, as data.
	Rules() *reservation.Rules
	// ReadLimits are how the cloud's reads batch.
	ReadLimits() ReadLimits

	// DescribeRIs reads RIs by ID, fresh, without their renewal; IDs the
	// cloud does not know are absent from the result.
	DescribeRIs(ctx context.Context, region string, ids []string) (map[string]RI, error)
	// Renewals reads the automatic renewal of RIs by ID.
	Renewals(ctx context.Context, region string, ids []string) (map[string]Renewal, error)
	// ListLive lists every RI of a region that bills or is about to,
	// without their renewal.
	ListLive(ctx context.Context, region string) ([]RI, error)
	// Find lists the RIs matching a filter, without their renewal.
	Find(ctx context.Context, region string, f Filter) ([]RI, error)

	// Purchase buys one RI; every retry reuses the request's ClientToken.
	Purchase(ctx context.Context, req PurchaseRequest) (string, error)
	// Modify makes one modification and returns the IDs of the targets.
	// When its answer is lost, the client finds out what the call did in
	// its cloud's way (a ClientToken, or a look at what exists) and never
	// modifies twice; an error it cannot settle stays ambiguous.
	Modify(ctx context.Context, req ModifyRequest) ([]string, error)
	// Renew extends the RIs by a term with one call per batch the cloud
	// allows; every retry of a batch reuses its ClientToken.
	Renew(ctx context.Context, req RenewRequest) error
	// SetRenewal switches automatic renewal on (for the term) or off.
	SetRenewal(ctx context.Context, region string, ids []string, r Renewal) error
	// Tag sets tags on RIs; Untag removes tag keys.
	Tag(ctx context.Context, region string, ids []string, tags map[string]string) error
	Untag(ctx context.Context, region string, ids []string, keys []string) error
}

// Renamer is a cloud that renames RIs in place. Clouds without it (their
// rules say RenameByModify) rename through Modify, which gives new IDs.
type Renamer interface {
	// Rename sets the name and/or description of one RI; nil leaves a
	// value alone, "" clears it.
	Rename(ctx context.Context, region, id string, name, description *string) error
}

// ReadLimits are how many IDs one call of each read takes, and from how
// many IDs looked up in a region one listing of the region is cheaper.
type ReadLimits struct {
	MaxIDs, MaxRenewalIDs, SnapshotThreshold int
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
