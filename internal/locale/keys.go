package locale

import (
	"maps"
	"slices"
)

// Key names a word. Every table has a word for every key (the language test
// checks it), so a lookup never fails.
type Key uint16

// The theme's words, named in templates as {{.T "toc"}}: see Named.
const (
	TOC Key = iota
	PrevEdition
	NextEdition
	Latest
	Archive
	AllEditions
	ReadMore
	BuiltOn
	NotFound
	NotFoundText
	Home
	Skip
	Edition
	Menu
	Published
	NoEditions
	Search
	SearchPlaceholder
	SearchResults // {n}: the number of pages
	SearchMore    // {n}
	SearchNone
	SearchUnavailable
	EntityLatest // %s: the edition, %d: the rank
	EntityEditions
	EntityRank // %d
	EntityMentions

	// Dates, as Go time layouts.
	DateLayout         // a day, in the footer
	MonthLayout        // a month: table cells and monthly time axes
	EditionTitleLayout // the title new edition gives a monthly edition

	// Blocks: tables, charts and KPI cards.
	ShowData
	DownloadCSV
	RankHeader
	MoveHeader
	New // a row new in this edition, in the move column
	PreviousSuffix
	YearSuffix
	PlanSuffix
	CurrentSuffix
	VsPrevious
	VsYear
	VsPlan
	OfPlan     // %s: a percentage
	CountOf    // %s: the counted column
	NoPrevious // the first edition
	NoPreviousData
	NoPreviousShort
	NoPreviousDataShort
	NoYear
	NoYearData
	NoYearShort
	NoYearDataShort
	DroppedPrevious
	DroppedYear
	WasPrevious // %d: the rank in the previous edition
	WasYear     // %d
	RankNow     // %d
	NotNow
	OpenParen
	CloseParen
	Comma
	Colon
	Semicolon
	FullStop

	// Values in sentences.
	Rose
	Fell
	WasUnchanged // a value's | word for no change
	Unchanged    // {rose|fell} for no change

	// Markdown.
	TaskDone
	TaskToDo

	// Number formats.
	PercentPoints

	// Chart descriptions (the aria text and the screen reader's summary).
	ChartBar
	ChartHBar
	ChartLine
	ChartArea
	ChartPie
	ChartDonut
	ChartScatter
	ChartBubble
	ChartFunnel
	ChartWaterfall
	ChartHeatmap
	ChartTreemap
	ChartRadar
	ChartCombo
	AndMore    // %d: the number of items
	SeriesOne  // %d
	SeriesMany // %d
	PointOne   // %d
	PointMany  // %d
	XIs
	YIs
	SizeIs
	NoData
	StatAvg
	StatMedian
	StatMin
	StatMax
	Reference
	StepsStart
	StepsEnd
	OfFirst
	Steps
	Facet // %s: the column charts are split by
	Indicators
	Cells

	// Entity pages.
	EntitySummary // %s: the edition, %d: the rank
	HistoryEdition
	HistoryRank

	// Sortable tables (sort.js): {col} the column, {dir} the direction.
	SortAscending
	SortDescending
	SortedBy // {col}, {dir}
	SortBy   // {col}

	// New edition: a section left to write.
	Placeholder

	keyCount
)

// themeNames are the names templates use for the theme's words.
var themeNames = map[string]Key{
	"toc": TOC, "prev_edition": PrevEdition, "next_edition": NextEdition, "latest": Latest,
	"archive": Archive, "all_editions": AllEditions, "read_more": ReadMore, "built_on": BuiltOn,
	"not_found": NotFound, "not_found_p": NotFoundText, "home": Home, "skip": Skip,
	"edition": Edition, "menu": Menu, "published": Published, "no_editions": NoEditions,
	"search": Search, "search_placeholder": SearchPlaceholder, "search_results": SearchResults,
	"search_more": SearchMore, "search_none": SearchNone, "search_unavailable": SearchUnavailable,
	"entity_latest": EntityLatest, "entity_editions": EntityEditions, "entity_rank": EntityRank,
	"entity_mentions": EntityMentions,
}

// Named returns the theme word a template names ("toc", "all_editions").
func Named(name string) (Key, bool) {
	k, ok := themeNames[name]
	return k, ok
}

// ThemeNames lists the names templates may use, for messages and docs.
func ThemeNames() []string { return slices.Sorted(maps.Keys(themeNames)) }
