package block

import (
	"regexp"
	"strconv"
	"strings"
)

// lines finds the line of each key in a block's TOML source, so that an
// error can point at the key it concerns. Sections are named by their dotted
// path; the n-th table of an array of tables is "name#n" (from 0), and an
// inline table is a section of its own: "compute", "card#1.compute".
type lines struct {
	keys    map[string]map[string]int // section → key → line (first occurrence)
	headers map[string]int            // section → line of its [header]
}

var (
	bareOrQuoted = `(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`
	keyRe        = regexp.MustCompile(`^\s*(` + bareOrQuoted + `(?:\s*\.\s*` + bareOrQuoted + `)*)\s*=`)
	arrayHeadRe  = regexp.MustCompile(`^\s*\[\[\s*(.+?)\s*\]\]`)
	tableHeadRe  = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]`)
	keyPartRe    = regexp.MustCompile(bareOrQuoted)
	inlineKeyRe  = regexp.MustCompile(`(?:^|[{,])\s*(` + bareOrQuoted + `)\s*=`)
)

// indexLines scans src. It is forgiving: the TOML parser reports syntax
// errors, this only needs to find keys in source that parses.
func indexLines(src string) *lines {
	l := &lines{keys: map[string]map[string]int{}, headers: map[string]int{}}
	section := ""
	counts := map[string]int{}
	var inline []string // sections of inline tables still open, innermost last
	depth := 0          // open [ of multi-line arrays
	multi := ""         // closing quotes of an open multi-line string
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if multi != "" {
			if strings.Contains(line, multi) {
				multi = ""
			}
			continue
		}
		cur := section
		if len(inline) > 0 {
			cur = inline[len(inline)-1]
		}
		if depth == 0 && len(inline) == 0 {
			if m := arrayHeadRe.FindStringSubmatch(line); m != nil && len(splitKey(m[1])) > 0 {
				name := strings.Join(splitKey(m[1]), ".")
				section = name + "#" + strconv.Itoa(counts[name])
				counts[name]++
				l.headers[section] = n
				continue
			}
			if m := tableHeadRe.FindStringSubmatch(line); m != nil && !strings.Contains(line, "=") && len(splitKey(m[1])) > 0 {
				section = l.resolve(splitKey(m[1]), counts)
				l.headers[section] = n
				continue
			}
		}
		rest := line
		if depth == 0 {
			if m := keyRe.FindStringSubmatch(line); m != nil {
				parts := splitKey(m[1])
				sec := cur
				for _, p := range parts[:len(parts)-1] {
					l.add(sec, p, n)
					sec = join(sec, p)
				}
				key := parts[len(parts)-1]
				l.add(sec, key, n)
				rest = line[len(m[0]):]
				// An inline table opened on this line holds keys of its own.
				if t := strings.TrimSpace(rest); strings.HasPrefix(t, "{") {
					inline = append(inline, join(sec, key))
					rest = t[1:]
					l.inlineKeys(inline[len(inline)-1], rest, n)
				}
			} else if len(inline) > 0 {
				l.inlineKeys(cur, line, n)
			}
		}
		// Track what stays open past this line.
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q)%2 == 1 {
				multi = q
			}
		}
		code := stripStrings(rest)
		depth += strings.Count(code, "[") - strings.Count(code, "]")
		if depth < 0 {
			depth = 0
		}
		for range strings.Count(code, "}") {
			if len(inline) > 0 {
				inline = inline[:len(inline)-1]
			}
		}
	}
	return l
}

// inlineKeys records the keys written inside an inline table on one line.
func (l *lines) inlineKeys(section, text string, n int) {
	for _, m := range inlineKeyRe.FindAllStringSubmatch(text, -1) {
		l.add(section, splitKey(m[1])[0], n)
	}
}

// resolve names a [table] header inside the latest array-of-tables entry it
// belongs to: [card.compute] after the second [[card]] is "card#1.compute".
func (l *lines) resolve(parts []string, counts map[string]int) string {
	if c := counts[parts[0]]; c > 0 {
		return parts[0] + "#" + strconv.Itoa(c-1) + "." + strings.Join(parts[1:], ".")
	}
	return strings.Join(parts, ".")
}

func (l *lines) add(section, key string, n int) {
	m := l.keys[section]
	if m == nil {
		m = map[string]int{}
		l.keys[section] = m
	}
	if _, ok := m[key]; !ok {
		m[key] = n
	}
}

// line returns the line of a key path such as ["sort"], ["compute",
// "avg_likes"] or ["card#1", "value"]. When the key itself is not written
// (a missing key, or one inside a value), the nearest written ancestor is
// used: its key line, or its section header. Zero means unknown.
func (l *lines) line(path ...string) int {
	for len(path) > 0 {
		section := strings.Join(path[:len(path)-1], ".")
		if n, ok := l.keys[section][path[len(path)-1]]; ok {
			return n
		}
		if n, ok := l.headers[strings.Join(path, ".")]; ok {
			return n
		}
		path = path[:len(path)-1]
	}
	return 0
}

// count returns how many tables of the array name the source writes.
func (l *lines) count(name string) int {
	n := 0
	for {
		if _, ok := l.headers[name+"#"+strconv.Itoa(n)]; !ok {
			return n
		}
		n++
	}
}

func join(section, key string) string {
	if section == "" {
		return key
	}
	return section + "." + key
}

// splitKey splits a dotted TOML key and unquotes its parts.
func splitKey(s string) []string {
	var out []string
	for _, p := range keyPartRe.FindAllString(s, -1) {
		switch {
		case strings.HasPrefix(p, `"`):
			if u, err := strconv.Unquote(p); err == nil {
				p = u
			}
		case strings.HasPrefix(p, `'`):
			p = strings.Trim(p, `'`)
		}
		out = append(out, p)
	}
	return out
}

// stripStrings removes string literals and a trailing comment from a line of
// TOML, leaving the brackets that structure it.
func stripStrings(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return b.String()
		case '"', '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
