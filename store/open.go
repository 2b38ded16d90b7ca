package store

import (
	"context"
	"strings"
)

// Open opens the store where names: a postgres:// (or postgresql://) URL opens PostgreSQL,
// anything else is a SQLite file's path.
func Open(ctx context.Context, where string) (Store, error) {
	if strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://") {
		return OpenPostgres(ctx, where)
	}
	return OpenSQLite(where)
}
