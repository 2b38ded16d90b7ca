package store_test

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

func sample(id string) geo.Checkpoint {
	return geo.Checkpoint{
		ID: id, Kind: "security_post", Name: "Cầu An Hội", Unit: "CA TP Hội An",
		Officers: 3, RadiusM: 100, Point: orb.Point{108.3262, 15.8767},
	}
}

// column returns the first column of every row of a query, as text.
func column(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}

// dump returns every cell of a table as text.
func dump(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}
