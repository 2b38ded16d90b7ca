package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// TestImportRollsBack makes the database itself refuse the last row of an import, after
// validation passed: the rows and audit entries written before it must be rolled back.
func TestImportRollsBack(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "chot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.w.Exec(`CREATE TRIGGER boom BEFORE INSERT ON checkpoints WHEN NEW.id = 'cp-boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	var cps []geo.Checkpoint
	for _, id := range []string{"cp-a", "cp-b", "cp-boom"} {
		cps = append(cps, geo.Checkpoint{ID: id, Kind: "medical", Name: "Trạm y tế", Unit: "TTYT Hội An",
			Officers: 2, RadiusM: 300, Point: orb.Point{108.33, 15.88}})
	}
	if err := s.ImportCheckpoints(ctx, "alice", "hoi-an", cps); err == nil {
		t.Fatal("import succeeded past the trigger")
	}
	if list, _ := s.Checkpoints(ctx, "hoi-an"); len(list) != 0 {
		t.Errorf("a failed import kept %d rows", len(list))
	}
	if es, _ := s.Audit(ctx, "", 0); len(es) != 0 {
		t.Errorf("a failed import kept %d audit entries", len(es))
	}
}
