package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/chotmap/chot/store/pgtest"
	"github.com/chotmap/chot/store/storetest"
	"github.com/jackc/pgx/v5"
)

// openPostgres opens a store on a fresh schema (see pgtest.URL).
func openPostgres(tb testing.TB) (*store.Postgres, string) {
	tb.Helper()
	url := pgtest.URL(tb)
	s, err := store.OpenPostgres(context.Background(), url)
	if err != nil {
		tb.Fatalf("OpenPostgres: %v", err)
	}
	return s, url
}

func TestPostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, _ := openPostgres(t)
		return s
	})
}

// connect opens a plain connection to url, behind the store's back.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// pgColumn returns the first column of every row of a query, as text.
func pgColumn(t *testing.T, conn *pgx.Conn, query string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func TestPostgresReopen(t *testing.T) {
	ctx := context.Background()
	s, url := openPostgres(t)
	cp, err := s.CreateCheckpoint(ctx, "alice", "hoi-an", sample("cp-a"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePlan(ctx, "alice", "hoi-an", "APEC", []byte(`{"stops":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := s.AddUser(ctx, "root", "alice", store.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	conn := connect(t, url)
	const applied = `SELECT version || '@' || applied_at FROM schema_migrations ORDER BY version`
	migrated := pgColumn(t, conn, applied)
	if len(migrated) == 0 {
		t.Fatal("no migrations recorded")
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s, err = store.OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got, err := s.Checkpoint(ctx, "hoi-an", "cp-a"); err != nil || got != cp {
		t.Errorf("checkpoint after reopen = %+v, %v; want %+v", got, err, cp)
	}
	if got, err := s.Plan(ctx, "hoi-an", p.ID); err != nil || !jsonEqual(got.Body, p.Body) || !got.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("plan after reopen = %+v, %v; want %+v", got, err, p)
	}
	if u, err := s.Authenticate(ctx, token); err != nil || u.Name != "alice" {
		t.Errorf("Authenticate after reopen = %+v, %v", u, err)
	}
	if es, _ := s.Audit(ctx, "", 0); len(es) != 3 {
		t.Errorf("audit after reopen: %d entries, want 3", len(es))
	}
	if again := pgColumn(t, conn, applied); strings.Join(again, ",") != strings.Join(migrated, ",") {
		t.Errorf("reopening applied migrations: %q, then %q", migrated, again)
	}
	gist := pgColumn(t, conn, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
		AND tablename = 'checkpoints' AND indexdef LIKE '%USING gist (geom)%'`)
	if len(gist) != 1 {
		t.Errorf("GiST indexes on checkpoints.geom: %q, want one", gist)
	}
}

// TestPostgresConcurrentOpen starts several instances on one empty schema at once: the
// advisory lock lets one migrate while the others wait, then find nothing to do.
func TestPostgresConcurrentOpen(t *testing.T) {
	url := pgtest.URL(t)
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s, err := store.OpenPostgres(context.Background(), url)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	conn := connect(t, url)
	if got := pgColumn(t, conn, `SELECT version::text FROM schema_migrations ORDER BY version`); strings.Join(got, ",") != "1,2" {
		t.Errorf("schema_migrations holds versions %q, want 1,2", got)
	}
}

// TestPostgresConcurrentSeed seeds one city from several instances at once, as they do
// when they start together: the city is seeded once.
func TestPostgresConcurrentSeed(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	cps := []geo.Checkpoint{sample("cp-a"), sample("cp-b"), sample("cp-c")}
	const n = 4
	stores := make([]*store.Postgres, n)
	for i := range stores {
		s, err := store.OpenPostgres(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() { errs[i] = s.Seed(ctx, "hoi-an", cps) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	list, err := stores[0].Checkpoints(ctx, "hoi-an")
	if err != nil || len(list) != 3 || list[0].Version != 1 {
		t.Fatalf("after seeding at once: %+v, %v", list, err)
	}
	if es, _ := stores[0].Audit(ctx, "", 0); len(es) != 3 {
		t.Errorf("seeding at once wrote %d audit entries, want 3", len(es))
	}
}

// TestPostgresStoresOnlyTokenHashes reads every row of every table: no token may appear.
func TestPostgresStoresOnlyTokenHashes(t *testing.T) {
	ctx := context.Background()
	s, url := openPostgres(t)
	defer s.Close()
	_, token, err := s.AddUser(ctx, "root", "alice", store.RolePlanner)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.NewToken(ctx, "root", "alice")
	if err != nil {
		t.Fatal(err)
	}
	conn := connect(t, url)
	var rows []string
	for _, table := range pgColumn(t, conn, `SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()`) {
		rows = append(rows, pgColumn(t, conn, `SELECT row_to_json(t)::text FROM "`+table+`" t`)...)
	}
	all := strings.Join(rows, "\n")
	for _, tok := range []string{token, again} {
		if secret := strings.TrimPrefix(tok, store.TokenPrefix); strings.Contains(all, secret) {
			t.Errorf("token %s is stored in the clear", tok)
		}
	}
	if hashes := pgColumn(t, conn, `SELECT hash FROM tokens`); len(hashes) != 1 || len(hashes[0]) != 64 {
		t.Errorf("tokens table holds %q, want one SHA-256 hex digest", hashes)
	}
}

func BenchmarkUpdateCheckpointPostgres(b *testing.B) {
	ctx := context.Background()
	s, _ := openPostgres(b)
	defer s.Close()
	cp := sample("cp-a")
	if _, err := s.CreateCheckpoint(ctx, "alice", "hoi-an", cp); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	version := int64(1)
	for b.Loop() {
		cp.Officers = 1 + int(version%200)
		if _, err := s.UpdateCheckpoint(ctx, "alice", "hoi-an", cp, version); err != nil {
			b.Fatal(err)
		}
		version++
	}
	b.ReportMetric(float64(version-1)/b.Elapsed().Seconds(), "writes/s")
}

// jsonEqual reports whether a and b hold the same JSON value (jsonb keeps no spacing).
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}
