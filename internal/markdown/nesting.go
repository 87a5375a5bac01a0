package markdown

import (
	"bytes"
	"fmt"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
)

// checkNesting reports the first line of body that opens more blockquotes
// and list items than limits.MarkdownNesting, before the parser sees it.
func checkNesting(file string, body []byte, bodyLine int) *diag.Error {
	for n := 0; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		if containerMarkers(line) > limits.MarkdownNesting {
			return &diag.Error{Pos: diag.Pos{File: file, Line: bodyLine + n},
				Msg:  fmt.Sprintf("blockquotes and lists nested deeper than %d levels on one line", limits.MarkdownNesting),
				Hint: "a page does not need that many; write the text without so many > or list markers"}
		}
	}
	return nil
}

// containerMarkers counts the > and list markers (-, *, + or a number and
// . or ) followed by a space) that open a line. A line of only dashes,
// asterisks or underscores and spaces is a thematic break, not lists.
func containerMarkers(line []byte) int {
	if isBreak(line) {
		return 0
	}
	n := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			n++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			n++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				n++
				i = j + 1
				continue
			}
			return n
		default:
			return n
		}
	}
	return n
}

func isBreak(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) > 0 && len(bytes.Trim(t, "-*_ \t")) == 0
}
