package core

import (
	"path/filepath"
	"testing"
	"time"
)

var (
	firstCloud  = Profile{Cloud: "first", Unscoped: true, Lifecycle: Lifecycle{Creating: "c", Active: "a", Updating: "u", Inactive: "i", Expired: "e", ExpiredLocks: []string{"lock"}}}
	secondCloud = Profile{Cloud: "second", Lifecycle: Lifecycle{Creating: "C", Active: "A", Updating: "U", Inactive: "I", Expired: "E"}}
)

// State files written before there were several clouds keep working: the
// unscoped cloud's stock and ClientToken keys carry no cloud and its
// records may name none; every other cloud's keys carry its name.
func TestStateFileKeysKeepTheirShape(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{stockKey(firstCloud, "z", "t"), "z|t"},
		{stockKey(secondCloud, "z", "t"), "second:z|t"},
		{IdempotencyKey(firstCloud, "Buy", "tok"), "Buy|tok"},
		{IdempotencyKey(secondCloud, "Buy", "tok"), "second|Buy|tok"},
	} {
		if c.got != c.want {
			t.Errorf("key %q, want %q", c.got, c.want)
		}
	}
	path := filepath.Join(t.TempDir(), "state.json")
	st := NewStore()
	st.RIs["ri-old"] = &ReservedInstance{ID: "ri-old"}
	st.SetStock(secondCloud, "*", "t", false)
	if err := st.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadStore(path)
	if err != nil {
		t.Fatal(err)
	}
	loaded.Adopt(secondCloud)
	if c := loaded.RIs["ri-old"].Cloud; c != "" {
		t.Fatalf("a scoped cloud adopted a record: %q", c)
	}
	loaded.Adopt(firstCloud)
	if c := loaded.RIs["ri-old"].Cloud; c != firstCloud.Cloud {
		t.Fatalf("a record without a cloud belongs to the unscoped cloud, got %q", c)
	}
	if loaded.inStock(secondCloud, "z", "t") || !loaded.inStock(firstCloud, "z", "t") {
		t.Fatal("stock is per cloud, and survives the state file")
	}
}

// A world sees its own cloud only, and moves RIs along its cloud's
// lifecycle; Settle leaves the RIs of a cloud it has no lifecycle for alone.
func TestWorldIsOneCloudsView(t *testing.T) {
	st := NewStore()
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	w1, w2 := NewWorld(st, firstCloud, now, time.Minute), NewWorld(st, secondCloud, now, time.Minute)
	a := &ReservedInstance{ID: "ri-a", ExpiredTime: TermEnd(now, 1)}
	b := &ReservedInstance{ID: "ri-b", ExpiredTime: TermEnd(now, 1), AutoRenew: true, AutoRenewDuration: 1, AutoRenewUnit: "Month"}
	w1.Add(a)
	w1.StartCreating(a)
	w2.Add(b)
	w2.StartCreating(b)
	st.RIs["ri-x"] = &ReservedInstance{ID: "ri-x", Cloud: "third", Status: "pending"}
	if _, ok := w1.Find("ri-b"); ok || len(w2.Sorted()) != 1 || a.Cloud != firstCloud.Cloud || a.Status != "c" || b.Status != "C" {
		t.Fatalf("worlds mix clouds: %+v %+v", a, b)
	}
	if n := w1.Usage(func(*ReservedInstance) bool { return true }, CountOne, nil); n != 1 {
		t.Fatalf("usage counts the cloud's live RIs: %d", n)
	}
	lifecycles := map[Cloud]Lifecycle{firstCloud.Cloud: firstCloud.Lifecycle, secondCloud.Cloud: secondCloud.Lifecycle}
	if !st.Settle(now.Add(time.Minute), lifecycles) || a.Status != "a" || b.Status != "A" {
		t.Fatalf("activation: %s %s", a.Status, b.Status)
	}
	st.Settle(now.AddDate(0, 2, 0), lifecycles)
	if a.Status != "e" || len(a.OperationLocks) != 1 || b.Status != "A" || !b.ExpiredTime.After(now.AddDate(0, 2, 0)) {
		t.Fatalf("expiry and auto-renewal: %+v %+v", a, b)
	}
	if st.RIs["ri-x"].Status != "pending" {
		t.Fatal("an RI of a cloud without a lifecycle moved")
	}
}
