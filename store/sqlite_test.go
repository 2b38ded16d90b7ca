package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chotmap/chot/store"
	"github.com/chotmap/chot/store/storetest"
)

func openTemp(t testing.TB) (*store.SQLite, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chot.db")
	s, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	return s, path
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, _ := openTemp(t)
		return s
	})
}

func TestSQLiteReopen(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
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
	migrated := migrations(t, path)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s, err = store.OpenSQLite(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got, err := s.Checkpoint(ctx, "hoi-an", "cp-a"); err != nil || got.Checkpoint != cp.Checkpoint || got.Version != 1 ||
		!got.UpdatedAt.Equal(cp.UpdatedAt) {
		t.Errorf("checkpoint after reopen = %+v, %v; want %+v", got, err, cp)
	}
	if got, err := s.Plan(ctx, "hoi-an", p.ID); err != nil || string(got.Body) != `{"stops":[]}` {
		t.Errorf("plan after reopen = %+v, %v", got, err)
	}
	if u, err := s.Authenticate(ctx, token); err != nil || u.Name != "alice" {
		t.Errorf("Authenticate after reopen = %+v, %v", u, err)
	}
	if es, _ := s.Audit(ctx, "", 0); len(es) != 3 {
		t.Errorf("audit after reopen: %d entries, want 3", len(es))
	}
	if again := migrations(t, path); again != migrated {
		t.Errorf("reopening applied migrations: %q, then %q", migrated, again)
	}
}

// TestSQLiteStoresOnlyTokenHashes reads every column of every table: no token may appear.
func TestSQLiteStoresOnlyTokenHashes(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	defer s.Close()
	_, token, err := s.AddUser(ctx, "root", "alice", store.RolePlanner)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.NewToken(ctx, "root", "alice")
	if err != nil {
		t.Fatal(err)
	}
	db := raw(t, path)
	tables := column(t, db, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	var cells []string
	for _, table := range tables {
		cells = append(cells, dump(t, db, table)...)
	}
	all := strings.Join(cells, "\n")
	for _, tok := range []string{token, again} {
		if secret := strings.TrimPrefix(tok, store.TokenPrefix); strings.Contains(all, secret) {
			t.Errorf("token %s is stored in the clear", tok)
		}
	}
	if hashes := column(t, db, `SELECT hash FROM tokens`); len(hashes) != 1 || len(hashes[0]) != 64 {
		t.Errorf("tokens table holds %q, want one SHA-256 hex digest", hashes)
	}
}

func BenchmarkUpdateCheckpoint(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
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

// raw opens the file behind the store's back, read-only.
func raw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// migrations lists the applied versions and when, as one string.
func migrations(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(column(t, raw(t, path), `SELECT version || '@' || applied_at FROM schema_migrations ORDER BY version`), ",")
}

// TestSQLiteOddPath opens a file whose path holds characters a URI must escape.
func TestSQLiteOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bản đồ #1?x=y", "chot 100%.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatalf("OpenSQLite(%q): %v", path, err)
	}
	defer s.Close()
	if _, err := s.CreateCheckpoint(context.Background(), "alice", "hoi-an", sample("cp-a")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database is not at %q: %v", path, err)
	}
}
