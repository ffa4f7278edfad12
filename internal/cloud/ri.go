package cloud

import (
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Status is an RI's state in neutral terms; RI.RawStatus keeps the cloud's
// own spelling for display.
type Status string

// The statuses both clouds use, by Alibaba Cloud's documented names.
const (
	StatusCreating Status = "Creating"
	StatusActive   Status = "Active"
	StatusUpdating Status = "Updating"
	StatusInactive Status = "Inactive"
	StatusExpired  Status = "Expired"
	StatusRetired  Status = "Retired"
)

// ParseStatus reads a cloud's spelling of a status, in any case.
func ParseStatus(raw string) Status {
	for _, s := range []Status{StatusCreating, StatusActive, StatusUpdating, StatusInactive, StatusExpired, StatusRetired} {
		if strings.EqualFold(raw, string(s)) {
			return s
		}
	}
	return Status(raw)
}

// Pending reports whether an RI is still on its way somewhere.
func (s Status) Pending() bool { return s == StatusCreating || s == StatusUpdating }

// Live reports whether an RI bills and can be changed or is about to.
func (s Status) Live() bool { return s == StatusActive || s.Pending() }

// RI is a reserved instance as a cloud reports it.
type RI struct {
	ID     string
	Region string
	reservation.Shape
	Name        string
	Description string
	Tags        map[string]string
	Status      Status
	RawStatus   string
	// Start and Expiry are held as times; their texts are written in the
	// documented format (yyyy-MM-ddTHH:mmZ, UTC) whatever the cloud's
	// spelling, or as the API wrote them when they do not parse.
	StartText, ExpiryText string
	Start, Expiry         time.Time
	Created               string
	Locks                 []string
	// SeenAt is the service's time when it reported the RI (the Date of
	// its answer); zero when unknown. Days left are counted from it, so a
	// client whose clock is off still counts what the service counts.
	SeenAt  time.Time
	Renewal Renewal
	// Attrs are the cloud's own attributes by the resource's attribute
	// names (platform, offering_type, resource_group_id, project_name,
	// support_modify).
	Attrs map[string]string
}

// Renewal is an RI's automatic renewal.
type Renewal struct {
	// Known is false when the cloud did not say (a read that failed or an
	// RI it no longer renews anything for).
	Known bool
	Auto  bool
	// Never, with Auto false, tells the cloud the RI will not be renewed at
	// all (Volcengine's NonRenewal), where it distinguishes that from
	// renewing by hand; elsewhere it is the same as Auto false.
	Never bool `json:",omitempty"`
	// Term is the length of one automatic renewal; zero when never set.
	Term reservation.Term
}

// Now is the service's time when it reported the RI, else this machine's.
func (ri RI) Now() time.Time {
	if ri.SeenAt.IsZero() {
		return time.Now()
	}
	return ri.SeenAt
}

// DaysLeft is how many whole days the RI runs on from Now.
func (ri RI) DaysLeft() int {
	return int(ri.Expiry.Sub(ri.Now()).Hours() / 24)
}

// SetTimes reads the times the API reported.
func (ri *RI) SetTimes(start, expiry string) {
	ri.Start, ri.StartText = apiTime(start)
	ri.Expiry, ri.ExpiryText = apiTime(expiry)
}

// apiTime parses a time the API reported and writes it in the documented
// format, so that every cloud's times read the same in state and messages.
func apiTime(raw string) (time.Time, string) {
	t, err := reservation.ParseAPITime(raw)
	if err != nil {
		return time.Time{}, raw
	}
	return t, reservation.FormatAPITime(t)
}
