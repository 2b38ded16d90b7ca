package routing

import (
	"hash/maphash"
	"slices"
	"sync"
)

// customization returns the customization of a profile and metric with the given arcs
// closed: the base one when none are, else a cached or freshly computed one.
func (r *Router) customization(k key, closed []int32) (*Customization, error) {
	base, ok := r.base[k]
	if !ok {
		return nil, ErrUnknownProfile
	}
	if len(closed) == 0 {
		return base, nil
	}
	closed = slices.Compact(slices.Sorted(slices.Values(closed)))
	h := closureKey(k, closed)
	if z := r.cache.get(h, closed); z != nil {
		return z, nil
	}
	w := slices.Clone(r.weights[k])
	for _, a := range closed {
		w[a] = Inf
	}
	z := r.CCH.Customize(w)
	r.cache.put(h, closed, z)
	return z, nil
}

var seed = maphash.MakeSeed()

func closureKey(k key, arcs []int32) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(k.profile)
	h.WriteByte(byte(k.metric))
	for _, a := range arcs {
		h.WriteByte(byte(a))
		h.WriteByte(byte(a >> 8))
		h.WriteByte(byte(a >> 16))
		h.WriteByte(byte(a >> 24))
	}
	return h.Sum64()
}

// customizations is a small most-recently-used cache of customizations by closure set.
type customizations struct {
	mu    sync.Mutex
	size  int
	keys  []uint64
	arcs  [][]int32 // compared on a hit: a hash collision must not serve the wrong closures
	items []*Customization
}

func newCustomizations(size int) *customizations { return &customizations{size: size} }

func (c *customizations) get(k uint64, arcs []int32) *Customization {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := slices.Index(c.keys, k)
	if i < 0 || !slices.Equal(c.arcs[i], arcs) {
		return nil
	}
	z, a := c.items[i], c.arcs[i]
	c.remove(i)
	c.front(k, a, z)
	return z
}

func (c *customizations) put(k uint64, arcs []int32, z *Customization) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := slices.Index(c.keys, k); i >= 0 {
		c.remove(i)
	}
	c.front(k, arcs, z)
	if len(c.keys) > c.size {
		c.remove(c.size)
	}
}

func (c *customizations) remove(i int) {
	c.keys = slices.Delete(c.keys, i, i+1)
	c.arcs = slices.Delete(c.arcs, i, i+1)
	c.items = slices.Delete(c.items, i, i+1)
}

func (c *customizations) front(k uint64, arcs []int32, z *Customization) {
	c.keys = slices.Insert(c.keys, 0, k)
	c.arcs = slices.Insert(c.arcs, 0, arcs)
	c.items = slices.Insert(c.items, 0, z)
}
