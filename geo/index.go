package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Layer says which layer an indexed item belongs to.
type Layer uint8

// The layers the index holds.
const (
	LayerCheckpoints Layer = iota
	LayerVenues
	numLayers
)

// String returns the layer's name as used in the API ("checkpoints", "venues").
func (l Layer) String() string {
	if l == LayerVenues {
		return "venues"
	}
	return "checkpoints"
}

// Errors of index updates.
var (
	ErrDuplicateID  = errors.New("geo: duplicate id")
	ErrInvalidPoint = errors.New("geo: invalid coordinate")
	ErrTooManyKinds = errors.New("geo: too many kinds")
)

// Item is one indexed venue or checkpoint.
type Item struct {
	ID    string
	Layer Layer
	Kind  string
	Point orb.Point
}

// Hit is an item found by a nearest query, with its distance in metres and the bearing
// from the query point to it in degrees.
type Hit struct {
	Item
	DistanceM float64
	Bearing   float64
}

// Query selects what a nearest query returns.
type Query struct {
	Layer   Layer
	Kinds   []string // only these kinds; empty means every kind
	K       int      // at most K hits; 0 means no limit
	WithinM float64  // only hits within this many metres; 0 means no limit
}

// Index is a spatial index over venues and checkpoints answering k-nearest, radius and bbox
// queries by true (great-circle) distance. It is safe for concurrent use.
//
// Items are stored in an R-tree in local metres (an equirectangular projection around the
// origin). A nearest query searches a box around the query point, ranks what it finds by exact
// great-circle distance (as unit-sphere chords) and widens the box until the projection's
// worst-case distortion proves that nothing outside it can be nearer, so hits come out in
// exact great-circle order, not in the projection's order.
type Index struct {
	mu        sync.RWMutex
	origin    orb.Point // of the projection
	cos0      float64   // cosine of the origin's latitude
	trees     [numLayers]rtree.RTreeGN[float32, entry]
	slots     []Item
	vecs      [][3]float64 // unit vector of each slot
	free      []int32
	byID      map[string]int32
	kinds     map[string]uint8
	maxAbsLat float64
	bound     orb.Bound // of every point ever inserted
}

// entry is what the R-tree stores: the item's slot and kind. The tree holds float32 boxes
// in metres from the origin, rounded outwards so that each box contains its true point; the
// slot's unit vector gives exact distances without trigonometry.
type entry struct {
	slot int32
	kind uint8
}

// metresPerDegree is the length of one degree of latitude on the sphere.
const metresPerDegree = EarthRadius * math.Pi / 180

// NewIndex returns an empty index whose projection is centred on origin (a city's centre).
func NewIndex(origin orb.Point) *Index {
	return &Index{
		origin: origin,
		cos0:   math.Cos(origin[1] * math.Pi / 180),
		byID:   map[string]int32{},
		kinds:  map[string]uint8{},
		bound:  orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}},
	}
}

// CityIndex returns an index of a city's venues and checkpoints.
func CityIndex(c *City) (*Index, error) {
	ix := NewIndex(c.Centre)
	for _, v := range c.Venues {
		if err := ix.Insert(Item{ID: v.ID, Layer: LayerVenues, Kind: v.Kind, Point: v.Point}); err != nil {
			return nil, err
		}
	}
	for _, cp := range c.Checkpoints {
		if err := ix.Insert(Item{ID: cp.ID, Layer: LayerCheckpoints, Kind: cp.Kind, Point: cp.Point}); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

// Len returns the number of items in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Get returns the item with the given id.
func (ix *Index) Get(id string) (Item, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, ok := ix.byID[id]
	if !ok {
		return Item{}, false
	}
	return ix.slots[s], true
}

// Insert adds an item. Its id must be new and its point a valid coordinate.
func (ix *Index) Insert(it Item) error {
	if !ValidPoint(it.Point) || !finite(it.Point) {
		return fmt.Errorf("%w: %v", ErrInvalidPoint, it.Point)
	}
	if it.Layer >= numLayers {
		return fmt.Errorf("geo: unknown layer %d", it.Layer)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, dup := ix.byID[it.ID]; dup {
		return fmt.Errorf("%w: %q", ErrDuplicateID, it.ID)
	}
	kind, err := ix.kindCode(it.Kind)
	if err != nil {
		return err
	}
	var s int32
	if n := len(ix.free); n > 0 {
		s, ix.free = ix.free[n-1], ix.free[:n-1]
		ix.slots[s] = it
	} else {
		s = int32(len(ix.slots))
		ix.slots = append(ix.slots, it)
		ix.vecs = append(ix.vecs, [3]float64{})
	}
	ix.byID[it.ID] = s
	ix.place(s, kind)
	return nil
}

func (ix *Index) kindCode(kind string) (uint8, error) {
	if c, ok := ix.kinds[kind]; ok {
		return c, nil
	}
	if len(ix.kinds) == 64 {
		return 0, fmt.Errorf("%w: at most 64", ErrTooManyKinds)
	}
	c := uint8(len(ix.kinds))
	ix.kinds[kind] = c
	return c, nil
}

// place puts slot s into its layer's tree.
func (ix *Index) place(s int32, kind uint8) {
	it := ix.slots[s]
	lo, hi := ix.box(it.Point)
	ix.vecs[s] = unitVector(it.Point)
	ix.trees[it.Layer].Insert(lo, hi, entry{slot: s, kind: kind})
	ix.maxAbsLat = max(ix.maxAbsLat, math.Abs(it.Point[1]))
	ix.bound = ix.bound.Extend(it.Point)
}

// unplace removes slot s from its layer's tree.
func (ix *Index) unplace(s int32) {
	it := ix.slots[s]
	lo, hi := ix.box(it.Point)
	ix.trees[it.Layer].Delete(lo, hi, entry{slot: s, kind: ix.kinds[it.Kind]})
}

// Move sets the point of the item with the given id.
func (ix *Index) Move(id string, p orb.Point) error {
	if !ValidPoint(p) || !finite(p) {
		return fmt.Errorf("%w: %v", ErrInvalidPoint, p)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	s, ok := ix.byID[id]
	if !ok {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	ix.unplace(s)
	ix.slots[s].Point = p
	ix.place(s, ix.kinds[ix.slots[s].Kind])
	return nil
}

// Delete removes the item with the given id.
func (ix *Index) Delete(id string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	s, ok := ix.byID[id]
	if !ok {
		return fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	ix.unplace(s)
	delete(ix.byID, id)
	ix.slots[s] = Item{}
	ix.free = append(ix.free, s)
	return nil
}

// project maps p to the plane in metres from the origin.
func (ix *Index) project(p orb.Point) [2]float64 {
	return [2]float64{(p[0] - ix.origin[0]) * ix.cos0 * metresPerDegree, (p[1] - ix.origin[1]) * metresPerDegree}
}

// box returns the float32 box that surely contains p's projection.
func (ix *Index) box(p orb.Point) (lo, hi [2]float32) {
	xy := ix.project(p)
	for i, v := range xy {
		lo[i], hi[i] = down32(v), up32(v)
	}
	return lo, hi
}

// down32 and up32 round v to a float32 at or below (above) it.
func down32(v float64) float32 {
	f := float32(v)
	if float64(f) > v {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up32(v float64) float32 {
	f := float32(v)
	if float64(f) < v {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

func unitVector(p orb.Point) [3]float64 {
	lon, lat := p[0]*math.Pi/180, p[1]*math.Pi/180
	cl := math.Cos(lat)
	return [3]float64{cl * math.Cos(lon), cl * math.Sin(lon), math.Sin(lat)}
}

// kindMask returns the bit set of the kinds, or all bits when kinds is empty. A kind the
// index has never seen matches nothing.
func (ix *Index) kindMask(kinds []string) uint64 {
	if len(kinds) == 0 {
		return math.MaxUint64
	}
	var m uint64
	for _, k := range kinds {
		if c, ok := ix.kinds[k]; ok {
			m |= 1 << c
		}
	}
	return m
}

// InBound returns the items of a layer inside b (edges included), ordered by id.
func (ix *Index) InBound(b orb.Bound, layer Layer, kinds []string) []Item {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	mask := ix.kindMask(kinds)
	var out []Item
	if layer >= numLayers {
		return out
	}
	lo, _ := ix.box(b.Min)
	_, hi := ix.box(b.Max)
	ix.trees[layer].Search(lo, hi, func(_, _ [2]float32, e entry) bool {
		if it := ix.slots[e.slot]; mask&(1<<e.kind) != 0 && b.Contains(it.Point) {
			out = append(out, it)
		}
		return true
	})
	slices.SortFunc(out, func(a, b Item) int { return strings.Compare(a.ID, b.ID) })
	return out
}
