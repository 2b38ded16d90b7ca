package routing

import (
	"fmt"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// Graph is a city's road network as compact arrays. Vertices are junctions (points that two
// ways share, and way ends); a segment is the stretch of one road between two junctions;
// arcs are the directions a segment may be driven in. Arcs are sorted by tail, so the arcs
// leaving v are OutStart[v] to OutStart[v+1]. A Graph is read-only once built.
type Graph struct {
	Roads  []geo.Road  // the city's roads; segments point into it
	Points []orb.Point // vertex coordinates; the copies of a restricted junction share one
	Segs   []Segment
	Coords []orb.Point // the shapes of all segments

	Tail, Head []int32
	ArcSeg     []int32
	ArcBack    []bool  // the arc runs against its segment's geometry
	OutStart   []int32 // len(Points)+1
	InStart    []int32 // len(Points)+1
	InArc      []int32 // arcs sorted by head

	segStart, segArc []int32 // the arcs of each segment

	Dropped Dropped
}

// Segment is the stretch of one road between two junctions.
type Segment struct {
	Road    int32 // index into Graph.Roads
	First   int32 // index of the first shape point in Graph.Coords
	N       int32 // number of shape points
	LengthM float64
}

// Dropped says what the build left out: roads the cars cannot use and the pieces of the
// network outside its largest strongly connected component.
type Dropped struct {
	Vertices, Segments int
	LengthM            float64
	Restrictions       int // turn restrictions that name no junction of the graph
}

// NumVertices returns the number of vertices.
func (g *Graph) NumVertices() int { return len(g.Points) }

// NumArcs returns the number of arcs.
func (g *Graph) NumArcs() int { return len(g.Head) }

// Shape returns the segment's points, in the direction of the arc when arc is given.
func (g *Graph) Shape(seg int32) orb.LineString {
	s := g.Segs[seg]
	return orb.LineString(g.Coords[s.First : s.First+s.N])
}

// SegArcs returns the arcs that drive segment s (one per direction, more at restricted junctions).
func (g *Graph) SegArcs(s int32) []int32 { return g.segArc[g.segStart[s]:g.segStart[s+1]] }

// Road returns the road of an arc.
func (g *Graph) Road(arc int32) *geo.Road { return &g.Roads[g.Segs[g.ArcSeg[arc]].Road] }

// Build makes the graph of a city's roads: junctions where ways share a vertex, one-way
// streets, the turn restrictions of the map, and only the largest strongly connected part
// of the network (the rest is counted in Dropped).
func Build(c *geo.City) (*Graph, error) {
	b := newBuilder(c.Roads)
	b.split()
	if len(b.tail) == 0 {
		return nil, fmt.Errorf("routing: city %s has no drivable road", c.ID)
	}
	b.restrict(c.Restrictions)
	g := b.keepLargestStrong()
	g.index()
	return g, nil
}

// builder holds a graph while it is made.
type builder struct {
	g      *Graph
	vertex map[orb.Point]int32
	tail   []int32
	head   []int32
	seg    []int32
	back   []bool
	dropR  int
}

func newBuilder(roads []geo.Road) *builder {
	return &builder{g: &Graph{Roads: roads}, vertex: map[orb.Point]int32{}}
}

// split finds the junctions and cuts every drivable road into segments between them.
func (b *builder) split() {
	uses := map[orb.Point]int{}
	for _, r := range b.g.Roads {
		if !geo.Drivable(r.Highway) {
			continue
		}
		for i, p := range r.Line {
			uses[p]++
			if i == 0 || i == len(r.Line)-1 {
				uses[p]++ // way ends are junctions
			}
		}
	}
	for ri, r := range b.g.Roads {
		if !geo.Drivable(r.Highway) {
			continue
		}
		start := 0
		for i := 1; i < len(r.Line); i++ {
			if uses[r.Line[i]] > 1 {
				b.addSegment(int32(ri), r.Line[start:i+1], r.Oneway)
				start = i
			}
		}
	}
}

func (b *builder) vertexAt(p orb.Point) int32 {
	v, ok := b.vertex[p]
	if !ok {
		v = int32(len(b.g.Points))
		b.vertex[p] = v
		b.g.Points = append(b.g.Points, p)
	}
	return v
}

func (b *builder) addSegment(road int32, line orb.LineString, ow geo.Oneway) {
	g := b.g
	s := int32(len(g.Segs))
	length := 0.0
	for i := 1; i < len(line); i++ {
		length += geo.Distance(line[i-1], line[i])
	}
	g.Segs = append(g.Segs, Segment{Road: road, First: int32(len(g.Coords)), N: int32(len(line)), LengthM: length})
	g.Coords = append(g.Coords, line...)
	u, v := b.vertexAt(line[0]), b.vertexAt(line[len(line)-1])
	if ow != geo.OnewayBackward {
		b.addArc(u, v, s, false)
	}
	if ow != geo.OnewayForward {
		b.addArc(v, u, s, true)
	}
}

func (b *builder) addArc(u, v, s int32, back bool) {
	b.tail = append(b.tail, u)
	b.head = append(b.head, v)
	b.seg = append(b.seg, s)
	b.back = append(b.back, back)
}
