package storetest

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/paulmach/orb"
)

func testCheckpointCRUD(t *testing.T, s store.Store) {
	ctx := context.Background()
	b := create(t, s, city, checkpoint("cp-b"))
	create(t, s, city, checkpoint("cp-a"))
	create(t, s, other, checkpoint("cp-a")) // ids are per city
	if b.Version != 1 || b.City != city || b.UpdatedBy != alice || b.UpdatedAt.IsZero() || b.Checkpoint != checkpoint("cp-b") {
		t.Fatalf("created %+v", b)
	}
	_, err := s.CreateCheckpoint(ctx, alice, city, checkpoint("cp-b"))
	wantErr(t, "create twice", err, store.ErrExists)

	list, err := s.Checkpoints(ctx, city)
	if err != nil || len(list) != 2 || list[0].ID != "cp-a" || list[1].ID != "cp-b" {
		t.Fatalf("Checkpoints = %v, %v; want cp-a, cp-b", list, err)
	}

	edit := checkpoint("cp-b")
	edit.Officers, edit.Point = 6, orb.Point{108.3301, 15.8790}
	up, err := s.UpdateCheckpoint(ctx, "bob", city, edit, 1)
	if err != nil || up.Version != 2 || up.Officers != 6 || up.UpdatedBy != "bob" {
		t.Fatalf("UpdateCheckpoint = %+v, %v; want version 2, 6 officers, by bob", up, err)
	}
	staleEdit := checkpoint("cp-b")
	staleEdit.Officers = 9
	_, err = s.UpdateCheckpoint(ctx, alice, city, staleEdit, 1)
	wantErr(t, "stale update", err, store.ErrStale)
	got, err := s.Checkpoint(ctx, city, "cp-b")
	if err != nil || got.Version != 2 || got.Checkpoint != edit {
		t.Fatalf("after stale update: %+v, %v; want version 2 unchanged", got, err)
	}
	_, err = s.UpdateCheckpoint(ctx, alice, city, checkpoint("cp-zz"), 1)
	wantErr(t, "update missing", err, store.ErrNotFound)

	wantErr(t, "stale delete", s.DeleteCheckpoint(ctx, alice, city, "cp-b", 1), store.ErrStale)
	if err := s.DeleteCheckpoint(ctx, alice, city, "cp-b", 2); err != nil {
		t.Fatalf("DeleteCheckpoint: %v", err)
	}
	_, err = s.Checkpoint(ctx, city, "cp-b")
	wantErr(t, "get deleted", err, store.ErrNotFound)
	wantErr(t, "delete twice", s.DeleteCheckpoint(ctx, alice, city, "cp-b", 2), store.ErrNotFound)
	if got, err := s.Checkpoint(ctx, other, "cp-a"); err != nil || got.City != other {
		t.Fatalf("other city's cp-a = %+v, %v", got, err)
	}
}

func testCheckpointConcurrentUpdate(t *testing.T, s store.Store) {
	create(t, s, city, checkpoint("cp-a"))
	const n = 8
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			cp := checkpoint("cp-a")
			cp.Officers = 10 + i
			start.Wait()
			_, errs[i] = s.UpdateCheckpoint(context.Background(), alice, city, cp, 1)
		})
	}
	start.Done()
	done.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won >= 0:
			t.Fatalf("writers %d and %d both won", won, i)
		case err == nil:
			won = i
		case !errors.Is(err, store.ErrStale):
			t.Fatalf("writer %d: %v, want ErrStale", i, err)
		}
	}
	got, err := s.Checkpoint(context.Background(), city, "cp-a")
	if won < 0 || err != nil || got.Version != 2 || got.Officers != 10+won {
		t.Fatalf("winner %d, stored %+v, %v", won, got, err)
	}
}

// testConcurrentImports runs imports at once that create the same new checkpoints, in
// opposite orders: an import creates or replaces, so every one succeeds (no "exists", no
// deadlock), and the checkpoints end at one of the imported states.
func testConcurrentImports(t *testing.T, s store.Store) {
	const n = 6
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			a, b := checkpoint("cp-a"), checkpoint("cp-b")
			a.Officers, b.Officers = 10+i, 10+i
			rows := []geo.Checkpoint{a, b}
			if i%2 == 1 {
				rows = []geo.Checkpoint{b, a}
			}
			start.Wait()
			errs[i] = s.ImportCheckpoints(context.Background(), alice, city, rows)
		})
	}
	start.Done()
	done.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("import %d: %v", i, err)
		}
	}
	for _, id := range []string{"cp-a", "cp-b"} {
		got, err := s.Checkpoint(context.Background(), city, id)
		if err != nil || got.Officers < 10 || got.Officers >= 10+n || got.Version < 1 || got.Version > n {
			t.Errorf("%s = %+v, %v", id, got, err)
		}
	}
}

func testCheckpointValidation(t *testing.T, s store.Store) {
	tests := []struct {
		name  string
		city  string
		edit  func(cp *geo.Checkpoint)
		field string
	}{
		{"bad id", city, func(cp *geo.Checkpoint) { cp.ID = "Chốt 1" }, "id"},
		{"empty id", city, func(cp *geo.Checkpoint) { cp.ID = "" }, "id"},
		{"bad city", "Hoi An", func(cp *geo.Checkpoint) {}, "city"},
		{"kind", city, func(cp *geo.Checkpoint) { cp.Kind = "tank" }, "kind"},
		{"empty name", city, func(cp *geo.Checkpoint) { cp.Name = "  " }, "name"},
		{"long name", city, func(cp *geo.Checkpoint) { cp.Name = strings.Repeat("x", 201) }, "name"},
		{"empty unit", city, func(cp *geo.Checkpoint) { cp.Unit = "" }, "unit"},
		{"too many officers", city, func(cp *geo.Checkpoint) { cp.Officers = 500 }, "officers"},
		{"negative officers", city, func(cp *geo.Checkpoint) { cp.Officers = -1 }, "officers"},
		{"unstaffed post", city, func(cp *geo.Checkpoint) { cp.Officers = 0 }, "officers"},
		{"small radius", city, func(cp *geo.Checkpoint) { cp.RadiusM = 5 }, "radius_m"},
		{"large radius", city, func(cp *geo.Checkpoint) { cp.RadiusM = 3001 }, "radius_m"},
		{"NaN radius", city, func(cp *geo.Checkpoint) { cp.RadiusM = math.NaN() }, "radius_m"},
		{"lat", city, func(cp *geo.Checkpoint) { cp.Point = orb.Point{108.3, 95} }, "point"},
		{"NaN lon", city, func(cp *geo.Checkpoint) { cp.Point = orb.Point{math.NaN(), 15.8} }, "point"},
		{"zero point", city, func(cp *geo.Checkpoint) { cp.Point = orb.Point{} }, "point"},
		{"infinite lon", city, func(cp *geo.Checkpoint) { cp.Point = orb.Point{math.Inf(1), 15.8} }, "point"},
		{"NUL in a note", city, func(cp *geo.Checkpoint) { cp.Note = "ca\x00sáng" }, "note"},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cp := checkpoint("cp-new")
			tc.edit(&cp)
			_, err := s.CreateCheckpoint(ctx, alice, tc.city, cp)
			wantInvalid(t, "CreateCheckpoint", err, -1, tc.field)
			if list, _ := s.Checkpoints(ctx, tc.city); len(list) != 0 {
				t.Fatalf("wrote %v", list)
			}
			if n := auditLen(t, s); n != 0 {
				t.Fatalf("wrote %d audit entries", n)
			}
		})
	}
	camera := checkpoint("cam-1")
	camera.Kind, camera.Officers = "camera", 0
	create(t, s, city, camera)
	cp := checkpoint("cam-1")
	cp.RadiusM = 0
	_, err := s.UpdateCheckpoint(ctx, alice, city, cp, 1)
	wantInvalid(t, "UpdateCheckpoint", err, -1, "radius_m")
	_, err = s.CreateCheckpoint(ctx, "", city, checkpoint("cp-x"))
	wantInvalid(t, "no actor", err, -1, "actor")
	_, err = s.CreateCheckpoint(ctx, "ro\x00ot", city, checkpoint("cp-x"))
	wantInvalid(t, "NUL in the actor", err, -1, "actor")
	if got, _ := s.Checkpoint(ctx, city, "cam-1"); got.Version != 1 || auditLen(t, s) != 1 {
		t.Fatalf("invalid update wrote: %+v, %d audit entries", got, auditLen(t, s))
	}
}
