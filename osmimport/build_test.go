package osmimport

import (
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

func TestUniqueIDs(t *testing.T) {
	c := &geo.City{
		Roads:        []geo.Road{{ID: "w5"}, {ID: "w6-1"}, {ID: "w6-2"}},
		Venues:       []geo.Venue{{ID: "w5"}, {ID: "w6"}, {ID: "r9"}},
		Checkpoints:  []geo.Checkpoint{{ID: "cp-w5"}},
		Restrictions: []geo.Restriction{{ID: "r9"}, {ID: "r10"}},
	}
	uniqueIDs(c)
	got := []string{c.Venues[0].ID, c.Venues[1].ID, c.Venues[2].ID, c.Checkpoints[0].ID, c.Restrictions[0].ID, c.Restrictions[1].ID}
	want := []string{"venue-w5", "w6", "r9", "cp-w5", "restriction-r9", "r10"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("id %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestExtent(t *testing.T) {
	tests := []struct {
		name string
		city geo.City
		want orb.Bound
	}{
		{"road and venue", geo.City{
			Roads:  []geo.Road{{Line: orb.LineString{{105.84, 21.03}, {105.8412345, 21.0311111}}}},
			Venues: []geo.Venue{{Point: orb.Point{105.83, 21.02}}},
		}, orb.Bound{Min: orb.Point{105.829, 21.019}, Max: orb.Point{105.8423, 21.0322}}},
		{"one checkpoint", geo.City{Checkpoints: []geo.Checkpoint{{Point: orb.Point{108.3, 15.88}}}},
			orb.Bound{Min: orb.Point{108.299, 15.879}, Max: orb.Point{108.301, 15.881}}},
		{"at the antimeridian", geo.City{Checkpoints: []geo.Checkpoint{{Point: orb.Point{180, 89.9999}}}},
			orb.Bound{Min: orb.Point{179.999, 89.9989}, Max: orb.Point{180, 90}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extent(&tt.city); got != tt.want {
				t.Errorf("extent = %v, want %v", got, tt.want)
			}
		})
	}
}
