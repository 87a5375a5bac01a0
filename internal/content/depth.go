package content

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// MaxDepth is how many levels folders nest under content/. Every level
// lengthens the output paths, which the system limits (4,096 bytes on
// Linux), and no report needs more.
const MaxDepth = 32

// tooDeep reports whether the folder p (site-relative) is nested deeper
// than MaxDepth under content/.
func tooDeep(p string) bool { return strings.Count(p, "/") > MaxDepth }

// deepError is the error at the first folder past the limit, so that its
// position stays short.
func deepError(p string) *diag.Error {
	return &diag.Error{Pos: diag.Pos{File: p}, Msg: fmt.Sprintf("folder nested deeper than %d levels under %s/", MaxDepth, Dir),
		Hint: "move its pages up; every level lengthens the output paths"}
}
