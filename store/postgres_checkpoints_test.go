package store

import (
	"context"
	"errors"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store/pgtest"
	"github.com/paulmach/orb"
)

func openPg(t *testing.T) *Postgres {
	t.Helper()
	s, err := OpenPostgres(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func medical(id string, lon, lat float64) geo.Checkpoint {
	return geo.Checkpoint{ID: id, Kind: "medical", Name: "Trạm y tế", Unit: "TTYT Hội An",
		Officers: 2, RadiusM: 300, Point: orb.Point{lon, lat}}
}

// TestPostgresGeometry checks that a checkpoint is a PostGIS point in WGS 84, exact to the
// bit both ways, that PostGIS can search by distance.
func TestPostgresGeometry(t *testing.T) {
	ctx := context.Background()
	s := openPg(t)
	near := medical("cp-near", 108.32841234567891, 15.877412345678912)
	far := medical("cp-far", 108.2208, 16.0544) // Đà Nẵng, 20 km away
	for _, cp := range []geo.Checkpoint{near, far} {
		if _, err := s.CreateCheckpoint(ctx, "alice", "hoi-an", cp); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.Checkpoint(ctx, "hoi-an", "cp-near"); err != nil || got.Point != near.Point {
		t.Fatalf("point read back = %v, %v; want %v", got.Point, err, near.Point)
	}
	var srid int
	var wkt string
	err := s.pool.QueryRow(ctx, `SELECT ST_SRID(geom), ST_AsText(geom) FROM checkpoints WHERE id = 'cp-far'`).Scan(&srid, &wkt)
	if err != nil || srid != 4326 || wkt != "POINT(108.2208 16.0544)" {
		t.Fatalf("stored geometry: SRID %d, %s, %v", srid, wkt, err)
	}
	var within []string
	rows, err := s.pool.Query(ctx, `SELECT id FROM checkpoints
		WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(108.3284, 15.8774), 4326)::geography, 1000)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		within = append(within, id)
	}
	if rows.Err() != nil || len(within) != 1 || within[0] != "cp-near" {
		t.Fatalf("checkpoints within 1 km of the Ancient Town: %v, %v", within, rows.Err())
	}
}

// TestPostgresImportRollsBack makes the database itself refuse the last row of an import,
// after validation passed: the rows and audit entries written before it must be rolled back.
func TestPostgresImportRollsBack(t *testing.T) {
	ctx := context.Background()
	s := openPg(t)
	if _, err := s.pool.Exec(ctx, `CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'boom'; END $$;
		CREATE TRIGGER boom BEFORE INSERT ON checkpoints FOR EACH ROW WHEN (NEW.id = 'cp-boom') EXECUTE FUNCTION boom()`); err != nil {
		t.Fatal(err)
	}
	cps := []geo.Checkpoint{medical("cp-a", 108.33, 15.88), medical("cp-b", 108.33, 15.88), medical("cp-boom", 108.33, 15.88)}
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

// TestPostgresNUL checks that what PostgreSQL cannot store is refused as invalid input,
// not as a database error: \u0000 in jsonb (NUL in text is refused by every backend).
func TestPostgresNUL(t *testing.T) {
	ctx := context.Background()
	s := openPg(t)
	_, err := s.CreatePlan(ctx, "alice", "hoi-an", "APEC", []byte(`{"note":"a\u0000b"}`))
	wantField(t, `\u0000 in a plan body`, err, -1, "body")
	p, err := s.CreatePlan(ctx, "alice", "hoi-an", "APEC", []byte(`{"stops":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	err = s.SetPlanResult(ctx, "hoi-an", p.ID, 1, []byte(`{"x":"\u0000"}`))
	wantField(t, `\u0000 in a result`, err, -1, "result")
}

func wantField(t *testing.T, what string, err error, row int, field string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Row != row || ve.Field != field {
		t.Errorf("%s: got %v, want a *ValidationError about row %d, field %s", what, err, row, field)
	}
}
