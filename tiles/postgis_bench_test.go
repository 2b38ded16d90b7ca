package tiles

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/chotmap/chot/osmimport/osmtest"
	"github.com/chotmap/chot/store/pgtest"
	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

// BenchmarkRenderHanoiZ14PostGIS is the reference for BenchmarkRenderHanoiZ14: the same
// roads of the extract in PostGIS (Web Mercator, GiST index), and the same z14 tile's roads
// layer made by ST_AsMVTGeom and ST_AsMVT, with a 64-unit buffer, measured from Go through
// pgx as a server would ask for it. PostGIS neither simplifies nor gzips. It needs
// CHOT_TEST_POSTGRES (see pgtest.URL; make bench sets it).
func BenchmarkRenderHanoiZ14PostGIS(b *testing.B) {
	url := pgtest.URL(b)
	c := osmtest.Hanoi(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	const table = "tile_roads" // in the fresh schema pgtest made
	if _, err := conn.Exec(ctx, "CREATE TABLE "+table+" (class text, name text, ref text, oneway text, minzoom int, geom geometry(LineString, 3857))"); err != nil {
		b.Fatal(err)
	}
	batch := &pgx.Batch{}
	for i := range c.Roads {
		r := &c.Roads[i]
		flat := make([]float64, 0, 2*len(r.Line))
		for _, p := range r.Line {
			flat = append(flat, p[0], p[1])
		}
		wkb, err := ewkb.Marshal(geom.NewLineStringFlat(geom.XY, flat).SetSRID(4326), ewkb.NDR)
		if err != nil {
			b.Fatal(err)
		}
		oneway := ""
		if p, ok := roadProperties(r)["oneway"]; ok {
			oneway = p.(string)
		}
		batch.Queue("INSERT INTO "+table+" VALUES ($1, nullif($2, ''), nullif($3, ''), nullif($4, ''), $5, ST_Transform(ST_GeomFromEWKB($6), 3857))",
			r.Highway, r.Name, r.Ref, oneway, RoadMinZoom(r.Highway), wkb)
	}
	if err := conn.SendBatch(ctx, batch).Close(); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"CREATE INDEX ON " + table + " USING gist (geom)", "ANALYZE " + table} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	tile := maptile.At(orb.Point{105.8523, 21.0285}, 14)
	query := fmt.Sprintf(`SELECT ST_AsMVT(q, 'roads', 4096, 'geom') FROM (
		SELECT class, name, ref, oneway, ST_AsMVTGeom(geom, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom
		FROM %s WHERE geom && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AND minzoom <= $1) q`, table)
	var out []byte
	if err := conn.QueryRow(ctx, query, int(tile.Z), int(tile.X), int(tile.Y)).Scan(&out); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t0 := time.Now()
		if err := conn.QueryRow(ctx, query, int(tile.Z), int(tile.X), int(tile.Y)).Scan(&out); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "median-µs")
	b.ReportMetric(float64(len(out)), "bytes")
}
