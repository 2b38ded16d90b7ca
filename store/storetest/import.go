package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
)

func testImportAllOrNothing(t *testing.T, s store.Store) {
	ctx := context.Background()
	create(t, s, city, checkpoint("cp-a"))
	a := checkpoint("cp-a")
	a.Officers = 12
	bad := checkpoint("cp-c")
	bad.Officers = 500
	err := s.ImportCheckpoints(ctx, alice, city, []geo.Checkpoint{a, checkpoint("cp-b"), bad})
	wantInvalid(t, "import with a bad row", err, 2, "officers")
	if !strings.Contains(err.Error(), "checkpoints[2]") {
		t.Errorf("error %q does not name the row", err)
	}
	err = s.ImportCheckpoints(ctx, alice, city, []geo.Checkpoint{a, a})
	wantInvalid(t, "import with a repeated id", err, 1, "id")
	if list, _ := s.Checkpoints(ctx, city); len(list) != 1 || list[0].Version != 1 || auditLen(t, s) != 1 {
		t.Fatalf("failed import wrote: %+v, %d audit entries", list, auditLen(t, s))
	}

	rows := []geo.Checkpoint{a, checkpoint("cp-b")}
	if err := s.ImportCheckpoints(ctx, "bob", city, rows); err != nil {
		t.Fatalf("ImportCheckpoints: %v", err)
	}
	list, err := s.Checkpoints(ctx, city)
	if err != nil || len(list) != 2 || list[0].Version != 2 || list[0].Officers != 12 || list[1].Version != 1 {
		t.Fatalf("after import: %+v, %v; want cp-a v2 with 12 officers, cp-b v1", list, err)
	}
	es, _ := s.Audit(ctx, city, 10)
	if len(es) != 3 || es[0].Object != "cp-b" || es[0].Before != nil || es[1].Object != "cp-a" || es[1].Before == nil {
		t.Fatalf("audit after import: %+v", es)
	}
	for _, e := range es[:2] {
		if e.Action != store.ActionImport || e.Actor != "bob" || e.After == nil {
			t.Errorf("import entry %+v", e)
		}
	}
	if err := s.ImportCheckpoints(ctx, "bob", city, rows); err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if got, _ := s.Checkpoint(ctx, city, "cp-a"); got.Version != 2 || auditLen(t, s) != 3 {
		t.Fatalf("re-importing the same rows changed something: %+v, %d audit entries", got, auditLen(t, s))
	}
}

func testSeed(t *testing.T, s store.Store) {
	ctx := context.Background()
	cps := []geo.Checkpoint{checkpoint("cp-c"), checkpoint("cp-a"), checkpoint("cp-b")}
	for range 2 {
		if err := s.Seed(ctx, city, cps); err != nil {
			t.Fatalf("Seed: %v", err)
		}
	}
	list, err := s.Checkpoints(ctx, city)
	if err != nil || len(list) != 3 || list[0].ID != "cp-a" || list[0].Version != 1 {
		t.Fatalf("after seeding twice: %+v, %v", list, err)
	}
	es, _ := s.Audit(ctx, city, 0)
	if len(es) != 3 || es[0].Actor != store.SeedActor || es[0].Action != store.ActionImport {
		t.Fatalf("seed audit: %+v", es)
	}

	for _, cp := range list {
		if err := s.DeleteCheckpoint(ctx, alice, city, cp.ID, cp.Version); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Seed(ctx, city, cps); err != nil {
		t.Fatalf("Seed after deleting all: %v", err)
	}
	if list, _ := s.Checkpoints(ctx, city); len(list) != 0 {
		t.Fatalf("a seeded city was seeded again: %v", list)
	}

	create(t, s, other, checkpoint("cp-own"))
	if err := s.Seed(ctx, other, cps); err != nil {
		t.Fatalf("Seed: %v", err)
	}
	if list, _ := s.Checkpoints(ctx, other); len(list) != 1 {
		t.Fatalf("a city with rows was seeded: %v", list)
	}

	bad := append([]geo.Checkpoint{checkpoint("cp-a")}, checkpoint(""))
	wantInvalid(t, "Seed with a bad row", s.Seed(ctx, "dien-bien", bad), 1, "id")
	if list, _ := s.Checkpoints(ctx, "dien-bien"); len(list) != 0 {
		t.Fatalf("a failed seed wrote %v", list)
	}
}
