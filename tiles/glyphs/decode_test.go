package glyphs

import (
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// stack is a decoded fontstack message.
type stack struct {
	name, rng string
	glyphs    []glyph
}

// decode decodes a glyphs message, failing t on any malformed field.
func decode(t testing.TB, b []byte) []stack {
	t.Helper()
	var stacks []stack
	eachField(t, b, func(num protowire.Number, v []byte, _ uint64) {
		if num != fieldStacks {
			t.Fatalf("glyphs message: unexpected field %d", num)
		}
		stacks = append(stacks, decodeStack(t, v))
	})
	return stacks
}

// decodeStack decodes a fontstack message.
func decodeStack(t testing.TB, b []byte) stack {
	var s stack
	eachField(t, b, func(num protowire.Number, v []byte, _ uint64) {
		switch num {
		case fieldStackName:
			s.name = string(v)
		case fieldStackRange:
			s.rng = string(v)
		case fieldStackGlyphs:
			s.glyphs = append(s.glyphs, decodeGlyph(t, v))
		default:
			t.Fatalf("fontstack message: unexpected field %d", num)
		}
	})
	return s
}

// decodeGlyph decodes a glyph message.
func decodeGlyph(t testing.TB, b []byte) glyph {
	var g glyph
	eachField(t, b, func(num protowire.Number, v []byte, n uint64) {
		switch num {
		case fieldGlyphID:
			g.id = rune(n)
		case fieldGlyphBitmap:
			g.bitmap = v
		case fieldGlyphWidth:
			g.width = int(n)
		case fieldGlyphHeight:
			g.height = int(n)
		case fieldGlyphLeft:
			g.left = int(protowire.DecodeZigZag(n))
		case fieldGlyphTop:
			g.top = int(protowire.DecodeZigZag(n))
		case fieldGlyphAdvance:
			g.advance = int(n)
		default:
			t.Fatalf("glyph message: unexpected field %d", num)
		}
	})
	return g
}

// eachField calls fn with every field of the message b: bytes fields with
// their payload, varint fields with their value.
func eachField(t testing.TB, b []byte, fn func(protowire.Number, []byte, uint64)) {
	t.Helper()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatalf("bad tag: %v", protowire.ParseError(n))
		}
		b = b[n:]
		switch typ {
		case protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				t.Fatalf("field %d: %v", num, protowire.ParseError(n))
			}
			fn(num, v, 0)
			b = b[n:]
		case protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				t.Fatalf("field %d: %v", num, protowire.ParseError(n))
			}
			fn(num, nil, v)
			b = b[n:]
		default:
			t.Fatalf("field %d: unexpected wire type %d", num, typ)
		}
	}
}
