package geo

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
)

// Drivable reports whether cars may use a road of the highway class.
func Drivable(highway string) bool { return highway != "pedestrian" }

// Components returns the connected components of the road network, where ways connect only
// at shared vertices, as lists of road ids, largest first. One component means connected.
func Components(roads []Road) [][]string {
	vertex := map[orb.Point]int{}
	parent := []int{}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	first := make([]int, len(roads))
	for i, r := range roads {
		for j, p := range r.Line {
			v, ok := vertex[p]
			if !ok {
				v = len(parent)
				vertex[p] = v
				parent = append(parent, v)
			}
			if j == 0 {
				first[i] = v
			} else if a, b := find(first[i]), find(v); a != b {
				parent[a] = b
			}
		}
	}
	groups := map[int][]string{}
	for i, r := range roads {
		root := find(first[i])
		groups[root] = append(groups[root], r.ID)
	}
	return sortedGroups(groups)
}

func sortedGroups[K comparable](groups map[K][]string) [][]string {
	out := make([][]string, 0, len(groups))
	for _, g := range groups {
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a[0], b[0]))
	})
	return out
}

// StrongComponents returns the strongly connected components of the drivable network
// (one-way roads driven only their way) as lists of the road ids whose vertices they hold,
// largest first. A road whose vertices fall in two components is listed in both: that is the
// road that traps traffic. One component means every junction reaches every other.
func StrongComponents(roads []Road) [][]string {
	vertex := map[orb.Point]int32{}
	var adj [][]int32
	id := func(p orb.Point) int32 {
		v, ok := vertex[p]
		if !ok {
			v = int32(len(adj))
			vertex[p] = v
			adj = append(adj, nil)
		}
		return v
	}
	for _, r := range roads {
		if !Drivable(r.Highway) {
			continue
		}
		for j := 1; j < len(r.Line); j++ {
			a, b := id(r.Line[j-1]), id(r.Line[j])
			if r.Oneway != OnewayBackward {
				adj[a] = append(adj[a], b)
			}
			if r.Oneway != OnewayForward {
				adj[b] = append(adj[b], a)
			}
		}
	}
	comp := tarjan(adj)
	groups := map[int32][]string{}
	for _, r := range roads {
		if !Drivable(r.Highway) {
			continue
		}
		seen := map[int32]bool{}
		for _, p := range r.Line {
			c := comp[vertex[p]]
			if !seen[c] {
				seen[c] = true
				groups[c] = append(groups[c], r.ID)
			}
		}
	}
	return sortedGroups(groups)
}

// tarjan returns the strongly connected component of every vertex (iterative Tarjan).
func tarjan(adj [][]int32) []int32 {
	n := len(adj)
	index, low, comp := make([]int32, n), make([]int32, n), make([]int32, n)
	for i := range index {
		index[i], comp[i] = -1, -1
	}
	var stack []int32
	onStack := make([]bool, n)
	type frame struct{ v, next int32 }
	var next, ncomp int32
	for s := 0; s < n; s++ {
		if index[s] >= 0 {
			continue
		}
		call := []frame{{int32(s), 0}}
		index[s], low[s] = next, next
		next++
		stack = append(stack, int32(s))
		onStack[s] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if int(f.next) < len(adj[f.v]) {
				w := adj[f.v][f.next]
				f.next++
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				} else if onStack[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}
	return comp
}
