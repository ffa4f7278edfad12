package provider

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// fakeBackend is an in-memory cloud with Alibaba Cloud's rules, for unit
// tests of the glue that need neither Terraform nor HTTP. RIs are active as
// soon as they are bought; fail makes the next call of a method fail.
type fakeBackend struct {
	mu    sync.Mutex
	ris   map[string]*cloud.RI
	seq   int
	calls []string
	fail  map[string]error
	now   time.Time
}

var _ cloud.Backend = (*fakeBackend)(nil)

func newFakeBackend() *fakeBackend {
	return &fakeBackend{ris: map[string]*cloud.RI{}, fail: map[string]error{}, now: time.Now().UTC().Truncate(time.Hour)}
}

func (f *fakeBackend) Rules() *reservation.Rules { return reservation.Alibaba }

// enter records a call and returns the failure planned for it, once.
func (f *fakeBackend) enter(method string) error {
	f.calls = append(f.calls, method)
	err := f.fail[method]
	delete(f.fail, method)
	return err
}

func (f *fakeBackend) newRI(shape reservation.Shape, name string, months int, start time.Time) *cloud.RI {
	f.seq++
	ri := &cloud.RI{ID: fmt.Sprintf("ecsri-fake%03d", f.seq), Region: "cn-hangzhou", Shape: shape, Name: name, Tags: map[string]string{},
		Status: cloud.StatusActive, RawStatus: "Active", Renewal: cloud.Renewal{Known: true},
		Attrs: map[string]string{"platform": "Linux", "offering_type": "All Upfront", "resource_group_id": "rg-fake"}}
	ri.SetTimes(reservation.FormatAPITime(start), reservation.FormatAPITime(reservation.TermEnd(start, months)))
	f.ris[ri.ID] = ri
	return ri
}

func (f *fakeBackend) read(ids []string) map[string]cloud.RI {
	out := map[string]cloud.RI{}
	for _, id := range ids {
		if ri, ok := f.ris[id]; ok {
			c := *ri
			c.Tags = maps.Clone(ri.Tags)
			c.SeenAt = f.now
			out[id] = c
		}
	}
	return out
}

func (f *fakeBackend) Lookup(_ context.Context, _ string, ids []string) (map[string]cloud.RI, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.read(ids), f.enter("Lookup")
}

func (f *fakeBackend) Describe(_ context.Context, _ string, ids []string) (map[string]cloud.RI, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.read(ids), f.enter("Describe")
}

func (f *fakeBackend) WaitActive(_ context.Context, _ string, ids []string) (map[string]cloud.RI, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	seen := f.read(ids)
	for id, ri := range seen {
		ri.Renewal = cloud.Renewal{}
		seen[id] = ri
	}
	return seen, f.enter("WaitActive")
}

func (f *fakeBackend) ListFamily(_ context.Context, _ string, family string) ([]cloud.RI, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []cloud.RI
	for _, ri := range f.ris {
		if it, _ := reservation.Alibaba.ParseInstanceType(ri.Type); it.Family == family {
			out = append(out, *ri)
		}
	}
	return out, f.enter("ListFamily")
}

func (f *fakeBackend) Find(context.Context, string, cloud.Filter) ([]cloud.RI, error) {
	return nil, fmt.Errorf("not used")
}

func (f *fakeBackend) Purchase(_ context.Context, req cloud.PurchaseRequest) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Purchase"); err != nil {
		return "", err
	}
	ri := f.newRI(req.Shape, req.Name, req.Term.Months(), f.now)
	ri.Description, ri.Tags, ri.Renewal = req.Description, maps.Clone(req.Tags), cloud.Renewal{Known: true, Auto: req.Renewal.Auto, Term: req.Renewal.Term}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	return ri.ID, nil
}

func (f *fakeBackend) Modify(_ context.Context, req cloud.ModifyRequest) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Modify"); err != nil {
		return nil, err
	}
	src := f.ris[req.Sources[0]]
	var ids []string
	for _, t := range req.Targets {
		ri := f.newRI(t, req.Name, 0, src.Start)
		ri.SetTimes(src.StartText, src.ExpiryText)
		ids = append(ids, ri.ID)
	}
	for _, id := range req.Sources {
		f.ris[id].Status, f.ris[id].RawStatus = cloud.StatusInactive, "Inactive"
	}
	return ids, nil
}

func (f *fakeBackend) Renew(_ context.Context, req cloud.RenewRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Renew"); err != nil {
		return err
	}
	for _, b := range req.Batches {
		for _, id := range b.IDs {
			ri := f.ris[id]
			ri.SetTimes(ri.StartText, reservation.FormatAPITime(reservation.Extend(ri.Expiry, req.Term.Months())))
		}
	}
	return nil
}

func (f *fakeBackend) SetRenewal(_ context.Context, _ string, ids []string, r cloud.Renewal) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("SetRenewal"); err != nil {
		return err
	}
	for _, id := range ids {
		f.ris[id].Renewal = cloud.Renewal{Known: true, Auto: r.Auto, Term: r.Term}
	}
	return nil
}

func (f *fakeBackend) Rename(_ context.Context, _, id string, name, description *string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Rename"); err != nil {
		return err
	}
	if name != nil {
		f.ris[id].Name = *name
	}
	if description != nil {
		f.ris[id].Description = *description
	}
	return nil
}

func (f *fakeBackend) Tag(_ context.Context, _ string, ids []string, tags map[string]string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Tag"); err != nil {
		return err
	}
	for _, id := range ids {
		maps.Copy(f.ris[id].Tags, tags)
	}
	return nil
}

func (f *fakeBackend) Untag(_ context.Context, _ string, ids []string, keys []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter("Untag"); err != nil {
		return err
	}
	for _, id := range ids {
		for _, k := range keys {
			delete(f.ris[id].Tags, k)
		}
	}
	return nil
}
