package dataset

import "strings"

// percentFormats are the number formats of a column written as
// percentages, by the most decimals a cell has: "21%", "21.5%", "21.55%".
var percentFormats = [...]string{"0%", "0.0%", "0.00%"}

// percentCells follows whether every number of a column was written as a
// percentage, and with how many decimals at most.
type percentCells struct {
	seen, other bool
	decimals    int
}

// note records the text of a cell read as a number.
func (p *percentCells) note(s string) {
	if p.other {
		return
	}
	num, ok := strings.CutSuffix(s, "%")
	if !ok {
		p.other = true
		return
	}
	p.seen = true
	if _, frac, ok := strings.Cut(strings.TrimSpace(num), "."); ok {
		p.decimals = max(p.decimals, len(frac))
	}
}

// format is the column's number format: a percent format when every
// number was written as a percentage, else "".
func (p *percentCells) format() string {
	if !p.seen || p.other {
		return ""
	}
	return percentFormats[min(p.decimals, len(percentFormats)-1)]
}
