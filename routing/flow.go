package routing

import (
	"cmp"
	"math"
	"slices"
)

// directions along which inertial flow sorts the vertices.
var directions = [][2]float64{{1, 0}, {0, 1}, {0.7071, 0.7071}, {0.7071, -0.7071}}

// separator returns a small set of vertices whose removal splits the (connected) part in two
// parts of similar size: over the directions, the smallest minimum vertex cut.
func (d *dissector) separator(part []int32) []int32 {
	d.mark(part)
	defer d.unmark(part)
	var best []int32
	bestScore := 0.0
	for _, dir := range directions {
		sorted := slices.Clone(part)
		key := func(v int32) float64 { return d.xy[v][0]*dir[0] + d.xy[v][1]*dir[1] }
		slices.SortFunc(sorted, func(a, b int32) int { return cmp.Compare(key(a), key(b)) })
		k := max(1, len(sorted)/3)
		sep, side := d.minCut(part, sorted[:k], sorted[len(sorted)-k:])
		// The smallest cut wins; of equal cuts, the more even split.
		score := float64(len(sep)) + 0.5*math.Abs(float64(2*side+len(sep)-len(part)))/float64(len(part))
		if best == nil || score < bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// network is a flow network with unit vertex capacities: vertex i of the part is split into
// in(i) = 2i and out(i) = 2i+1 joined by an arc of capacity 1.
type network struct {
	first       []int32
	next, to    []int32
	capacity    []int32
	level, iter []int32
	s, t        int32
}

const infCap = 1 << 30

func (f *network) arc(u, v int32, c int32) {
	for _, e := range [2][3]int32{{u, v, c}, {v, u, 0}} {
		f.to = append(f.to, e[1])
		f.capacity = append(f.capacity, e[2])
		f.next = append(f.next, f.first[e[0]])
		f.first[e[0]] = int32(len(f.to) - 1)
	}
}

// minCut returns a minimum vertex cut between sources and sinks in the part (whose vertices
// are marked in d.local) and the number of vertices on the sources' side of it.
func (d *dissector) minCut(part, sources, sinks []int32) (cut []int32, sourceSide int) {
	m := int32(len(part))
	f := &network{first: make([]int32, 2*m+2), s: 2 * m, t: 2*m + 1}
	for i := range f.first {
		f.first[i] = -1
	}
	for i, v := range part {
		in, out := 2*int32(i), 2*int32(i)+1
		f.arc(in, out, 1)
		for _, w := range d.nb[v] {
			if j := d.local[w]; j >= 0 {
				f.arc(out, 2*j, infCap)
			}
		}
	}
	for _, v := range sources {
		f.arc(f.s, 2*d.local[v], infCap)
	}
	for _, v := range sinks {
		f.arc(2*d.local[v]+1, f.t, infCap)
	}
	f.maxFlow()
	reach := f.reachable()
	for i, v := range part {
		switch {
		case reach[2*i] && !reach[2*i+1]:
			cut = append(cut, v)
		case reach[2*i+1]:
			sourceSide++
		}
	}
	return cut, sourceSide
}

// maxFlow runs Dinic's algorithm.
func (f *network) maxFlow() {
	n := len(f.first)
	f.level, f.iter = make([]int32, n), make([]int32, n)
	for f.bfs() {
		copy(f.iter, f.first)
		for f.dfs(f.s, infCap) > 0 {
		}
	}
}

func (f *network) bfs() bool {
	for i := range f.level {
		f.level[i] = -1
	}
	f.level[f.s] = 0
	queue := []int32{f.s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for e := f.first[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.capacity[e] > 0 && f.level[v] < 0 {
				f.level[v] = f.level[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return f.level[f.t] >= 0
}

func (f *network) dfs(u, limit int32) int32 {
	if u == f.t {
		return limit
	}
	for ; f.iter[u] >= 0; f.iter[u] = f.next[f.iter[u]] {
		e := f.iter[u]
		v := f.to[e]
		if f.capacity[e] <= 0 || f.level[v] != f.level[u]+1 {
			continue
		}
		if got := f.dfs(v, min(limit, f.capacity[e])); got > 0 {
			f.capacity[e] -= got
			f.capacity[e^1] += got
			return got
		}
	}
	return 0
}

// reachable marks the nodes reachable from the source in the residual network.
func (f *network) reachable() []bool {
	seen := make([]bool, len(f.first))
	seen[f.s] = true
	stack := []int32{f.s}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for e := f.first[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.capacity[e] > 0 && !seen[v] {
				seen[v] = true
				stack = append(stack, v)
			}
		}
	}
	return seen
}
