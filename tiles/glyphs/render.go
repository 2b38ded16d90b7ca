package glyphs

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Rendering parameters of node-fontnik (RenderSDF(glyph, 24, 3, 0.25, face)
// with radius 8 in sdf-glyph-foundry), which MapLibre GL JS assumes: its
// shaders put the glyph edge at 192/256 = 1 - cutoff and scale glyphs from
// a 24 px em.
const (
	fontSize = 24   // pixels per em
	border   = 3    // blank pixels around every glyph bitmap
	radius   = 8    // distance in pixels from the edge to values 0 or 255
	cutoff   = 0.25 // share of the 0..256 scale used inside the glyph
)

// ppem is fontSize as sfnt expects it.
const ppem = fixed.Int26_6(fontSize << 6)

// glyph is one glyph of a range, in the metrics of the glyph PBF.
//
// The conventions are node-fontnik's, where FreeType loads the glyph with
// FT_LOAD_NO_HINTING at 24 px:
//   - advance is the unhinted advance width truncated to whole pixels
//     (horiAdvance / 64);
//   - the bounding box of the outline is rounded to whole pixels; width and
//     height are its size, left its left edge (the left side bearing);
//   - top is the box's top edge above the baseline minus the font's ascender
//     at 24 px (FreeType's size-metrics ascender, the hhea ascent rounded up
//     to whole pixels: 23 for DejaVu Sans), so it is negative for nearly
//     every glyph;
//   - a glyph with an empty box (a space) has width, height and left 0, top
//     -ascender and no bitmap.
type glyph struct {
	id            rune
	width, height int
	left, top     int
	advance       int
	bitmap        []byte // (width+2*border) × (height+2*border), rows top down
}

// render renders the range start..start+255 and encodes it as a glyph PBF.
func (f *Font) render(start int) ([]byte, error) {
	var b sfnt.Buffer
	var s scratch
	gs := make([]glyph, 0, 256)
	for r := rune(start); r < rune(start+256); r++ {
		idx, err := f.sf.GlyphIndex(&b, r)
		if err != nil {
			return nil, fmt.Errorf("glyphs: %s U+%04X: %w", f.name, r, err)
		}
		if idx == 0 {
			continue // the font lacks r
		}
		g, err := f.glyph(&b, &s, idx, r)
		if errors.Is(err, sfnt.ErrColoredGlyph) {
			continue // not an outline: leave it to another font
		}
		if err != nil {
			return nil, fmt.Errorf("glyphs: %s U+%04X: %w", f.name, r, err)
		}
		gs = append(gs, g)
	}
	name := strconv.Itoa(start) + "-" + strconv.Itoa(start+255)
	return encode(f.name, name, gs), nil
}

// glyph renders the glyph idx of codepoint r.
func (f *Font) glyph(b *sfnt.Buffer, s *scratch, idx sfnt.GlyphIndex, r rune) (glyph, error) {
	adv, err := f.sf.GlyphAdvance(b, idx, ppem, font.HintingNone)
	if err != nil {
		return glyph{}, err
	}
	segs, err := f.sf.LoadGlyph(b, idx, ppem, nil)
	if err != nil {
		return glyph{}, err
	}
	g := glyph{id: r, advance: max(int(adv)/64, 0), top: -f.ascender}
	var bb box
	s.edges, bb = flatten(s.edges[:0], segs)
	if bb.empty() {
		return g, nil
	}
	x0, y0, x1, y1 := math.Round(bb.x0), math.Round(bb.y0), math.Round(bb.x1), math.Round(bb.y1)
	if x1 == x0 || y1 == y0 {
		return g, nil
	}
	g.left, g.width, g.height = int(x0), int(x1-x0), int(y1-y0)
	g.top = int(y1) - f.ascender
	s.outline, s.cuts = boundary(s.outline[:0], s.edges, s.cuts)
	g.bitmap = distanceField(s, int(x0), int(y1), g.width, g.height)
	return g, nil
}
