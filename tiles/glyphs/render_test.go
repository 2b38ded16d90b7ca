package glyphs

import (
	"image"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
)

// TestDistanceFieldCoverage checks the distance fields of real glyphs
// against golang.org/x/image/vector's rasterisation of the same outlines:
// a pixel the outline covers wholly has its centre half a pixel or more
// inside (value 207 or more), an uncovered one as far outside (175 or less);
// the bounds allow for the rasteriser's rounding of coverage. The rasteriser sums the coverage of overlapping contours, so the
// glyphs here have none; TestDistanceFieldWinding covers those.
func TestDistanceFieldCoverage(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	for _, r := range "AĐgẹỹ@%" {
		t.Run(string(r), func(t *testing.T) {
			g, ok := rangeGlyphs(t, f, int(r)&^255)[r]
			if !ok {
				t.Fatalf("no glyph for %q", r)
			}
			checkInside(t, g, coverage(t, f, g), 255, 203, 179)
		})
	}
}

// TestDistanceFieldWinding checks the distance fields of glyphs whose
// contours overlap, like the horn of ơ and ư, against the non-zero winding
// rule sampled 8×8 times in every pixel.
func TestDistanceFieldWinding(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	for _, r := range "ơưỢựệç" {
		t.Run(string(r), func(t *testing.T) {
			g, ok := rangeGlyphs(t, f, int(r)&^255)[r]
			if !ok {
				t.Fatalf("no glyph for %q", r)
			}
			checkInside(t, g, sampleWinding(t, f, g, 8), 64, 204, 179)
		})
	}
}

// checkInside fails t where a pixel wholly inside (cover == full) has a value
// below in, or a pixel wholly outside (cover == 0) one above out.
func checkInside(t *testing.T, g glyph, cover []byte, full, in, out byte) {
	t.Helper()
	w := g.width + 2*border
	for i, c := range cover {
		if v := g.bitmap[i]; c == full && v < in || c == 0 && v > out {
			t.Errorf("pixel (%d, %d): coverage %d/%d, value %d", i%w, i/w, c, full, v)
		}
	}
}

// sampleWinding counts, for every pixel of g's bitmap, how many of n×n
// points spread over it the outline winds around.
func sampleWinding(t *testing.T, f *Font, g glyph, n int) []byte {
	t.Helper()
	idx, err := f.sf.GlyphIndex(nil, g.id)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.sf.LoadGlyph(nil, idx, ppem, nil)
	if err != nil {
		t.Fatal(err)
	}
	edges, _ := flatten(nil, segs)
	w, h := g.width+2*border, g.height+2*border
	top := g.top + f.ascender + border // the bitmap's top edge above the baseline
	cover := make([]byte, w*h)
	for i := range cover {
		for j := range n * n {
			x := float64(g.left-border+i%w) + (float64(j%n)+0.5)/float64(n)
			y := float64(top-i/w) - (float64(j/n)+0.5)/float64(n)
			if winding(edges, x, y) != 0 {
				cover[i]++
			}
		}
	}
	return cover
}

// coverage rasterises g's outline onto the pixel grid of its bitmap.
func coverage(t *testing.T, f *Font, g glyph) []byte {
	t.Helper()
	idx, err := f.sf.GlyphIndex(nil, g.id)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.sf.LoadGlyph(nil, idx, ppem, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, h := g.width+2*border, g.height+2*border
	// sfnt's Y axis points down; the bitmap's top row is at the box top + border.
	dx, dy := float32(border-g.left), float32(g.top+f.ascender+border)
	z := vector.NewRasterizer(w, h)
	for _, s := range segs {
		a := s.Args
		x := func(i int) float32 { return float32(a[i].X)/64 + dx }
		y := func(i int) float32 { return float32(a[i].Y)/64 + dy }
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.ClosePath()
			z.MoveTo(x(0), y(0))
		case sfnt.SegmentOpLineTo:
			z.LineTo(x(0), y(0))
		case sfnt.SegmentOpQuadTo:
			z.QuadTo(x(0), y(0), x(1), y(1))
		case sfnt.SegmentOpCubeTo:
			z.CubeTo(x(0), y(0), x(1), y(1), x(2), y(2))
		}
	}
	z.ClosePath()
	dst := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	return dst.Pix
}
