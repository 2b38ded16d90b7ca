package tiles

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// Cached is a rendered tile with its entity tag; Data is nil for an empty tile.
type Cached struct {
	Data []byte
	ETag string
}

// Cache keeps the most recently used tiles, one per city and tile with the data version it
// was rendered from: a new version of a city's data (a checkpoint moved) never serves an old
// tile, and replaces it rather than adding to it, so edits do not fill the cache with dead
// versions. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	size  int
	order *list.List // most recent at the front
	items map[tileKey]*list.Element
}

type tileKey struct {
	city    string
	z, x, y int
}

type cacheEntry struct {
	key           tileKey
	version, base uint64 // the source's Version and Base when rendered
	val           Cached
}

// fresh reports whether the entry serves source s at zoom z: rendered from the same data,
// or, below the checkpoints' zoom, from the same roads, venues and areas.
func (e *cacheEntry) fresh(s *Source, z int) bool {
	return e.version == s.Version || z < CheckpointMinZoom && e.base == s.Base
}

// NewCache returns a cache of at most size tiles.
func NewCache(size int) *Cache {
	return &Cache{size: size, order: list.New(), items: map[tileKey]*list.Element{}}
}

// Get returns the tile z/x/y of the source, rendering it on a miss; an empty tile is cached
// too, with nil Data.
func (c *Cache) Get(s *Source, z, x, y int) (Cached, error) {
	t, err := Tile(z, x, y)
	if err != nil {
		return Cached{}, err
	}
	key := tileKey{s.city.ID, z, x, y}
	c.mu.Lock()
	if e, ok := c.items[key]; ok && e.Value.(*cacheEntry).fresh(s, z) {
		c.order.MoveToFront(e)
		v := e.Value.(*cacheEntry).val
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	data, err := s.Render(t)
	if err != nil && err != ErrEmpty {
		return Cached{}, err
	}
	v := Cached{Data: data}
	if data != nil {
		sum := sha256.Sum256(data)
		v.ETag = `"` + hex.EncodeToString(sum[:12]) + `"`
	}
	c.put(key, s.Version, s.Base, v)
	return v, nil
}

func (c *Cache) put(key tileKey, version, base uint64, v Cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		if ce := e.Value.(*cacheEntry); version >= ce.version {
			ce.version, ce.base, ce.val = version, base, v
		}
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key, version, base, v})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}

// Len returns the number of cached tiles.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
