package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// version returns the highest migration recorded and how many rows record them.
func version(t *testing.T, db *sql.DB) (max, rows int) {
	t.Helper()
	if err := db.QueryRow(`SELECT COALESCE(MAX(version), 0), COUNT(*) FROM schema_migrations`).Scan(&max, &rows); err != nil {
		t.Fatal(err)
	}
	return max, rows
}

func TestMigrateForward(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, migrations()[:1]); err != nil {
		t.Fatalf("migrate to 1: %v", err)
	}
	if v, _ := version(t, db); v != 1 {
		t.Fatalf("at version %d, want 1", v)
	}
	// An old build wrote audit rows that version 2 must keep and protect.
	if _, err := db.Exec(`INSERT INTO audit (at, actor, city, kind, object, action) VALUES (1, 'old', 'hoi-an', 'checkpoint', 'cp-a', 'create')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	defer s.Close()
	want := len(migrations())
	if v, n := version(t, s.w); v != want || n != want {
		t.Fatalf("after open: version %d in %d rows, want %d", v, n, want)
	}
	_, err = s.w.Exec(`UPDATE audit SET actor = 'mallory'`)
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("rewriting the audit log: %v, want append-only", err)
	}
	if es, err := s.Audit(ctx, "hoi-an", 0); err != nil || len(es) != 1 || es[0].Actor != "old" {
		t.Fatalf("old audit rows: %+v, %v", es, err)
	}
}

func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "chot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var before string
	s.w.QueryRow(`SELECT group_concat(version || '@' || applied_at) FROM schema_migrations`).Scan(&before)
	for range 2 {
		if err := migrate(ctx, s.w, migrations()); err != nil {
			t.Fatalf("migrate again: %v", err)
		}
	}
	var after string
	s.w.QueryRow(`SELECT group_concat(version || '@' || applied_at) FROM schema_migrations`).Scan(&after)
	if before == "" || after != before {
		t.Fatalf("migrations %q became %q", before, after)
	}
	err = migrate(ctx, s.w, migrations()[:1])
	if err == nil || !strings.Contains(err.Error(), "this build knows 1") {
		t.Fatalf("an older build migrating a newer file: %v, want refused", err)
	}
}

func TestPragmas(t *testing.T) {
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "chot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.w, "journal_mode", "wal"},
		{s.w, "synchronous", "2"}, // FULL
		{s.w, "foreign_keys", "1"},
		{s.w, "busy_timeout", "5000"},
		{s.r, "journal_mode", "wal"},
		{s.r, "foreign_keys", "1"},
		{s.r, "busy_timeout", "5000"},
		{s.r, "query_only", "1"},
	}
	for _, tc := range tests {
		var got string
		if err := tc.db.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil || got != tc.want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", tc.pragma, got, err, tc.want)
		}
	}
	if _, err := s.r.Exec(`DELETE FROM users`); err == nil {
		t.Error("a reader connection may write")
	}
}
