// Package limits holds the bounds Broadsheet puts on what it reads, each
// defined once, and the checks that must run before a decoder sees its
// input. docs/reference.md ("Limits") lists every one with its message.
package limits

import "time"

// TOMLDepth is the deepest nesting a TOML document may have. A site's own
// TOML never needs more than a handful of levels; the bound keeps a hostile
// file from exhausting the decoder's stack.
const TOMLDepth = 64

// Workbook (.xlsx) limits. A workbook is a zip of XML parts; these bound
// what reading one can cost, whatever its size on disk.
const (
	// XLSXExpandedBytes bounds the size of all of a workbook's parts once
	// unzipped. They are held in memory, never in temporary files.
	XLSXExpandedBytes = 128 << 20
	// XLSXCells bounds the cells of one worksheet: the XLSX library holds a
	// decoded sheet in memory at about 0.85 KB a cell before it can be read.
	XLSXCells = 1_000_000
	// XLSXUnnumberedRows bounds the rows of one worksheet written without
	// a row number (r=); Excel numbers every row, and the XLSX library
	// takes time growing with the square of the unnumbered ones.
	XLSXUnnumberedRows = 20_000
	// XLSXCellChars is Excel's own limit on the characters of one cell.
	XLSXCellChars = 32_767
	// XLSXTime bounds the time spent turning one sheet's cells into a table.
	XLSXTime = 60 * time.Second
)

// MarkdownNesting bounds the blockquotes and lists a markdown line may
// open: the parser takes time growing with the square of that depth.
const MarkdownNesting = 64

// ChartPoints bounds the points one chart draws (rows times y columns):
// each costs about 100 bytes of page, so a million made a 95 MB page.
const ChartPoints = 50_000

// Chart heights in px: a block's height and [charts] height lie between
// MinChartHeight and MaxChartHeight; DefaultChartHeight is the height when
// neither sets one.
const (
	MinChartHeight     = 120
	MaxChartHeight     = 2000
	DefaultChartHeight = 420
)
