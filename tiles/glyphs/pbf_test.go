package glyphs

import (
	"reflect"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		gs   []glyph
	}{
		{"empty range", nil},
		{"space", []glyph{{id: 32, top: -23, advance: 7}}},
		{"negative bearings", []glyph{
			{id: 74, width: 1, height: 2, left: -2, top: -9, advance: 6, bitmap: make([]byte, 7*8)},
			{id: 7921, width: 2, height: 1, left: 1, top: -300, advance: 70000, bitmap: make([]byte, 8*7)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stacks := decode(t, encode("DejaVu Sans Book", "7680-7935", tt.gs))
			if len(stacks) != 1 {
				t.Fatalf("got %d fontstacks, want 1", len(stacks))
			}
			s := stacks[0]
			if s.name != "DejaVu Sans Book" || s.rng != "7680-7935" {
				t.Errorf("got name %q range %q", s.name, s.rng)
			}
			if len(s.glyphs) != len(tt.gs) {
				t.Fatalf("got %d glyphs, want %d", len(s.glyphs), len(tt.gs))
			}
			for i, g := range s.glyphs {
				if !reflect.DeepEqual(g, tt.gs[i]) {
					t.Errorf("glyph %d: got %+v, want %+v", i, g, tt.gs[i])
				}
			}
		})
	}
}
