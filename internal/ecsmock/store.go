package ecsmock

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Status values the emulator moves reserved instances through.
const (
	StatusCreating = "Creating"
	StatusActive   = "Active"
	StatusUpdating = "Updating"
	StatusInactive = "Inactive"
	StatusExpired  = "Expired"
)

// ReservedInstance is the emulator's record of one RI. It is also what the Go
// control API and the /_ecsmock/reserved-instances endpoint return.
type ReservedInstance struct {
	ID                string            `json:"id"`
	RegionID          string            `json:"region_id"`
	ZoneID            string            `json:"zone_id,omitempty"`
	Name              string            `json:"name,omitempty"`
	Description       string            `json:"description,omitempty"`
	InstanceType      string            `json:"instance_type"`
	InstanceAmount    int               `json:"instance_amount"`
	Scope             string            `json:"scope"`
	Platform          string            `json:"platform"`
	OfferingType      string            `json:"offering_type"`
	ResourceGroupID   string            `json:"resource_group_id"`
	Status            string            `json:"status"`
	StartTime         time.Time         `json:"start_time"`
	ExpiredTime       time.Time         `json:"expired_time"`
	CreationTime      time.Time         `json:"creation_time"`
	PendingUntil      time.Time         `json:"pending_until,omitzero"`
	Tags              map[string]string `json:"tags,omitempty"`
	AutoRenew         bool              `json:"auto_renew"`
	AutoRenewDuration int               `json:"auto_renew_duration,omitempty"`
	AutoRenewUnit     string            `json:"auto_renew_unit,omitempty"`
	OperationLocks    []string          `json:"operation_locks,omitempty"`
	Seq               int64             `json:"seq"`
}

func (ri *ReservedInstance) clone() ReservedInstance {
	c := *ri
	c.Tags = map[string]string{}
	for k, v := range ri.Tags {
		c.Tags[k] = v
	}
	c.OperationLocks = append([]string(nil), ri.OperationLocks...)
	return c
}

// autoRenewMonths is the length of one automatic renewal.
func (ri *ReservedInstance) autoRenewMonths() int {
	if ri.AutoRenewUnit == "Year" {
		return ri.AutoRenewDuration * 12
	}
	return ri.AutoRenewDuration
}

// counted reports whether the RI uses quota: those that are or will be live.
func (ri *ReservedInstance) counted() bool {
	return ri.Status == StatusCreating || ri.Status == StatusActive || ri.Status == StatusUpdating
}

type idempotencyRecord struct {
	Digest   string         `json:"digest"`
	Response map[string]any `json:"response"`
}

// state is everything that a restart must not lose.
type state struct {
	RIs         map[string]*ReservedInstance `json:"reserved_instances"`
	Idempotency map[string]idempotencyRecord `json:"idempotency"`
	NoStock     map[string]bool              `json:"no_stock"`
	ClockOffset time.Duration                `json:"clock_offset"`
	Seq         int64                        `json:"seq"`
}

func newState() *state {
	return &state{RIs: map[string]*ReservedInstance{}, Idempotency: map[string]idempotencyRecord{}, NoStock: map[string]bool{}}
}

// sorted returns the RIs in the order they were created.
func (st *state) sorted() []*ReservedInstance {
	out := make([]*ReservedInstance, 0, len(st.RIs))
	for _, ri := range st.RIs {
		out = append(out, ri)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// settle moves every RI along its lifecycle up to now: pending work
// completes, terms end, and auto-renewal extends terms that reached expiry.
func (st *state) settle(now time.Time) bool {
	changed := false
	for _, ri := range st.RIs {
		if (ri.Status == StatusCreating || ri.Status == StatusUpdating) && !now.Before(ri.PendingUntil) {
			if ri.Status == StatusCreating {
				ri.Status = StatusActive
			} else {
				ri.Status = StatusInactive
			}
			ri.PendingUntil = time.Time{}
			changed = true
		}
		if ri.Status != StatusActive || now.Before(ri.ExpiredTime) {
			continue
		}
		if months := ri.autoRenewMonths(); ri.AutoRenew && months > 0 {
			for !now.Before(ri.ExpiredTime) {
				ri.ExpiredTime = termEnd(expiryDay(ri.ExpiredTime), months)
			}
		} else {
			ri.Status = StatusExpired
			ri.OperationLocks = []string{"financial"}
		}
		changed = true
	}
	return changed
}

func (st *state) nextSeq() int64 {
	st.Seq++
	return st.Seq
}

func (st *state) stockKey(zoneID, instanceType string) string { return zoneID + "|" + instanceType }

func (st *state) inStock(zoneID, instanceType string) bool {
	return !st.NoStock[st.stockKey(zoneID, instanceType)] && !st.NoStock[st.stockKey("*", instanceType)]
}

// save writes the state so that a crash at any moment leaves either the old
// file or the new one, never a torn one.
func (st *state) save(path string) error {
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".ecsmock-state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

func loadState(path string) (*state, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, err
	}
	st := newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("state file %s is not valid: %w", path, err)
	}
	if st.RIs == nil {
		st.RIs = map[string]*ReservedInstance{}
	}
	if st.Idempotency == nil {
		st.Idempotency = map[string]idempotencyRecord{}
	}
	if st.NoStock == nil {
		st.NoStock = map[string]bool{}
	}
	return st, nil
}

const idAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

func randomID(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
