// Package glyphs serves the glyph ranges MapLibre GL JS asks for at
// /fonts/{fontstack}/{start}-{end}.pbf, rendered at run time from a TrueType
// font as signed distance fields in Mapbox's glyph PBF format, so that labels
// with Vietnamese diacritics render without any outside font server.
//
// The output follows node-fontnik (and its renderer sdf-glyph-foundry), which
// produced the glyph PBFs MapLibre's text layout is tuned for: glyphs are
// rendered at 24 px with a 3 px buffer, an 8 px distance radius and a cutoff
// of 0.25. See render.go for the exact metric conventions.
package glyphs

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
)

// ErrBadStart is returned by Range for a start that is not a multiple of 256
// in 0..65280.
var ErrBadStart = errors.New("glyphs: bad range start")

// rangeCount is the number of 256-codepoint ranges in the Basic Multilingual
// Plane, the only plane MapLibre requests glyphs for.
const rangeCount = 256

// Font renders glyph ranges of one TrueType font as signed distance fields.
// It is safe for concurrent use; each range is rendered once and cached.
// A Font must not be copied after first use.
type Font struct {
	name     string
	sf       *sfnt.Font
	ascender int // FreeType's size-metrics ascender at fontSize, in whole pixels
	ranges   [rangeCount]cachedRange
}

// cachedRange holds one rendered range, filled at most once.
type cachedRange struct {
	once sync.Once
	pbf  []byte
	err  error
}

// Open reads the TrueType font at path. name is the fontstack name written
// into every range, e.g. "DejaVu Sans Book".
func Open(path, name string) (*Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("glyphs: read font: %w", err)
	}
	return parse(data, name)
}

// Parse parses a TrueType font held in data; Parse keeps a copy, so data may
// be reused afterwards. name is the fontstack name written into every range.
func Parse(data []byte, name string) (*Font, error) {
	return parse(append([]byte(nil), data...), name)
}

// parse parses data, which the Font then owns.
func parse(data []byte, name string) (*Font, error) {
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("glyphs: parse font %q: %w", name, err)
	}
	// HintingFull rounds the ascent up to whole pixels, as FreeType does for
	// the size metrics fontnik reads.
	m, err := sf.Metrics(nil, ppem, font.HintingFull)
	if err != nil {
		return nil, fmt.Errorf("glyphs: font %q metrics: %w", name, err)
	}
	return &Font{name: name, sf: sf, ascender: m.Ascent.Ceil()}, nil
}

// Name returns the fontstack name given to Open or Parse.
func (f *Font) Name() string { return f.name }

// Range returns the glyph PBF of codepoints start..start+255, the response to
// /fonts/{fontstack}/{start}-{start+255}.pbf. start must be a multiple of 256
// in 0..65280. Codepoints the font lacks are absent from the PBF. The result
// is rendered on the first call and cached; callers must not modify it.
func (f *Font) Range(start int) ([]byte, error) {
	if start < 0 || start >= rangeCount*256 || start%256 != 0 {
		return nil, fmt.Errorf("%w %d: want a multiple of 256 in 0..65280", ErrBadStart, start)
	}
	c := &f.ranges[start/256]
	c.once.Do(func() { c.pbf, c.err = f.render(start) })
	return c.pbf, c.err
}

// DefaultFonts returns the paths tried by default: DejaVu Sans and DejaVu
// Sans Bold as installed by Debian's fonts-dejavu-core package. Their usual
// fontstack names are "DejaVu Sans Book" and "DejaVu Sans Bold".
func DefaultFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	}
}
