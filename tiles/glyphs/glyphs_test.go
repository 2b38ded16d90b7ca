package glyphs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const (
	regularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	boldPath    = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
)

// openFont opens the font at path, skipping the test if it is absent,
// unless CI=true, where the font is a required install.
func openFont(t testing.TB, path, name string) *Font {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (Debian package fonts-dejavu-core): %v", path, err)
		}
		t.Skipf("skipping: %s absent; install Debian package fonts-dejavu-core", path)
	}
	f, err := Open(path, name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// rangeGlyphs returns the decoded glyphs of the range from start, by id.
func rangeGlyphs(t *testing.T, f *Font, start int) map[rune]glyph {
	t.Helper()
	pbf, err := f.Range(start)
	if err != nil {
		t.Fatal(err)
	}
	stacks := decode(t, pbf)
	if len(stacks) != 1 {
		t.Fatalf("range %d: got %d fontstacks, want 1", start, len(stacks))
	}
	gs := make(map[rune]glyph, len(stacks[0].glyphs))
	for _, g := range stacks[0].glyphs {
		gs[g.id] = g
	}
	return gs
}

func TestRangeFontstack(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	for _, start := range []int{0, 256, 768, 7680, 65280} {
		t.Run(strconv.Itoa(start), func(t *testing.T) {
			pbf, err := f.Range(start)
			if err != nil {
				t.Fatal(err)
			}
			stacks := decode(t, pbf)
			if len(stacks) != 1 {
				t.Fatalf("got %d fontstacks, want 1", len(stacks))
			}
			s := stacks[0]
			want := fmt.Sprintf("%d-%d", start, start+255)
			if s.name != "DejaVu Sans Book" || s.rng != want {
				t.Errorf("got name %q range %q, want %q %q", s.name, s.rng, "DejaVu Sans Book", want)
			}
			prev := rune(start - 1)
			for _, g := range s.glyphs {
				if g.id <= prev || g.id > rune(start+255) {
					t.Errorf("glyph %d out of order or outside the range", g.id)
				}
				prev = g.id
				if g.width == 0 && len(g.bitmap) != 0 {
					t.Errorf("glyph %d: empty box but %d bitmap bytes", g.id, len(g.bitmap))
				}
				if want := (g.width + 2*border) * (g.height + 2*border); g.width > 0 && len(g.bitmap) != want {
					t.Errorf("glyph %d: %d bitmap bytes, want %d", g.id, len(g.bitmap), want)
				}
			}
		})
	}
}

func TestGlyphA(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	a, ok := rangeGlyphs(t, f, 0)['A']
	if !ok {
		t.Fatal("no glyph for 'A'")
	}
	if a.width <= 0 || a.height <= 0 || a.advance <= 0 {
		t.Fatalf("'A': width %d height %d advance %d, want all > 0", a.width, a.height, a.advance)
	}
	w := a.width + 2*border
	if len(a.bitmap) != w*(a.height+2*border) {
		t.Fatalf("'A': %d bitmap bytes, want %d", len(a.bitmap), w*(a.height+2*border))
	}
	// The left leg's foot: the bottom row of the box, one pixel in from its left.
	if v := a.bitmap[(border+a.height-1)*w+border+1]; v <= 192 {
		t.Errorf("'A' left leg: value %d, want > 192", v)
	}
	// The box's middle column at the bottom lies between the legs, far outside.
	if v := a.bitmap[(border+a.height-1)*w+w/2]; v >= 192 {
		t.Errorf("'A' between the legs: value %d, want < 192", v)
	}
	if v := a.bitmap[0]; v >= 192 {
		t.Errorf("'A' top-left corner: value %d, want < 192", v)
	}
}

func TestSpace(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	sp, ok := rangeGlyphs(t, f, 0)[' ']
	if !ok {
		t.Fatal("no glyph for ' '")
	}
	if sp.advance <= 0 || len(sp.bitmap) != 0 || sp.width != 0 || sp.height != 0 {
		t.Errorf("space: %+v, want advance > 0, no box and no bitmap", sp)
	}
}

// TestMetrics pins the metrics to those node-fontnik writes, as computed by
// FreeType 2.12 (FT_LOAD_NO_HINTING at 24 px, outline box rounded, advance
// truncated, top = box top - ascender of 23) for DejaVu Sans 2.37.
func TestMetrics(t *testing.T) {
	tests := []struct {
		path                              string
		id                                rune
		width, height, left, top, advance int
	}{
		{regularPath, ' ', 0, 0, 0, -23, 7},
		{regularPath, 'A', 16, 18, 0, -5, 16},
		{regularPath, 'a', 12, 13, 1, -10, 14},
		{regularPath, 'J', 6, 23, -1, -5, 7},
		{regularPath, 'Đ', 17, 18, 0, -5, 18},
		{regularPath, 'đ', 14, 18, 1, -5, 15},
		{regularPath, 'ơ', 13, 15, 1, -8, 14},
		{regularPath, 'ư', 14, 15, 2, -8, 15},
		{regularPath, '\u0300', 6, 6, -10, -4, 0}, // combining grave; box includes an anchor point
		{regularPath, 'ệ', 12, 23, 1, -4, 14},
		{regularPath, 'ẹ', 12, 17, 1, -10, 14},
		{regularPath, 'ự', 14, 19, 2, -8, 15},
		{boldPath, 'A', 18, 18, 0, -5, 18},
		{boldPath, 'Đ', 19, 18, 0, -5, 20},
		{boldPath, 'ự', 16, 20, 2, -8, 17},
	}
	fonts := map[string]*Font{}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%c", tt.path[strings.LastIndex(tt.path, "/")+1:], tt.id), func(t *testing.T) {
			f := fonts[tt.path]
			if f == nil {
				f = openFont(t, tt.path, "test")
				fonts[tt.path] = f
			}
			g, ok := rangeGlyphs(t, f, int(tt.id)&^255)[tt.id]
			if !ok {
				t.Fatalf("no glyph for U+%04X", tt.id)
			}
			got := [5]int{g.width, g.height, g.left, g.top, g.advance}
			want := [5]int{tt.width, tt.height, tt.left, tt.top, tt.advance}
			if got != want {
				t.Errorf("width, height, left, top, advance: got %v, want %v", got, want)
			}
		})
	}
}

func TestVietnamese(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	ranges := map[int]map[rune]glyph{}
	for _, name := range []string{
		"Điện Biên Phủ",
		"Hội An",
		"Nhà khách Chính phủ",
		"Đường Võ Nguyên Giáp",
		"ăâđêôơư ĂÂĐÊÔƠƯ ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
	} {
		t.Run(name, func(t *testing.T) {
			for _, r := range name {
				start := int(r) &^ 255
				if ranges[start] == nil {
					ranges[start] = rangeGlyphs(t, f, start)
				}
				g, ok := ranges[start][r]
				if !ok {
					t.Errorf("%q: no glyph for %q (U+%04X) in range %d", name, r, r, start)
					continue
				}
				if r != ' ' && len(g.bitmap) == 0 {
					t.Errorf("%q: glyph %q has no bitmap", name, r)
				}
			}
		})
	}
}

func TestRangeBadStart(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	for _, start := range []int{-256, -1, 1, 255, 300, 65535, 65536, 1 << 20} {
		t.Run(strconv.Itoa(start), func(t *testing.T) {
			_, err := f.Range(start)
			if !errors.Is(err, ErrBadStart) {
				t.Fatalf("got %v, want ErrBadStart", err)
			}
			if !strings.Contains(err.Error(), strconv.Itoa(start)) {
				t.Errorf("error %q does not name start %d", err, start)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(t.TempDir()+"/missing.ttf", "x"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want os.ErrNotExist", err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a font", []byte("chot: definitely not a TrueType font")},
		{"truncated header", []byte{0, 1, 0, 0, 0, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data, "x")
			if err == nil || !strings.HasPrefix(err.Error(), "glyphs: ") {
				t.Errorf("got %v, want a glyphs: error", err)
			}
		})
	}
}

func TestRangeConcurrent(t *testing.T) {
	f := openFont(t, regularPath, "DejaVu Sans Book")
	starts := []int{0, 256, 768, 7680}
	const workers = 8
	got := make([][][]byte, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range starts {
				s := starts[(i+w)%len(starts)]
				pbf, err := f.Range(s)
				if err != nil {
					t.Error(err)
					return
				}
				got[w] = append(got[w], pbf)
			}
		})
	}
	wg.Wait()
	fresh := openFont(t, regularPath, "DejaVu Sans Book")
	for w := range workers {
		for i, pbf := range got[w] {
			s := starts[(i+w)%len(starts)]
			again, err := f.Range(s)
			if err != nil {
				t.Fatal(err)
			}
			if &pbf[0] != &again[0] {
				t.Errorf("range %d: not cached", s)
			}
			want, err := fresh.Range(s)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(pbf, want) {
				t.Errorf("range %d differs from a fresh font's", s)
			}
		}
	}
}

func TestDefaultFonts(t *testing.T) {
	got := DefaultFonts()
	if len(got) != 2 || got[0] != regularPath || got[1] != boldPath {
		t.Errorf("got %q", got)
	}
	got[0] = "changed"
	if DefaultFonts()[0] != regularPath {
		t.Error("DefaultFonts shares its slice between calls")
	}
}

func BenchmarkRange(b *testing.B) {
	data, err := os.ReadFile(regularPath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			b.Fatal(err)
		}
		b.Skipf("skipping: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(data, "DejaVu Sans Book")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Range(7680); err != nil {
			b.Fatal(err)
		}
	}
}
