package glyphs

import (
	"math"
	"slices"
)

// scratch holds buffers reused from glyph to glyph within one range.
type scratch struct {
	edges   []edge     // the glyph's outline
	outline []edge     // the parts of edges on the boundary of the glyph
	cuts    []cut      // where edges cross each other
	near    []edge     // outline edges within radius of the current row
	crosses []crossing // where the current row's centre line crosses edges
}

// crossing is where an edge crosses a row's centre line, with the edge's
// direction: +1 upwards, -1 downwards.
type crossing struct {
	x   float64
	dir int
}

// distanceField returns the signed distance field of the outline in
// s.edges, whose boundary parts are in s.outline, for a glyph box of
// width × height pixels with its top-left corner at (left, top), plus a
// border on every side. Rows run top down.
//
// Like sdf-glyph-foundry, it measures the exact Euclidean distance from each
// pixel centre to the nearest boundary edge of the flattened outline (see
// boundary for overlapping contours) and encodes it as
// 255 - clamp(int(64 ± 32·distance), 0, 255), with the minus sign inside the
// glyph: 191 lies on the outline and values above it are inside; values
// reach 0 radius (8) pixels outside and 255 two pixels inside. Inside is
// decided by the non-zero winding rule of TrueType outlines (fontnik uses
// even-odd, which agrees for outlines without overlaps).
func distanceField(s *scratch, left, top, width, height int) []byte {
	w, h := width+2*border, height+2*border
	bitmap := make([]byte, w*h)
	for row := range h {
		y := float64(top+border-row) - 0.5
		s.nearRow(y)
		s.crossRow(y)
		winding := 0
		for _, c := range s.crosses {
			winding += c.dir
		}
		next := 0 // crossings left of the current pixel
		for col := range w {
			x := float64(left-border+col) + 0.5
			for next < len(s.crosses) && s.crosses[next].x <= x {
				winding -= s.crosses[next].dir
				next++
			}
			bitmap[row*w+col] = encodeDistance(nearest(s.near, x, y), winding != 0)
		}
	}
	return bitmap
}

// nearRow keeps in s.near the outline edges that come within radius of the
// line y.
func (s *scratch) nearRow(y float64) {
	s.near = s.near[:0]
	for _, e := range s.outline {
		if min(e.ay, e.by) < y+radius && max(e.ay, e.by) > y-radius {
			s.near = append(s.near, e)
		}
	}
}

// crossRow keeps in s.crosses, sorted by x, where the line y crosses the
// edges, counting an edge's lower end as on it and its upper end as off.
func (s *scratch) crossRow(y float64) {
	s.crosses = s.crosses[:0]
	for _, e := range s.edges {
		if (e.ay <= y) == (e.by <= y) {
			continue
		}
		c := crossing{x: e.ax + (y-e.ay)*(e.bx-e.ax)/(e.by-e.ay), dir: 1}
		if e.by < e.ay {
			c.dir = -1
		}
		s.crosses = append(s.crosses, c)
	}
	slices.SortFunc(s.crosses, func(a, b crossing) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
}

// nearest returns the squared distance from (x, y) to the nearest of
// edges, or radius² if none is nearer.
func nearest(edges []edge, x, y float64) float64 {
	best := float64(radius * radius)
	for _, e := range edges {
		if d := distanceSq(e, x, y); d < best {
			best = d
		}
	}
	return best
}

// distanceSq returns the squared distance from (x, y) to the segment e.
func distanceSq(e edge, x, y float64) float64 {
	dx, dy := e.bx-e.ax, e.by-e.ay
	px, py := x-e.ax, y-e.ay
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t := min(max((px*dx+py*dy)/l2, 0), 1)
		px, py = px-t*dx, py-t*dy
	}
	return px*px + py*py
}

// encodeDistance encodes a squared distance to the outline as an SDF byte,
// exactly as sdf-glyph-foundry does: d = ±distance·256/radius + cutoff·256,
// truncated and clamped to 0..255, then inverted.
func encodeDistance(distSq float64, inside bool) byte {
	d := math.Inf(1)
	if distSq < radius*radius {
		d = math.Sqrt(distSq) * (256 / radius)
	}
	if inside {
		d = -d
	}
	d += cutoff * 256
	switch {
	case d >= 255:
		return 0
	case d <= 0:
		return 255
	}
	return byte(255 - int(d))
}
