package core

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Instances declares identical pay-as-you-go instances of one cloud,
// running in one zone from StartTime to EndTime (zero while they still
// run). The RIs of the cloud pay for them, hour by hour, as the utilisation
// and coverage APIs report. It is also what the Go control API and
// /_ecsmock/instances return.
type Instances struct {
	ID           string    `json:"id"`
	Cloud        Cloud     `json:"cloud"`
	RegionID     string    `json:"region_id"`
	ZoneID       string    `json:"zone_id"`
	InstanceType string    `json:"instance_type"`
	Count        int       `json:"count"`
	Platform     string    `json:"platform"`
	StartTime    time.Time `json:"start_time"`
	EndTime      time.Time `json:"end_time,omitzero"`
	Seq          int64     `json:"seq"`
}

// MaxInstances is the most instances one declaration may count.
const MaxInstances = 10_000

// Check holds a declaration to what every cloud requires, before its
// cloud checks it against its catalogue.
func (in *Instances) Check() error {
	switch {
	case in.InstanceType == "":
		return errors.New("instance_type is required")
	case in.ZoneID == "":
		return errors.New("zone_id is required")
	case in.Count < 1 || in.Count > MaxInstances:
		return fmt.Errorf("count must be between 1 and %d, not %d", MaxInstances, in.Count)
	case in.StartTime.IsZero():
		return errors.New("start_time is required")
	case !in.EndTime.IsZero() && !in.EndTime.After(in.StartTime):
		return errors.New("end_time must be after start_time")
	}
	return nil
}

// InstanceID names instance k (from 0) of a declaration, in the shape both
// clouds give instance IDs: "i-" and lower-case letters and digits.
func InstanceID(declarationID string, k int) string {
	_, tail, _ := strings.Cut(declarationID, "-")
	n := strconv.FormatInt(int64(k), 36)
	return "i-" + tail + strings.Repeat("0", max(0, 4-len(n))) + n
}

// InstanceIndex is the inverse of InstanceID within a declaration: which
// of its instances an ID names.
func InstanceIndex(declarationID, instanceID string) (int, bool) {
	_, tail, _ := strings.Cut(declarationID, "-")
	rest, ok := strings.CutPrefix(instanceID, "i-"+tail)
	if !ok || len(rest) < 4 {
		return 0, false
	}
	k, err := strconv.ParseInt(rest, 36, 32)
	return int(k), err == nil
}

// Declare stores a declaration of a cloud, giving it an ID and the next
// sequence number.
func (st *Store) Declare(in *Instances) {
	in.ID = randomID("decl-", 16)
	in.Seq = st.NextSeq()
	st.Fleet[in.ID] = in
}

// FleetOf returns a cloud's declarations in the order they were made.
func (st *Store) FleetOf(cloud Cloud) []*Instances {
	out := []*Instances{}
	for _, in := range st.Fleet {
		if in.Cloud == cloud {
			out = append(out, in)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// Fleet returns the cloud's declarations in the order they were made.
func (w *World) Fleet() []*Instances { return w.st.FleetOf(w.profile.Cloud) }

// Declaration returns a declaration of the cloud by ID.
func (w *World) Declaration(id string) (*Instances, bool) {
	in, ok := w.st.Fleet[id]
	if !ok || in.Cloud != w.profile.Cloud {
		return nil, false
	}
	return in, true
}
