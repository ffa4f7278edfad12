package core

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

// ReservedInstance is the emulator's record of one RI of any cloud. It is
// also what the Go control API and /_ecsmock/reserved-instances return.
//
// Fields shared by both clouds carry each cloud's own spelling: Status,
// Scope ("Region"/"Zone" on Alibaba, "RegionalRI"/"ZonalRI" on Volcengine).
// InstanceType and InstanceAmount are Volcengine's InstanceTypeId and
// InstanceCount.
type ReservedInstance struct {
	ID             string    `json:"id"`
	Cloud          Cloud     `json:"cloud"`
	RegionID       string    `json:"region_id"`
	ZoneID         string    `json:"zone_id,omitempty"`
	Name           string    `json:"name,omitempty"`
	Description    string    `json:"description,omitempty"`
	InstanceType   string    `json:"instance_type"`
	InstanceAmount int       `json:"instance_amount"`
	Scope          string    `json:"scope"`
	OfferingType   string    `json:"offering_type"`
	Status         string    `json:"status"`
	StartTime      time.Time `json:"start_time"`
	ExpiredTime    time.Time `json:"expired_time"`
	CreationTime   time.Time `json:"creation_time"`
	PendingUntil   time.Time `json:"pending_until,omitzero"`
	// InactiveAt is when a modification ended the RI's effect: the instant
	// its targets took effect. It is recorded when the modification starts
	// (the RI is then updating, and inactive once that settles) and is what
	// utilisation reports end the RI's effect at.
	InactiveAt time.Time         `json:"inactive_at,omitzero"`
	Tags       map[string]string `json:"tags,omitempty"`
	// AutoRenew, AutoRenewDuration and AutoRenewUnit ("Month" or "Year")
	// describe the automatic renewal the lifecycle applies at expiry.
	AutoRenew         bool   `json:"auto_renew"`
	AutoRenewDuration int    `json:"auto_renew_duration,omitempty"`
	AutoRenewUnit     string `json:"auto_renew_unit,omitempty"`

	// Alibaba Cloud only.
	Platform        string   `json:"platform,omitempty"`
	ResourceGroupID string   `json:"resource_group_id,omitempty"`
	OperationLocks  []string `json:"operation_locks,omitempty"`

	// Volcengine only. RenewType is the Billing renewal type (AutoRenewal,
	// ManualRenewal or NonRenewal); RenewalTimes is the number of automatic
	// renewals Billing SetRenewalType asked for (0: until switched off).
	ProjectName  string `json:"project_name,omitempty"`
	HpcClusterID string `json:"hpc_cluster_id,omitempty"`
	RenewType    string `json:"renew_type,omitempty"`
	RenewalTimes int    `json:"renewal_times,omitempty"`

	Seq int64 `json:"seq"`
}

// Clone copies the record, its tags and locks included.
func (ri *ReservedInstance) Clone() ReservedInstance {
	c := *ri
	c.Tags = map[string]string{}
	for k, v := range ri.Tags {
		c.Tags[k] = v
	}
	c.OperationLocks = append([]string(nil), ri.OperationLocks...)
	return c
}

// MergedTags returns old overwritten by add, leaving old untouched.
func MergedTags(old, add map[string]string) map[string]string {
	out := make(map[string]string, len(old)+len(add))
	for k, v := range old {
		out[k] = v
	}
	for k, v := range add {
		out[k] = v
	}
	return out
}

// SortedKeys returns the keys of a tag map in order.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Store is everything that a restart must not lose, for every cloud.
type Store struct {
	RIs         map[string]*ReservedInstance `json:"reserved_instances"`
	Idempotency map[string]idempotencyRecord `json:"idempotency"`
	NoStock     map[string]bool              `json:"no_stock"`
	// Projects and HPC clusters (ID → zone) that exist, for the clouds whose
	// RIs name them; the JSON names are those state files have always used.
	Projects    map[string]bool   `json:"volcengine_projects,omitempty"`
	HpcClusters map[string]string `json:"volcengine_hpc_clusters,omitempty"`
	// Fleet holds the declared pay-as-you-go instances of every cloud, by
	// ID; Prices the prices set over each cloud's default price table, by
	// cloud, type and platform, and Currencies each table's currency when
	// one was set.
	Fleet       map[string]*Instances `json:"instances,omitempty"`
	Prices      map[string]Price      `json:"prices,omitempty"`
	Currencies  map[Cloud]string      `json:"currencies,omitempty"`
	ClockOffset time.Duration         `json:"clock_offset"`
	Seq         int64                 `json:"seq"`
}

// NewStore makes an empty store.
func NewStore() *Store {
	st := &Store{}
	st.fillMaps()
	return st
}

// fillMaps makes every map usable, also after loading an older state file.
func (st *Store) fillMaps() {
	if st.RIs == nil {
		st.RIs = map[string]*ReservedInstance{}
	}
	if st.Idempotency == nil {
		st.Idempotency = map[string]idempotencyRecord{}
	}
	if st.NoStock == nil {
		st.NoStock = map[string]bool{}
	}
	if st.Projects == nil {
		st.Projects = map[string]bool{}
	}
	if st.HpcClusters == nil {
		st.HpcClusters = map[string]string{}
	}
	if st.Fleet == nil {
		st.Fleet = map[string]*Instances{}
	}
	if st.Prices == nil {
		st.Prices = map[string]Price{}
	}
	if st.Currencies == nil {
		st.Currencies = map[Cloud]string{}
	}
}

// Adopt gives the records that name no cloud, written before there were
// several, to the unscoped cloud.
func (st *Store) Adopt(p Profile) {
	if !p.Unscoped {
		return
	}
	for _, ri := range st.RIs {
		if ri.Cloud == "" {
			ri.Cloud = p.Cloud
		}
	}
}

// Sorted returns one cloud's RIs in the order they were created.
func (st *Store) Sorted(cloud Cloud) []*ReservedInstance {
	out := make([]*ReservedInstance, 0, len(st.RIs))
	for _, ri := range st.RIs {
		if ri.Cloud == cloud {
			out = append(out, ri)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// NextSeq is the next number of the store's sequence, which orders RIs by
// creation and numbers orders.
func (st *Store) NextSeq() int64 {
	st.Seq++
	return st.Seq
}

// Add stores a new RI, giving it the next creation sequence number.
func (st *Store) Add(ri *ReservedInstance) {
	ri.Seq = st.NextSeq()
	st.RIs[ri.ID] = ri
}

// Save writes the store so that a crash at any moment leaves either the old
// file or the new one, never a torn one.
func (st *Store) Save(path string) error {
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

// LoadStore reads a state file; a missing file is an empty store.
func LoadStore(path string) (*Store, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return NewStore(), nil
	}
	if err != nil {
		return nil, err
	}
	st := &Store{}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("state file %s is not valid: %w", path, err)
	}
	st.fillMaps()
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

// NewReservedInstanceID has the shape both clouds use: "ecsri-" and 20
// lower-case letters and digits.
func NewReservedInstanceID() string { return randomID("ecsri-", 20) }

// NewRequestID is a fresh request ID in the shape both clouds use.
func NewRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
