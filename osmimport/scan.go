package osmimport

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
)

// pass is one read of the file. The filters decide which elements reach the handlers; a nil
// filter skips that element type. PBF filters run concurrently in the decoders, so they must
// only read shared state (atomic counters aside).
type pass struct {
	phase      string
	filterNode func(*osm.Node) bool
	filterWay  func(*osm.Way) bool
	filterRel  func(*osm.Relation) bool
	handle     func(osm.Object)
}

// accept applies the filters, for decoders (XML) that have none of their own.
func (p *pass) accept(o osm.Object) bool {
	switch o := o.(type) {
	case *osm.Node:
		return p.filterNode != nil && p.filterNode(o)
	case *osm.Way:
		return p.filterWay != nil && p.filterWay(o)
	case *osm.Relation:
		return p.filterRel != nil && p.filterRel(o)
	}
	return false
}

// scan reads the whole file once, handing the accepted elements to p.handle in file order.
func (im *importer) scan(ctx context.Context, p pass) error {
	f, err := os.Open(im.path)
	if err != nil {
		return fmt.Errorf("osmimport: %w", err)
	}
	defer f.Close()
	m := &meter{fn: im.opt.Progress, phase: p.phase, total: im.size, step: max(im.size/100, 1)}
	r := bufio.NewReaderSize(&reader{ctx: ctx, r: f, m: m}, 1<<16)
	var s osm.Scanner
	if im.pbf {
		ps := osmpbf.New(ctx, r, runtime.GOMAXPROCS(0))
		ps.SkipNodes, ps.FilterNode = p.filterNode == nil, p.filterNode
		ps.SkipWays, ps.FilterWay = p.filterWay == nil, p.filterWay
		ps.SkipRelations, ps.FilterRelation = p.filterRel == nil, p.filterRel
		s = ps
	} else {
		s = osmxml.New(ctx, r)
	}
	defer s.Close()
	for s.Scan() {
		if o := s.Object(); im.pbf || p.accept(o) {
			p.handle(o)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.Err(); err != nil {
		return fmt.Errorf("osmimport: read %s: %w", filepath.Base(im.path), err)
	}
	m.end()
	return nil
}

// reader counts the bytes read for the progress meter and stops reading once ctx is done
// (the PBF decoder otherwise reads on to the end of the file after a cancellation).
type reader struct {
	ctx context.Context
	r   io.Reader
	m   *meter
}

func (r *reader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := r.r.Read(p)
	r.m.add(n)
	return n, err
}

// meter calls the progress function every step bytes and once at the end of the phase.
type meter struct {
	mu                      sync.Mutex
	fn                      func(Progress)
	phase                   string
	done, total, step, next int64
	ended                   bool
}

func (m *meter) add(n int) {
	if m.fn == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done += int64(n)
	if m.ended || m.done < m.next || m.done >= m.total {
		return // the end of the phase is reported by end
	}
	m.next = m.done + m.step
	m.fn(Progress{Phase: m.phase, Done: m.done, Total: m.total})
}

func (m *meter) end() {
	if m.fn == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ended = true
	m.fn(Progress{Phase: m.phase, Done: m.total, Total: m.total})
}
