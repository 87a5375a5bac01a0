package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

// rowNames tells the rows of a queried table in a message the way an author
// can find them: by the file lines they come from, or, for grouped rows,
// by their group values and the file lines that fed each group. A grouped
// row's position is in no file.
type rowNames struct {
	t     *dataset.Table
	group []string
	// src and spec made t; the lines that fed each group are found from
	// them only when a message needs them.
	src  *dataset.Table
	spec query.Spec
	// fed maps a group's values (as keyText writes them) to the lines of
	// the rows it was made from.
	fed map[string][]int
}

// newRowNames names the rows of t, the result of spec over src.
func newRowNames(src, t *dataset.Table, spec query.Spec) *rowNames {
	return &rowNames{t: t, group: spec.Group, src: src, spec: spec}
}

// fedLines finds, once, the lines of the rows that went into each group:
// the same filter and computed columns, before grouping (their lines are
// kept).
func (n *rowNames) fedLines() map[string][]int {
	if n.fed != nil {
		return n.fed
	}
	n.fed = map[string][]int{}
	pre, err := query.Run(n.src, query.Spec{Where: n.spec.Where, Compute: n.spec.Compute})
	if err != nil || pre.Line == nil {
		return n.fed
	}
	text := keyText(pre, n.group)
	for i := range pre.Len() {
		k := text(i)
		n.fed[k] = append(n.fed[k], pre.Line[i])
	}
	return n.fed
}

// grouped reports whether the rows are groups.
func (n *rowNames) grouped() bool { return len(n.group) > 0 }

// pair names two rows with the same key: `on lines 2 and 5`, or for groups
// `in the groups bank = A, region = North (from line 2) and …`.
func (n *rowNames) pair(i, j int) string {
	if n.grouped() {
		return fmt.Sprintf("in the groups %s and %s", n.groupOf(i), n.groupOf(j))
	}
	if line, ok := n.line(i); ok {
		other, _ := n.line(j)
		return fmt.Sprintf("on lines %d and %d", line, other)
	}
	return fmt.Sprintf("on rows %d and %d", i+1, j+1)
}

// one names one row: `line 7`, `row 4`, or `the group bank = (empty) (from
// lines 6 and 7)`.
func (n *rowNames) one(i int) string {
	if n.grouped() {
		return "the group " + n.groupOf(i)
	}
	if line, ok := n.line(i); ok {
		return "line " + strconv.Itoa(line)
	}
	return "row " + strconv.Itoa(i+1)
}

// line is row i's line in its file, when the table knows it.
func (n *rowNames) line(i int) (int, bool) {
	if i < len(n.t.Line) && n.t.Line[i] > 0 {
		return n.t.Line[i], true
	}
	return 0, false
}

// groupOf writes grouped row i's group values and the lines that fed it.
func (n *rowNames) groupOf(i int) string {
	parts := make([]string, len(n.group))
	for j, g := range n.group {
		v := "(empty)"
		if c := n.t.Column(g); c != nil && !c.IsNull(i) {
			v = c.Text(i)
		}
		parts[j] = g + " = " + v
	}
	s := strings.Join(parts, ", ")
	if lines := n.fedLines()[keyText(n.t, n.group)(i)]; len(lines) > 0 {
		s += " (from " + lineList(lines) + ")"
	}
	return s
}

// lineList writes "line 4", "lines 2 and 5", "lines 2, 5, 7 and 4 more".
func lineList(lines []int) string {
	if len(lines) == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	shown := lines[:min(len(lines), 3)]
	words := make([]string, len(shown))
	for i, l := range shown {
		words[i] = strconv.Itoa(l)
	}
	if rest := len(lines) - len(shown); rest > 0 {
		return "lines " + strings.Join(words, ", ") + " and " + strconv.Itoa(rest) + " more"
	}
	return "lines " + strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// keyHint suggests the fix for a key that is not unique: for grouped rows,
// comparing on every group column when two groups share the key, else
// filling in (or leaving out) the rows with no key value.
func (n *rowNames) keyHint(twice bool, missing string) string {
	switch {
	case n.grouped() && twice:
		return fmt.Sprintf("compare grouped rows on every group column: key = %s", tomlList(n.group))
	case n.grouped():
		return fmt.Sprintf(`fill in %s on those lines, or leave them out with where = "%s != nil"`, missing, missing)
	}
	return "each row needs its own key value to be compared across editions"
}

// tomlList writes names as a TOML array: ["bank", "region"].
func tomlList(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
