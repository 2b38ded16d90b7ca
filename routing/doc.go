// Package routing is chot's road graph and shortest paths: a compact graph built from a
// city's roads layer (junctions where ways share a vertex, one-way streets, turn
// restrictions), profiles that turn roads into travel times, a plain Dijkstra kept as the
// reference, and Customizable Contraction Hierarchies (CCH) for fast queries whose answers
// equal the reference's, with closures applied by re-customization.
package routing
