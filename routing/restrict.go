package routing

import "github.com/chotmap/chot/geo"

// restrict applies turn restrictions by splitting their junctions: every arc that enters a
// junction from a restricted road gets its own copy of the junction, whose arcs leave only
// the way the restrictions allow. Every algorithm then honours the restrictions for free.
func (b *builder) restrict(rs []geo.Restriction) {
	if len(rs) == 0 {
		return
	}
	roadIndex := make(map[string]int32, len(b.g.Roads))
	for i, r := range b.g.Roads {
		roadIndex[r.ID] = int32(i)
	}
	byVertex := map[int32][]geo.Restriction{}
	for _, r := range rs {
		v, ok := b.vertex[r.Via]
		_, okFrom := roadIndex[r.From]
		_, okTo := roadIndex[r.To]
		if !ok || !okFrom || !okTo {
			b.dropR++
			continue
		}
		byVertex[v] = append(byVertex[v], r)
	}
	out := map[int32][]int32{}
	for a, t := range b.tail {
		if _, ok := byVertex[t]; ok {
			out[t] = append(out[t], int32(a))
		}
	}
	nArcs := int32(len(b.head))
	for a := int32(0); a < nArcs; a++ {
		v := b.head[a]
		here := byVertex[v]
		from := b.roadOf(a)
		var apply []geo.Restriction
		for _, r := range here {
			if roadIndex[r.From] == from {
				apply = append(apply, r)
			}
		}
		if len(apply) == 0 {
			continue
		}
		copyV := b.vertexCopy(v)
		b.head[a] = copyV
		for _, o := range out[v] {
			if b.allowed(a, o, apply, roadIndex) {
				b.addArc(copyV, b.head[o], b.seg[o], b.back[o])
			}
		}
	}
}

func (b *builder) roadOf(arc int32) int32 { return b.g.Segs[b.seg[arc]].Road }

// vertexCopy adds a vertex at the point of v.
func (b *builder) vertexCopy(v int32) int32 {
	b.g.Points = append(b.g.Points, b.g.Points[v])
	return int32(len(b.g.Points) - 1)
}

// allowed reports whether the turn from arc in to arc out obeys the restrictions (all of
// whose from road is in's road).
func (b *builder) allowed(in, out int32, rs []geo.Restriction, roadIndex map[string]int32) bool {
	uturn := b.seg[in] == b.seg[out]
	for _, r := range rs {
		sameRoad := b.roadOf(out) == roadIndex[r.To]
		var hits bool
		switch {
		case r.From == r.To && r.Kind == "no_u_turn":
			hits = uturn
		case r.From == r.To:
			hits = sameRoad && !uturn
		default:
			hits = sameRoad
		}
		if r.Only() != hits {
			return false
		}
	}
	return true
}
