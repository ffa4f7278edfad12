package ecsmock

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

// The clouds the emulator speaks, one dialect package each. A request goes
// to the first dialect that claims it; the last one also answers requests
// that no dialect claims.
func newDialects(keys core.Keyring, wallClock func() time.Time, opts Options) []core.Dialect {
	return []core.Dialect{
		volcengine.New(keys, wallClock, opts.Volcengine),
		// Alibaba comes last: it also answers requests that carry no
		// recognisable signature, as it always has.
		alibaba.New(keys, wallClock, opts.Alibaba),
	}
}

// The clouds, by name: the first argument of every method of the Go API
// that concerns one cloud.
const (
	CloudAlibaba    = alibaba.Cloud
	CloudVolcengine = volcengine.Cloud
)

// The emulator's records and controls, defined by the core and shared by
// every cloud.
type (
	// Cloud names a cloud the emulator speaks.
	Cloud = core.Cloud
	// ReservedInstance is the record of one RI of any cloud.
	ReservedInstance = core.ReservedInstance
	// Call is one API request as the emulator saw it.
	Call = core.Call
	// Fault makes the next calls of an action misbehave.
	Fault = core.Fault
	// Throttle limits the calls of an action to a token bucket.
	Throttle = core.Throttle
	// Duration is a time.Duration that JSON reads as "50ms".
	Duration = core.Duration
	// Credential is a key pair the emulator accepts, on every cloud.
	Credential = core.Credential
	// Lifecycle spells the states of an RI the way one cloud reports them.
	Lifecycle = core.Lifecycle
	// Instances declares pay-as-you-go instances the RIs of a cloud pay for.
	Instances = core.Instances
	// Price is what an instance type costs per hour in the emulator's
	// made-up price table, and PriceList a cloud's whole table.
	Price     = core.Price
	PriceList = core.PriceList
)
