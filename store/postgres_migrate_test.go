package store

import (
	"context"
	"strings"
	"testing"

	"github.com/chotmap/chot/store/pgtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgPool opens a bare pool on a fresh schema, closed when t ends.
func pgPool(t *testing.T) (*pgxpool.Pool, string) {
	t.Helper()
	url := pgtest.URL(t)
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool, url
}

// pgVersion returns the highest migration recorded and how many rows record them.
func pgVersion(t *testing.T, pool *pgxpool.Pool) (max, rows int) {
	t.Helper()
	err := pool.QueryRow(context.Background(), `SELECT COALESCE(MAX(version), 0), COUNT(*) FROM schema_migrations`).Scan(&max, &rows)
	if err != nil {
		t.Fatal(err)
	}
	return max, rows
}

func TestPgMigrateForward(t *testing.T) {
	ctx := context.Background()
	pool, url := pgPool(t)
	if err := pgMigrate(ctx, pool, pgMigrations()[:1]); err != nil {
		t.Fatalf("migrate to 1: %v", err)
	}
	if v, _ := pgVersion(t, pool); v != 1 {
		t.Fatalf("at version %d, want 1", v)
	}
	// An old build wrote audit rows that version 2 must keep and protect.
	if _, err := pool.Exec(ctx, `INSERT INTO audit (at, actor, city, kind, object, action)
		VALUES (now(), 'old', 'hoi-an', 'checkpoint', 'cp-a', 'create')`); err != nil {
		t.Fatal(err)
	}

	s, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	defer s.Close()
	want := len(pgMigrations())
	if v, n := pgVersion(t, s.pool); v != want || n != want {
		t.Fatalf("after open: version %d in %d rows, want %d", v, n, want)
	}
	for _, sql := range []string{`UPDATE audit SET actor = 'mallory'`, `DELETE FROM audit`, `TRUNCATE audit`} {
		_, err := s.pool.Exec(ctx, sql)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want append-only", sql, err)
		}
	}
	if es, err := s.Audit(ctx, "hoi-an", 0); err != nil || len(es) != 1 || es[0].Actor != "old" {
		t.Fatalf("old audit rows: %+v, %v", es, err)
	}
}

func TestPgMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	pool, _ := pgPool(t)
	applied := func() string {
		var s string
		pool.QueryRow(ctx, `SELECT string_agg(version || '@' || applied_at, ',' ORDER BY version) FROM schema_migrations`).Scan(&s)
		return s
	}
	if err := pgMigrate(ctx, pool, pgMigrations()); err != nil {
		t.Fatal(err)
	}
	before := applied()
	for range 2 {
		if err := pgMigrate(ctx, pool, pgMigrations()); err != nil {
			t.Fatalf("migrate again: %v", err)
		}
	}
	if after := applied(); before == "" || after != before {
		t.Fatalf("migrations %q became %q", before, after)
	}
	err := pgMigrate(ctx, pool, pgMigrations()[:1])
	if err == nil || !strings.Contains(err.Error(), "this build knows 1") {
		t.Fatalf("an older build migrating a newer database: %v, want refused", err)
	}
}
