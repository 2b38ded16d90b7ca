package glyphs

import "google.golang.org/protobuf/encoding/protowire"

// Field numbers of Mapbox's glyphs.proto:
//
//	message glyphs    { repeated fontstack stacks = 1; }
//	message fontstack { required string name = 1; required string range = 2;
//	                    repeated glyph glyphs = 3; }
//	message glyph     { required uint32 id = 1; optional bytes bitmap = 2;
//	                    required uint32 width = 3; required uint32 height = 4;
//	                    required sint32 left = 5; required sint32 top = 6;
//	                    required uint32 advance = 7; }
const (
	fieldStacks = 1

	fieldStackName   = 1
	fieldStackRange  = 2
	fieldStackGlyphs = 3

	fieldGlyphID      = 1
	fieldGlyphBitmap  = 2
	fieldGlyphWidth   = 3
	fieldGlyphHeight  = 4
	fieldGlyphLeft    = 5
	fieldGlyphTop     = 6
	fieldGlyphAdvance = 7
)

// encode returns the glyphs message holding one fontstack named name with
// the range string rng ("0-255") and the glyphs gs.
func encode(name, rng string, gs []glyph) []byte {
	var stack, msg []byte
	stack = protowire.AppendTag(stack, fieldStackName, protowire.BytesType)
	stack = protowire.AppendString(stack, name)
	stack = protowire.AppendTag(stack, fieldStackRange, protowire.BytesType)
	stack = protowire.AppendString(stack, rng)
	for _, g := range gs {
		msg = appendGlyph(msg[:0], g)
		stack = protowire.AppendTag(stack, fieldStackGlyphs, protowire.BytesType)
		stack = protowire.AppendBytes(stack, msg)
	}
	out := protowire.AppendTag(nil, fieldStacks, protowire.BytesType)
	return protowire.AppendBytes(out, stack)
}

// appendGlyph appends the glyph message of g to b.
func appendGlyph(b []byte, g glyph) []byte {
	b = appendVarint(b, fieldGlyphID, uint64(g.id))
	if len(g.bitmap) > 0 {
		b = protowire.AppendTag(b, fieldGlyphBitmap, protowire.BytesType)
		b = protowire.AppendBytes(b, g.bitmap)
	}
	b = appendVarint(b, fieldGlyphWidth, uint64(g.width))
	b = appendVarint(b, fieldGlyphHeight, uint64(g.height))
	b = appendVarint(b, fieldGlyphLeft, protowire.EncodeZigZag(int64(g.left)))
	b = appendVarint(b, fieldGlyphTop, protowire.EncodeZigZag(int64(g.top)))
	return appendVarint(b, fieldGlyphAdvance, uint64(g.advance))
}

// appendVarint appends the varint field num with value v to b.
func appendVarint(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}
