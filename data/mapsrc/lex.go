// Package mapsrc compiles the hand-written map sources (data/src/*.map, described in
// data/src/FORMAT.md) into the GeoJSON layers of a city folder.
package mapsrc

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// statement is one logical line of a source: its keyword, positional arguments, key=value
// attributes and, for roads, the points after the colon.
type statement struct {
	line   int
	word   string
	args   []string
	attrs  map[string]string
	points []string
}

// lex splits a source into statements, joining continuation lines.
func lex(r io.Reader) ([]statement, error) {
	var out []statement
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	var cur *statement
	for sc.Scan() {
		n++
		raw := sc.Text()
		toks, err := tokens(raw)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		if len(toks) == 0 {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if cur == nil {
				return nil, fmt.Errorf("line %d: continuation line with nothing to continue", n)
			}
			if err := cur.add(toks); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			continue
		}
		out = append(out, statement{line: n, word: toks[0], attrs: map[string]string{}})
		cur = &out[len(out)-1]
		if err := cur.add(toks[1:]); err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
	}
	return out, sc.Err()
}

// add appends tokens to the statement: after a ":" they are points, key=value are attributes,
// anything else a positional argument.
func (s *statement) add(toks []string) error {
	for _, t := range toks {
		switch {
		case t == ":":
			if s.points != nil {
				return fmt.Errorf("second ':'")
			}
			s.points = []string{}
		case s.points != nil:
			s.points = append(s.points, t)
		case strings.Contains(t, "=") && !strings.HasPrefix(t, "\""):
			k, v, _ := strings.Cut(t, "=")
			if _, dup := s.attrs[k]; dup {
				return fmt.Errorf("%s given twice", k)
			}
			s.attrs[k] = unquote(v)
		default:
			s.args = append(s.args, unquote(t))
		}
	}
	return nil
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// tokens splits a line at whitespace, keeping double-quoted text (and key="quoted text")
// whole and dropping a # comment.
func tokens(line string) ([]string, error) {
	var out []string
	var b strings.Builder
	quoted, in := false, false
	flush := func() {
		if in {
			out = append(out, b.String())
			b.Reset()
			in = false
		}
	}
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
			in = true
		case quoted:
			b.WriteRune(r)
		case r == '#':
			flush()
			return out, nil
		case r == ' ' || r == '\t' || r == '\r':
			flush()
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unclosed quote")
	}
	flush()
	return out, nil
}
