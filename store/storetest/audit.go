package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chotmap/chot/store"
)

func testAudit(t *testing.T, s store.Store) {
	ctx := context.Background()
	create(t, s, city, checkpoint("cp-a"))
	edit := checkpoint("cp-a")
	edit.Officers = 7
	if _, err := s.UpdateCheckpoint(ctx, "bob", city, edit, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCheckpoint(ctx, "carol", city, "cp-a", 2); err != nil {
		t.Fatal(err)
	}
	create(t, s, other, checkpoint("cp-z"))

	es, err := s.Audit(ctx, city, 10)
	if err != nil || len(es) != 3 {
		t.Fatalf("Audit = %d entries, %v; want 3", len(es), err)
	}
	want := []struct {
		actor, action string
		before, after int // officers in the JSON, 0 when absent
	}{
		{"carol", store.ActionDelete, 7, 0},
		{"bob", store.ActionUpdate, 4, 7},
		{alice, store.ActionCreate, 0, 4},
	}
	for i, w := range want {
		e := es[i]
		if e.Actor != w.actor || e.Action != w.action || e.Kind != store.AuditCheckpoint || e.Object != "cp-a" || e.City != city || e.At.IsZero() {
			t.Errorf("entry %d = %+v, want %s by %s", i, e, w.action, w.actor)
		}
		if i > 0 && es[i-1].ID <= e.ID {
			t.Errorf("entries not newest first: ids %d, %d", es[i-1].ID, e.ID)
		}
		if got := officers(t, e.Before); got != w.before {
			t.Errorf("entry %d: before has %d officers, want %d", i, got, w.before)
		}
		if got := officers(t, e.After); got != w.after {
			t.Errorf("entry %d: after has %d officers, want %d", i, got, w.after)
		}
	}
	if all, _ := s.Audit(ctx, "", 0); len(all) != 4 || all[0].City != other {
		t.Errorf("Audit of every city = %+v, want 4 entries, %s's first", all, other)
	}
	if two, _ := s.Audit(ctx, city, 2); len(two) != 2 || two[0].ID != es[0].ID {
		t.Errorf("Audit with limit 2 = %+v", two)
	}
}

// officers returns the officers of a checkpoint's audit JSON, or 0 when b is nil.
func officers(t *testing.T, b []byte) int {
	t.Helper()
	if b == nil {
		return 0
	}
	var doc struct {
		ID       string  `json:"id"`
		Officers int     `json:"officers"`
		Lon      float64 `json:"lon"`
		Version  int64   `json:"version"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.ID == "" || doc.Lon == 0 || doc.Version == 0 {
		t.Fatalf("audit JSON %s: %+v, %v", b, doc, err)
	}
	return doc.Officers
}
